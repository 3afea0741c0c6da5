/** What refers to a record, grouped by the referring type and field, in record-model order. */
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { groupBacklinks, type RecordIndex } from './references.js';
import { refFieldsOfType } from './schema-info.js';

export interface BacklinkGroup {
  /** The type of the referring records. */
  type: RecordType;
  /** The field holding the reference, as a user reads it: `host`, `actions.owner`. */
  field: string;
  records: StoreRecord[];
}

/** What a reader of a page asks first: the meetings, proposals and agreements, then people, then organisations. */
const BACKLINK_ORDER: readonly RecordType[] = ['meeting', 'proposal', 'agreement', 'person', 'organisation'];

function fieldRank(type: RecordType, field: string): number {
  const i = refFieldsOfType(type).findIndex((f) => f.path.filter((p) => p !== '*').join('.') === field);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

/** Backlinks of `record` from valid records: by type in BACKLINK_ORDER, then by field in schema order. */
export function backlinksOf(record: StoreRecord, index: RecordIndex): BacklinkGroup[] {
  // Invalid records are left out of answers, here as everywhere.
  const refs = index.incoming(record.id).filter((ref) => ref.from.valid);
  const groups = [...groupBacklinks(refs).values()];
  return groups.sort(
    (a, b) => BACKLINK_ORDER.indexOf(a.type) - BACKLINK_ORDER.indexOf(b.type) || fieldRank(a.type, a.field) - fieldRank(b.type, b.field),
  );
}
