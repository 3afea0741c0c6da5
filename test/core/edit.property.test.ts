/** Property tests of the edit engine: one field changes one line, and changing it back gives the original bytes. */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keyOrderOf } from '../../src/core/assignments.js';
import { editRecordBytes, type EditOp } from '../../src/core/edit.js';
import { minimalStyle, renderScalar, type ScalarStyle } from '../../src/core/yaml-render.js';

const keyOrder = keyOrderOf('meeting');
const CHARS = [...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789', ':', '#', '-', '"', "'", '[', ']', ',', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '?', 'č', 'ž', 'Ђ', 'ш', '.', '/'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 }).map((a) => a.join('')).filter((s) => s.trim() !== '');
const id = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

type Style = 'minimal' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
interface ScalarField { key: string; value: string; style: Style; comment: string; blankBefore: boolean; gap: string }
interface ListField { key: string; items: string[]; flow: boolean; comment: string; blankBefore: boolean }

const scalarField = (key: string, value: fc.Arbitrary<string>) =>
  fc.record({
    key: fc.constant(key),
    value,
    style: fc.constantFrom<Style>('minimal', 'minimal', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    comment: fc.constantFrom('', '', ' # a note', '   # spaced: note'),
    blankBefore: fc.boolean(),
    gap: fc.constantFrom(' ', ' ', '   '),
  });
const listField = (key: string, item: fc.Arbitrary<string>) =>
  fc.record({
    key: fc.constant(key),
    items: fc.uniqueArray(item, { minLength: 1, maxLength: 4 }),
    flow: fc.boolean(),
    comment: fc.constantFrom('', '', ' # list note'),
    blankBefore: fc.boolean(),
  });

const recordArb = fc.record({
  fields: fc.tuple(
    scalarField('title', text),
    fc.option(scalarField('date', date), { nil: undefined }),
    fc.option(scalarField('host', id), { nil: undefined }),
    fc.option(scalarField('location', text), { nil: undefined }),
    fc.option(listField('participants', id), { nil: undefined }),
    fc.option(listField('agenda', text), { nil: undefined }),
  ),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  indentSeq: fc.boolean(),
  leadingComment: fc.boolean(),
});
type Rec = fc.Value<typeof recordArb>;

/** The style a scalar was written in: a quoting the author chose is only possible when plain would do. */
function effectiveStyle(f: ScalarField): ScalarStyle | undefined {
  if (f.style === 'minimal') return undefined;
  return minimalStyle(f.value, false) === 'PLAIN' ? f.style : undefined;
}

function render(r: Rec): { text: string; bytes: Uint8Array; scalars: ScalarField[]; lists: ListField[] } {
  const eol = r.crlf ? '\r\n' : '\n';
  const lines: string[] = ['---'];
  if (r.leadingComment) lines.push('# written by hand');
  const scalars: ScalarField[] = [];
  const lists: ListField[] = [];
  for (const f of r.fields) {
    if (!f) continue;
    if (f.blankBefore && lines.length > 1) lines.push('');
    if ('value' in f) {
      scalars.push(f);
      lines.push(`${f.key}:${f.gap}${renderScalar(f.value, effectiveStyle(f), false)}${f.comment}`);
    } else {
      lists.push(f);
      if (f.flow) lines.push(`${f.key}: [${f.items.map((i) => renderScalar(i, undefined, true)).join(', ')}]${f.comment}`);
      else {
        lines.push(`${f.key}:${f.comment}`);
        for (const i of f.items) lines.push(`${r.indentSeq ? '  ' : ''}- ${renderScalar(i, undefined, false)}`);
      }
    }
  }
  lines.push('---', 'Body: not: yaml', '');
  const text = (r.bom ? '\ufeff' : '') + lines.join(eol);
  return { text, bytes: Buffer.from(text, 'utf8'), scalars, lists };
}

function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const la = a.split(/(?<=\n)/);
  const lb = b.split(/(?<=\n)/);
  let p = 0;
  while (p < la.length && p < lb.length && la[p] === lb[p]) p++;
  let s = 0;
  while (s < la.length - p && s < lb.length - p && la[la.length - 1 - s] === lb[lb.length - 1 - s]) s++;
  return { removed: la.slice(p, la.length - s), added: lb.slice(p, lb.length - s) };
}

const apply = (bytes: Uint8Array, ops: EditOp[]) => editRecordBytes(bytes, ops, { keyOrder });
const str = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const frontmatterData = (t: string) => parseDocument(t.replace(/^\ufeff/, '').split(/\r?\n---\r?\n/)[0]!.replace(/^---\r?\n/, ''), { version: '1.2', schema: 'core' }).toJS() as Record<string, unknown>;

describe('property: set changes one line and setting it back restores the bytes', () => {
  it('holds for random records and values', () => {
    fc.assert(
      fc.property(recordArb, fc.nat(), text, (rec, pick, newValue) => {
        const { text: original, bytes, scalars } = render(rec);
        const field = scalars[pick % scalars.length]!;
        fc.pre(newValue !== field.value);
        const changed = apply(bytes, [{ op: 'set', path: [field.key], value: newValue }]);
        const diff = lineDiff(original, str(changed.bytes));
        expect(diff.removed).toHaveLength(1);
        expect(diff.added).toHaveLength(1);
        expect(diff.removed[0]!.startsWith(`${field.key}:`)).toBe(true);
        expect(diff.added[0]!.endsWith(rec.crlf ? '\r\n' : '\n')).toBe(true);
        expect(frontmatterData(str(changed.bytes))).toEqual({ ...frontmatterData(original), [field.key]: newValue });
        // A quoting the author chose survives a value that needs no quotes; otherwise quoting is minimal.
        fc.pre(effectiveStyle(field) === undefined || minimalStyle(newValue, false) === 'PLAIN');
        const back = apply(changed.bytes, [{ op: 'set', path: [field.key], value: field.value }]);
        expect(str(back.bytes)).toBe(original);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: adding to a list and removing it again restores the bytes', () => {
  it('holds for block and flow lists', () => {
    fc.assert(
      fc.property(recordArb, fc.nat(), id, (rec, pick, item) => {
        const { text: original, bytes, lists } = render(rec);
        fc.pre(lists.length > 0);
        const list = lists[pick % lists.length]!;
        fc.pre(!list.items.includes(item));
        const added = apply(bytes, [{ op: 'append', path: [list.key], value: item }]);
        const diff = lineDiff(original, str(added.bytes));
        expect(diff.added).toHaveLength(1);
        expect(diff.removed).toHaveLength(list.flow ? 1 : 0);
        const removed = apply(added.bytes, [{ op: 'remove', path: [list.key], value: item }]);
        expect(str(removed.bytes)).toBe(original);
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: unset and set back restores a plain field in record-model order', () => {
  it('holds when the field has no comment and minimal quoting', () => {
    fc.assert(
      fc.property(recordArb, fc.nat(), (rec, pick) => {
        const { text: original, bytes, scalars } = render(rec);
        const candidates = scalars.filter((f) => f.key !== 'title' && f.comment === '' && effectiveStyle(f) === undefined && f.gap === ' ');
        fc.pre(candidates.length > 0);
        const field = candidates[pick % candidates.length]!;
        const index = rec.fields.indexOf(field);
        // The line after the field must belong to a field (not be a blank line that goes with the next one).
        const next = rec.fields.slice(index + 1).find(Boolean);
        fc.pre(!next?.blankBefore && !field.blankBefore);
        const unset = apply(bytes, [{ op: 'unset', path: [field.key] }]);
        expect(lineDiff(original, str(unset.bytes))).toEqual({ removed: [`${field.key}: ${renderScalar(field.value, undefined, false)}${rec.crlf ? '\r\n' : '\n'}`], added: [] });
        const back = apply(unset.bytes, [{ op: 'set', path: [field.key], value: field.value }]);
        expect(str(back.bytes)).toBe(original);
      }),
      { numRuns: 200 },
    );
  });
});
