/**
 * `dossier rename`: the record's file moves to its new id, and every reference to it across the store is
 * rewritten in place (one line each). The name can change in the same plan, and an organisation can keep
 * the name it had in `other_names`.
 */
import { keyOrderOf } from './assignments.js';
import { editRecordBytes, type EditOp } from './edit.js';
import { labelField, recordPath } from './kinds.js';
import type { ChangePlan, FileChange } from './plan.js';
import type { RecordIndex, Reference } from './references.js';
import type { StoreRecord } from './record.js';

export interface RenameInput {
  record: StoreRecord;
  newId: string;
  index: RecordIndex;
  /** The bytes of the record and of every file that refers to it. */
  sources: ReadonlyMap<string, Uint8Array>;
  /** A new name (or title) for the record. */
  newName?: string;
  /** Keep the previous name in `other_names` with this language tag (organisations). */
  keepNameLang?: string;
}

export interface RenamePlan {
  plan: ChangePlan;
  /** How many references were rewritten. */
  references: number;
  /** The files that refer to the record (not the record itself). */
  referringFiles: string[];
}

function byRecord(refs: readonly Reference[]): Map<StoreRecord, Reference[]> {
  const m = new Map<StoreRecord, Reference[]>();
  for (const r of refs) m.set(r.from, [...(m.get(r.from) ?? []), r]);
  return m;
}

export function planRename(input: RenameInput): RenamePlan {
  const { record, newId } = input;
  const source = (file: string) => {
    const b = input.sources.get(file);
    if (!b) throw new Error(`missing source of ${file}`);
    return b;
  };
  const incoming = input.index.incoming(record.id);
  const groups = byRecord(incoming);
  const changes: FileChange[] = [];
  const setRefs = (refs: readonly Reference[]): EditOp[] => refs.map((r) => ({ op: 'set', path: r.path, value: newId }));

  // The record itself: its `id:` echo, references to itself, the name.
  const own: EditOp[] = [];
  if (record.fields && Object.hasOwn(record.fields, 'id')) own.push({ op: 'set', path: ['id'], value: newId });
  own.push(...setRefs(groups.get(record) ?? []));
  const label = labelField(record.type);
  const oldName = record.fields?.[label];
  if (input.newName !== undefined) own.push({ op: 'set', path: [label], value: input.newName });
  if (input.keepNameLang !== undefined && typeof oldName === 'string') {
    own.push({ op: 'append', path: ['other_names'], value: { name: oldName, lang: input.keepNameLang } });
  }
  const moved = own.length ? editRecordBytes(source(record.file), own, { keyOrder: keyOrderOf(record.type) }).bytes : source(record.file);
  changes.push({ kind: 'move', from: record.file, file: recordPath(record.type, newId), type: record.type, id: newId, bytes: moved });

  const referringFiles: string[] = [];
  for (const [from, refs] of groups) {
    if (from === record) continue;
    const edited = editRecordBytes(source(from.file), setRefs(refs), { keyOrder: keyOrderOf(from.type) });
    changes.push({ kind: 'modify', file: from.file, type: from.type, id: from.id, bytes: edited.bytes });
    referringFiles.push(from.file);
  }
  const n = incoming.length;
  const message = `${record.type}: rename ${record.id} -> ${newId} (${n} reference${n === 1 ? '' : 's'} updated)`;
  return { plan: { changes, message }, references: n, referringFiles };
}
