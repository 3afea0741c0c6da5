/**
 * `dossier rm`: a record that others refer to is not removed, and the answer lists each referring file and
 * field; with `unlink` the references are removed too (list items dropped, single references unset), in
 * the same plan. Whether the result is valid (a meeting action needs an owner) is for validation to say.
 */
import { editRecordBytes, type EditOp, type Path } from './edit.js';
import { keyOrderOf } from './assignments.js';
import type { ChangePlan, FileChange } from './plan.js';
import type { RecordIndex, Reference } from './references.js';
import type { StoreRecord } from './record.js';

export interface RemoveInput {
  record: StoreRecord;
  index: RecordIndex;
  /** The bytes of every file that refers to the record. */
  sources: ReadonlyMap<string, Uint8Array>;
  unlink: boolean;
}

export interface ReferringField {
  file: string;
  id: string;
  /** `participants`, `actions.owner` */
  field: string;
  path: Path;
}

export type RemovePlan =
  | { ok: false; refs: ReferringField[] }
  | { ok: true; plan: ChangePlan; refs: ReferringField[] };

/** The operations that take `id` out of one record. */
export function unlinkOps(refs: readonly Reference[], id: string): EditOp[] {
  const ops: EditOp[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const last = ref.path[ref.path.length - 1];
    const op: EditOp = typeof last === 'number' ? { op: 'remove', path: ref.path.slice(0, -1), value: id } : { op: 'unset', path: ref.path };
    const key = `${op.op}:${op.path.join('.')}`;
    if (!seen.has(key)) {
      seen.add(key);
      ops.push(op);
    }
  }
  // Later list items first, so earlier indices stay valid while unsetting nested fields.
  return ops.sort((a, b) => (a.path.join('.') < b.path.join('.') ? 1 : -1));
}

export function planRemove(input: RemoveInput): RemovePlan {
  const { record } = input;
  const incoming = input.index.incoming(record.id).filter((r) => r.from !== record);
  const refs = incoming.map((r) => ({ file: r.from.file, id: r.from.id, field: r.field, path: r.path }));
  if (incoming.length > 0 && !input.unlink) return { ok: false, refs };
  const changes: FileChange[] = [];
  const byFile = new Map<StoreRecord, Reference[]>();
  for (const r of incoming) byFile.set(r.from, [...(byFile.get(r.from) ?? []), r]);
  for (const [from, list] of byFile) {
    const bytes = input.sources.get(from.file);
    if (!bytes) throw new Error(`missing source of ${from.file}`);
    const edited = editRecordBytes(bytes, unlinkOps(list, record.id), { keyOrder: keyOrderOf(from.type) });
    changes.push({ kind: 'modify', file: from.file, type: from.type, id: from.id, bytes: edited.bytes });
  }
  changes.push({ kind: 'delete', file: record.file, type: record.type, id: record.id });
  const n = incoming.length;
  const message = `${record.type}: remove ${record.id}${n ? ` (${n} reference${n === 1 ? '' : 's'} removed)` : ''}`;
  return { ok: true, plan: { changes, message }, refs };
}
