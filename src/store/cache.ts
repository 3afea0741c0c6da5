/**
 * The persistent cache under `.dossier/cache/`. For each record file: its identity (size, mtime, ctime, inode)
 * and content hash, the per-file diagnostics, the diagnostics of its rules against the rest of the store, and
 * (in a second file, read only when a command needs them) its parsed fields.
 *
 * - A file whose identity is unchanged is taken from the cache without being read; one whose identity changed
 *   but whose content hash is the same (a touch) is too. An edit changes ctime even when size and mtime are
 *   kept, and entries written within two seconds of a change are re-checked by hash (git's "racy" rule).
 * - The rule diagnostics of a record depend only on the record, the set of ids with their types, and today:
 *   they are reused while those are unchanged. Unique ids and parent cycles are always recomputed.
 * - The whole cache is invalidated when dossier's validation code or schemas change. It is always safe to delete,
 *   and never trusted when it cannot be read back whole: it is then rebuilt.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CachedReference, Fields } from '../core/record.js';
import type { FileIdentity } from './read.js';
import { writeFileAtomic } from './write.js';

const FORMAT = 4;
export const CACHE_DIR = '.dossier';
const INDEX_FILE = 'cache/index.json';
const FIELDS_FILE = 'cache/fields.json';
const REFS_FILE = 'cache/refs.json';
const RACY_MS = 2000;

/** What is cached of one record file. */
export interface CacheEntry {
  identity: FileIdentity;
  hash: string;
  valid: boolean;
  bodyLine: number;
  bodyOffset: number;
  /** Problems of the file alone. */
  diagnostics: Diagnostic[];
  /** Problems from the record's rules against the store (undefined when they must be recomputed). */
  ruleDiagnostics: Diagnostic[] | undefined;
  /** `parent` of an organisation, for the cycle check without reading fields. */
  parent: string | undefined;
}

/**
 * One index entry, compact because the index is read on every run:
 * [size, mtimeMs, ctimeMs, ino, hash, flags (1 valid, 2 racy), bodyLine, bodyOffset, diagnostics, ruleDiagnostics, parent].
 */
type Row = [number, number, number, number, string, number, number, number, Diagnostic[] | 0, Diagnostic[] | 0 | null, string | 0];

interface IndexFile {
  format: number;
  key: string;
  /**
   * Random per save, written into the side files too: two dossier processes saving at once could otherwise leave
   * the index of one beside the fields of the other, and a record's cached fields would be an older version's.
   */
  generation: string;
  /** The context the rule diagnostics were computed in. */
  rulesContext: string;
  entries: Record<string, Row>;
}

function toRow(e: CacheEntry, racy: boolean): Row {
  return [e.identity.size, e.identity.mtimeMs, e.identity.ctimeMs, e.identity.ino, e.hash, (e.valid ? 1 : 0) | (racy ? 2 : 0), e.bodyLine, e.bodyOffset,
    e.diagnostics.length ? e.diagnostics : 0, e.ruleDiagnostics === undefined ? null : e.ruleDiagnostics.length ? e.ruleDiagnostics : 0, e.parent ?? 0];
}

function fromRow(r: Row): CacheEntry {
  return {
    identity: { size: r[0], mtimeMs: r[1], ctimeMs: r[2], ino: r[3] }, hash: r[4], valid: (r[5] & 1) === 1, bodyLine: r[6], bodyOffset: r[7],
    diagnostics: r[8] || [], ruleDiagnostics: r[9] === null ? undefined : r[9] || [], parent: r[10] || undefined,
  };
}

const isRow = (r: unknown): r is Row => Array.isArray(r) && r.length === 11 && typeof r[4] === 'string';

/** A map of file -> JSON text kept beside the index and read only on first use; trusted only from the same save. */
class SideFile {
  private old: Record<string, string> | undefined;
  readonly next = new Map<string, () => string | undefined>();

  constructor(
    private readonly file: string,
    /** The index's generation; the side file is ignored unless it was written by the same save. */
    private readonly generation: string | undefined,
  ) {}

  /** The stored text for `key`, or undefined when missing or unreadable. */
  get(key: string): string | undefined {
    if (!this.old) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { generation?: unknown; entries?: unknown } | null;
        const same = this.generation !== undefined && parsed?.generation === this.generation;
        this.old = same && parsed.entries && typeof parsed.entries === 'object' ? (parsed.entries as Record<string, string>) : {};
      } catch {
        this.old = {};
      }
    }
    const text = this.old[key];
    return typeof text === 'string' ? text : undefined;
  }

  /** Parsed JSON for `key`, or `found: false` when missing or damaged. */
  parsed<T>(key: string, check: (v: unknown) => boolean): { found: true; value: T } | { found: false } {
    const text = this.get(key);
    if (text === undefined) return { found: false };
    try {
      const value: unknown = JSON.parse(text);
      return check(value) ? { found: true, value: value as T } : { found: false };
    } catch {
      return { found: false };
    }
  }

  keep(key: string): void {
    this.next.set(key, () => this.get(key));
  }

  set(key: string, value: unknown): void {
    this.next.set(key, () => JSON.stringify(value));
  }

  serialise(keys: Iterable<string>, generation: string): string {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const text = this.next.get(key)?.();
      if (text !== undefined) out[key] = text;
    }
    return JSON.stringify({ generation, entries: out });
  }
}

let codeKey: string | undefined;

