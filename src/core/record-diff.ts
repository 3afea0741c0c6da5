/**
 * The semantic diff of two versions of a store: which records were added, removed, renamed or changed, and
 * for each change, field by field — scalars old → new, lists as additions and removals, references with the
 * names of what they point to, the body as a count of lines. Private fields of people are only said to have
 * changed. Also: which validation problems the change introduced and which it fixed.
 *
 * Pure: both versions arrive as records with a content hash and a way to read their text.
 *
 * A rename is a record that left one path and arrived at another (same type), recognised, in this order, by
 * (1) the same content, (2) references rewritten from the old id to the new one in records present on both
 * sides (what `dossier rename` does) with some lines in common, (3) at least half of the lines in common (git's
 * default threshold). The rewritten references are counted on the rename, not shown as changes of the records
 * that hold them: a file move with a reference rewrite is one rename, not a removal, an addition and N changes.
 */
import { countDiagnostics, sortDiagnostics, type Diagnostic, type DiagnosticCounts } from './diagnostic.js';
import { RECORD_TYPES, type RecordType } from './kinds.js';
import { countChangedLines, splitLines, type LineCounts } from './line-diff.js';
import { recordLabel, type Fields, type StoreRecord } from './record.js';
import { fieldInfo, fieldsOfType, privateFieldsOfType, referencesIn, type FieldInfo } from './schema-info.js';

/** One record of one version. */
export interface SideRecord {
  record: StoreRecord;
  /** Content hash: equal hashes mean equal files. */
  hash: string;
  /** The file's text (after any BOM), read on demand. */
  text(): string;
  /**
   * The frontmatter as written, without the defaults the schema fills in (`visibility`, a meeting's `status`), so
   * a diff shows what the file says; the loaded fields are used when absent.
   */
  raw?(): Fields | undefined;
}

/** The values to compare: as written when known. */
function fieldsOf(r: SideRecord | undefined): Fields | undefined {
  if (!r || r.record.fields === undefined) return undefined;
  return r.raw?.() ?? r.record.fields;
}

/** One version of the store: its records and every diagnostic `validate` would give. */
export interface StoreSide {
  records: readonly SideRecord[];
  diagnostics: readonly Diagnostic[];
}

/** A value as shown: the value itself, and the name of what a reference points to. */
export interface DiffValue {
  value: unknown;
  /** For a reference: the name or title of the record (the id when there is no such record). */
  label?: string;
  /** For a mapping in a list (an action): names of the references in it, by key. */
  labels?: Record<string, string>;
}

export type FieldChange =
  /** A single value set, changed or removed (`before`/`after` null when absent). */
  | { field: string; kind: 'value'; before: DiffValue | null; after: DiffValue | null }
  /** A list: items added and removed; `reordered` when only the order changed. */
  | { field: string; kind: 'list'; added: DiffValue[]; removed: DiffValue[]; reordered: boolean }
  /** A private field of a person: it changed, the values are not shown. */
  | { field: string; kind: 'private' }
  /** The Markdown body: lines added and removed. */
  | { field: 'body'; kind: 'body'; added: number; removed: number }
  /** The file changed, but no value did (comments, quoting, key order). */
  | { field: 'format'; kind: 'format' }
  /** A reference rewritten because the record it points to was renamed in the same change (`log`). */
  | { field: string; kind: 'reference'; from: string; to: string }
  /** The frontmatter could not be read on one side or both, so values cannot be compared. */
  | { field: 'frontmatter'; kind: 'unreadable'; before: boolean; after: boolean };

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface RecordChange {
  change: ChangeKind;
  type: RecordType;
  /** The id after the change (before it, for a removed record). */
  id: string;
  path: string;
  /** Name or title. */
  label: string;
  /** Renamed: the id and path it had. */
  previousId?: string;
  previousPath?: string;
  /** Renamed: how many references to it were rewritten, and in which records (ids after the change). */
  references?: number;
  referencedBy?: string[];
  /** A person whose contact fields are private (either side): their values are never shown. */
  private?: boolean;
  fields: FieldChange[];
}

export interface ValidationDiff {
  base: DiagnosticCounts;
  head: DiagnosticCounts;
  /** Problems HEAD has that BASE did not (errors and warnings). */
  introduced: Diagnostic[];
  /** Problems BASE had that HEAD no longer has. */
  fixed: Diagnostic[];
}

export interface StoreDiff {
  summary: Record<ChangeKind, number>;
  records: RecordChange[];
  validation: ValidationDiff;
}

