/**
 * What search needs of each record, kept in `.dossier/cache/search.bin` by the record's content hash: its
 * searchable text (folded fields and body), its folded names and the folded label hits are ranked by. A search
 * then reads no body and parses no fields but its hits'. Like the record cache: safe to delete, rebuilt when
 * damaged or when dossier changes, never written outside `.dossier/`.
 *
 * No text is decoded to search it: each word is looked for in the UTF-8 bytes of all texts at once
 * (Buffer.indexOf), and each match is given to its record by the byte end offsets. For well-formed text that
 * finds exactly what String.indexOf finds in each record's text; texts that are not well-formed (a lone
 * surrogate from a YAML escape) are never stored, so those records are searched as text every time.
 *
 * The file (see framed-file.ts):
 *   core: header (files) · content hashes (40 hex digits each) · Float64 byte ends of the texts, names, labels
 *   lazy: texts · names · labels (UTF-8)
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { StoreRecord } from '../core/record.js';
import type { SearchEntry, SearchIndex, SearchMatch } from '../core/search.js';
import { CACHE_DIR, cacheKey } from './cache.js';
import { FILE_SEPARATOR } from './cache-pack.js';
import { countJoined, float64At, frame, readFramed, type Framed } from './framed-file.js';
import { writeFileAtomic } from './write.js';

const FILE = 'cache/search.bin';
const OLD_FILE = 'cache/search.json';
const MAGIC = 'DOSSIERS';
const FORMAT = 2;
const HASH_HEX = 40;
const PARTS = ['text', 'names', 'label'] as const;
type Part = (typeof PARTS)[number];

interface Header {
  format: number;
  key: string;
  /** The files, joined by FILE_SEPARATOR. */
  files: string;
}

interface Stored {
  files: string[];
  /** file -> index, made on first use (indexOfFile): only when records are asked for out of order. */
  byName?: Map<string, number>;
  /** Every entry's hash, 40 hex digits each. */
  hashes: string;
  ends: Record<Part, Float64Array>;
  blob(part: Part): Buffer | undefined;
}

function decode(framed: Framed | undefined): Stored | undefined {
  const header = framed?.header as Header | null | undefined;
  if (!framed || !header || header.format !== FORMAT || header.key !== cacheKey() || typeof header.files !== 'string') return undefined;
  const n = framed.count;
  if (countJoined(header.files, FILE_SEPARATOR) !== n) return undefined;
  const { body } = framed;
  if (body.length !== n * (HASH_HEX + 8 * PARTS.length)) return undefined;
  const hashes = body.toString('latin1', 0, n * HASH_HEX);
  const ends = Object.fromEntries(PARTS.map((part, k) => [part, float64At(body, n * (HASH_HEX + 8 * k), n)])) as Record<Part, Float64Array>;
  const blob = (part: Part) => {
    const bytes = framed.section(PARTS.indexOf(part));
    // Trusted only when exactly as long as its offsets say.
    return bytes && bytes.length === (n ? ends[part][n - 1]! : 0) ? bytes : undefined;
  };
  return { files: header.files === '' ? [] : header.files.split(FILE_SEPARATOR), hashes, ends, blob };
}

/** The stored entry of `file`, by name. */
function indexOfFile(old: Stored, file: string): number | undefined {
  old.byName ??= new Map(old.files.map((f, k) => [f, k]));
  return old.byName.get(file);
}

/**
 * Occurrences of `needle` in each entry of `blob` (entry i ends at byte ends[i]), counted as String.indexOf
 * counts them in that entry alone: without overlaps, and never across the end of an entry.
 */
export function countPerEntry(blob: Buffer, ends: Float64Array, needle: Buffer): Int32Array {
  const counts = new Int32Array(ends.length);
  let entry = 0;
  let at = blob.indexOf(needle);
  while (at !== -1) {
    while (ends[entry]! <= at) entry++;
    const end = ends[entry]!;
    if (at + needle.length <= end) {
      counts[entry]!++;
      at = blob.indexOf(needle, at + needle.length);
    } else {
      // Runs into the next entry: no match in this one can start later without doing the same.
      at = blob.indexOf(needle, end);
    }
  }
  return counts;
}

/** No lone surrogate: its UTF-8 bytes stand for exactly its characters. */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

/** For one query: each word's occurrences per entry in the texts, and whether the names hold it. */
interface Matches {
  words: string;
  text: Int32Array[];
  names: Int32Array[];
  labels: Buffer;
}

