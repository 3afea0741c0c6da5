/**
 * A change to the store as data: every file to create, rewrite, move or delete, and the commit subject.
 * Core functions build plans without touching anything; store/apply.ts validates and carries them out.
 */
import type { RecordType } from './kinds.js';

export type FileChange =
  | { kind: 'create'; file: string; type: RecordType; id: string; bytes: Uint8Array }
  | { kind: 'modify'; file: string; type: RecordType; id: string; bytes: Uint8Array }
  | { kind: 'delete'; file: string; type: RecordType; id: string }
  /** `from` moves to `file` (git mv), then `file` gets `bytes`. */
  | { kind: 'move'; from: string; file: string; type: RecordType; id: string; bytes: Uint8Array };

export interface ChangePlan {
  changes: FileChange[];
  /** The commit subject, e.g. `meeting: add 2019-04-10-follow-up-consultation`. */
  message: string;
}

/** Every path the plan touches (both ends of a move), relative to the root, sorted. */
export function touchedFiles(plan: ChangePlan): string[] {
  const files = new Set<string>();
  for (const c of plan.changes) {
    files.add(c.file);
    if (c.kind === 'move') files.add(c.from);
  }
  return [...files].sort();
}
