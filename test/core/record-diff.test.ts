/** The semantic diff of two record sets, on in-memory records: no git, no disk. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/core/frontmatter.js';
import { typeOfFolder } from '../../src/core/kinds.js';
import { countLineChanges, diffRecordVersions, diffStores, type StoreSide } from '../../src/core/record-diff.js';
import { parseRecordFile } from '../../src/core/record-file.js';
import { checkStore } from '../../src/core/validate-store.js';
import { escapeMarkdown } from '../../src/format/diff-markdown.js';

type Files = Record<string, string>;

function side(files: Files): StoreSide {
  const records = Object.entries(files).map(([file, text]) => {
    const [, folder, name] = file.split('/');
    const record = parseRecordFile(file, typeOfFolder(folder!)!, name!.slice(0, -3), Buffer.from(text));
    return { record, hash: createHash('sha1').update(text).digest('hex'), text: () => text, raw: () => parseFrontmatter(text, file).data };
  });
  const diagnostics = [...records.flatMap((r) => r.record.diagnostics), ...checkStore(records.map((r) => r.record), { today: '2020-01-01' })];
  return { records, diagnostics };
}

const ORGS: Files = {
  'records/organisations/office.md': '---\nname: Office for Combating Drugs\nkind: government\n---\n',
  'records/organisations/dpnsee.md': '---\nname: DPNSEE network\nkind: network\n---\nA network.\n',
  'records/organisations/prevent.md': '---\nname: Prevent\nkind: civil-society\n---\n',
};
const MEETING = 'records/meetings/m.md';
const meeting = (extra: string, body = '') => `---\ntitle: Consultation\ndate: 2019-02-25\nhost: office\n${extra}---\n${body}`;

describe('diffStores', () => {
  it('no change, no records', () => {
    const s = side({ ...ORGS, [MEETING]: meeting('') });
    expect(diffStores(s, side({ ...ORGS, [MEETING]: meeting('') }))).toMatchObject({ summary: { added: 0, removed: 0, renamed: 0, changed: 0 }, records: [] });
  });

  it('scalars old → new, added and removed fields, references by name', () => {
    const d = diffStores(side({ ...ORGS, [MEETING]: meeting('status: planned\nlocation: Belgrade\n') }), side({ ...ORGS, [MEETING]: meeting('status: held\nhost: prevent\nformat: online\n').replace('host: office\n', '') }));
    expect(d.records).toHaveLength(1);
    expect(d.records[0]!.fields).toEqual([
      { field: 'status', kind: 'value', before: { value: 'planned' }, after: { value: 'held' } },
      { field: 'host', kind: 'value', before: { value: 'office', label: 'Office for Combating Drugs' }, after: { value: 'prevent', label: 'Prevent' } },
      { field: 'location', kind: 'value', before: { value: 'Belgrade' }, after: null },
      { field: 'format', kind: 'value', before: null, after: { value: 'online' } },
    ]);
  });

  it('lists as additions and removals (duplicates counted); a new order alone is "reordered"', () => {
    const d = diffStores(side({ ...ORGS, [MEETING]: meeting('participants: [dpnsee, prevent, prevent]\nagenda: [a, b]\n') }), side({ ...ORGS, [MEETING]: meeting('participants: [prevent, office]\nagenda: [b, a]\n') }));
    expect(d.records[0]!.fields).toEqual([
      { field: 'participants', kind: 'list', added: [{ value: 'office', label: 'Office for Combating Drugs' }], removed: [{ value: 'dpnsee', label: 'DPNSEE network' }, { value: 'prevent', label: 'Prevent' }], reordered: false },
      { field: 'agenda', kind: 'list', added: [], removed: [], reordered: true },
    ]);
  });

  it('lists of mappings: items paired by their first field, changes inside by path', () => {
    const before = meeting('actions:\n  - task: Write\n    owner: office\n  - task: Call\n    owner: prevent\n');
    const after = meeting('actions:\n  - task: Call\n    owner: prevent\n    status: done\n  - task: Send\n    owner: dpnsee\n');
    const d = diffStores(side({ ...ORGS, [MEETING]: before }), side({ ...ORGS, [MEETING]: after }));
    expect(d.records[0]!.fields).toEqual([
      {
        field: 'actions', kind: 'list', reordered: false,
        added: [{ value: { task: 'Send', owner: 'dpnsee' }, labels: { owner: 'DPNSEE network' } }],
        removed: [{ value: { task: 'Write', owner: 'office' }, labels: { owner: 'Office for Combating Drugs' } }],
      },
      { field: 'actions.0.status', kind: 'value', before: null, after: { value: 'done' } },
    ]);
  });

  it('the body as lines added and removed; line endings and formatting alone', () => {
    const d = diffStores(side({ [MEETING]: meeting('', 'one\ntwo\nthree\n').replace('host: office\n', '') }), side({ [MEETING]: meeting('', 'one\n2\nthree\nfour\n').replace('host: office\n', '') }));
    expect(d.records[0]!.fields).toEqual([{ field: 'body', kind: 'body', added: 2, removed: 1 }]);
    const crlf = diffStores(side({ [MEETING]: 'x' }), side({ [MEETING]: 'x' }));
    expect(crlf.records).toEqual([]);
    const lf = meeting('', 'text\n').replace('host: office\n', '');
    expect(diffStores(side({ [MEETING]: lf }), side({ [MEETING]: lf.replace(/\n/g, '\r\n') })).records).toEqual([]);
    const commented = diffStores(side({ [MEETING]: lf }), side({ [MEETING]: lf.replace('date: 2019-02-25', 'date: 2019-02-25 # from the invitation') })).records;
    expect(commented).toMatchObject([{ change: 'changed', fields: [{ field: 'format', kind: 'format' }] }]);
  });

  it('private people: email and phone "changed" without values; public people shown; either side private hides', () => {
    const jane = (email: string, vis = '') => ({ 'records/people/jane.md': `---\nname: Jane\nemail: ${email}\nrole: r\n${vis}---\n` });
    const hidden = diffStores(side(jane('a@example.org')), side(jane('b@example.org')));
    expect(hidden.records[0]).toMatchObject({ private: true, fields: [{ field: 'email', kind: 'private' }] });
    const shown = diffStores(side(jane('a@example.org', 'visibility: public\n')), side(jane('b@example.org', 'visibility: public\n')));
    expect(shown.records[0]!.fields).toEqual([{ field: 'email', kind: 'value', before: { value: 'a@example.org' }, after: { value: 'b@example.org' } }]);
    const madePublic = diffStores(side(jane('a@example.org')), side(jane('b@example.org', 'visibility: public\n')));
    expect(madePublic.records[0]!.fields).toContainEqual({ field: 'email', kind: 'private' });
    expect(JSON.stringify(madePublic)).not.toContain('a@example.org');
    const added = diffStores(side({}), side(jane('a@example.org')));
    expect(added.records[0]!.fields).toContainEqual({ field: 'email', kind: 'private' });
    expect(JSON.stringify(added)).not.toContain('a@example.org');
  });

  it('a rename by the same content: one rename, no addition or removal', () => {
    const { ['records/organisations/dpnsee.md']: moved, ...rest } = ORGS;
    const d = diffStores(side(ORGS), side({ ...rest, 'records/organisations/network.md': moved! }));
    expect(d.summary).toEqual({ added: 0, removed: 0, renamed: 1, changed: 0 });
  });

  it('a rename with its references rewritten: counted on the rename, not changes of the referring records', () => {
    const before = side({ ...ORGS, [MEETING]: meeting('participants: [dpnsee, prevent]\nactions:\n  - task: T\n    owner: dpnsee\n') });
    const renamedOrg = '---\nname: DPNSEE network\nkind: network\nwebsite: https://dpnsee.org\n---\nA network.\n';
    const { ['records/organisations/dpnsee.md']: _gone, ...rest } = ORGS;
    const after = side({ ...rest, 'records/organisations/network-see.md': renamedOrg, [MEETING]: meeting('participants: [network-see, prevent, office]\nactions:\n  - task: T\n    owner: network-see\n') });
    const d = diffStores(before, after);
    expect(d.summary).toEqual({ added: 0, removed: 0, renamed: 1, changed: 1 });
    expect(d.records[0]).toMatchObject({ change: 'renamed', id: 'network-see', previousId: 'dpnsee', references: 2, referencedBy: ['m'] });
    expect(d.records[0]!.fields).toEqual([{ field: 'website', kind: 'value', before: null, after: { value: 'https://dpnsee.org' } }]);
    expect(d.records[1]!.fields).toEqual([{ field: 'participants', kind: 'list', added: [{ value: 'office', label: 'Office for Combating Drugs' }], removed: [], reordered: false }]);
  });

  it('a reference moved to a quite different new record is a replacement, not a rename', () => {
    const { ['records/organisations/prevent.md']: _gone, ...rest } = ORGS;
    const before = side({ ...ORGS, [MEETING]: meeting('participants: [prevent]\n') });
    const after = side({ ...rest, 'records/organisations/kokoro.md': '---\nname: Kokoro\nkind: donor\ncountry: RS\ncity: Niš\n---\nA donor in Niš.\n', [MEETING]: meeting('participants: [kokoro]\n') });
    const d = diffStores(before, after);
    expect(d.summary).toEqual({ added: 1, removed: 1, renamed: 0, changed: 1 });
    expect(d.records.find((r) => r.change === 'changed')!.fields).toEqual([
      { field: 'participants', kind: 'list', added: [{ value: 'kokoro', label: 'Kokoro' }], removed: [{ value: 'prevent', label: 'Prevent' }], reordered: false },
    ]);
  });

  it('a rename by similar content (same type only); a dissimilar record is a removal and an addition', () => {
    const long = (name: string, extra = '') => `---\nname: ${name}\nkind: civil-society\ncountry: RS\ncity: Niš\nwebsite: https://example.org\n${extra}---\nLine one.\nLine two.\nLine three.\n`;
    const d = diffStores(side({ 'records/organisations/a.md': long('A') }), side({ 'records/organisations/b.md': long('B', 'status: inactive\n') }));
    expect(d.records).toMatchObject([{ change: 'renamed', id: 'b', previousId: 'a' }]);
    const other = diffStores(side({ 'records/organisations/a.md': long('A') }), side({ 'records/organisations/b.md': '---\nname: Else\nkind: donor\n---\n' }));
    expect(other.summary).toEqual({ added: 1, removed: 1, renamed: 0, changed: 0 });
    const typeChange = diffStores(side({ 'records/organisations/a.md': '---\nname: A\n---\n' }), side({ 'records/people/a.md': '---\nname: A\n---\n' }));
    expect(typeChange.summary).toEqual({ added: 1, removed: 1, renamed: 0, changed: 0 });
  });

  it('validation: introduced and fixed, matched by file (across a rename), code and message, then code', () => {
    const before = side({ ...ORGS, [MEETING]: meeting('host: nobody\n').replace('host: office\n', ''), 'records/organisations/bad.md': '---\nname: Bad\nkind: ngo\n---\n' });
    const after = side({ ...ORGS, [MEETING]: meeting('format: online\nhost: nobody-else\n').replace('host: office\n', ''), 'records/organisations/bad-renamed.md': '---\nname: Bad\nkind: ngo\n---\n', 'records/organisations/new.md': '---\nname: New\n---\n' });
    const d = diffStores(before, after);
    expect(d.validation.base).toEqual({ errors: 2, warnings: 0 });
    expect(d.validation.head).toEqual({ errors: 3, warnings: 0 });
    expect(d.validation.introduced.map((x) => `${x.file} ${x.code}`)).toEqual(['records/organisations/new.md schema/required']);
    expect(d.validation.fixed).toEqual([]);
    const fixed = diffStores(after, before);
    expect(fixed.validation.fixed.map((x) => `${x.file} ${x.code}`)).toEqual(['records/organisations/new.md schema/required']);
  });

  it('an unreadable record: values are not compared, the change says so', () => {
    const d = diffStores(side({ [MEETING]: meeting('') }), side({ [MEETING]: '---\ntitle: [unclosed\n---\n' }));
    expect(d.records[0]!.fields[0]).toEqual({ field: 'frontmatter', kind: 'unreadable', before: false, after: true });
  });

  it('records sorted by type, then added, renamed, changed, removed, then id', () => {
    const d = diffStores(side({ 'records/organisations/z.md': '---\nname: Z\nkind: donor\n---\n', 'records/meetings/x.md': meeting('').replace('host: office\n', '') }), side({ 'records/organisations/a.md': '---\nname: Totally different\nkind: media\ncity: X\n---\n', 'records/meetings/x.md': meeting('status: planned\n').replace('host: office\n', '') }));
    expect(d.records.map((r) => `${r.type} ${r.change} ${r.id}`)).toEqual(['organisation added a', 'organisation removed z', 'meeting changed x']);
  });
});

describe('diffRecordVersions (log)', () => {
  it('a reference rewritten for a rename in the same commit is one change', () => {
    const parse = (text: string) => {
      const record = parseRecordFile(MEETING, 'meeting', 'm', Buffer.from(text));
      return { record, text: () => text, raw: () => parseFrontmatter(text, MEETING).data };
    };
    const fields = diffRecordVersions(parse(meeting('participants: [dpnsee]\n')), parse(meeting('participants: [network]\n')), (id) => id.toUpperCase(), new Map([['dpnsee', 'network']]));
    expect(fields).toEqual([{ field: 'participants', kind: 'reference', from: 'dpnsee', to: 'network' }]);
  });
});

describe('countLineChanges', () => {
  it('counts the lines of a longest common subsequence', () => {
    expect(countLineChanges('a\nb\nc\n', 'a\nc\nd\n')).toEqual({ added: 1, removed: 1 });
    expect(countLineChanges('', 'a\nb')).toEqual({ added: 2, removed: 0 });
    expect(countLineChanges('a\r\nb\r\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
  });
});

describe('escapeMarkdown', () => {
  it('neutralises emphasis, code, links, tables, HTML, maths, mentions and issue links', () => {
    expect(escapeMarkdown('a*b_c`d[e](f)|g<h>&i~j$k\\')).toBe('a\\*b\\_c\\`d\\[e\\](f)\\|g&lt;h&gt;&amp;i\\~j\\$k\\\\');
    expect(escapeMarkdown('@team and #42, but not a@b.org or C#')).toBe('@\u2060team and #\u206042, but not a@b.org or C#');
    expect(escapeMarkdown('two\nlines')).toBe('two\\\\nlines');
  });
});
