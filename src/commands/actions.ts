/** `dossier actions`: every follow-up agreed at a meeting, who owns it, when it is due, what is overdue. */
import { ACTION_STATUSES, collectActions, selectActions, type ActionItem, type ActionStatus } from '../core/actions.js';
import { findRecord } from '../core/lookup.js';
import { escapeControl } from '../core/quote.js';
import { recordLabel } from '../core/record.js';
import { todayOf, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { formatCsv } from '../format/csv.js';
import { formatStructured } from '../format/structured.js';
import { loadStyle } from '../format/style.js';
import { formatTable, type Cell } from '../format/table.js';
import { formatArg, todayArg } from './args.js';
import { openStore } from './shared.js';

export const ACTIONS_FORMATS = ['table', 'json', 'ndjson', 'csv', 'yaml'] as const;

export interface ActionsOptions {
  status?: string;
  overdue: boolean;
  owner?: string;
  today?: string;
  format?: string;
  root?: string;
}

function statusArg(raw: string | undefined): ActionStatus | undefined {
  if (raw === undefined) return undefined;
  if ((ACTION_STATUSES as readonly string[]).includes(raw)) return raw as ActionStatus;
  throw new UsageError(`unknown action status "${raw}"`, `use --status ${ACTION_STATUSES.join(', ')}`);
}

/** The same fields for every machine format; `owner_name` and `meeting_title` spare a second lookup. */
function actionObject(a: ActionItem, label: (id: string) => string): Record<string, unknown> {
  return {
    meeting: a.meeting.id,
    meeting_title: recordLabel(a.meeting),
    meeting_date: a.meeting.fields?.date ?? null,
    path: a.meeting.file,
    index: a.index,
    task: a.task,
    owner: a.owner,
    owner_name: label(a.owner),
    due: a.due ?? null,
    status: a.status,
    overdue: a.overdue,
  };
}

const CSV_COLUMNS = ['meeting', 'meeting_date', 'meeting_title', 'task', 'owner', 'owner_name', 'due', 'status', 'overdue'] as const;

export async function runActions(opts: ActionsOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ACTIONS_FORMATS, 'table');
  const status = statusArg(opts.status);
  const today = todayArg(opts.today) ?? todayOf(ctx);
  if (opts.overdue && status && status !== 'open') {
    throw new UsageError(`--overdue lists open actions, so it cannot be combined with --status ${status}`);
  }
  const { records, index } = openStore(ctx, opts.root);
  const owner = opts.owner === undefined ? undefined : findRecord(opts.owner, index.byId).id;
  const actions = selectActions(collectActions(records, today), { status, overdue: opts.overdue, owner, today });
  const out = ctx.io.stdout;

  if (format === 'json' || format === 'ndjson' || format === 'yaml') {
    out.write(formatStructured(actions.map((a) => actionObject(a, index.label)), format));
    return 0;
  }
  if (format === 'csv') {
    const rows = actions.map((a) => {
      const o = actionObject(a, index.label);
      return CSV_COLUMNS.map((c) => (o[c] === null ? '' : String(o[c])));
    });
    out.write(formatCsv(CSV_COLUMNS, rows, { terminal: ctx.io.isTTY }));
    return 0;
  }
  if (actions.length === 0) {
    if (ctx.io.isTTY) ctx.io.stderr.write('no actions match\n');
    return 0;
  }
  const style = await loadStyle(ctx.io.color);
  const rows: Cell[][] = actions.map((a) => [
    { text: a.due ?? '', paint: a.overdue ? style.red : undefined },
    { text: a.overdue ? 'open (overdue)' : a.status, paint: a.overdue ? style.red : undefined },
    escapeControl(index.label(a.owner)),
    escapeControl(a.task),
    escapeControl(`${String(a.meeting.fields?.date ?? '')} ${recordLabel(a.meeting)}`.trim()),
  ]);
  out.write(formatTable(['due', 'status', 'owner', 'task', 'meeting'], rows, { tty: ctx.io.isTTY, columns: ctx.io.columns, style, yieldFirst: [false, false, true, false, true] }));
  return 0;
}
