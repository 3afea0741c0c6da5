/**
 * The persistent cache under `.dossier/cache/`: for each record file, its identity (size, mtime, ctime, inode)
 * and content hash, the per-file diagnostics, the diagnostics of its rules against the rest of the store, its
 * parsed fields and its references (see cache-pack.ts for the file).
 *
 * - A file whose identity is unchanged is taken from the cache without being read; one whose identity changed
 *   but whose content hash is the same (a touch) is too. An edit changes ctime even when size and mtime are
 *   kept, and entries written within two seconds of a change are re-checked by hash (git's "racy" rule).
 * - The rule diagnostics of a record depend only on the record, the set of ids with their types, and today:
 *   they are reused while those are unchanged. Unique ids and parent cycles depend on ids and parents only:
 *   they are reused while no record changed.
 * - The whole cache is invalidated when dossier's validation code or schemas change. It is always safe to delete,
 *   never trusted when it cannot be read back whole (it is then rebuilt), and written atomically in one file,
 *   so two processes saving at once leave one or the other's, never a mix.
 */
import { createHash } from './hash.js';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import { scalarFieldsOf, type CachedReference, type Fields, type ScalarFields } from '../core/record.js';
import { countJoined } from './framed-file.js';
import { COL, encodePack, FILE_SEPARATOR, FLAG_RACY, FLAG_RULES, FLAG_VALID, HASH_BYTES, STRIDE, type Pack, type PackExtra, type PackRecord, readPack } from './cache-pack.js';
import type { FileIdentity } from './read.js';
import { writeFileAtomic } from './write.js';

const FORMAT = 8;
export const CACHE_DIR = '.dossier';
const PACK_FILE = 'cache/records.bin';
/** Files of earlier cache formats, removed when the pack is written. */
const OLD_FILES = ['cache/index.json', 'cache/fields.json', 'cache/refs.json'];
const RACY_MS = 2000;

let codeKey: string | undefined;
/** Beside the bundle's chunks: a hash of them all. */
const BUNDLE_KEY = 'code-key';

/**
 * Changes whenever the code that fills the cache changes. From the bundle, the hash of its files written beside
 * them at build time; from tsc's output, a hash of the name, size and mtime of each compiled module of the store
 * adapters (this folder), the core and the schemas (stat, not read: this runs on every command, and an installed
 * or rebuilt file gets a new mtime).
 */
export function cacheKey(): string {
  if (codeKey) return codeKey;
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The bundle carries a hash of its own files (written by scripts/bundle.mjs): one read rather than a stat per chunk.
  try {
    return (codeKey = `bundle:${readFileSync(path.join(here, BUNDLE_KEY), 'utf8').trim()}`);
  } catch {
    // Not running from the bundle (tsc's output, in tests).
  }
  const hash = createHash('sha1');
  for (const dir of [here, path.join(here, '../core'), path.join(here, '../../schemas')]) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.js')) continue;
      const st = statSync(path.join(dir, name));
      hash.update(`${dir}\0${name}\0${st.size}\0${st.mtimeMs}\n`);
    }
  }
  codeKey = hash.digest('hex');
  return codeKey;
}

/** Whether the pack's file names are one per row (a damaged or miswritten pack is not used). */
export function namesAllRows(pack: Pack, joined: string, count: number): boolean {
  // The same list as this run's is as long as this run's: no need to count 10,000 names.
  if (pack.header.files === joined) return pack.count === count;
  return (pack.header.files === '' ? 0 : countJoined(pack.header.files, FILE_SEPARATOR)) === pack.count;
}

/** SHA-1 of a file's bytes (20 bytes). */
export function hashContent(bytes: Uint8Array): Buffer {
  return createHash('sha1').update(bytes).digest();
}

/** What the loader knows of a freshly parsed record, to remember it. */
export interface FreshEntry {
  identity: FileIdentity;
  hash: Buffer;
  valid: boolean;
  bodyLine: number;
  bodyOffset: number;
  diagnostics: Diagnostic[];
  parent: string | undefined;
  fields: Fields | undefined;
  references: readonly CachedReference[];
}