export interface DiffOptions {
  /** Compare every removed with every added record of a type only up to this many pairs (then only same-named ones). */
  renamePairLimit?: number;
  /** Lines in common needed for a rename, 0..1 (default 0.5). */
  similarity?: number;
}

/** The name or title of the record an id refers to (the id itself when there is none). */
export type LabelOf = (id: string) => string;

/** Labels by id for one side, built on first use; ids it does not know are looked up in `fallback`. */
function labelsOf(records: readonly SideRecord[], fallback?: LabelOf): LabelOf {
  let map: Map<string, string> | undefined;
  return (id) => {
    if (!map) {
      map = new Map();
      for (const r of records) if (!map.has(r.record.id)) map.set(r.record.id, recordLabel(r.record));
    }
    return map.get(id) ?? fallback?.(id) ?? id;
  };
}

// ── values ──

/** JSON with sorted keys: the identity of a value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const equal = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function shown(value: unknown, info: FieldInfo | undefined, labels: LabelOf): DiffValue {
  if (info?.kind === 'ref' && typeof value === 'string') return { value, label: labels(value) };
  if (isObject(value) && info?.fields) {
    const names: Record<string, string> = {};
    for (const sub of info.fields) {
      const v = value[sub.name];
      if (sub.kind === 'ref' && typeof v === 'string') names[sub.name] = labels(v);
    }
    return Object.keys(names).length ? { value, labels: names } : { value };
  }
  return { value };
}

// ── bodies ──

/** Lines of a body added and removed from `before` to `after`, line endings aside (a multiset estimate when huge). */
export function countLineChanges(before: string, after: string): LineCounts {
  return countChangedLines(splitLines(before), splitLines(after));
}

function bodyOf(r: SideRecord): string {
  return r.text().slice(r.record.bodyOffset);
}

// ── fields ──

function isPrivatePerson(type: RecordType, before: Fields | undefined, after: Fields | undefined): boolean {
  return type === 'person' && [before, after].some((f) => f !== undefined && f.visibility !== 'public');
}

const PRIVATE_FIELDS: ReadonlySet<string> = new Set(privateFieldsOfType('person'));

function diffScalarList(field: string, before: unknown[], after: unknown[], info: FieldInfo | undefined, lb: LabelOf, la: LabelOf): FieldChange {
  const remaining = new Map<string, number>();
  for (const v of before) remaining.set(canonical(v), (remaining.get(canonical(v)) ?? 0) + 1);
  const added: DiffValue[] = [];
  for (const v of after) {
    const k = canonical(v);
    const n = remaining.get(k) ?? 0;
    if (n > 0) remaining.set(k, n - 1);
    else added.push(shown(v, info, la));
  }
  const removed: DiffValue[] = [];
  const left = new Map(remaining);
  for (const v of before) {
    const k = canonical(v);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      removed.push(shown(v, info, lb));
      left.set(k, n - 1);
    }
  }
  return { field, kind: 'list', added, removed, reordered: added.length === 0 && removed.length === 0 };
}

/** Lists of mappings (actions, documents, other names): items paired by their first field (task, url, name). */
function diffObjectList(field: string, before: unknown[], after: unknown[], info: FieldInfo, lb: LabelOf, la: LabelOf): FieldChange[] {
  const key = info.fields?.[0]?.name;
  const keyOf = (v: unknown) => (key && isObject(v) && v[key] !== undefined ? canonical(v[key]) : undefined);
  const pairs: [number, number][] = [];
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  // Identical items first, then items with the same key.
  for (const same of [(a: unknown, b: unknown) => equal(a, b), (a: unknown, b: unknown) => keyOf(a) !== undefined && keyOf(a) === keyOf(b)]) {
    after.forEach((a, j) => {
      if (usedAfter.has(j)) return;
      const i = before.findIndex((b, i2) => !usedBefore.has(i2) && same(b, a));
      if (i === -1) return;
      usedBefore.add(i);
      usedAfter.add(j);
      pairs.push([i, j]);
    });
  }
  const out: FieldChange[] = [];
  const added = after.filter((_, j) => !usedAfter.has(j)).map((v) => shown(v, info, la));
  const removed = before.filter((_, i) => !usedBefore.has(i)).map((v) => shown(v, info, lb));
  const reordered = added.length === 0 && removed.length === 0 && pairs.some(([i, j]) => i !== j);
  if (added.length || removed.length || reordered) out.push({ field, kind: 'list', added, removed, reordered });
  pairs.sort((x, y) => x[1] - y[1]);
  for (const [i, j] of pairs) {
    const b = before[i];
    const a = after[j];
    if (equal(a, b) || !isObject(a) || !isObject(b)) continue;
    const subs = [...(info.fields ?? []).map((f) => f.name)];
    for (const k of [...Object.keys(b), ...Object.keys(a)]) if (!subs.includes(k)) subs.push(k);
    for (const sub of subs) {
      if (equal(b[sub], a[sub])) continue;
      const subInfo = info.fields?.find((f) => f.name === sub);
      out.push({
        field: `${field}.${j}.${sub}`,
        kind: 'value',
        before: b[sub] === undefined ? null : shown(b[sub], subInfo, lb),
        after: a[sub] === undefined ? null : shown(a[sub], subInfo, la),
      });
    }
  }
  return out;
}