/** Changes whenever dossier's version, schemas or validation code change. */
export function cacheKey(): string {
  if (codeKey) return codeKey;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1');
  for (const dir of [path.join(here, '../core'), path.join(here, '../../schemas')]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.js')) hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  codeKey = hash.digest('hex');
  return codeKey;
}

export function hashContent(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}


export class RecordCache {
  private readonly next: Record<string, CacheEntry> = Object.create(null) as Record<string, CacheEntry>;
  private readonly fields: SideFile;
  private readonly refs: SideFile;
  private changed = false;

  private constructor(
    private readonly root: string,
    private readonly old: Record<string, Row>,
    /** True when cached rule diagnostics were computed in the same context as this run's. */
    readonly rulesReusable: boolean,
    private readonly rulesContext: string,
    generation: string | undefined,
  ) {
    this.fields = new SideFile(path.join(root, CACHE_DIR, FIELDS_FILE), generation);
    this.refs = new SideFile(path.join(root, CACHE_DIR, REFS_FILE), generation);
  }

  /**
   * Open the cache of the store at `root`. `rulesContext` identifies what rule diagnostics depend on besides
   * the record (the ids with their types, today); cached ones from another context are not reused.
   */
  static open(root: string, rulesContext: string): RecordCache {
    try {
      const data = JSON.parse(readFileSync(path.join(root, CACHE_DIR, INDEX_FILE), 'utf8')) as IndexFile;
      if (data && data.format === FORMAT && data.key === cacheKey() && data.entries && typeof data.entries === 'object' && typeof data.generation === 'string') {
        return new RecordCache(root, data.entries, data.rulesContext === rulesContext, rulesContext, data.generation);
      }
    } catch {
      // Missing or corrupt: rebuild.
    }
    return new RecordCache(root, Object.create(null) as Record<string, Row>, false, rulesContext, undefined);
  }

  /** The entry for `file` when its identity proves it unchanged. */
  lookup(file: string, identity: FileIdentity): CacheEntry | undefined {
    const row = this.old[file];
    if (!isRow(row) || row[5] & 2 || row[0] !== identity.size || row[1] !== identity.mtimeMs || row[2] !== identity.ctimeMs || row[3] !== identity.ino) return undefined;
    return this.keep(file, fromRow(row));
  }

  /** The entry for `file` when its content hash matches (a touched file); takes the new identity. */
  lookupByHash(file: string, identity: FileIdentity, hash: string): CacheEntry | undefined {
    const row = this.old[file];
    if (!isRow(row) || row[4] !== hash) return undefined;
    this.changed = true;
    return this.keep(file, { ...fromRow(row), identity });
  }

  private keep(file: string, entry: CacheEntry): CacheEntry {
    const kept = entry;
    if (!this.rulesReusable) kept.ruleDiagnostics = undefined;
    this.next[file] = kept;
    this.fields.keep(file);
    this.refs.keep(file);
    return kept;
  }

  /**
   * The cached fields of `file` (the fields file is read on first call); `found: false` when the fields file
   * is missing, damaged or lacks the entry — the caller then reads the record again.
   */
  cachedFields(file: string): { found: true; fields: Fields | undefined } | { found: false } {
    const r = this.fields.parsed<Fields | null>(file, (v) => v === null || (typeof v === 'object' && !Array.isArray(v)));
    return r.found ? { found: true, fields: r.value ?? undefined } : { found: false };
  }

  /** The cached references of `file`, or undefined when they must be computed from its fields. */
  cachedReferences(file: string): CachedReference[] | undefined {
    const r = this.refs.parsed<CachedReference[]>(file, (v) => Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2 && Array.isArray(x[0]) && typeof x[1] === 'string'));
    return r.found ? r.value : undefined;
  }

  /** Remember a freshly parsed record. */
  store(file: string, entry: CacheEntry, fields: Fields | undefined, references: readonly CachedReference[]): void {
    this.next[file] = entry;
    this.fields.set(file, fields ?? null);
    this.refs.set(file, references);
    this.changed = true;
  }

  /** Record the rule diagnostics computed this run for `file`. */
  setRuleDiagnostics(file: string, diagnostics: Diagnostic[]): void {
    const entry = this.next[file];
    if (entry && entry.ruleDiagnostics === undefined) {
      entry.ruleDiagnostics = diagnostics;
      this.changed = true;
    }
  }

  /** Write the cache back when anything changed. Failure to write is not an error: the next run is just cold. */
  save(): void {
    if (!this.changed && this.rulesReusable && Object.keys(this.old).length === Object.keys(this.next).length) return;
    const now = Date.now();
    const entries: IndexFile['entries'] = {};
    for (const [file, entry] of Object.entries(this.next)) {
      entries[file] = toRow(entry, Math.max(entry.identity.mtimeMs, entry.identity.ctimeMs) >= now - RACY_MS);
    }
    try {
      const dir = path.join(this.root, CACHE_DIR);
      mkdirSync(path.join(dir, 'cache'), { recursive: true });
      // The cache folder ignores itself, so stores without a .gitignore entry never commit it.
      writeFileSync(path.join(dir, '.gitignore'), '*\n');
      const generation = randomUUID();
      writeFileAtomic(path.join(dir, FIELDS_FILE), this.fields.serialise(Object.keys(entries), generation));
      writeFileAtomic(path.join(dir, REFS_FILE), this.refs.serialise(Object.keys(entries), generation));
      writeFileAtomic(path.join(dir, INDEX_FILE), JSON.stringify({ format: FORMAT, key: cacheKey(), generation, rulesContext: this.rulesContext, entries } satisfies IndexFile));
    } catch {
      // A read-only checkout still works; it just stays cold.
    }
  }
}
