/** `dossier set <id> field=value...`: change fields in place, one line per field, and commit just that. */
import { assignmentToOp, keyOrderOf, parseAssignment, parseUnsetPath, unsetToOp } from '../core/assignments.js';
import { editRecordBytes, type EditOp } from '../core/edit.js';
import { newStatusOf, stampStatus } from '../core/status-stamps.js';
import { escapeControl } from '../core/quote.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { carryOut, fromEditError, WriteSession, type WriteFlags } from './write-shared.js';

export interface SetOptions extends WriteFlags {
  id: string;
  assignments: string[];
  unset: string[];
  /** The date to stamp on a proposal's status change instead of today. */
  on?: string;
  force: boolean;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `proposal: set status=adopted on <id>`; `meeting: set participants+=dpnsee, unset end_date on <id>`. */
export function setMessage(type: string, id: string, assignments: readonly string[], unsets: readonly string[]): string {
  const parts: string[] = [];
  // A commit subject is shown raw by `git log`: control characters in a value are written escaped.
  if (assignments.length) parts.push(`set ${assignments.map((a) => shorten(escapeControl(a.replace(/\s+/g, ' ')))).join(', ')}`);
  if (unsets.length) parts.push(`unset ${unsets.join(', ')}`);
  return `${type}: ${parts.join(', ')} on ${id}`;
}

export async function runSet(opts: SetOptions, ctx: Context): Promise<number> {
  if (opts.assignments.length === 0 && opts.unset.length === 0) {
    throw new UsageError('nothing to change', 'give field=value, field+=value, field-=value or --unset FIELD');
  }
  if (opts.on !== undefined && !isCalendarDate(opts.on)) throw new UsageError(`--on ${opts.on} is not a date`, 'write it as YYYY-MM-DD');
  const parsed = (() => {
    try {
      return { assignments: opts.assignments.map(parseAssignment), unsets: opts.unset.map(parseUnsetPath) };
    } catch (err) {
      return fromEditError(err, 2);
    }
  })();

  const session = await WriteSession.open(ctx, opts, `set ${opts.id}`);
  await session.lockStore();
  try {
    const record = session.record(opts.id);
    let ops: EditOp[] = [];
    try {
      ops = [...parsed.assignments.map((a) => assignmentToOp(record.type, a)), ...parsed.unsets.map((p) => unsetToOp(record.type, p))];
    } catch (err) {
      fromEditError(err, 2);
    }
    if (!record.fields) throw new CliError(`${record.file} cannot be read, so it cannot be changed field by field`, 1, `fix it with \`dossier edit ${record.id}\`; \`dossier validate\` shows the problem`);

    const notes: string[] = [];
    if (record.type === 'proposal') {
      const stamped = stampStatus({ fields: record.fields, ops, date: opts.on ?? session.today, explicitDate: opts.on !== undefined, force: opts.force });
      if (!stamped.ok) throw new CliError(stamped.message, 1, stamped.hint);
      ops.push(...stamped.ops);
      notes.push(...stamped.notes);
    }
    if (opts.on !== undefined && (record.type !== 'proposal' || newStatusOf(ops) === undefined)) {
      throw new UsageError('--on gives the date of a proposal\'s status change', 'use it with status=..., e.g. `dossier set ID status=adopted --on 2019-06-01`');
    }

    let result: ReturnType<typeof editRecordBytes> | undefined;
    try {
      result = editRecordBytes(session.readBytes(record.file), ops, { keyOrder: keyOrderOf(record.type) });
    } catch (err) {
      fromEditError(err);
    }
    notes.unshift(...result!.notes);
    if (!result!.changed) {
      for (const n of notes) ctx.io.stderr.write(`note: ${n}\n`);
      ctx.io.stdout.write(opts.format === 'json' ? `${JSON.stringify({ id: record.id, type: record.type, path: record.file, committed: false, commit: null, changed: false }, null, 2)}\n` : `nothing changed in ${record.file}\n`);
      return 0;
    }
    const plan = {
      changes: [{ kind: 'modify' as const, file: record.file, type: record.type, id: record.id, bytes: result!.bytes }],
      message: setMessage(record.type, record.id, opts.assignments, opts.unset),
    };
    return await carryOut(ctx, session, plan, { id: record.id, type: record.type, path: record.file, lines: [`updated ${record.file}`], notes, json: { changed: true } });
  } finally {
    session.release();
  }
}
