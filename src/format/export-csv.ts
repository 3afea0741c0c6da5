/**
 * `dossier export csv`: RFC 4180 through the same writer as `list --format csv` (csv-stringify: a header row,
 * CRLF, quotes where needed), plus two things a spreadsheet needs.
 *
 * Formula neutralisation (OWASP, "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula by Excel, LibreOffice and Google Sheets, so it gets a leading `'`, which they show
 * as text and do not display. Every cell is checked, numbers included: no field of the record model holds a
 * negative number and dates never start with `-`, so only text that really starts so gains the quote (a value
 * such as "-5%" reads back as "'-5%" in a CSV parser; the JSON export keeps it exact).
 *
 * `--excel` starts the file with a UTF-8 byte order mark, without which Excel reads "Timočki" as "TimoÄki".
 */
import type { Table } from '../core/export-table.js';
import { formatCsv } from './csv.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will not run. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function formatExportCsv(table: Table, options: { excel?: boolean; terminal?: boolean } = {}): string {
  const rows = table.rows.map((row) => row.map(neutraliseFormula));
  const text = formatCsv(table.headers, rows, { terminal: options.terminal });
  return options.excel ? `\uFEFF${text}` : text;
}