export class RecordCache {
  /** Scan position -> slot in the old pack, or -1. */
  private readonly slots: Int32Array;
  /** Scan position -> 1 when the record was taken from its old slot. */
  private readonly hit: Uint8Array;
  /** Touched files taken from the cache: their new identity. */
  private readonly touched = new Map<number, FileIdentity>();
  /** Records parsed this run. */
  private readonly fresh = new Map<number, FreshEntry>();
  /** Rule diagnostics computed this run. */
  private readonly rules = new Map<number, Diagnostic[]>();
  private changed = false;
  /** The files are the cached ones, in the same order: slot i is scan position i. */
  private aligned = false;

  /** The record files of this run, made from `joined` when needed (a warm run needs none). */
  private filesList: string[] | undefined;

  private constructor(
    private readonly root: string,
    private readonly joined: string,
    count: number,
    private readonly pack: Pack | undefined,
    /** Today, for the rule diagnostics (see PackHeader.today). */
    private readonly today: string,
  ) {
    this.slots = new Int32Array(count).fill(-1);
    this.hit = new Uint8Array(count);
    if (!pack) return;
    // Usually the same files in the same order: match by position, and by name only when the set changed.
    if (pack.header.files === joined) {
      this.aligned = true;
      for (let i = 0; i < count; i++) this.slots[i] = i;
    } else {
      this.changed = true;
      const byName = new Map(pack.header.files.split(FILE_SEPARATOR).map((f, i) => [f, i]));
      this.files.forEach((f, i) => (this.slots[i] = byName.get(f) ?? -1));
    }
  }

  /**
   * True when cached rule diagnostics hold for this run: computed for the same files (ids and types), today.
   * (Comparing the file lists whole, which a warm run does anyway, needs no hash of 10,000 names.)
   */
  private get rulesReusable(): boolean {
    return this.aligned && this.pack!.header.today === this.today;
  }

  private get files(): string[] {
    return (this.filesList ??= this.joined ? this.joined.split(FILE_SEPARATOR) : []);
  }

  /**
   * Open the cache of the store at `root` for the `count` record files of this run, in scan order, relative to
   * the root and joined by FILE_SEPARATOR; `today` is the day rule diagnostics are for.
   */
  static open(root: string, joined: string, count: number, today: string): RecordCache {
    let pack: Pack | undefined;
    try {
      pack = readPack(path.join(root, CACHE_DIR, PACK_FILE));
    } catch {
      // Unreadable: rebuild.
    }
    if (pack && (pack.header.format !== FORMAT || pack.header.key !== cacheKey() || !namesAllRows(pack, joined, count))) pack = undefined;
    return new RecordCache(root, joined, count, pack, today);
  }

  private row(slot: number, column: number): number {
    return this.pack!.rows[slot * STRIDE + column]!;
  }

  /**
   * The old slot of the record at scan position `i` when its identity proves it unchanged, else -1.
   * The identity is size, mtimeMs, ctimeMs, ino at `identities[4i..4i+3]` (as the scan gives them).
   */
  lookup(i: number, identities: Float64Array): number {
    const slot = this.slots[i]!;
    if (slot < 0) return -1;
    const rows = this.pack!.rows;
    const at = slot * STRIDE;
    const id = i * 4;
    if (rows[at + COL.flags]! & FLAG_RACY) return -1;
    // The scan's identities are in the row's own order: size, mtimeMs, ctimeMs, ino.
    if (rows[at + COL.size] !== identities[id] || rows[at + COL.mtimeMs] !== identities[id + 1] || rows[at + COL.ctimeMs] !== identities[id + 2] || rows[at + COL.ino] !== identities[id + 3]) return -1;
    this.hit[i] = 1;
    return slot;
  }

  /** The old slot of the record at `i` when its content hash matches (a touched file), else -1; takes the new identity. */
  lookupByHash(i: number, identity: FileIdentity, hash: Buffer): number {
    const slot = this.slots[i]!;
    if (slot < 0 || !hash.equals(this.pack!.hashes.subarray(slot * HASH_BYTES, (slot + 1) * HASH_BYTES))) return -1;
    this.changed = true;
    this.hit[i] = 1;
    this.touched.set(i, identity);
    return slot;
  }