/** Field names to compare: the type's fields in record-model order, then any others (invalid records) by name. */
function fieldNames(type: RecordType, before: Fields | undefined, after: Fields | undefined): string[] {
  const known = fieldsOfType(type).map((f) => f.name);
  const extra = new Set<string>();
  for (const f of [before, after]) for (const k of Object.keys(f ?? {})) if (!known.includes(k) && k !== 'id' && k !== 'type') extra.add(k);
  return [...known, ...[...extra].sort()];
}

function diffFields(type: RecordType, before: Fields | undefined, after: Fields | undefined, lb: LabelOf, la: LabelOf): FieldChange[] {
  const hidden = isPrivatePerson(type, before, after);
  const out: FieldChange[] = [];
  for (const name of fieldNames(type, before, after)) {
    const b = before?.[name];
    const a = after?.[name];
    if (equal(b, a)) continue;
    if (hidden && PRIVATE_FIELDS.has(name)) {
      out.push({ field: name, kind: 'private' });
      continue;
    }
    const info = fieldInfo(type, name);
    const bl = Array.isArray(b) || b === undefined ? (b as unknown[] | undefined) : undefined;
    const al = Array.isArray(a) || a === undefined ? (a as unknown[] | undefined) : undefined;
    const isList = info?.kind === 'list' || info?.kind === 'object-list' || Array.isArray(a) || Array.isArray(b);
    if (isList && (bl || al) && (b === undefined || bl) && (a === undefined || al)) {
      const objects = info?.kind === 'object-list' || [...(bl ?? []), ...(al ?? [])].some(isObject);
      if (objects && info) out.push(...diffObjectList(name, bl ?? [], al ?? [], info, lb, la));
      else out.push(diffScalarList(name, bl ?? [], al ?? [], info?.item ?? info, lb, la));
      continue;
    }
    out.push({ field: name, kind: 'value', before: b === undefined ? null : shown(b, info, lb), after: a === undefined ? null : shown(a, info, la) });
  }
  return out;
}

/** Every change between two versions of one record (either may be absent: added, removed). */
function diffRecordSides(type: RecordType, before: SideRecord | undefined, after: SideRecord | undefined, beforeFields: Fields | undefined, lb: LabelOf, la: LabelOf): FieldChange[] {
  const out: FieldChange[] = [];
  const readable = (r: SideRecord | undefined) => r === undefined || r.record.fields !== undefined;
  if (!readable(before) || !readable(after)) {
    out.push({ field: 'frontmatter', kind: 'unreadable', before: before !== undefined && !readable(before), after: after !== undefined && !readable(after) });
  } else out.push(...diffFields(type, beforeFields, fieldsOf(after), lb, la));
  const bb = before ? bodyOf(before) : '';
  const ab = after ? bodyOf(after) : '';
  if (bb.replace(/\r\n?/g, '\n') !== ab.replace(/\r\n?/g, '\n')) out.push({ field: 'body', kind: 'body', ...countLineChanges(bb, ab) });
  return out;
}

export interface RecordVersion {
  record: StoreRecord;
  text(): string;
  raw?(): Fields | undefined;
}

/**
 * The changes between two versions of one record, for `log`: references named by `label` (the store as
 * it is now). `before` or `after` may be absent (the commit added or removed it). `renamed` (old id → new id)
 * holds the records the same commit renamed: a reference rewritten for that is one `reference` change.
 */
