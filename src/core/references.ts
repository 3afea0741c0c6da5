/**
 * The reference graph of a store: which record each reference points to, and what refers to a record
 * (backlinks). Built once per command in linear time.
 */
import type { RecordType } from './kinds.js';
import type { CachedReference, StoreRecord } from './record.js';
import { referencesIn } from './schema-info.js';

export interface Reference {
  /** The record that holds the reference. */
  from: StoreRecord;
  /** Path of the value inside `from` (`['actions', 0, 'owner']`). */
  path: (string | number)[];
  /** The field name as a user reads it: `participants`, `actions.owner`. */
  field: string;
  /** The referenced id. */
  to: string;
}

export interface RecordIndex {
  byId: ReadonlyMap<string, StoreRecord>;
  /** References pointing at `id`, in store order. */
  incoming(id: string): Reference[];
  /** References held by `record`. */
  outgoing(record: StoreRecord): Reference[];
  /** The record's name or title, or the id itself when there is no such record. */
  label(id: string): string;
}

/** `actions.owner` for `['actions', 0, 'owner']`. */
export function fieldOfPath(path: readonly (string | number)[]): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

/** The references a record holds: from the cache when it has them, else from its fields. */
export function referencesOf(record: StoreRecord): readonly CachedReference[] {
  if (record.cachedReferences) return record.cachedReferences;
  if (!record.fields) return [];
  return referencesIn(record.type, record.fields).map((r) => [r.path, r.id] as const);
}

export interface IndexOptions {
  /**
   * The records that may refer to `id`, in store order: a superset the store can find cheaply (the cache
   * searches its references for the id's text). Without it, the first backlink query reads every record's references.
   */
  mayReferTo?: (id: string) => readonly StoreRecord[];
  /** The records by id, when the store keeps them (made as they are looked up); else indexed from `records`. */
  byId?: ReadonlyMap<string, StoreRecord>;
}

function referencesFrom(from: StoreRecord): Reference[] {
  return referencesOf(from).map(([path, to]) => ({ from, path: [...path], field: fieldOfPath(path), to }));
}

/** Records by id: the first in store order. */
function idsOf(records: readonly StoreRecord[]): Map<string, StoreRecord> {
  const byId = new Map<string, StoreRecord>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  return byId;
}

/**
 * The reference graph. Ids are indexed at once; the links (incoming/outgoing) on first use, since a listing
 * never needs them and they cost a pass over every record.
 */
export function buildIndex(every: readonly StoreRecord[] | (() => readonly StoreRecord[]), options: IndexOptions = {}): RecordIndex {
  // Every record is needed only for the whole graph; with `byId` and `mayReferTo`, lookups and backlinks need not make them.
  let all = typeof every === 'function' ? undefined : every;
  const allRecords = () => (all ??= (every as () => readonly StoreRecord[])());
  const byId = options.byId ?? idsOf(allRecords());
  let links: { incoming: Map<string, Reference[]>; outgoing: Map<StoreRecord, Reference[]> } | undefined;
  const graph = () => {
    if (links) return links;
    const incoming = new Map<string, Reference[]>();
    const outgoing = new Map<StoreRecord, Reference[]>();
    for (const from of allRecords()) {
      const out = referencesFrom(from);
      for (const reference of out) {
        const list = incoming.get(reference.to);
        if (list) list.push(reference);
        else incoming.set(reference.to, [reference]);
      }
      outgoing.set(from, out);
    }
    return (links = { incoming, outgoing });
  };
  const incomingOf = new Map<string, Reference[]>();
  return {
    byId,
    incoming: (id) => {
      if (links || !options.mayReferTo) return graph().incoming.get(id) ?? [];
      let found = incomingOf.get(id);
      if (!found) incomingOf.set(id, (found = options.mayReferTo(id).flatMap((from) => referencesFrom(from).filter((r) => r.to === id))));
      return found;
    },
    outgoing: (record) => (links ? links.outgoing.get(record) ?? [] : referencesFrom(record)),
    label: (id) => {
      const r = byId.get(id);
      const label = r?.fields?.name ?? r?.fields?.title;
      return typeof label === 'string' && label.trim() ? label : id;
    },
  };
}

/** Group backlinks by the referring record's type and field, for `show` and pages. */
export function groupBacklinks(refs: readonly Reference[]): Map<string, { type: RecordType; field: string; records: StoreRecord[] }> {
  const groups = new Map<string, { type: RecordType; field: string; records: StoreRecord[] }>();
  // A record referring twice through one field (two actions owned by the same organisation) is listed once.
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.from.type}.${ref.field}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { type: ref.from.type, field: ref.field, records: [] }));
    const once = `${key}\0${ref.from.file}`;
    if (!seen.has(once)) {
      seen.add(once);
      g.records.push(ref.from);
    }
  }
  return groups;
}
