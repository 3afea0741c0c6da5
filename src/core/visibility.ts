/**
 * What an export may show: the one place that decides it, used by every export.
 *
 * Public by default (record-model.md, "visibility"): a record marked `visibility: private` is left out, and so
 * is every person not marked `visibility: public` (people are private by default), with their contact
 * fields. References to a record that is left out are removed from the records that stay — ids are made
 * from names, so a reference would give the name away — and so are references to records the loader
 * skipped as invalid: every reference in an export resolves to a record in the same export.
 */
import { RECORD_TYPES, type RecordType } from './kinds.js';
import type { Fields, StoreRecord } from './record.js';
import { privateFieldsOfType, refFieldsOfType } from './schema-info.js';

/**
 * A person's contact fields, never shown unless the person is `visibility: public`: `personPrivateFields` of
 * schemas/person.ts, read from the generated schema table so that exports do not load zod.
 */
export const PERSON_CONTACT_FIELDS: readonly string[] = privateFieldsOfType('person');

export interface ExportView {
  /** The records an export may show, by type (record-model order), then by id. */
  records: StoreRecord[];
  byId: ReadonlyMap<string, StoreRecord>;
  /** The name or title of a record in the view (the id when it has none). */
  label(id: string): string;
  /** Private records left out (none with `includePrivate`). */
  leftOut: ReadonlySet<string>;
}

/** A person is private unless marked public; any other record is public unless marked private. */
export function isPrivateRecord(record: StoreRecord): boolean {
  const visibility = record.fields?.visibility;
  return record.type === 'person' ? visibility !== 'public' : visibility === 'private';
}

/**
 * The records an export may show. `records` are the valid records of the store; with `includePrivate`
 * nothing is left out for privacy, but references to records outside `records` are still removed.
 */
export function publicView(records: readonly StoreRecord[], options: { includePrivate?: boolean } = {}): ExportView {
  const kept = records.filter((r) => r.valid && r.fields && (options.includePrivate || !isPrivateRecord(r)));
  const keptSet = new Set(kept);
  const leftOut = new Set(records.filter((r) => r.valid && r.fields && !keptSet.has(r)).map((r) => r.id));
  const ids = new Set(kept.map((r) => r.id));
  const view = kept.map((r) => withFields(r, visibleFields(r, ids, options.includePrivate === true)));
  const order = (t: RecordType) => RECORD_TYPES.indexOf(t);
  view.sort((a, b) => order(a.type) - order(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(view.map((r) => [r.id, r] as const));
  return {
    records: view,
    byId,
    label: (id) => {
      const f = byId.get(id)?.fields;
      const label = f?.name ?? f?.title;
      return typeof label === 'string' && label.trim() ? label : id;
    },
    leftOut,
  };
}

/** A plain copy of a loaded record with its visible fields (cached references would be stale after pruning). */
function withFields(record: StoreRecord, fields: Fields): StoreRecord {
  return { type: record.type, id: record.id, file: record.file, fields, valid: true, locations: {}, bodyLine: record.bodyLine, bodyOffset: record.bodyOffset, diagnostics: [] };
}

/** The record's fields without references to records outside `ids` and, for a private person, without contact fields. */
function visibleFields(record: StoreRecord, ids: ReadonlySet<string>, includePrivate: boolean): Fields {
  let fields = record.fields!;
  if (!includePrivate && record.type === 'person' && fields.visibility !== 'public') {
    // Unreachable while private people are left out altogether; kept so that contact fields can never leak.
    fields = Object.fromEntries(Object.entries(fields).filter(([name]) => !PERSON_CONTACT_FIELDS.includes(name)));
  }
  for (const ref of refFieldsOfType(record.type)) {
    const pruned = prune(fields, ref.path, 0, ids);
    if (pruned !== fields) fields = (pruned ?? {}) as Fields;
  }
  return fields;
}

const REMOVE = undefined;

/**
 * `value` without the references at `path` (from `at`) that point outside `ids`; the same object when nothing
 * changes (copy on write), `undefined` when the value itself is such a reference. Lists emptied by pruning
 * are removed, so an export never shows `participants: []` where the record had names.
 */
function prune(value: unknown, path: readonly string[], at: number, ids: ReadonlySet<string>): unknown {
  if (at === path.length) return typeof value === 'string' && !ids.has(value) ? REMOVE : value;
  const head = path[at]!;
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    let changed = false;
    const out: unknown[] = [];
    for (const item of value) {
      const next = prune(item, path, at + 1, ids);
      if (next !== item) changed = true;
      if (next !== REMOVE) out.push(next);
    }
    if (!changed) return value;
    return out.length === 0 && value.length > 0 ? REMOVE : out;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, head)) return value;
  const obj = value as Record<string, unknown>;
  const next = prune(obj[head], path, at + 1, ids);
  if (next === obj[head]) return value;
  const copy: Record<string, unknown> = { ...obj };
  if (next === REMOVE) delete copy[head];
  else copy[head] = next;
  return copy;
}
