/**
 * A proposal's status changes carry dates: leaving `draft` stamps `submitted_on`, a decision (adopted,
 * partially-adopted, rejected) stamps `decided_on` — today, or the date given with `--on`. A move
 * backwards (adopted → draft) is refused unless forced, because it usually means a typo.
 */
import type { EditOp } from './edit.js';
import type { Fields } from './record.js';

const RANK: Readonly<Record<string, number>> = {
  draft: 0,
  submitted: 1,
  'under-review': 2,
  adopted: 3,
  'partially-adopted': 3,
  rejected: 3,
  withdrawn: 3,
};

const DECIDED = new Set(['adopted', 'partially-adopted', 'rejected']);

export interface StampInput {
  fields: Fields;
  /** The operations the user asked for. */
  ops: readonly EditOp[];
  /** YYYY-MM-DD: `--on`, else today. */
  date: string;
  /** `--on` was given: it also replaces a date already there. */
  explicitDate: boolean;
  force: boolean;
}

export type StampResult =
  | { ok: true; ops: EditOp[]; notes: string[] }
  | { ok: false; message: string; hint: string };

function setsField(ops: readonly EditOp[], field: string): boolean {
  return ops.some((o) => o.path.length === 1 && o.path[0] === field);
}

/** The status a set of operations leaves, when they change it. */
export function newStatusOf(ops: readonly EditOp[]): string | undefined {
  let status: string | undefined;
  for (const o of ops) if (o.op === 'set' && o.path.length === 1 && o.path[0] === 'status' && typeof o.value === 'string') status = o.value;
  return status;
}

/** The extra date operations a proposal's status change brings, or why it is refused. */
export function stampStatus(input: StampInput): StampResult {
  const from = typeof input.fields.status === 'string' ? input.fields.status : undefined;
  const to = newStatusOf(input.ops);
  if (to === undefined || to === from) return { ok: true, ops: [], notes: [] };
  const notes: string[] = [];
  if (from !== undefined && RANK[from] !== undefined && RANK[to] !== undefined && RANK[to]! < RANK[from]!) {
    const dated = [input.fields.submitted_on && `submitted on ${String(input.fields.submitted_on)}`, input.fields.decided_on && `decided on ${String(input.fields.decided_on)}`]
      .filter(Boolean)
      .join(', ');
    if (!input.force) {
      return {
        ok: false,
        message: `status ${from} → ${to} moves the proposal backwards${dated ? ` (it was ${dated})` : ''}`,
        hint: 'if that is what happened, run the command again with --force',
      };
    }
    if (dated) notes.push(`kept the dates (${dated}); remove them with --unset if they no longer apply`);
  }
  const ops: EditOp[] = [];
  const stamp = (field: string) => {
    if (setsField(input.ops, field)) return;
    if (input.fields[field] !== undefined && !input.explicitDate) return;
    if (input.fields[field] === input.date) return;
    ops.push({ op: 'set', path: [field], value: input.date });
    notes.push(`${field} set to ${input.date}`);
  };
  if (from === 'draft' && to !== 'draft') stamp('submitted_on');
  if (DECIDED.has(to) && (input.explicitDate || !(from !== undefined && DECIDED.has(from)))) stamp('decided_on');
  return { ok: true, ops, notes };
}
