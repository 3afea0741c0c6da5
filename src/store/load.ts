/**
 * Loading a store: scan, read and parse every record (or take it from the cache when the file is unchanged),
 * then run the store-wide rules. The one loader every command uses, so validation and queries always agree.
 */
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { parseFrontmatter } from '../core/frontmatter.js';
import { FRONTMATTER_START } from '../core/locations.js';
import { decodeUtf8, MAX_FILE_BYTES, parseRecordFile, recordWithLazyLocations } from '../core/record-file.js';
import type { RecordType } from '../core/kinds.js';
import type { StoreRecord } from '../core/record.js';
import { RecordsById } from '../core/records-by-id.js';
import { referencesOf } from '../core/references.js';
import { checkParentCycles, checkRecordInStore, checkUniqueIds, targetsOf } from '../core/validate-store.js';
import { hashContent, RecordCache } from './cache.js';
import { FILE_SEPARATOR } from './cache-pack.js';
import { CachedRecord, type FileSource } from './cached-record.js';
import { lstatFileInto } from './file-stat.js';
import { readFiles } from './read-ahead.js';
import { readRecordBytes, type ReadResult } from './read.js';
import { scanRecords, type RecordFileRef } from './scan.js';

export interface Store {
  root: string;
  /** Every record, in scan order; made on first use, since validating from the cache never needs them. */
  readonly records: StoreRecord[];
  /** The record files, relative to the root, in scan order. */
  files: string[];
  /** The records that may refer to `id` (a superset, in store order); cheap when they come from the cache. */
  mayReferTo(id: string): StoreRecord[];
  /** The records of one type, in store order; only those are made. */
  recordsOf(type: RecordType): StoreRecord[];
  /** Records by id (the first in store order), made as they are looked up. */
  byId: ReadonlyMap<string, StoreRecord>;
  /** How many records (of `type`, or all) did not parse or pass their schema, without making the others. */
  invalidCount(type?: RecordType): number;
  /** How many record files there are; `recordAt` and `contentHashAt` take positions below it, in store order. */
  count: number;
  /** The record at store position `i` (made once). */
  recordAt(i: number): StoreRecord;
  /**
   * Every record's content hash (hex, in store order, as one string) when all are known at once: every record
   * unchanged since the cache was written. Undefined otherwise (then ask contentHashAt).
   */
  contentHashes(): string | undefined;
  /** The content hash (hex) of the record at `i`, without making it; undefined when its file could not be read. */
  contentHashAt(i: number): string | undefined;
  /**
   * Write the cache when a lazy load (LoadOptions.lazy) found records changed since it was written; call it once
   * the query is done. Other loads write it before they return.
   */
  persist(): void;
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
  /**
   * Keep the records parsed without the cache (default true). `validate` needs only their diagnostics: without
   * it each record is checked as soon as it is parsed and let go (keeping 10,000 records' fields costs ~50 ms
   * of garbage collection), and a record asked for later is read from its file again.
   */
  retain?: boolean;
  /**
   * Check each file only when its record is first used (default false; only without rules). A query of one type
   * then stats and reads that type's files alone: a list of 3,000 meetings does not lstat 7,000 other records.
   * The diagnostics are gathered when first asked for, and the cache is written only by `persist`.
   */
  lazy?: boolean;
}

/** What a record let go of leaves behind: all that the store-wide rules and the counts need. */
interface Checked {
  diagnostics: Diagnostic[];
  rules: Diagnostic[];
  valid: boolean;
  parent: unknown;
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
  return loadRead(ref, 0, readRecordBytes(ref.absolute), undefined) as StoreRecord;
}

/** Reading a cached record's file again, for what the cache cannot give: fields it cannot read back, positions. */
const fromFile: FileSource = {
  fields(ref) {
    const read = readRecordBytes(ref.absolute);
    return read.ok ? parseRecordFile(ref.file, ref.type, ref.id, read.bytes).fields : undefined;
  },
  locations(ref) {
    const read = readRecordBytes(ref.absolute);
    const decoded = read.ok ? decodeUtf8(read.bytes) : undefined;
    return decoded ? parseFrontmatter(decoded.text, ref.file).locations() : {};
  },
};

/**
 * The record at scan position `i`, from what reading its file gave: its slot in the cache when the content is
 * unchanged (a touched file), else the record parsed from the bytes (and remembered in the cache).
 */
