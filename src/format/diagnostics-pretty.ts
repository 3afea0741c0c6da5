/** Diagnostics for people: `path:line:col  error  message  code`, the source line with a caret, the hint, a summary. */
import type { Diagnostic } from '../core/diagnostic.js';
import { escapeControl } from '../core/quote.js';
import type { Style } from './style.js';

export interface Summary {
  records: number;
  errors: number;
  warnings: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatSummary(s: Summary): string {
  return `${plural(s.records, 'record')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}

/** Expand tabs so the caret lines up with what the terminal shows. */
function visible(line: string): string {
  return escapeControl(line.replace(/\t/g, '    ').replace(/\r$/, ''));
}

function excerpt(d: Diagnostic, lines: readonly string[] | undefined, style: Style): string[] {
  const source = lines?.[d.line - 1];
  if (source === undefined) return [];
  const gutter = String(d.line);
  const pad = ' '.repeat(gutter.length);
  const prefix = visible(source.slice(0, d.column - 1));
  const spanEnd = d.endLine === d.line && d.endColumn && d.endColumn > d.column ? d.endColumn : d.column + 1;
  const width = Math.max(1, Math.min(visible(source.slice(d.column - 1, spanEnd - 1)).length, 80));
  const shown = visible(source);
  const cut = shown.length > 160 ? `${shown.slice(0, 159)}…` : shown;
  return [
    `  ${style.dim(`${gutter} |`)} ${cut}`,
    `  ${style.dim(`${pad} |`)} ${' '.repeat(Math.min(prefix.length, 160))}${(d.severity === 'error' ? style.red : style.yellow)('^'.repeat(width))}`,
  ];
}

export function formatDiagnosticsPretty(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, readonly string[]>,
  summary: Summary,
  style: Style,
): string {
  const out: string[] = [];
  for (const d of diagnostics) {
    const severity = d.severity === 'error' ? style.red('error') : style.yellow('warning');
    out.push(`${style.bold(`${escapeControl(d.file)}:${d.line}:${d.column}`)}  ${severity}  ${escapeControl(d.message)}  ${style.dim(d.code)}`);
    out.push(...excerpt(d, sources.get(d.file), style));
    if (d.hint) out.push(`  ${style.cyan('hint:')} ${escapeControl(d.hint)}`);
    out.push('');
  }
  const line = formatSummary(summary);
  out.push(summary.errors ? style.red(line) : summary.warnings ? style.yellow(line) : style.green(line));
  return `${out.join('\n')}\n`;
}
