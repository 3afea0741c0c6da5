/**
 * Searchable text of every record (folded fields and body), kept in `.dossier/cache/search.bin` and keyed by
 * each file's content hash, so a search need not read every body again. Like the record cache: safe to delete,
 * rebuilt when damaged or when dossier changes, never written outside `.dossier/`.
 *
 * The file (see framed-file.ts): a header with the files, then each entry's end offset in the text (Float64,
 * in UTF-16 code units), its content hash (40 hex digits) and the texts, one UTF-8 blob decoded with one call.
 * A search asks for the texts in store order, so an entry is found by position, and compared without copies.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { StoreRecord } from '../core/record.js';
import { CACHE_DIR, cacheKey } from './cache.js';
import { FILE_SEPARATOR } from './cache-pack.js';
import { countJoined, float64At, frame, readFramed, type Framed } from './framed-file.js';
import { writeFileAtomic } from './write.js';

const FILE = 'cache/search.bin';
const OLD_FILE = 'cache/search.json';
const MAGIC = 'DOSSIERS';
const HASH_HEX = 40;

interface Header {
  key: string;
  /** The files, joined by FILE_SEPARATOR. */
  files: string;
}

interface Stored {
  files: string[];
  /** file -> index, made on first use: only when records are asked for out of order. */
  byName?: Map<string, number>;
  ends: Float64Array;
  /** Every entry's hash, 40 hex digits each. */
  hashes: string;
  text: string;
}

function decode(framed: Framed | undefined): Stored | undefined {
  const header = framed?.header as Header | null | undefined;
  if (!framed || !header || header.key !== cacheKey() || typeof header.files !== 'string' || countJoined(header.files, FILE_SEPARATOR) !== framed.count) return undefined;
  const n = framed.count;
  const { body } = framed;
  if (body.length < n * (8 + HASH_HEX)) return undefined;
  const ends = float64At(body, 0, n);
  const hashes = body.toString('latin1', n * 8, n * (8 + HASH_HEX));
  const text = body.toString('utf8', n * (8 + HASH_HEX));
  if (n && ends[n - 1] !== text.length) return undefined;
  return { files: header.files === '' ? [] : header.files.split(FILE_SEPARATOR), ends, hashes, text };
}

export class SearchTextCache {
  /** What the next save holds: file -> [content hash (hex), text]. */
  private readonly next = new Map<string, [string, string]>();
  private changed = false;
  /** Where the next record is expected: records come in store order. */
  private cursor = 0;

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

  private stored(file: string, hash: string): string | undefined {
    const old = this.old;
    if (!old) return undefined;
    let i: number | undefined = this.cursor;
    if (old.files[i] !== file) {
      old.byName ??= new Map(old.files.map((f, k) => [f, k]));
      i = old.byName.get(file);
      if (i === undefined) return undefined;
    }
    this.cursor = i + 1;
    if (hash.length !== HASH_HEX || !old.hashes.startsWith(hash, i * HASH_HEX)) return undefined;
    return old.text.slice(i === 0 ? 0 : old.ends[i - 1], old.ends[i]);
  }

  /** The text of `record`, from the cache when its content is unchanged, else made by `make` and remembered. */
  text(record: StoreRecord, make: () => string): string {
    const hash = record.contentHash;
    const kept = hash === undefined ? undefined : this.stored(record.file, hash);
    if (kept !== undefined) {
      this.next.set(record.file, [hash!, kept]);
      return kept;
    }
    const text = make();
    if (hash) {
      this.next.set(record.file, [hash, text]);
      this.changed = true;
    }
    return text;
  }

  save(): void {
    if (!this.changed && this.next.size === (this.old?.files.length ?? 0)) return;
    const files = [...this.next.keys()];
    const entries = [...this.next.values()];
    const ends = new Float64Array(entries.length);
    let end = 0;
    entries.forEach(([, text], i) => (ends[i] = end += text.length));
    const bytes = frame(MAGIC, { key: cacheKey(), files: files.join(FILE_SEPARATOR) } satisfies Header, entries.length, [
      Buffer.from(ends.buffer),
      Buffer.from(entries.map(([hash]) => hash).join(''), 'latin1'),
      Buffer.from(entries.map(([, text]) => text).join(''), 'utf8'),
    ]);
    try {
      mkdirSync(path.join(this.root, CACHE_DIR, 'cache'), { recursive: true });
      writeFileAtomic(path.join(this.root, CACHE_DIR, FILE), bytes, { sync: false });
      rmSync(path.join(this.root, CACHE_DIR, OLD_FILE), { force: true });
    } catch {
      // Read-only store: stays cold.
    }
  }
}