  private extra(slot: number): PackExtra | undefined {
    const e = this.pack!.extra.get(slot);
    return e && typeof e === 'object' ? e : undefined;
  }

  private cachedRuleDiagnostics(slot: number): Diagnostic[] | undefined {
    if (!this.rulesReusable || !(this.row(slot, COL.flags) & FLAG_RULES)) return undefined;
    return this.extra(slot)?.r ?? [];
  }

  valid(slot: number): boolean {
    return (this.row(slot, COL.flags) & FLAG_VALID) !== 0;
  }

  bodyLine(slot: number): number {
    return this.row(slot, COL.bodyLine);
  }

  bodyOffset(slot: number): number {
    return this.row(slot, COL.bodyOffset);
  }

  /** Problems of the file alone. */
  diagnostics(slot: number): readonly Diagnostic[] {
    const d = this.extra(slot)?.d;
    return Array.isArray(d) ? d : [];
  }

  /** Rule diagnostics of the record at scan position `i`, when known. */
  ruleDiagnostics(i: number): Diagnostic[] | undefined {
    return this.rules.get(i) ?? (this.hit[i] ? this.cachedRuleDiagnostics(this.slots[i]!) : undefined);
  }

  parent(slot: number): string | undefined {
    return this.extra(slot)?.p;
  }

  private hexHashes: string | undefined;

  /** The content hash, as hex: a slice of every hash converted at once (a search asks for all 10,000). */
  /**
   * Every record's content hash (hex, in store order, one string) when every record of this run came from the
   * cache unchanged and in the same order; undefined otherwise. A search compares it with its own in one go.
   */
  allHashes(): string | undefined {
    if (!this.pack || !this.aligned || !this.hit.every((h) => h === 1)) return undefined;
    return (this.hexHashes ??= this.pack.hashes.toString('hex'));
  }

  hash(slot: number): string {
    this.hexHashes ??= this.pack!.hashes.toString('hex');
    return this.hexHashes.slice(slot * HASH_BYTES * 2, (slot + 1) * HASH_BYTES * 2);
  }

  private json(blob: Buffer | undefined, slot: number, column: number): unknown {
    if (!blob) return undefined;
    const end = this.row(slot, column);
    const start = slot === 0 ? 0 : this.row(slot - 1, column);
    return JSON.parse(blob.toString('utf8', start, end));
  }

  /** The cached fields of `slot`; `found: false` when they cannot be read back (the caller reads the record again). */
  cachedFields(slot: number): { found: true; fields: Fields | undefined } | { found: false } {
    try {
      const v = this.json(this.pack!.fields(), slot, COL.fieldsEnd);
      if (v === null) return { found: true, fields: undefined };
      if (typeof v === 'object' && !Array.isArray(v)) return { found: true, fields: v as Fields };
    } catch {
      // fall through
    }
    return { found: false };
  }

  /** The cached scalar fields of `slot` (see ScalarFields); undefined when it has none (an invalid record) or they cannot be read. */
  cachedScalars(slot: number): ScalarFields | undefined {
    try {
      const v = this.json(this.pack!.scalars(), slot, COL.scalarsEnd) as ScalarFields | null | undefined;
      if (v && typeof v.values === 'object' && v.values !== null && !Array.isArray(v.values) && Array.isArray(v.more)) return v;
    } catch {
      // Unreadable: the query reads the whole fields.
    }
    return undefined;
  }

