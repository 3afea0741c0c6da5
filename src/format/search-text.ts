/**
 * Search hits for people: on a terminal the title, type and id on one line, the snippet indented below with
 * the matches highlighted (colour only; no brackets), a blank line between hits; piped, one tab-separated line a hit:
 * id, type, title, snippet.
 */
import { escapeControl } from '../core/quote.js';
import { recordLabel } from '../core/record.js';
import type { SearchHit, Snippet } from '../core/search.js';
import type { Style } from './style.js';

function highlighted(snippet: Snippet, style: Style): string {
  let out = '';
  let at = 0;
  for (const [s, e] of snippet.marks) {
    out += snippet.text.slice(at, s) + style.bold(style.yellow(snippet.text.slice(s, e)));
    at = e;
  }
  return out + snippet.text.slice(at);
}

export function formatSearchText(hits: readonly SearchHit[], options: { tty: boolean; style: Style }): string {
  const { style } = options;
  if (!options.tty) {
    return hits.map((h) => `${[h.record.id, h.record.type, escapeControl(recordLabel(h.record)), h.snippet.text].join('\t')}\n`).join('');
  }
  return hits
    .map((h) => `${style.bold(escapeControl(recordLabel(h.record)))}  ${style.dim(`${h.record.type} · ${h.record.id}`)}\n  ${highlighted(h.snippet, style)}\n`)
    .join('\n');
}