export function diffRecordVersions(before: RecordVersion | undefined, after: RecordVersion | undefined, label: LabelOf, renamed: ReadonlyMap<string, string> = new Map()): FieldChange[] {
  const type = (after ?? before)!.record.type;
  const side = (v: RecordVersion | undefined): SideRecord | undefined => (v ? { record: v.record, hash: '', text: v.text, raw: v.raw } : undefined);
  let beforeFields = fieldsOf(side(before));
  const afterFields = fieldsOf(side(after));
  const rewritten: FieldChange[] = [];
  if (beforeFields && afterFields && renamed.size) {
    const seen = new Set<string>();
    beforeFields = rewriteReferences(type, beforeFields, afterFields, renamed, (from, path) => {
      const field = path.filter((p) => typeof p === 'string').join('.');
      const key = `${field}\0${from}`;
      if (seen.has(key)) return;
      seen.add(key);
      rewritten.push({ field, kind: 'reference', from, to: renamed.get(from)! });
    });
  }
  return [...rewritten, ...diffRecordSides(type, side(before), side(after), beforeFields, label, label)];
}

// ── renames ──

/** Lines of a file for similarity: trimmed, non-empty, CRLF aside. */
function similarityLines(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (l && l !== '---') m.set(l, (m.get(l) ?? 0) + 1);
  }
  return m;
}

/** Share of lines in common (Dice coefficient on the multisets of lines), 0..1. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let common = 0;
  for (const n of a.values()) na += n;
  for (const [l, n] of b) {
    nb += n;
    common += Math.min(n, a.get(l) ?? 0);
  }
  return na + nb === 0 ? 1 : (2 * common) / (na + nb);
}

/** Lines in common needed when references were rewritten to the new id (a rename with a new name keeps the rest). */
const REWRITE_SIMILARITY = 0.3;

function pathKey(path: readonly (string | number)[]): string {
  return path.join('\0');
}

/** Pair removed and added records of the same type that are one record moved to a new id. */
function findRenames(removed: SideRecord[], added: SideRecord[], common: [SideRecord, SideRecord][], options: Required<DiffOptions>): [SideRecord, SideRecord][] {
  const pairs: [SideRecord, SideRecord][] = [];
  const freeRemoved = new Set(removed);
  const freeAdded = new Set(added);
  const take = (b: SideRecord, a: SideRecord) => {
    pairs.push([b, a]);
    freeRemoved.delete(b);
    freeAdded.delete(a);
  };
  const lines = new Map<SideRecord, Map<string, number>>();
  const linesOf = (r: SideRecord) => {
    let l = lines.get(r);
    if (!l) lines.set(r, (l = similarityLines(r.text())));
    return l;
  };

  // 1. The same content.
  const addedByContent = new Map<string, SideRecord[]>();
  for (const a of added) {
    const k = `${a.record.type}\0${a.hash}`;
    const list = addedByContent.get(k);
    if (list) list.push(a);
    else addedByContent.set(k, [a]);
  }
  for (const b of removed) {
    const a = addedByContent.get(`${b.record.type}\0${b.hash}`)?.find((x) => freeAdded.has(x));
    if (a) take(b, a);
  }

  // 2. References rewritten from a removed id to an added id, in records present on both sides — unless the two
  //    have little in common: a reference moved from one organisation to a quite different one is a replacement.
  const removedById = new Map([...freeRemoved].map((r) => [r.record.id, r] as const));
  const addedById = new Map([...freeAdded].map((r) => [r.record.id, r] as const));
  if (removedById.size && addedById.size) {
    const votes = new Map<string, number>();
    for (const [b, a] of common) {
      if (!b.record.fields || !a.record.fields) continue;
      const after = new Map(referencesIn(a.record.type, a.record.fields).map((r) => [pathKey(r.path), r.id] as const));
      for (const ref of referencesIn(b.record.type, b.record.fields)) {
        const to = after.get(pathKey(ref.path));
        const from = removedById.get(ref.id);
        const target = to === undefined ? undefined : addedById.get(to);
        if (!from || !target || from.record.type !== target.record.type) continue;
        const k = `${ref.id}\0${to}`;
        votes.set(k, (votes.get(k) ?? 0) + 1);
      }
    }
    for (const [k] of [...votes].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
      const [from, to] = k.split('\0') as [string, string];
      const b = removedById.get(from)!;
      const a = addedById.get(to)!;
      if (freeRemoved.has(b) && freeAdded.has(a) && similarity(linesOf(b), linesOf(a)) >= REWRITE_SIMILARITY) take(b, a);
    }
  }

  // 3. Similar content: most lines in common, same type; all pairs while few, else only same-named ones.
  for (const type of RECORD_TYPES) {
    const rs = [...freeRemoved].filter((r) => r.record.type === type);
    const as = [...freeAdded].filter((r) => r.record.type === type);
    if (!rs.length || !as.length) continue;
    const candidates: [SideRecord, SideRecord][] = [];
    if (rs.length * as.length <= options.renamePairLimit) {
      for (const b of rs) for (const a of as) candidates.push([b, a]);
    } else {
      const byLabel = new Map<string, SideRecord[]>();
      for (const a of as) byLabel.set(recordLabel(a.record), [...(byLabel.get(recordLabel(a.record)) ?? []), a]);
      for (const b of rs) for (const a of byLabel.get(recordLabel(b.record)) ?? []) candidates.push([b, a]);
    }
    const scored = candidates
      .map(([b, a]) => ({ b, a, score: similarity(linesOf(b), linesOf(a)) }))
      .filter((c) => c.score >= options.similarity)
      .sort((x, y) => y.score - x.score || (x.b.record.file < y.b.record.file ? -1 : x.b.record.file > y.b.record.file ? 1 : x.a.record.file < y.a.record.file ? -1 : 1));
    for (const c of scored) if (freeRemoved.has(c.b) && freeAdded.has(c.a)) take(c.b, c.a);
  }
  return pairs;
}

