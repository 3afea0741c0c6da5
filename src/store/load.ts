/**
 * Loading a store: scan, read and parse every record (or take it from the cache when the file is unchanged),
 * then run the store-wide rules. The one loader every command uses, so validation and queries always agree.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { parseFrontmatter } from '../core/frontmatter.js';
import { FRONTMATTER_START, type LocationIndex } from '../core/locations.js';
import { decodeUtf8, MAX_FILE_BYTES, parseRecordFile, recordWithLazyLocations } from '../core/record-file.js';
import type { StoreRecord } from '../core/record.js';
import { referencesOf } from '../core/references.js';
import { checkParentCycles, checkRecordInStore, checkUniqueIds, targetsOf } from '../core/validate-store.js';
import { hashContent, RecordCache, type CacheEntry } from './cache.js';
import { readRecordBytes, type FileIdentity } from './read.js';
import { scanRecords, type RecordFileRef } from './scan.js';

export interface Store {
  root: string;
  records: StoreRecord[];
  /** Every diagnostic: scan warnings, per-file problems and store-wide rules. */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** YYYY-MM-DD, for date rules. */
  today: string;
  /** Use and update the cache under `.dossier/` (default true). */
  cache?: boolean;
  /**
   * Run the rules across records (default true). Queries only need each record's own validity, so they
   * skip them; the diagnostics then hold only per-file problems.
   */
  rules?: boolean;
}

/** Whether the cache is on for this run: `--no-cache` or DOSSIER_NO_CACHE=1 turn it off. */
export function cacheEnabled(flag: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return flag !== false && env.DOSSIER_NO_CACHE !== '1';
}

function unreadable(ref: RecordFileRef, d: Diagnostic): StoreRecord {
  return recordWithLazyLocations({ type: ref.type, id: ref.id, file: ref.file, fields: undefined, valid: false, bodyLine: 1, bodyOffset: 0, diagnostics: [d] }, () => ({}));
}

/** Read and parse one record file, without the cache. */
export function loadRecord(ref: RecordFileRef): StoreRecord {
  return loadRecordWith(ref, undefined).record;
}

/** Positions of a record taken from the cache: the file is read and parsed again, only when asked. */
function locationsFromFile(ref: RecordFileRef): () => LocationIndex {
  return () => {
    const read = readRecordBytes(ref.absolute);
    const decoded = read.ok ? decodeUtf8(read.bytes) : undefined;
    return decoded ? parseFrontmatter(decoded.text, ref.file).locations() : {};
  };
}

interface Loaded {
  record: StoreRecord;
  /** Cached rule diagnostics, when still valid. */
  ruleDiagnostics?: Diagnostic[];
  parent?: unknown;
}

function fromCache(ref: RecordFileRef, entry: CacheEntry, cache: RecordCache): Loaded {
  const { valid, bodyLine, bodyOffset } = entry;
  const record = recordWithLazyLocations(
    { type: ref.type, id: ref.id, file: ref.file, valid, bodyLine, bodyOffset, diagnostics: [...entry.diagnostics] },
    locationsFromFile(ref),
    () => {
      const cached = cache.cachedFields(ref.file);
      return cached.found ? cached.fields : loadRecord(ref).fields;
    },
  );
  record.referenceSource(() => cache.cachedReferences(ref.file));
  record.contentHash = entry.hash;
  return { record, ruleDiagnostics: entry.ruleDiagnostics, parent: entry.parent };
}

function identityOf(absolute: string): FileIdentity | undefined {
  try {
    const st = lstatSync(absolute);
    return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
  } catch {
    return undefined;
  }
}

function loadRecordWith(ref: RecordFileRef, cache: RecordCache | undefined): Loaded {
  if (cache) {
    const identity = ref.identity ?? identityOf(ref.absolute);
    const hit = identity && cache.lookup(ref.file, identity);
    if (hit) return fromCache(ref, hit, cache);
  }
  const read = readRecordBytes(ref.absolute);
  if (!read.ok) {
    return {
      record: unreadable(ref, 'size' in read
        ? diagnostic('file/too-large', ref.file, FRONTMATTER_START, { size: read.size, limit: MAX_FILE_BYTES })
        : diagnostic('file/unreadable', ref.file, FRONTMATTER_START, { reason: read.error })),
    };
  }
  if (!cache) return { record: parseRecordFile(ref.file, ref.type, ref.id, read.bytes) };
  const hash = hashContent(read.bytes);
  const same = cache.lookupByHash(ref.file, read.identity, hash);
  if (same) return fromCache(ref, same, cache);
  const record = parseRecordFile(ref.file, ref.type, ref.id, read.bytes);
  record.contentHash = hash;
  const parent = record.type === 'organisation' && typeof record.fields?.parent === 'string' ? record.fields.parent : undefined;
  cache.store(ref.file, {
    identity: read.identity, hash, valid: record.valid, bodyLine: record.bodyLine, bodyOffset: record.bodyOffset,
    diagnostics: [...record.diagnostics], ruleDiagnostics: undefined, parent,
  }, record.fields, referencesOf(record));
  return { record };
}

/** What rule diagnostics depend on besides the record itself: every id with its type, and today. */
function rulesContextOf(files: readonly RecordFileRef[], today: string): string {
  const hash = createHash('sha1').update(today);
  for (const f of files) hash.update(`\n${f.type}:${f.id}`);
  return hash.digest('hex');
}

function storeRuleDiagnostics(loaded: readonly Loaded[], options: LoadOptions, cache: RecordCache | undefined): Diagnostic[] {
  const records = loaded.map((l) => l.record);
  const diagnostics = checkUniqueIds(records);
  const targets = targetsOf(records);
  for (const l of loaded) {
    let ruleDiagnostics = l.ruleDiagnostics;
    if (!ruleDiagnostics) {
      ruleDiagnostics = checkRecordInStore(l.record, targets, options);
      cache?.setRuleDiagnostics(l.record.file, ruleDiagnostics);
    }
    diagnostics.push(...ruleDiagnostics);
  }
  const parents = new Map(loaded.map((l) => [l.record, l] as const));
  diagnostics.push(...checkParentCycles(records, (r) => {
    const l = parents.get(r);
    return l && 'parent' in l ? l.parent : r.fields?.parent;
  }));
  return diagnostics;
}

export function loadStore(root: string, options: LoadOptions): Store {
  const scan = scanRecords(root);
  const cache = options.cache === false ? undefined : RecordCache.open(root, rulesContextOf(scan.files, options.today));
  const loaded = scan.files.map((ref) => loadRecordWith(ref, cache));
  const records = loaded.map((l) => l.record);
  const diagnostics = [...scan.diagnostics];
  for (const r of records) diagnostics.push(...r.diagnostics);
  if (options.rules !== false) diagnostics.push(...storeRuleDiagnostics(loaded, options, cache));
  cache?.save();
  return { root, records, diagnostics };
}
