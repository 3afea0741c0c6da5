/** `dossier list <type>`: the records of one type that match `--where`, sorted, in the chosen format. */
import { FOLDER_OF } from '../core/kinds.js';
import { compileWhere, parseSort, queryRecords } from '../core/query.js';
import { todayOf, type Context } from '../context.js';
import { formatCsv } from '../format/csv.js';
import { humanCell, rawCell, recordObject, resolveColumns, splitFieldList, yieldsFirst } from '../format/record-cells.js';
import { formatStructured } from '../format/structured.js';
import { loadStyle } from '../format/style.js';
import { formatTable } from '../format/table.js';
import { formatArg, limitArg, recordTypeArg } from './args.js';
import { openStore } from './shared.js';

export const LIST_FORMATS = ['table', 'json', 'ndjson', 'csv', 'yaml', 'ids'] as const;

export interface ListOptions {
  type: string;
  where: string[];
  sort: string[];
  limit?: string;
  fields?: string;
  format?: string;
  root?: string;
}

export async function runList(opts: ListOptions, ctx: Context): Promise<number> {
  const type = recordTypeArg(opts.type);
  const format = formatArg(opts.format, LIST_FORMATS, 'table');
  const limit = limitArg(opts.limit);
  // Check every flag before reading the store, so a typo fails fast.
  const columns = resolveColumns(type, splitFieldList(opts.fields));
  const today = todayOf(ctx);
  compileWhere(type, opts.where, { today, lookup: new Map() });
  parseSort(type, opts.sort);
  const opened = openStore(ctx, opts.root, { type });
  const { records, index } = opened;
  const found = queryRecords(records, type, { where: opts.where, sort: opts.sort, limit, today }, index.byId);
  opened.store.persist();
  const out = ctx.io.stdout;

  switch (format) {
    case 'ids':
      out.write(found.map((r) => `${r.id}\n`).join(''));
      break;
    case 'csv':
      out.write(formatCsv(columns.map((c) => c.name), found.map((r) => columns.map((c) => rawCell(r, c))), { terminal: ctx.io.isTTY }));
      break;
    case 'json':
    case 'ndjson':
    case 'yaml': {
      const chosen = opts.fields === undefined ? undefined : columns;
      out.write(formatStructured(found.map((r) => recordObject(r, chosen)), format));
      break;
    }
    default: {
      if (found.length === 0) {
        if (ctx.io.isTTY) ctx.io.stderr.write(`no ${FOLDER_OF[type]} match\n`);
        break;
      }
      const style = await loadStyle(ctx.io.color);
      const rows = found.map((r) => columns.map((c) => humanCell(r, c, index.label)));
      const yieldFirst = columns.map((c) => yieldsFirst(c));
      out.write(formatTable(columns.map((c) => c.name.replace(/_/g, ' ')), rows, { tty: ctx.io.isTTY, columns: ctx.io.columns, style, yieldFirst }));
    }
  }
  return 0;
}
