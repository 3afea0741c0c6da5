/**
 * `dossier export <kind>`: the records for the outside world — an activity report, a meeting summary, CSV,
 * JSON, an iCalendar file, Popolo JSON. Public by default: every kind reads the store through publicView,
 * and stderr says only how many private records were left out. `--out FILE` replaces FILE atomically.
 */
import path from 'node:path';
import { calendarEntries, newestRecordDate } from '../core/calendar.js';
import { buildTable, tableColumns } from '../core/export-table.js';
import { jsonDocument } from '../core/export-json.js';
import { findRecord } from '../core/lookup.js';
import { periodBound, type Period } from '../core/period.js';
import { popoloDocument } from '../core/popolo.js';
import type { StoreRecord } from '../core/record.js';
import { buildReport } from '../core/report.js';
import { suggest } from '../core/suggest.js';
import { buildSummary, SUMMARY_TYPES, summarySources } from '../core/summary.js';
import { isPrivateRecord, publicView } from '../core/visibility.js';
import { todayOf, type Context } from '../context.js';
import { CliError, NotFoundError, UsageError } from '../errors.js';
import { formatExportCsv } from '../format/export-csv.js';
import { formatIcs } from '../format/ics.js';
import { formatReport, type ProseFormat } from '../format/report.js';
import { toJson } from '../format/structured.js';
import { formatSummary } from '../format/summary.js';
import { readBody } from '../store/body.js';
import { lastRecordsCommit } from '../store/git.js';
import { writeFileAtomic } from '../store/write.js';
import { formatArg, recordTypeArg, todayArg } from './args.js';
import { openStore } from './shared.js';

