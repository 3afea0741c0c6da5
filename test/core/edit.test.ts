import { describe, expect, it } from 'vitest';
import { keyOrderOf } from '../../src/core/assignments.js';
import { editRecordBytes, editRecordText, EditError, onlyWindowChanged, type EditOp } from '../../src/core/edit.js';

const keyOrder = keyOrderOf('meeting');
const edit = (text: string, ops: EditOp[], strategy?: 'surgical' | 'document') => editRecordText(text, ops, { keyOrder, strategy });

/** Lines that differ between two texts (by position, for same-length texts), and the line counts. */
function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const la = a.split(/(?<=\n)/);
  const lb = b.split(/(?<=\n)/);
  let p = 0;
  while (p < la.length && p < lb.length && la[p] === lb[p]) p++;
  let s = 0;
  while (s < la.length - p && s < lb.length - p && la[la.length - 1 - s] === lb[lb.length - 1 - s]) s++;
  return { removed: la.slice(p, la.length - s), added: lb.slice(p, lb.length - s) };
}

const ODD = [
  '---',
  '# A consultation record; keep this comment',
  'title:   "Consultation"    # odd spacing and a comment',
  "date: '2019-02-25'",
  'status: held',
  'host: office-for-combating-drugs # the Office',
  'participants: [dpnsee,   prevent]',
  'agenda:',
  '- First item',
  '',
  '  # a comment between items',
  '- "Second: item"',
  'actions:',
  '  - task: Present proposals',
  '    owner: office-for-combating-drugs   # who',
  '    status: open',
  'visibility: public',
  '---',
  'The body: `title: not a field`',
  '---',
  'still body',
  '',
].join('\n');

