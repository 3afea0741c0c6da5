/** CSV as RFC 4180 asks: a header row, CRLF line ends, quotes only where a value needs them. */
import { createRequire } from 'node:module';

type Stringify = typeof import('csv-stringify/sync').stringify;
let stringifyFn: Stringify | undefined;

/** csv-stringify, loaded only when CSV is asked for. */
function stringify(...args: Parameters<Stringify>): string {
  stringifyFn ??= (createRequire(import.meta.url)('csv-stringify/sync') as typeof import('csv-stringify/sync')).stringify;
  return stringifyFn(...args);
}
import { escapeControl } from '../core/quote.js';

export interface CsvOptions {
  /**
   * Writing to a terminal: control characters in values are shown escaped (`\u001b`), as in every human output.
   * Piped or redirected, values are written exactly.
   */
  terminal?: boolean;
}

export function formatCsv(headers: readonly string[], rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const cells = options.terminal ? rows.map((r) => r.map(escapeControl)) : (rows as string[][]);
  return stringify([headers as string[], ...cells], {
    record_delimiter: 'windows',
    // A line break inside a value must be quoted even when it is a lone LF (csv-stringify only quotes the delimiter).
    quoted_match: /[\r\n]/,
  });
}
