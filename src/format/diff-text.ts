/**
 * The store diff for people in a terminal, and the wording every diff renderer shares: a value is its
 * referenced record's name, a list change is "added …; removed …", the body is "+N/-M lines".
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { FOLDER_OF, labelField, RECORD_TYPES } from '../core/kinds.js';
import { escapeControl } from '../core/quote.js';
import type { DiffValue, FieldChange, RecordChange, StoreDiff, ValidationDiff } from '../core/record-diff.js';
import type { Style } from './style.js';

/** Where each side of a diff comes from, for the heading: `main (1a2b3c4)`, `working tree`. */
export interface DiffSides {
  base: { revision: string | null; commit: string | null; description: string };
  head: { revision: string | null; commit: string | null; description: string };
}

const MAX_VALUE = 200;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function cut(s: string): string {
  const chars = [...s];
  return chars.length > MAX_VALUE ? `${chars.slice(0, MAX_VALUE - 1).join('')}…` : s;
}

/** A scalar as text: strings as they are, others as JSON. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A value in words, through `esc` (escaping for the output format): a reference by name, a mapping in a list by
 * its first value with the rest in brackets (`Present the proposals (owner: Office for Combating Drugs, status: open)`).
 */
export function valueText(v: DiffValue, esc: (s: string) => string): string {
  if (v.label !== undefined) return esc(cut(v.label));
  if (v.value && typeof v.value === 'object' && !Array.isArray(v.value)) {
    const entries = Object.entries(v.value as Record<string, unknown>);
    // own labels only: a key such as `__proto__` must not find Object.prototype
    const part = ([k, x]: [string, unknown]) => esc(cut((v.labels && Object.hasOwn(v.labels, k) ? v.labels[k] : undefined) ?? scalarText(x)));
    const [first, ...rest] = entries;
    if (!first) return esc('{}');
    return rest.length ? `${part(first)} (${rest.map((e) => `${esc(e[0])}: ${part(e)}`).join(', ')})` : part(first);
  }
  return esc(cut(scalarText(v.value)));
}

export interface ChangeWords {
  /** Escape a value for the output format. */
  esc: (s: string) => string;
  /** How "nothing" is written: `(none)`. */
  none: string;
  /** Emphasis for the words between values (`added`, `removed`). */
  em: (s: string) => string;
}

/** One field change in words, without the field name: `submitted → adopted`, `added DPNSEE; removed Prevent`. */
export function changeText(c: FieldChange, words: ChangeWords, ofNewRecord: boolean): string {
  const { esc, none, em } = words;
  switch (c.kind) {
    case 'value': {
      const after = c.after ? valueText(c.after, esc) : none;
      if (ofNewRecord) return after;
      return `${c.before ? valueText(c.before, esc) : none} → ${after}`;
    }
    case 'list': {
      if (ofNewRecord) return c.added.map((v) => valueText(v, esc)).join(', ');
      if (c.reordered) return em('reordered');
      const parts: string[] = [];
      if (c.added.length) parts.push(`${em('added')} ${c.added.map((v) => valueText(v, esc)).join(', ')}`);
      if (c.removed.length) parts.push(`${em('removed')} ${c.removed.map((v) => valueText(v, esc)).join(', ')}`);
      return parts.join('; ');
    }
    case 'private':
      return em(ofNewRecord ? 'set (private)' : 'changed (private)');
    case 'body':
      return ofNewRecord ? plural(c.added, 'line') : `changed (+${c.added}/-${c.removed} lines)`;
    case 'reference':
      return `${esc(c.from)} → ${esc(c.to)} ${em('(renamed)')}`;
    case 'format':
      return 'only formatting changed (comments, quoting or order); no value did';
    case 'unreadable': {
      const when = c.before && c.after ? 'before and after the change' : c.before ? 'before the change' : 'after the change';
      return `cannot be read ${when}, so values were not compared (see validation)`;
    }
  }
}

/** The field changes worth listing: the name or title of a new record is already in its heading. */
export function listedFields(r: RecordChange): FieldChange[] {
  return r.change === 'added' ? r.fields.filter((f) => f.field !== labelField(r.type)) : r.fields;
}

export function summaryText(diff: StoreDiff): string {
  const s = diff.summary;
  const parts = [s.added && `${s.added} added`, s.renamed && `${s.renamed} renamed`, s.changed && `${s.changed} changed`, s.removed && `${s.removed} removed`].filter(Boolean);
  return parts.length ? `${parts.join(', ')}` : 'no records changed';
}

export function sidesText(sides: DiffSides): string {
  return `${sides.base.description} → ${sides.head.description}`;
}

function countsText(c: { errors: number; warnings: number }): string {
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
}

/** `1 error introduced, 2 fixed; HEAD has 1 error, 2 warnings (BASE: 0 errors, 2 warnings)`. */
export function validationText(v: ValidationDiff): string {
  const introduced = v.introduced.filter((d) => d.severity === 'error').length;
  const fixed = v.fixed.filter((d) => d.severity === 'error').length;
  const head = introduced === 0 ? 'no errors introduced' : `${plural(introduced, 'error')} introduced`;
  return `${head}, ${fixed} fixed; HEAD has ${countsText(v.head)} (BASE: ${countsText(v.base)})`;
}

function diagnosticLine(d: Diagnostic): string {
  return `${escapeControl(d.file)}:${d.line}:${d.column}  ${d.severity}  ${escapeControl(d.message)}  ${d.code}`;
}

const TEXT_WORDS: ChangeWords = { esc: escapeControl, none: '(none)', em: (s) => s };

export function formatDiffText(diff: StoreDiff, sides: DiffSides, style: Style): string {
  const out: string[] = [style.bold(`dossier diff: ${sidesText(sides)}`), summaryText(diff)];
  for (const type of RECORD_TYPES) {
    const records = diff.records.filter((r) => r.type === type);
    if (!records.length) continue;
    out.push('', style.bold(FOLDER_OF[type]));
    for (const r of records) {
      const mark = r.change === 'added' ? style.green('added  ') : r.change === 'removed' ? style.red('removed') : r.change === 'renamed' ? style.cyan('renamed') : style.yellow('changed');
      const label = escapeControl(r.label);
      if (r.change === 'renamed') {
        const refs = r.references ? ` (${plural(r.references, 'reference')} updated)` : '';
        out.push(`  ${mark}  ${label}  ${style.dim(`${escapeControl(r.previousId ?? '')} → ${escapeControl(r.id)}`)}${refs}`);
      } else out.push(`  ${mark}  ${label}  ${style.dim(escapeControl(r.id))}`);
      for (const f of listedFields(r)) {
        const text = changeText(f, TEXT_WORDS, r.change === 'added');
        const line = f.kind === 'format' || f.kind === 'unreadable' ? text : f.kind === 'body' && r.change !== 'added' ? `body ${text}` : `${escapeControl(f.field)}: ${text}`;
        out.push(`             ${line}`);
      }
    }
  }
  const v = diff.validation;
  out.push('', `${style.bold('validation:')} ${validationText(v)}`);
  for (const d of v.introduced) out.push(`  ${(d.severity === 'error' ? style.red : style.yellow)('introduced')}  ${diagnosticLine(d)}`);
  for (const d of v.fixed) out.push(`  ${style.green('fixed')}       ${diagnosticLine(d)}`);
  return `${out.join('\n')}\n`;
}