describe('set keeps every other byte', () => {
  const cases: [string, EditOp, string, string][] = [
    ['a double-quoted title (quotes kept, comment kept)', { op: 'set', path: ['title'], value: 'Follow-up' }, 'title:   "Consultation"    # odd spacing and a comment\n', 'title:   "Follow-up"    # odd spacing and a comment\n'],
    ['a single-quoted date', { op: 'set', path: ['date'], value: '2019-03-01' }, "date: '2019-02-25'\n", "date: '2019-03-01'\n"],
    ['a plain value with a comment', { op: 'set', path: ['host'], value: 'dpnsee' }, 'host: office-for-combating-drugs # the Office\n', 'host: dpnsee # the Office\n'],
    ['a value that needs quotes', { op: 'set', path: ['status'], value: 'a: b' }, 'status: held\n', 'status: "a: b"\n'],
    ['a nested field', { op: 'set', path: ['actions', 0, 'status'], value: 'done' }, '    status: open\n', '    status: done\n'],
    ['a list item in a block list', { op: 'set', path: ['agenda', 1], value: 'Other' }, '- "Second: item"\n', '- Other\n'],
    ['a flow list', { op: 'append', path: ['participants'], value: 'kokoro' }, 'participants: [dpnsee,   prevent]\n', 'participants: [dpnsee,   prevent, kokoro]\n'],
    ['a flow list item removed', { op: 'remove', path: ['participants'], value: 'prevent' }, 'participants: [dpnsee,   prevent]\n', 'participants: [dpnsee]\n'],
  ];
  for (const [name, op, before, after] of cases) {
    it(name, () => {
      const r = edit(ODD, [op]);
      expect(changedLines(ODD, r.text)).toEqual({ removed: [before], added: [after] });
    });
  }

  it('appends to a block list as one new line, after the last item', () => {
    const r = edit(ODD, [{ op: 'append', path: ['agenda'], value: 'Third' }]);
    expect(changedLines(ODD, r.text)).toEqual({ removed: [], added: ['- Third\n'] });
    expect(r.text).toContain('- "Second: item"\n- Third\nactions:');
  });

  it('removes a block list item as its line', () => {
    const r = edit(ODD, [{ op: 'remove', path: ['agenda'], value: 'First item' }]);
    expect(changedLines(ODD, r.text)).toEqual({ removed: ['- First item\n'], added: [] });
  });

  it('inserts a new key at its record-model place', () => {
    const r = edit(ODD, [{ op: 'set', path: ['location'], value: 'Belgrade' }]);
    expect(changedLines(ODD, r.text)).toEqual({ removed: [], added: ['location: Belgrade\n'] });
    expect(r.text).toContain('# the Office\nlocation: Belgrade\nparticipants:');
  });

  it('inserts a new nested key with the indentation of its mapping', () => {
    const r = edit(ODD, [{ op: 'set', path: ['actions', 0, 'due'], value: '2019-04-01' }]);
    expect(r.text).toContain('    owner: office-for-combating-drugs   # who\n    due: 2019-04-01\n    status: open\n');
  });

  it('a list created by set is one line', () => {
    const r = edit(ODD, [{ op: 'append', path: ['proposals'], value: 'p1' }]);
    expect(changedLines(ODD, r.text)).toEqual({ removed: [], added: ['proposals: [p1]\n'] });
  });

  it('unset removes the key and its value lines, nothing else', () => {
    const r = edit(ODD, [{ op: 'unset', path: ['agenda'] }]);
    expect(changedLines(ODD, r.text).removed).toEqual(['agenda:\n', '- First item\n', '\n', '  # a comment between items\n', '- "Second: item"\n']);
  });

  it('never touches the body, even when it looks like YAML', () => {
    const r = edit(ODD, [{ op: 'set', path: ['title'], value: 'X' }]);
    expect(r.text.slice(r.text.indexOf('---\nThe body'))).toBe(ODD.slice(ODD.indexOf('---\nThe body')));
  });

  it('keeps CRLF line ends, including on inserted lines', () => {
    const crlf = ODD.replace(/\n/g, '\r\n');
    const r = edit(crlf, [{ op: 'set', path: ['title'], value: 'Y' }, { op: 'append', path: ['agenda'], value: 'Third' }, { op: 'set', path: ['location'], value: 'Novi Sad' }]);
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(r.text).toContain('- Third\r\nactions:');
    expect(r.text).toContain('location: Novi Sad\r\n');
    expect(changedLines(crlf, edit(crlf, [{ op: 'set', path: ['title'], value: 'Y' }]).text).added).toEqual(['title:   "Y"    # odd spacing and a comment\r\n']);
  });

  it('keeps a BOM', () => {
    const bytes = Buffer.from(`\ufeff${ODD}`, 'utf8');
    const r = editRecordBytes(bytes, [{ op: 'set', path: ['status'], value: 'cancelled' }], { keyOrder });
    expect(Buffer.from(r.bytes).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(Buffer.from(r.bytes).toString('utf8')).toBe(`\ufeff${ODD.replace('status: held', 'status: cancelled')}`);
  });

  it('uses the Document API when the file round-trips, and the result is the same as the surgical one', () => {
    const clean = '---\ntitle: Consultation\ndate: 2019-02-25\nparticipants:\n  - dpnsee\n---\nBody\n';
    for (const op of [
      { op: 'set', path: ['title'], value: 'Other: title' },
      { op: 'append', path: ['participants'], value: 'prevent' },
      { op: 'set', path: ['status'], value: 'held' },
      { op: 'unset', path: ['participants'] },
      { op: 'append', path: ['agreements'], value: 'mou' },
    ] as EditOp[]) {
      const auto = edit(clean, [op]);
      expect(auto.strategies).toEqual(['document']);
      expect(edit(clean, [op], 'surgical').text).toBe(auto.text);
    }
  });

  it('falls back to a surgical edit when the Document API would reformat', () => {
    const r = edit(ODD, [{ op: 'set', path: ['title'], value: 'Z' }]);
    expect(r.strategies).toEqual(['surgical']);
    expect(() => edit(ODD, [{ op: 'set', path: ['title'], value: 'Z' }], 'document')).toThrow(EditError);
  });

  it('reports no change when the value is already there', () => {
    const r = edit(ODD, [{ op: 'set', path: ['status'], value: 'held' }, { op: 'append', path: ['participants'], value: 'dpnsee' }]);
    expect(r.changed).toBe(false);
    expect(r.text).toBe(ODD);
    expect(r.notes).toEqual(['`status` is already held', 'dpnsee is already in `participants`']);
  });

  it('explains what cannot be done', () => {
    expect(() => edit(ODD, [{ op: 'remove', path: ['participants'], value: 'kokoro' }])).toThrow(/kokoro is not in `participants`/);
    expect(() => edit(ODD, [{ op: 'append', path: ['title'], value: 'x' }])).toThrow(/is not a list/);
    expect(() => edit(ODD, [{ op: 'set', path: ['agenda', 5], value: 'x' }])).toThrow(/has no item 5/);
    expect(() => edit('---\ntitle: [broken\n---\n', [{ op: 'set', path: ['title'], value: 'x' }])).toThrow(/cannot be read/);
    expect(() => edit('no frontmatter\n', [{ op: 'set', path: ['title'], value: 'x' }])).toThrow(EditError);
  });

  it('removing the last item of a list removes the field', () => {
    const text = '---\ntitle: T\nproposals:\n  - p1\ntags: [a]\n---\n';
    expect(edit(text, [{ op: 'remove', path: ['proposals'], value: 'p1' }]).text).toBe('---\ntitle: T\ntags: [a]\n---\n');
  });

  it('removes the first key of a list item by moving the next one up', () => {
    const text = '---\nactions:\n  - task: T\n    owner: o\n---\n';
    expect(edit(text, [{ op: 'unset', path: ['actions', 0, 'task'] }]).text).toBe('---\nactions:\n  - owner: o\n---\n');
  });

  it('appends a mapping to a list of mappings in block style', () => {
    const r = edit(ODD, [{ op: 'append', path: ['actions'], value: { task: 'Send minutes', owner: 'dpnsee' } }]);
    expect(r.text).toContain('    status: open\n  - task: Send minutes\n    owner: dpnsee\nvisibility: public\n');
  });

  it('writes multi-line text as one double-quoted line', () => {
    const r = edit(ODD, [{ op: 'set', path: ['status'], value: 'two\nlines' }]);
    expect(changedLines(ODD, r.text).added).toEqual(['status: "two\\nlines"\n']);
  });

  it('fills an empty value in place', () => {
    expect(edit('---\ntitle: T\nlocation:\n---\n', [{ op: 'set', path: ['location'], value: 'Belgrade' }]).text).toBe('---\ntitle: T\nlocation: Belgrade\n---\n');
  });

  it('writes into an empty frontmatter', () => {
    expect(edit('---\n---\nbody\n', [{ op: 'set', path: ['title'], value: 'T' }]).text).toBe('---\ntitle: T\n---\nbody\n');
  });
});

describe('onlyWindowChanged', () => {
  it('accepts changes inside the window and refuses changes outside it', () => {
    const a = 'a\nb\nc\n';
    expect(onlyWindowChanged(a, 'a\nB\nc\n', 2, 3)).toBe(true);
    expect(onlyWindowChanged(a, 'A\nB\nc\n', 2, 3)).toBe(false);
    expect(onlyWindowChanged(a, 'a\nb\nx\nc\n', 4, 4)).toBe(true);
    expect(onlyWindowChanged(a, 'a\nb\nx\nC\n', 4, 4)).toBe(false);
  });
});