/**
 * `fields` with references to renamed records rewritten to their new ids, where `after` holds the new id at
 * the same place (or, in a list, anywhere in it): those rewrites are the rename's, not changes of this record.
 */
function rewriteReferences(type: RecordType, fields: Fields, after: Fields, renamed: ReadonlyMap<string, string>, counted: (from: string, path: (string | number)[]) => void): Fields {
  let copy: Fields | undefined;
  for (const ref of referencesIn(type, fields)) {
    const to = renamed.get(ref.id);
    if (to === undefined) continue;
    const there = valueAt(after, ref.path);
    const last = ref.path[ref.path.length - 1];
    const list = typeof last === 'number' ? valueAt(after, ref.path.slice(0, -1)) : undefined;
    const inList = Array.isArray(list) && list.includes(to) && !list.includes(ref.id);
    if (there !== to && !inList) continue;
    copy ??= structuredClone(fields);
    setAt(copy, ref.path, to);
    counted(ref.id, ref.path);
  }
  return copy ?? fields;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function setAt(value: unknown, path: readonly (string | number)[], to: unknown): void {
  const parent = valueAt(value, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = to;
}

// ── validation ──

/**
 * Problems introduced and fixed: a HEAD diagnostic matches a BASE one in the same file (followed across a
 * rename) with the same code and message, or failing that the same code — so an error whose line moved or
 * whose wording names a new value is not counted as fixed and introduced again.
 */
function diffValidation(base: readonly Diagnostic[], head: readonly Diagnostic[], movedTo: ReadonlyMap<string, string>): ValidationDiff {
  const file = (d: Diagnostic) => movedTo.get(d.file) ?? d.file;
  let left = [...base];
  let introduced = [...head];
  for (const keyOf of [(d: Diagnostic, f: string) => `${f}\0${d.code}\0${d.message}`, (d: Diagnostic, f: string) => `${f}\0${d.code}`]) {
    const pool = new Map<string, Diagnostic[]>();
    for (const d of left) {
      const k = keyOf(d, file(d));
      const list = pool.get(k);
      if (list) list.push(d);
      else pool.set(k, [d]);
    }
    const unmatched: Diagnostic[] = [];
    for (const d of introduced) {
      const match = pool.get(keyOf(d, d.file));
      if (match?.length) match.pop();
      else unmatched.push(d);
    }
    introduced = unmatched;
    left = [...pool.values()].flat();
  }
  return {
    base: countDiagnostics(base),
    head: countDiagnostics(head),
    introduced: sortDiagnostics(introduced),
    fixed: sortDiagnostics(left),
  };
}

// ── the store diff ──

const sameText = (b: SideRecord, a: SideRecord) => b.text().replace(/\r\n?/g, '\n') === a.text().replace(/\r\n?/g, '\n');

const CHANGE_ORDER: Record<ChangeKind, number> = { added: 0, renamed: 1, changed: 2, removed: 3 };

export function diffStores(base: StoreSide, head: StoreSide, options: DiffOptions = {}): StoreDiff {
  const opts: Required<DiffOptions> = { renamePairLimit: options.renamePairLimit ?? 250_000, similarity: options.similarity ?? 0.5 };
  const lb = labelsOf(base.records);
  const la = labelsOf(head.records, lb);
  const lbWithFallback = labelsOf(base.records, la);
  const headByFile = new Map(head.records.map((r) => [r.record.file, r] as const));
  const baseFiles = new Set(base.records.map((r) => r.record.file));

  const removed: SideRecord[] = [];
  const common: [SideRecord, SideRecord][] = [];
  for (const b of base.records) {
    const a = headByFile.get(b.record.file);
    if (!a) removed.push(b);
    else if (a.hash !== b.hash) common.push([b, a]);
  }
  const added = head.records.filter((r) => !baseFiles.has(r.record.file));
  const renames = findRenames(removed, added, common, opts);
  const renamedBase = new Set(renames.map(([b]) => b));
  const renamedHead = new Set(renames.map(([, a]) => a));
  const newIdOf = new Map(renames.filter(([b, a]) => b.record.id !== a.record.id).map(([b, a]) => [b.record.id, a.record.id] as const));

  const referenceCount = new Map<string, number>();
  const referrers = new Map<string, Set<string>>();
  const changes: RecordChange[] = [];
  const compare = (b: SideRecord, a: SideRecord): { fields: FieldChange[]; rewrote: boolean } => {
    let rewrote = false;
    let beforeFields = fieldsOf(b);
    const afterFields = fieldsOf(a);
    if (beforeFields && afterFields && newIdOf.size) {
      beforeFields = rewriteReferences(b.record.type, beforeFields, afterFields, newIdOf, (from) => {
        rewrote = true;
        referenceCount.set(from, (referenceCount.get(from) ?? 0) + 1);
        const set = referrers.get(from) ?? new Set<string>();
        set.add(a.record.id);
        referrers.set(from, set);
      });
    }
    return { fields: diffRecordSides(b.record.type, b, a, beforeFields, lbWithFallback, la), rewrote };
  };
  const privacy = (type: RecordType, ...sides: (SideRecord | undefined)[]) =>
    isPrivatePerson(type, fieldsOf(sides[0]), fieldsOf(sides[1])) ? { private: true } : {};

  for (const [b, a] of common) {
    const { fields, rewrote } = compare(b, a);
    // Nothing but the references a rename rewrote, or line endings (a working tree with core.autocrlf).
    if (fields.length === 0 && (rewrote || sameText(b, a))) continue;
    const { record } = a;
    changes.push({ change: 'changed', type: record.type, id: record.id, path: record.file, label: recordLabel(record), ...privacy(record.type, b, a), fields: fields.length ? fields : [{ field: 'format', kind: 'format' }] });
  }
  const renameEntries: [SideRecord, SideRecord, FieldChange[]][] = renames.map(([b, a]) => [b, a, compare(b, a).fields]);
  for (const [b, a, fields] of renameEntries) {
    const from = b.record.id;
    const ids = [...(referrers.get(from) ?? [])].filter((id) => id !== a.record.id).sort();
    changes.push({
      change: 'renamed', type: a.record.type, id: a.record.id, path: a.record.file, label: recordLabel(a.record),
      previousId: from, previousPath: b.record.file, references: referenceCount.get(from) ?? 0, referencedBy: ids,
      ...privacy(a.record.type, b, a), fields,
    });
  }
  for (const a of added) {
    if (renamedHead.has(a)) continue;
    changes.push({ change: 'added', type: a.record.type, id: a.record.id, path: a.record.file, label: recordLabel(a.record), ...privacy(a.record.type, undefined, a), fields: diffRecordSides(a.record.type, undefined, a, undefined, la, la) });
  }
  for (const b of removed) {
    if (renamedBase.has(b)) continue;
    changes.push({ change: 'removed', type: b.record.type, id: b.record.id, path: b.record.file, label: recordLabel(b.record), ...privacy(b.record.type, b, undefined), fields: [] });
  }
  changes.sort((x, y) => RECORD_TYPES.indexOf(x.type) - RECORD_TYPES.indexOf(y.type) || CHANGE_ORDER[x.change] - CHANGE_ORDER[y.change] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const summary: Record<ChangeKind, number> = { added: 0, removed: 0, renamed: 0, changed: 0 };
  for (const c of changes) summary[c.change]++;
  const movedTo = new Map(renames.map(([b, a]) => [b.record.file, a.record.file] as const));
  return { summary, records: changes, validation: diffValidation(base.diagnostics, head.diagnostics, movedTo) };
}