function loadRead(ref: RecordFileRef, i: number, read: ReadResult, cache: RecordCache | undefined): StoreRecord | number {
  if (!read.ok) {
    return unreadable(ref, 'size' in read
      ? diagnostic('file/too-large', ref.file, FRONTMATTER_START, { size: read.size, limit: MAX_FILE_BYTES })
      : diagnostic('file/unreadable', ref.file, FRONTMATTER_START, { reason: read.error }));
  }
  if (!cache) return parseRecordFile(ref.file, ref.type, ref.id, read.bytes);
  const hash = hashContent(read.bytes);
  const same = cache.lookupByHash(i, read.identity, hash);
  if (same >= 0) return same;
  const record = parseRecordFile(ref.file, ref.type, ref.id, read.bytes);
  record.contentHash = hash.toString('hex');
  const parent = record.type === 'organisation' && typeof record.fields?.parent === 'string' ? record.fields.parent : undefined;
  cache.store(i, {
    identity: read.identity, hash, valid: record.valid, bodyLine: record.bodyLine, bodyOffset: record.bodyOffset,
    diagnostics: [...record.diagnostics], parent, fields: record.fields, references: referencesOf(record),
  });
  return record;
}

export function loadStore(root: string, options: LoadOptions): Store {
  const lazy = options.lazy === true && options.rules === false;
  // Identities are for the cache: without it (or when each file is checked on use), the scan needs no lstat per file.
  const scan = scanRecords(root, { identities: options.cache !== false && !lazy });
  const count = scan.count;
  // File references are made as records are (scan.ref); all of them (scan.files) only for the rules across records.
  let files: string[] | undefined;
  const cache = options.cache !== false ? RecordCache.open(root, scan.joined, count, options.today) : undefined;
  // Each position holds the record parsed this run, or its slot in the cache. Files whose identity proves them
  // unchanged are not read; the others are read (on a worker thread when there are many) and parsed.
  const loaded: (StoreRecord | number)[] = new Array(count);
  const toRead: number[] = [];
  if (!lazy) {
    for (let i = 0; i < count; i++) {
      const slot = cache ? cache.lookup(i, scan.identities) : -1;
      if (slot >= 0) loaded[i] = slot;
      else toRead.push(i);
    }
  }
  /** Lazily: the record at `i` from the cache when its file's identity proves it unchanged, else read now. */
  const identities = lazy ? scan.identities : undefined;
  /** Whether a record was not in the cache as it is (then `persist` brings the cache up to date). */
  let missed = false;
  const use = (i: number): StoreRecord | number => {
    const ref = scan.ref(i);
    if (cache && lstatFileInto(ref.absolute, identities!, i * 4) === 'file') {
      const slot = cache.lookup(i, identities!);
      if (slot >= 0) return (loaded[i] = slot);
    }
    missed = true;
    return (loaded[i] = loadRead(ref, i, readRecordBytes(ref.absolute), cache));
  };
  let targets: Map<string, RecordFileRef> | undefined;
  const targetsNow = () => (targets ??= targetsOf(scan.files));
  // Records parsed and let go (see LoadOptions.retain), by position.
  const checked: (Checked | undefined)[] | undefined = !cache && options.retain === false ? new Array(count) : undefined;
  const reader = readFiles(toRead.map((i) => scan.ref(i).absolute));
  try {
    for (const i of toRead) {
      const l = loadRead(scan.ref(i), i, reader.next(), cache);
      if (!checked) loaded[i] = l;
      else {
        const r = l as StoreRecord;
        const rules = options.rules !== false ? checkRecordInStore(r, targetsNow(), options) : [];
        checked[i] = { diagnostics: r.diagnostics, rules, valid: r.valid, parent: r.fields?.parent };
      }
    }
  } finally {
    reader.close();
  }
  /** What position `i` holds: a record, or a cache slot; checked now if lazily loading, read again if let go. */
  const entryAt = (i: number): StoreRecord | number => loaded[i] ?? (lazy ? use(i) : (loaded[i] = loadRecord(scan.ref(i))));
  /** The record at `i`; `many` when the caller reads many records of a type (their scalar fields then come apart, see CachedRecord). */
  const recordAt = (i: number, many = false): StoreRecord => {
    const l = entryAt(i);
    return typeof l === 'number' ? (loaded[i] = new CachedRecord(scan.ref(i), cache!, l, fromFile, many)) : l;
  };
  /** The cache slot behind position `i`, or -1 for a record parsed this run. */
  const slotAt = (i: number): number => {
    const l = checked?.[i] ? undefined : entryAt(i);
    return typeof l === 'number' ? l : l instanceof CachedRecord ? l.slot : -1;
  };
  /** The record at `i` parsed this run: what was kept of it, or the record. */
  const fresh = (i: number): Checked | StoreRecord => checked?.[i] ?? (loaded[i] as StoreRecord);
  let records: StoreRecord[] | undefined;
  const allRecords = () => (records ??= Array.from({ length: count }, (_, i) => recordAt(i)));

  /** Scan warnings and each file's own problems. */
  const ownDiagnostics = (whole: { diagnostics: Diagnostic[] } | undefined): Diagnostic[] => {
    const out = [...scan.diagnostics];
    if (whole) for (const d of whole.diagnostics) out.push(d);
    else for (let i = 0; i < count; i++) for (const d of slotAt(i) >= 0 ? cache!.diagnostics(slotAt(i)) : fresh(i).diagnostics) out.push(d);
    return out;
  };
  // Lazily, they are gathered when asked for; queries never ask.
  let diagnostics: Diagnostic[] | undefined;
  if (!lazy) {
    const whole = cache?.wholeStore(options.rules !== false);
    diagnostics = ownDiagnostics(whole);
    let storeDiagnostics: Diagnostic[] | undefined;
    if (options.rules !== false) {
      // Each record's rules against the store: cached while the ids and today are unchanged.
      if (whole) for (const d of whole.rules) diagnostics.push(d);
      else for (let i = 0; i < count; i++) {
        let ruleDiagnostics = checked ? checked[i]!.rules : cache?.ruleDiagnostics(i);
        if (!ruleDiagnostics) {
          ruleDiagnostics = checkRecordInStore(recordAt(i), targetsNow(), options);
          cache?.setRuleDiagnostics(i, ruleDiagnostics);
        }
        for (const d of ruleDiagnostics) diagnostics.push(d);
      }
      // Unique ids and parent cycles: reused while no edit can have changed them (see RecordCache.storeDiagnostics).
      storeDiagnostics = cache?.storeDiagnostics();
      if (!storeDiagnostics) {
        // From the file references: records unchanged since the cache was written need not be made.
        const refs = scan.files;
        storeDiagnostics = checkUniqueIds(refs);
        const positionOf = new Map(refs.map((ref, i) => [ref, i]));
        const parentOf = (ref: RecordFileRef): unknown => {
          const i = positionOf.get(ref)!;
          const slot = slotAt(i);
          if (slot >= 0) return cache!.parent(slot);
          const f = fresh(i);
          return 'rules' in f ? f.parent : f.fields?.parent;
        };
        storeDiagnostics.push(...checkParentCycles(refs, parentOf, (ref) => recordAt(positionOf.get(ref)!).locations));
      }
      for (const d of storeDiagnostics) diagnostics.push(d);
    }
    cache?.save(storeDiagnostics);
  }
  return {
    root,
    get files() {
      return (files ??= count ? scan.joined.split(FILE_SEPARATOR) : []);
    },
    get diagnostics() {
      return (diagnostics ??= ownDiagnostics(undefined));
    },
    persist() {
      if (!lazy || !missed || !cache) return;
      // Every file checked, so that the cache written is whole (a stale cache would otherwise stay stale).
      for (let i = 0; i < count; i++) entryAt(i);
      cache.save(undefined);
    },
    get records() {
      return allRecords();
    },
    recordsOf(type) {
      if (records) return records.filter((r) => r.type === type);
      const { start, end } = scan.rangeOf(type);
      const out: StoreRecord[] = [];
      for (let i = start; i < end; i++) out.push(recordAt(i, true));
      return out;
    },
    byId: new RecordsById(() => scan.ids, (i) => recordAt(i)),
    count,
    recordAt: (i) => recordAt(i),
    contentHashes() {
      // Lazily loaded records are not all checked.
      return lazy ? undefined : cache?.allHashes();
    },
    contentHashAt(i) {
      const slot = slotAt(i);
      // Without the cache nothing is hashed.
      return slot >= 0 ? cache!.hash(slot) : checked ? undefined : (loaded[i] as StoreRecord).contentHash;
    },
    invalidCount(type) {
      let n = 0;
      const { start, end } = type ? scan.rangeOf(type) : { start: 0, end: count };
      for (let i = start; i < end; i++) {
        const slot = slotAt(i);
        if (!(slot >= 0 ? cache!.valid(slot) : fresh(i).valid)) n++;
      }
      return n;
    },
    mayReferTo(id) {
      if (!cache) return allRecords();
      const slots = cache.slotsMentioning(JSON.stringify(id));
      if (!slots) return allRecords();
      // Records parsed this run may refer to anything; cached ones only if their references mention the id.
      const out: StoreRecord[] = [];
      for (let i = 0; i < count; i++) {
        const slot = slotAt(i);
        if (slot < 0 || slots.has(slot)) out.push(recordAt(i));
      }
      return out;
    },
  };
}