export const EXPORT_KINDS = ['report', 'summary', 'csv', 'json', 'ics', 'popolo', 'site'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const PROSE_FORMATS = ['markdown', 'html'] as const;

export interface ExportOptions {
  kind: ExportKind;
  /** summary: the record. */
  id?: string;
  /** csv: the record type. */
  type?: string;
  from?: string;
  to?: string;
  /** report, summary: markdown or html (default: html when --out ends in .html, else markdown). */
  format?: string;
  /** csv: the columns. */
  fields?: string;
  /** csv: start with a byte order mark, for Excel. */
  excel?: boolean;
  /** json: add the names of referenced records. */
  resolve?: boolean;
  /** report: take this date as today, for overdue actions. */
  today?: string;
  out?: string;
  /** site: the site's address, for canonical links and the sitemap. */
  baseUrl?: string;
  /** site: the site's name. */
  title?: string;
  includePrivate?: boolean;
  root?: string;
}

function periodArgs(opts: ExportOptions): Period {
  const period: Period = {};
  for (const end of ['from', 'to'] as const) {
    const raw = opts[end];
    if (raw === undefined) continue;
    const bound = periodBound(raw, end);
    if (!bound) throw new UsageError(`--${end} takes a date as YYYY-MM-DD (or a year or month: 2019, 2019-02), not "${raw}"`, `e.g. --${end} ${end === 'from' ? '2018-01-01' : '2019-12-31'}`);
    period[end] = bound;
  }
  if (period.from && period.to && period.from > period.to) throw new UsageError(`--from ${opts.from} is after --to ${opts.to}`, 'swap them');
  return period;
}

function proseFormat(opts: ExportOptions): ProseFormat {
  if (opts.format === undefined && opts.out && /\.html?$/i.test(opts.out)) return 'html';
  return formatArg(opts.format, PROSE_FORMATS, 'markdown');
}

function splitFields(raw: string): string[] {
  return raw.split(/[\s,]+/).filter(Boolean);
}

export async function runExport(opts: ExportOptions, ctx: Context): Promise<number> {
  // The site is a folder, not one output: its own module (export-site.ts), loaded only when asked for.
  if (opts.kind === 'site') return (await import('./export-site.js')).runExportSite(opts, ctx);
  // Every flag is checked before the store is read, so a typo fails fast.
  const period = periodArgs(opts);
  const today = todayArg(opts.today) ?? todayOf(ctx);
  const format = opts.kind === 'report' || opts.kind === 'summary' ? proseFormat(opts) : undefined;
  const csvType = opts.kind === 'csv' ? recordTypeArg(opts.type ?? '') : undefined;

  const { store, records, index } = openStore(ctx, opts.root);
  if (opts.out) {
    // An export inside records/ could be read back as a record, or replace one.
    const inRecords = path.relative(path.join(store.root, 'records'), path.resolve(ctx.cwd, opts.out));
    if (!inRecords.startsWith('..') && !path.isAbsolute(inRecords)) {
      throw new UsageError(`--out ${opts.out} is inside the records folder`, `write exports somewhere else, e.g. --out exports/${path.basename(opts.out)}`);
    }
  }
  const view = publicView(records, { includePrivate: opts.includePrivate });
  const body = (r: StoreRecord) => readBody(store.root, r);
  let output: string;
  // What stderr counts: the private records this output would otherwise have drawn on.
  let leftOut = view.leftOut.size;

  switch (opts.kind) {
    case 'report':
      output = formatReport(buildReport(view, { period, today }), format!);
      break;
    case 'summary': {
      const record = findRecord(opts.id ?? '', index.byId);
      if (!record.valid) throw new NotFoundError(`${record.file} is not a valid record, so no summary can be made of it`, `\`dossier validate ${record.file}\` explains why`);
      if (!(SUMMARY_TYPES as readonly string[]).includes(record.type)) {
        throw new UsageError(`${record.id} is ${record.type === 'organisation' ? 'an' : 'a'} ${record.type}; a summary is made of a meeting, a proposal or an agreement`, 'e.g. dossier export summary 2019-02-25-consultation-with-civil-society-organisations');
      }
      if (!opts.includePrivate && isPrivateRecord(record)) {
        throw new CliError(`${record.id} is private, so it has no public summary`, 1, 'add --include-private for a summary that may show private records');
      }
      const model = buildSummary(view, record, { today });
      leftOut = [...summarySources(model, record, index.byId)].filter((id) => view.leftOut.has(id)).length;
      output = formatSummary(model, format!);
      break;
    }
    case 'csv': {
      const all = tableColumns(csvType!, view, body);
      let columns = all.filter((c) => c.byDefault);
      if (opts.fields !== undefined) {
        const wanted = splitFields(opts.fields);
        if (wanted.length === 0) throw new UsageError('--fields needs at least one column', 'e.g. --fields id,name,kind');
        columns = wanted.map((name) => {
          const column = all.find((c) => c.name === name);
          if (column) return column;
          const guess = suggest(name, all.map((c) => c.name));
          throw new UsageError(`${csvType} has no column "${name}"${guess ? `; did you mean ${guess}?` : ''}`, `the columns are: ${all.map((c) => c.name).join(', ')}`);
        });
      }
      const table = buildTable(view, csvType!, columns);
      leftOut = [...view.leftOut].filter((id) => index.byId.get(id)?.type === csvType).length;
      output = formatExportCsv(table, { excel: opts.excel === true, terminal: ctx.io.isTTY && !opts.out });
      break;
    }
    case 'json':
      output = `${toJson(jsonDocument(view, body, { resolve: opts.resolve }), 2)}\n`;
      break;
    case 'ics': {
      const newest = newestRecordDate(view);
      const stamp = lastRecordsCommit(store.root, ctx.env) ?? new Date(`${newest ?? '1970-01-01'}T00:00:00Z`);
      output = formatIcs(calendarEntries(view, { period, today }), stamp, 'Meetings and follow-up actions');
      break;
    }
    case 'popolo':
      output = `${toJson(popoloDocument(view, body), 2)}\n`;
      break;
  }

  if (leftOut > 0) {
    ctx.io.stderr.write(`dossier: ${leftOut} private record${leftOut === 1 ? ' was' : 's were'} left out; --include-private includes them\n`);
  }
  if (opts.out) {
    const file = path.resolve(ctx.cwd, opts.out);
    try {
      writeFileAtomic(file, output);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
      throw new CliError(`could not write ${opts.out}: ${why}`, 1, code === 'ENOENT' ? 'create the folder first, or write somewhere else' : 'choose another --out path');
    }
    ctx.io.stderr.write(`wrote ${path.relative(ctx.cwd, file) || file}\n`);
  } else ctx.io.stdout.write(output);
  return 0;
}