  /** The cached references of `slot`, or undefined when they must be computed from its fields. */
  cachedReferences(slot: number): CachedReference[] | undefined {
    try {
      const v = this.json(this.pack!.refs(), slot, COL.refsEnd);
      if (Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2 && Array.isArray(x[0]) && typeof x[1] === 'string')) return v as CachedReference[];
    } catch {
      // fall through
    }
    return undefined;
  }

  /**
   * The slots whose references mention `text` anywhere (a superset of those referring to it): one search of the
   * blob. Undefined when the blob cannot be read: then any record may.
   */
  slotsMentioning(text: string): Set<number> | undefined {
    const out = new Set<number>();
    if (!this.pack) return out;
    const { rows } = this.pack;
    const refs = this.pack.refs();
    if (!refs) return undefined;
    const needle = Buffer.from(text, 'utf8');
    const count = rows.length / STRIDE;
    for (let at = refs.indexOf(needle); at !== -1; at = refs.indexOf(needle, at + 1)) {
      // The slot whose references end after `at`: binary search over the end offsets.
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rows[mid * STRIDE + COL.refsEnd]! > at) hi = mid;
        else lo = mid + 1;
      }
      out.add(lo);
    }
    return out;
  }

  /** Remember the freshly parsed record at scan position `i`. */
  store(i: number, entry: FreshEntry): void {
    this.fresh.set(i, entry);
    this.changed = true;
  }

  /** Record the rule diagnostics computed this run for the record at scan position `i`. */
  setRuleDiagnostics(i: number, diagnostics: Diagnostic[]): void {
    this.rules.set(i, diagnostics);
    this.changed = true;
  }

  /**
   * Every record's own diagnostics and (`withRules`) rule diagnostics in store order, straight from the cache,
   * when nothing changed: the same files in the same order, each unchanged, and with rules every rule result
   * known for today and these ids. (A warm run then need not visit each record for its empty lists.)
   */
  wholeStore(withRules: boolean): { diagnostics: Diagnostic[]; rules: Diagnostic[] } | undefined {
    const pack = this.pack;
    if (!pack || !this.aligned || this.changed || !this.hit.every((h) => h === 1)) return undefined;
    // Queries run no rules: then neither today nor the ids matter, and `rules` is left empty.
    if (withRules) {
      if (!this.rulesReusable) return undefined;
      const { rows } = pack;
      for (let at = COL.flags; at < rows.length; at += STRIDE) if (!(rows[at]! & FLAG_RULES)) return undefined;
    }
    const diagnostics: Diagnostic[] = [];
    const rules: Diagnostic[] = [];
    // In slot order, which is store order here.
    for (const extra of [...pack.extra].sort((a, b) => a[0] - b[0]).map(([, e]) => e)) {
      if (Array.isArray(extra.d)) diagnostics.push(...extra.d);
      if (withRules && Array.isArray(extra.r)) rules.push(...extra.r);
    }
    return { diagnostics, rules };
  }

  /**
   * Unique-id and parent-cycle diagnostics from the last run, when they cannot have changed: the same files in
   * the same order (so the same ids), and every record read again this run kept its `parent` and is not in one
   * of them (an edit may have moved the line they point at).
   */
  storeDiagnostics(): Diagnostic[] | undefined {
    const known = this.pack?.header.storeDiagnostics;
    if (!known || !this.aligned) return undefined;
    let mentioned: Set<string> | undefined;
    for (let i = 0; i < this.hit.length; i++) {
      if (this.hit[i]) continue;
      const fresh = this.fresh.get(i);
      // Not read this time (gone unreadable): its parent is unknown.
      if (!fresh || fresh.parent !== this.parent(this.slots[i]!)) return undefined;
      mentioned ??= new Set(known.map((d) => d.file));
      if (mentioned.has(this.files[i]!)) return undefined;
    }
    return known;
  }

  /**
   * Write the cache back when anything changed; `storeDiagnostics` are this run's unique-id and cycle
   * diagnostics, when it computed them. Failure to write is not an error: the next run is just cold.
   */
  save(storeDiagnostics: Diagnostic[] | undefined): void {
    if (!this.changed && this.pack && this.rulesReusable) return;
    // A query computes no store-wide diagnostics; it keeps the last ones while they hold, or every `validate`
    // after it would compute them again (nothing would change, so nothing would save them).
    const known = storeDiagnostics ?? this.storeDiagnostics() ?? null;
    const now = Date.now();
    // Files that could not be read are left out; they are read again next time.
    const kept: number[] = [];
    for (let i = 0; i < this.hit.length; i++) if (this.hit[i] || this.fresh.has(i)) kept.push(i);
    // Records kept from the old pack copy their JSON from its blobs; without them (replaced by another process's
    // save since this run opened it) this run leaves that save alone.
    const copiesOld = !!this.pack && kept.some((i) => !this.fresh.has(i));
    const fields = copiesOld ? this.pack!.fields() : undefined;
    const refs = copiesOld ? this.pack!.refs() : undefined;
    const scalars = copiesOld ? this.pack!.scalars() : undefined;
    if (copiesOld && (!fields || !refs || !scalars)) return;
    const records = kept.map((i) => this.packRecord(i, now, { fields: fields!, refs: refs!, scalars: scalars! }));
    try {
      const dir = path.join(this.root, CACHE_DIR);
      mkdirSync(path.join(dir, 'cache'), { recursive: true });
      // The cache folder ignores itself, so stores without a .gitignore entry never commit it.
      writeFileSync(path.join(dir, '.gitignore'), '*\n');
      const bytes = encodePack({ format: FORMAT, key: cacheKey(), today: this.today, files: kept.length === this.hit.length ? this.joined : kept.map((i) => this.files[i]!).join(FILE_SEPARATOR), storeDiagnostics: known }, records);
      writeFileAtomic(path.join(dir, PACK_FILE), bytes, { sync: false });
      for (const old of OLD_FILES) rmSync(path.join(dir, old), { force: true });
    } catch {
      // A read-only checkout still works; it just stays cold.
    }
  }

  private packRecord(i: number, now: number, old: { fields: Buffer; refs: Buffer; scalars: Buffer }): PackRecord {
    const rules = this.ruleDiagnostics(i);
    const f = this.fresh.get(i);
    if (f) {
      return {
        identity: f.identity, flags: flagsOf(f.valid, rules, f.identity, now), bodyLine: f.bodyLine, bodyOffset: f.bodyOffset, hash: f.hash,
        fieldsJson: Buffer.from(JSON.stringify(f.fields ?? null), 'utf8'), refsJson: Buffer.from(JSON.stringify(f.references), 'utf8'),
        scalarsJson: Buffer.from(JSON.stringify(f.valid && f.fields ? scalarFieldsOf(f.fields) : null), 'utf8'),
        extra: extraOf(f.diagnostics, rules, f.parent),
      };
    }
    const slot = this.slots[i]!;
    const pack = this.pack!;
    const at = slot * STRIDE;
    const identity = this.touched.get(i) ?? { size: pack.rows[at + COL.size]!, mtimeMs: pack.rows[at + COL.mtimeMs]!, ctimeMs: pack.rows[at + COL.ctimeMs]!, ino: pack.rows[at + COL.ino]! };
    const extra = pack.extra.get(slot);
    const range = (blob: Buffer, column: number) => ({ of: blob, start: slot === 0 ? 0 : this.row(slot - 1, column), end: this.row(slot, column) });
    return {
      identity, flags: flagsOf(this.valid(slot), rules, identity, now), bodyLine: this.bodyLine(slot), bodyOffset: this.bodyOffset(slot),
      hash: { of: pack.hashes, start: slot * HASH_BYTES, end: (slot + 1) * HASH_BYTES },
      fieldsJson: range(old.fields, COL.fieldsEnd), refsJson: range(old.refs, COL.refsEnd), scalarsJson: range(old.scalars, COL.scalarsEnd),
      extra: extra || rules?.length ? extraOf(extra?.d ?? [], rules, extra?.p) : undefined,
    };
  }
}

function flagsOf(valid: boolean, rules: Diagnostic[] | undefined, identity: FileIdentity, now: number): number {
  return (valid ? FLAG_VALID : 0) | (rules ? FLAG_RULES : 0) | (Math.max(identity.mtimeMs, identity.ctimeMs) >= now - RACY_MS ? FLAG_RACY : 0);
}

/** The extras of a record, or undefined when it has none (most records). */
function extraOf(diagnostics: readonly Diagnostic[], rules: Diagnostic[] | undefined, parent: string | undefined): PackExtra | undefined {
  const e: PackExtra = {};
  if (diagnostics.length) e.d = [...diagnostics];
  if (rules?.length) e.r = rules;
  if (parent !== undefined) e.p = parent;
  return e.d || e.r || e.p !== undefined ? e : undefined;
}