export class SearchTextCache implements SearchIndex {
  /** Entries made this run: file -> [content hash (hex), entry]. */
  private readonly learned = new Map<string, [string, SearchEntry]>();
  /** Stored entries found out of date this run (their records changed). */
  private readonly stale = new Set<string>();
  /** Where the next record is expected: records come in store order. */
  private cursor = 0;
  /** The candidates' entries by file, when every stored entry is known current (see candidates). */
  private current: Map<string, number> | undefined;
  private matches: Matches | undefined;

  private constructor(
    private readonly root: string,
    private readonly old: Stored | undefined,
  ) {}

  static open(root: string): SearchTextCache {
    let old: Stored | undefined;
    try {
      old = decode(readFramed(MAGIC, path.join(root, CACHE_DIR, FILE)));
    } catch {
      // Missing or unreadable: rebuild.
    }
    return new SearchTextCache(root, old);
  }

  /** Whether the stored entries are `files`, in that order; compared once (a search asks twice: candidates, save). */
  private stored: { files: readonly string[]; same: boolean } | undefined;

  private storedFor(files: readonly string[]): boolean {
    const old = this.old;
    if (this.stored?.files !== files) this.stored = { files, same: !!old && old.files.length === files.length && old.files.every((f, i) => f === files[i]) };
    return this.stored.same;
  }

  /** The stored entry of `record`, when it is stored for its content. */
  private entryOf(record: StoreRecord): number | undefined {
    const known = this.current?.get(record.file);
    if (known !== undefined) return known;
    const { file, contentHash: hash } = record;
    const old = this.old;
    if (!old || hash?.length !== HASH_HEX) return undefined;
    let i: number | undefined = this.cursor;
    if (old.files[i] !== file) {
      i = indexOfFile(old, file);
      if (i === undefined) return undefined;
    }
    this.cursor = i + 1;
    if (old.hashes.startsWith(hash, i * HASH_HEX)) return i;
    this.stale.add(file);
    return undefined;
  }

  /** Every word looked for in every stored text and name at once; undefined when the blobs cannot be read. */
  private matchesOf(words: readonly string[]): Matches | undefined {
    const key = words.join('\n');
    if (this.matches?.words === key) return this.matches;
    const old = this.old!;
    const text = old.blob('text');
    const names = old.blob('names');
    const labels = old.blob('label');
    if (!text || !names || !labels || !words.every(wellFormed)) return undefined;
    const needles = words.map((w) => Buffer.from(w, 'utf8'));
    this.matches = {
      words: key,
      text: needles.map((needle) => countPerEntry(text, old.ends.text, needle)),
      names: needles.map((needle) => countPerEntry(names, old.ends.names, needle)),
      labels,
    };
    return this.matches;
  }

  /**
   * The store positions that may hold every word: those whose entry holds them all, and those without a current
   * entry (their text is searched). `files` are the store's record files in order, `hashAt` their content hashes.
   * Undefined when every record may (no stored entries, or their texts cannot be read). A search then makes the
   * records of its candidates only.
   */
  candidates(files: readonly string[], hashAt: (i: number) => string | undefined, words: readonly string[], allHashes?: string): number[] | undefined {
    const old = this.old;
    const m = old && this.matchesOf(words);
    if (!old || !m) return undefined;
    const aligned = this.storedFor(files);
    // The same files with the same contents (`allHashes`, every record's hash at once): every entry is current,
    // and the candidates are the entries holding every word.
    if (aligned && allHashes !== undefined && allHashes === old.hashes) {
      const out: number[] = [];
      for (let i = 0; i < files.length; i++) if (m.text.every((perEntry) => perEntry[i]! > 0)) out.push(i);
      this.current = new Map(out.map((i) => [files[i]!, i]));
      return out;
    }
    const out: number[] = [];
    for (let i = 0; i < files.length; i++) {
      const k = aligned ? i : indexOfFile(old, files[i]!);
      const hash = hashAt(i);
      if (k === undefined || hash?.length !== HASH_HEX || !old.hashes.startsWith(hash, k * HASH_HEX) || m.text.every((perEntry) => perEntry[k]! > 0)) out.push(i);
    }
    return out;
  }

