/**
 * Rules over one record's values (date order, counts, expected dates) and over the whole store
 * (unique ids, references, parent cycles). Computed from loaded data, never from files.
 */
import { diagnostic } from './codes.js';
import type { Diagnostic } from './diagnostic.js';
import { FRONTMATTER_START, locate, type LocationIndex } from './locations.js';
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { referencesIn } from './schema-info.js';
import { withArticle } from './quote.js';
import { suggest } from './suggest.js';

export interface StoreCheckOptions {
  /** Today as YYYY-MM-DD, for "held in the future". */
  today: string;
}

/** Anything that can be referred to: its type is all a reference check needs. */
export type Targets = ReadonlyMap<string, { type: RecordType }>;

/** Every store-wide and per-record rule; schema problems are already on the records. */
export function checkStore(records: readonly StoreRecord[], options: StoreCheckOptions): Diagnostic[] {
  const out = checkUniqueIds(records);
  const targets = targetsOf(records);
  for (const record of records) out.push(...checkRecordInStore(record, targets, options));
  out.push(...checkParentCycles(records, (r) => r.fields?.parent, (r) => r.locations));
  return out;
}

/** The first record of each id (a duplicate is reported by checkUniqueIds). */
export function targetsOf<T extends { id: string; type: RecordType }>(records: readonly T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  return byId;
}

/**
 * The rules of one record against the rest of the store: its references, and its own value rules.
 * Depends only on the record, the set of ids with their types, and today — so it can be cached per record.
 */
export function checkRecordInStore(record: StoreRecord, targets: Targets, options: StoreCheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!record.fields) return out;
  checkReferences(record, targets, out);
  if (record.valid) checkRecordRules(record, options, out);
  return out;
}

/** Ids are unique across all types, case-insensitively. Needs only ids and files. */
export function checkUniqueIds(records: readonly { id: string; file: string }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byFolded = new Map<string, { id: string; file: string }[]>();
  for (const r of records) {
    const folded = r.id.toLowerCase();
    const group = byFolded.get(folded);
    if (group) group.push(r);
    else byFolded.set(folded, [r]);
  }
  for (const group of byFolded.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.file).join(', ');
      out.push(diagnostic('id/duplicate', r.file, FRONTMATTER_START, { id: r.id, other: others }));
    }
  }
  return out;
}

function checkReferences(record: StoreRecord, byId: Targets, out: Diagnostic[]): void {
  for (const ref of referencesIn(record.type, record.fields!)) {
    const target = byId.get(ref.id);
    const self = record.type === 'organisation' && ref.id === record.id && (ref.path[0] === 'parent' || ref.path[0] === 'member_of');
    if (target && ref.types.includes(target.type) && !self) continue;
    // Where and how to name the field are worked out only for a reference that has a problem (locating costs a
    // parse; most of 10,000 records' references have none).
    const at = locate(record.locations, ref.path);
    const field = ref.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
    if (!target) out.push(diagnostic('ref/missing', record.file, at, { field, id: ref.id, suggestion: suggest(ref.id, byId.keys()) }));
    else if (!ref.types.includes(target.type)) out.push(diagnostic('ref/wrong-type', record.file, at, { field, id: ref.id, expected: ref.types.map(withArticle).join(' or '), found: withArticle(target.type) }));
    else out.push(diagnostic('rule/self-reference', record.file, at, { field }));
  }
}

function checkRecordRules(record: StoreRecord, options: StoreCheckOptions, out: Diagnostic[]): void {
  const f = record.fields!;
  const order = (later: string, earlier: string) => {
    const a = f[later];
    const b = f[earlier];
    if (typeof a === 'string' && typeof b === 'string' && a < b) {
      out.push(diagnostic('rule/date-order', record.file, locate(record.locations, [later]), { field: later, value: a, other: earlier, otherValue: b }));
    }
  };
  switch (record.type) {
    case 'meeting': {
      order('end_date', 'date');
      const participants = Array.isArray(f.participants) ? f.participants.length : 0;
      if (typeof f.participant_count === 'number' && f.participant_count < participants) {
        out.push(diagnostic('rule/participant-count', record.file, locate(record.locations, ['participant_count']), { count: f.participant_count, listed: participants }));
      }
      if (f.status === 'held' && typeof f.date === 'string' && f.date > options.today) {
        out.push(diagnostic('rule/held-in-future', record.file, locate(record.locations, ['date']), { date: f.date, today: options.today }));
      }
      break;
    }
    case 'proposal': {
      order('decided_on', 'submitted_on');
      const status = String(f.status);
      if (status !== 'draft' && f.submitted_on === undefined) {
        out.push(diagnostic('rule/submitted-on-missing', record.file, locate(record.locations, ['status']), { status }));
      }
      if ((status === 'adopted' || status === 'partially-adopted' || status === 'rejected') && f.decided_on === undefined) {
        out.push(diagnostic('rule/decided-on-missing', record.file, locate(record.locations, ['status']), { status }));
      }
      break;
    }
    case 'agreement': {
      order('valid_until', 'signed_on');
      const parties = Array.isArray(f.parties) ? f.parties.length : 0;
      if (typeof f.declared_parties === 'number' && f.declared_parties !== parties) {
        out.push(diagnostic('rule/declared-parties', record.file, locate(record.locations, ['declared_parties']), { declared: f.declared_parties, listed: parties }));
      }
      break;
    }
    default:
      break;
  }
}

/**
 * Parent chains must end: a walk with three colours finds each cycle once, in linear time. Works on anything
 * with a type, id and file (the loader passes file references, so that unchanged records need not be made);
 * `locationsOf` is asked only for records in a cycle.
 */
export function checkParentCycles<T extends { type: RecordType; id: string; file: string }>(
  records: readonly T[],
  parentOf: (r: T) => unknown,
  locationsOf: (r: T) => LocationIndex,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const orgs = new Map<string, T>();
  for (const r of records) if (r.type === 'organisation' && !orgs.has(r.id)) orgs.set(r.id, r);
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of orgs.values()) {
    if (state.has(start.id)) continue;
    const chain: T[] = [];
    let current: T | undefined = start;
    while (current && !state.has(current.id)) {
      state.set(current.id, 'walking');
      chain.push(current);
      const parent = parentOf(current);
      current = typeof parent === 'string' && parent !== current.id ? orgs.get(parent) : undefined;
    }
    if (current && state.get(current.id) === 'walking') {
      const cycle = chain.slice(chain.indexOf(current));
      const names = [...cycle.map((r) => r.id), current.id].join(' → ');
      for (const r of cycle) out.push(diagnostic('rule/parent-cycle', r.file, locate(locationsOf(r), ['parent']), { cycle: names }));
    }
    for (const r of chain) state.set(r.id, 'done');
  }
  return out;
}
