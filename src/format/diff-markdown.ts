/**
 * The store diff as GitHub-flavoured Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading
 * per record type, a line per record, a table of its field changes, then the validation status.
 *
 * Every value from a record is escaped: the characters that make emphasis, code, links, tables, strike-through
 * or maths get a backslash, `<`, `>` and `&` become entities (no HTML), line breaks are shown as `\n`, and an
 * `@name` or `#123` gets an invisible word joiner after the `@`/`#`, so a record never mentions a GitHub user
 * or links an issue.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { FOLDER_OF, RECORD_TYPES } from '../core/kinds.js';
import { escapeControl } from '../core/quote.js';
import type { RecordChange, StoreDiff } from '../core/record-diff.js';
import { changeText, listedFields, summaryText, validationText, type ChangeWords, type DiffSides } from './diff-text.js';

const WORD_JOINER = '\u2060';

/** Text from a record, safe in a Markdown paragraph or table cell. */
export function escapeMarkdown(text: string): string {
  return escapeControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, (ch) => `\\${ch}`)
    .replace(/(^|[^\p{L}\p{N}_])([@#])(?=[\p{L}\p{N}])/gu, `$1$2${WORD_JOINER}`);
}

const WORDS: ChangeWords = { esc: escapeMarkdown, none: '*(none)*', em: (s) => `*${s}*` };

/** Ids come from file names, which may hold control characters: shown escaped, like every value. */
const code = (id: string) => `\`${escapeControl(id).replace(/`/g, '')}\``;

const heading = (type: (typeof RECORD_TYPES)[number]) => FOLDER_OF[type][0]!.toUpperCase() + FOLDER_OF[type].slice(1);

/** `HEAD~1` (1a2b3c4) with the revision as code; a merge-base or the working tree as words. */
function sideMarkdown(s: DiffSides['base']): string {
  if (!s.commit || !s.revision || s.revision === s.commit) return escapeMarkdown(s.description);
  return `${code(s.revision)} (${s.commit.slice(0, 7)})`;
}

function recordLine(r: RecordChange): string {
  const label = escapeMarkdown(r.label);
  switch (r.change) {
    case 'added':
      return `**Added** ${label} (${code(r.id)})`;
    case 'removed':
      return `**Removed** ${label} (${code(r.id)})`;
    case 'changed':
      return `**Changed** ${label} (${code(r.id)})`;
    case 'renamed': {
      const n = r.references ?? 0;
      const refs = n ? ` (${n} reference${n === 1 ? '' : 's'} updated)` : '';
      return `**Renamed** ${label}: ${code(r.previousId ?? '')} → ${code(r.id)}${refs}`;
    }
  }
}

function fieldTable(r: RecordChange): string[] {
  const fields = listedFields(r);
  if (!fields.length) return [];
  const added = r.change === 'added';
  const rows = fields.map((f) => {
    const name = f.kind === 'format' || f.kind === 'unreadable' ? '—' : code(escapeControl(f.field).replace(/\|/g, ''));
    return `| ${name} | ${changeText(f, WORDS, added)} |`;
  });
  return ['', `| field | ${added ? 'value' : 'change'} |`, '| --- | --- |', ...rows];
}

function problemRow(what: string, d: Diagnostic): string {
  return `| ${what} | ${escapeMarkdown(d.file)}:${d.line} | ${escapeMarkdown(d.message)} | ${code(d.code)} |`;
}

export function formatDiffMarkdown(diff: StoreDiff, sides: DiffSides): string {
  const out: string[] = [`## Changes to the records: ${summaryText(diff)}`, '', `${sideMarkdown(sides.base)} → ${sideMarkdown(sides.head)}`];
  for (const type of RECORD_TYPES) {
    const records = diff.records.filter((r) => r.type === type);
    if (!records.length) continue;
    out.push('', `### ${heading(type)}`);
    for (const r of records) out.push('', recordLine(r), ...fieldTable(r));
  }
  const v = diff.validation;
  const introducedErrors = v.introduced.some((d) => d.severity === 'error');
  out.push('', '### Validation', '', `${introducedErrors ? '**' : ''}${validationText(v).replace(/^./, (c) => c.toUpperCase())}${introducedErrors ? '**' : ''}.`);
  if (v.introduced.length || v.fixed.length) {
    out.push('', '| | where | problem | code |', '| --- | --- | --- | --- |');
    for (const d of v.introduced) out.push(problemRow(`introduced ${d.severity}`, d));
    for (const d of v.fixed) out.push(problemRow(`fixed ${d.severity}`, d));
  }
  return `${out.join('\n')}\n`;
}
