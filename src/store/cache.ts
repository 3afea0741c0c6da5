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
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Fields } from '../core/record.js';
import type { FileIdentity } from './read.js';
import { writeFileAtomic } from './write.js';

const FORMAT = 2;
export const CACHE_DIR = '.dossier';
const INDEX_FILE = 'cache/index.json';
const FIELDS_FILE = 'cache/fields.json';
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

interface IndexFile {
  format: number;
  key: string;
  /** The context the rule diagnostics were computed in. */
  rulesContext: string;
  entries: Record<string, CacheEntry & { racy: boolean }>;
}

let codeKey: string | undefined;

/** Changes whenever dossier's version, schemas or validation code change. */
function cacheKey(): string {
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

const sameIdentity = (a: FileIdentity, b: FileIdentity) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

export class RecordCache {
  private readonly next: Record<string, CacheEntry> = Object.create(null) as Record<string, CacheEntry>;
  private readonly nextFields = new Map<string, () => string | undefined>();
  private oldFields: Record<string, string> | undefined;
  private changed = false;

  private constructor(
    private readonly root: string,
    private readonly old: Record<string, CacheEntry & { racy: boolean }>,
    /** True when cached rule diagnostics were computed in the same context as this run's. */
    readonly rulesReusable: boolean,
    private readonly rulesContext: string,
  ) {}

  /**
   * Open the cache of the store at `root`. `rulesContext` identifies what rule diagnostics depend on besides
   * the record (the ids with their types, today); cached ones from another context are not reused.
   */
  static open(root: string, rulesContext: string): RecordCache {
    try {
      const data = JSON.parse(readFileSync(path.join(root, CACHE_DIR, INDEX_FILE), 'utf8')) as IndexFile;
      if (data && data.format === FORMAT && data.key === cacheKey() && data.entries && typeof data.entries === 'object') {
        return new RecordCache(root, data.entries, data.rulesContext === rulesContext, rulesContext);
      }
    } catch {
      // Missing or corrupt: rebuild.
    }
    return new RecordCache(root, Object.create(null) as IndexFile['entries'], false, rulesContext);
  }

  /** The entry for `file` when its identity proves it unchanged. */
  lookup(file: string, identity: FileIdentity): CacheEntry | undefined {
    const entry = this.old[file];
    if (!entry || entry.racy || !sameIdentity(entry.identity, identity)) return undefined;
    return this.keep(file, entry);
  }

  /** The entry for `file` when its content hash matches (a touched file); takes the new identity. */
  lookupByHash(file: string, identity: FileIdentity, hash: string): CacheEntry | undefined {
    const entry = this.old[file];
    if (!entry || entry.hash !== hash) return undefined;
    this.changed = true;
    return this.keep(file, { ...entry, identity });
  }

  private keep(file: string, entry: CacheEntry): CacheEntry {
    const kept: CacheEntry = { ...entry, ruleDiagnostics: this.rulesReusable ? entry.ruleDiagnostics : undefined };
    this.next[file] = kept;
    this.nextFields.set(file, () => this.cachedFieldsText(file));
    return kept;
  }

  /**
   * The cached fields of `file` (the fields file is read on first call); `found: false` when the fields file
   * is missing, damaged or lacks the entry — the caller then reads the record again.
   */
  cachedFields(file: string): { found: true; fields: Fields | undefined } | { found: false } {
    const text = this.cachedFieldsText(file);
    if (text === undefined) return { found: false };
    try {
      const fields = JSON.parse(text) as Fields | null;
      return fields === null || (typeof fields === 'object' && !Array.isArray(fields)) ? { found: true, fields: fields ?? undefined } : { found: false };
    } catch {
      return { found: false };
    }
  }

  private cachedFieldsText(file: string): string | undefined {
    if (!this.oldFields) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(path.join(this.root, CACHE_DIR, FIELDS_FILE), 'utf8'));
        this.oldFields = parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
      } catch {
        this.oldFields = {};
      }
    }
    const text = this.oldFields[file];
    return typeof text === 'string' ? text : undefined;
  }

  /** Remember a freshly parsed record. */
  store(file: string, entry: CacheEntry, fields: Fields | undefined): void {
    this.next[file] = entry;
    this.nextFields.set(file, () => JSON.stringify(fields ?? null));
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
    const fields: Record<string, string> = {};
    for (const [file, entry] of Object.entries(this.next)) {
      entries[file] = { ...entry, racy: Math.max(entry.identity.mtimeMs, entry.identity.ctimeMs) >= now - RACY_MS };
      const f = this.nextFields.get(file)?.();
      if (f !== undefined) fields[file] = f;
    }
    try {
      const dir = path.join(this.root, CACHE_DIR);
      mkdirSync(path.join(dir, 'cache'), { recursive: true });
      // The cache folder ignores itself, so stores without a .gitignore entry never commit it.
      writeFileSync(path.join(dir, '.gitignore'), '*\n');
      writeFileAtomic(path.join(dir, FIELDS_FILE), JSON.stringify(fields));
      writeFileAtomic(path.join(dir, INDEX_FILE), JSON.stringify({ format: FORMAT, key: cacheKey(), rulesContext: this.rulesContext, entries } satisfies IndexFile));
    } catch {
      // A read-only checkout still works; it just stays cold.
    }
  }
}
