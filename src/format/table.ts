/**
 * Tables for people and for pipes (after gh's tableprinter): on a terminal, aligned columns with an
 * upper-case header, cut to the terminal width; otherwise one tab-separated line per row, no header,
 * nothing cut. Cells arrive as plain text with control characters already escaped.
 */
import type { Style } from './style.js';

/** A cell: its text, and optionally a colour applied after padding and cutting. */
export type Cell = string | { text: string; paint?: (s: string) => string };

export interface TableOptions {
  tty: boolean;
  /** Terminal width. */
  columns: number;
  style: Style;
  /** Columns that give up width first when the table is too wide (references, lists). */
  yieldFirst?: readonly boolean[];
}

const GAP = 2;
const MIN_WIDTH = 4;
/** How narrow a column that yields first may get before the others are cut too. */
const YIELD_FLOOR = 16;

const textOf = (c: Cell) => (typeof c === 'string' ? c : c.text);

/** Width on a terminal: code points, combining marks not counted. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

/** Cut `s` to `width` columns, ending with `…` when cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const w = /\p{M}/u.test(ch) ? 0 : 1;
    if (n + w > width - 1) break;
    out += ch;
    n += w;
  }
  return `${out}…`;
}

/**
 * Column widths that fit `available`: every column keeps its natural width up to a common cap, the largest
 * that fits, so narrow columns are never cut and wide ones share what is left. Columns marked `yieldFirst`
 * (references, lists) get half the cap, but not less than a floor while there is room for it (nor more than the cap).
 */
export function fitWidths(natural: readonly number[], available: number, yieldFirst: readonly boolean[] = []): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= available) return [...natural];
  for (const floor of [YIELD_FLOOR, MIN_WIDTH]) {
    const widthAt = (cap: number, i: number) =>
      Math.min(natural[i]!, yieldFirst[i] ? Math.min(cap, Math.max(floor, Math.floor(cap / 2))) : cap);
    const used = (cap: number) => natural.reduce((a, _, i) => a + widthAt(cap, i), 0);
    if (used(MIN_WIDTH) > available && floor !== MIN_WIDTH) continue;
    let lo = MIN_WIDTH;
    let hi = Math.max(...natural);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (used(mid) <= available) lo = mid;
      else hi = mid - 1;
    }
    const widths = natural.map((_, i) => widthAt(lo, i));
    // Hand out what the cap left over, one column at a time, left to right.
    let spare = available - widths.reduce((a, b) => a + b, 0);
    for (let i = 0; i < widths.length && spare > 0; i++) {
      if (natural[i]! > widths[i]!) {
        widths[i]!++;
        spare--;
      }
    }
    return widths;
  }
  return [...natural];
}

export function formatTable(headers: readonly string[], rows: readonly Cell[][], options: TableOptions): string {
  if (!options.tty) return rows.map((row) => `${row.map(textOf).join('\t')}\n`).join('');
  const head = headers.map((h) => h.toUpperCase());
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(textOf(r[i] ?? '')))));
  const widths = fitWidths(natural, Math.max(options.columns - GAP * (headers.length - 1), headers.length * MIN_WIDTH), options.yieldFirst);
  const line = (cells: readonly Cell[], header: boolean) =>
    cells
      .map((cell, i) => {
        const text = truncate(textOf(cell), widths[i]!);
        const last = i === cells.length - 1;
        const padded = last ? text : text + ' '.repeat(widths[i]! - displayWidth(text));
        if (header) return options.style.bold(padded);
        return typeof cell !== 'string' && cell.paint ? cell.paint(text) + padded.slice(text.length) : padded;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(head, true), ...rows.map((r) => line(r, false))].map((l) => `${l}\n`).join('');
}