  match(record: StoreRecord, words: readonly string[]): SearchMatch | null | undefined {
    const i = this.entryOf(record);
    if (i === undefined) return undefined;
    const m = this.matchesOf(words);
    if (!m) return undefined;
    let count = 0;
    for (const perEntry of m.text) {
      const n = perEntry[i]!;
      if (n === 0) return null;
      count += n;
    }
    let nameHits = 0;
    for (const perEntry of m.names) if (perEntry[i]! > 0) nameHits++;
    return { count, nameHits, label: this.labelAt(i, m.labels) };
  }

  /** Every label decoded at once, and where each ends in characters: a hit's label is then a slice. */
  private labels: { text: string; ends: Int32Array } | undefined;

  /**
   * The label of entry `i`. Decoding the blob once and slicing it is the same as decoding each entry's bytes,
   * as every stored entry is well-formed UTF-8; 1,800 hits decoded one by one took ~9 ms.
   */
  private labelAt(i: number, blob: Buffer): string {
    if (!this.labels) {
      const byteEnds = this.old!.ends.label;
      const ends = new Int32Array(byteEnds.length);
      let chars = 0;
      let at = 0;
      for (let k = 0; k < byteEnds.length; k++) {
        // A character starts at every byte that does not continue one; four-byte ones are two UTF-16 units.
        for (const end = byteEnds[k]!; at < end; at++) {
          const b = blob[at]!;
          if ((b & 0xc0) !== 0x80) chars += b >= 0xf0 ? 2 : 1;
        }
        ends[k] = chars;
      }
      this.labels = { text: blob.toString('utf8'), ends };
    }
    const { text, ends } = this.labels;
    return text.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
  }

  learn(record: StoreRecord, entry: SearchEntry): void {
    const hash = record.contentHash;
    // Only well-formed text: its UTF-8 bytes are searched as the text itself would be.
    if (hash?.length !== HASH_HEX || !PARTS.every((part) => wellFormed(entry[part]))) return;
    this.learned.set(record.file, [hash, entry]);
  }

  /**
   * Write the entries of the store's `files` (in store order): those made this run, and the stored ones still
   * current. Nothing is written when nothing changed.
   */
  save(files: readonly string[]): void {
    const old = this.old;
    if (this.learned.size === 0 && this.stale.size === 0 && this.storedFor(files)) return;
    const blobs = old && { text: old.blob('text'), names: old.blob('names'), label: old.blob('label') };
    const kept = (file: string): number | undefined => {
      if (!old || !blobs?.text || !blobs.names || !blobs.label || this.stale.has(file)) return undefined;
      return indexOfFile(old, file);
    };
    const out: { file: string; hash: string; parts: Record<Part, Uint8Array> }[] = [];
    for (const file of files) {
      const made = this.learned.get(file);
      if (made) {
        out.push({ file, hash: made[0], parts: { text: Buffer.from(made[1].text, 'utf8'), names: Buffer.from(made[1].names, 'utf8'), label: Buffer.from(made[1].label, 'utf8') } });
        continue;
      }
      const i = kept(file);
      if (i === undefined) continue;
      const slice = (part: Part) => blobs![part]!.subarray(i === 0 ? 0 : old!.ends[part][i - 1], old!.ends[part][i]);
      out.push({ file, hash: old!.hashes.slice(i * HASH_HEX, (i + 1) * HASH_HEX), parts: { text: slice('text'), names: slice('names'), label: slice('label') } });
    }
    const endsOf = (part: Part) => {
      const ends = new Float64Array(out.length);
      let end = 0;
      out.forEach((e, i) => (ends[i] = end += e.parts[part].length));
      return Buffer.from(ends.buffer);
    };
    const bytes = frame(
      MAGIC,
      { format: FORMAT, key: cacheKey(), files: out.map((e) => e.file).join(FILE_SEPARATOR) } satisfies Header,
      out.length,
      [Buffer.from(out.map((e) => e.hash).join(''), 'latin1'), ...PARTS.map(endsOf)],
      PARTS.map((part) => out.map((e) => e.parts[part])),
    );
    try {
      mkdirSync(path.join(this.root, CACHE_DIR, 'cache'), { recursive: true });
      writeFileAtomic(path.join(this.root, CACHE_DIR, FILE), bytes, { sync: false });
      rmSync(path.join(this.root, CACHE_DIR, OLD_FILE), { force: true });
    } catch {
      // Read-only store: stays cold.
    }
  }
}
