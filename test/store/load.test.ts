/** Loading a store from real temp folders: what is a record, what is warned about, what is never read. */
import { lstatSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/core/codes.js';
import { MAX_FILE_BYTES } from '../../src/core/record-file.js';
import { loadRecord, loadStore } from '../../src/store/load.js';
import { readRecordBytes } from '../../src/store/read.js';
import { findRoot } from '../../src/store/root.js';
import { scanRecords } from '../../src/store/scan.js';
import { tempStore } from '../helpers/store.js';

const TODAY = '2020-01-01';
const SECRET = 'TOP-SECRET-do-not-print-7f3a';
const ORG = '---\nname: Prevent\nkind: civil-society\n---\n';

describe('scan', () => {
  it('only regular .md files directly in the five folders are records, in name order', () => {
    const root = tempStore({
      'records/organisations/prevent.md': ORG,
      'records/organisations/dpnsee.md': ORG,
      'records/people/milan-pekic.md': '---\nname: Milan\n---\n',
      'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\n---\n',
      'records/proposals/p.md': '---\ntitle: T\nstatus: draft\nsubmitted_by: [prevent]\n---\n',
      'records/agreements/a.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nparties: [prevent, dpnsee]\n---\n',
    });
    const scan = scanRecords(root);
    expect(scan.diagnostics).toEqual([]);
    expect(scan.files.map((f) => [f.type, f.id, f.file])).toEqual([
      ['agreement', 'a', 'records/agreements/a.md'],
      ['meeting', 'm', 'records/meetings/m.md'],
      ['organisation', 'dpnsee', 'records/organisations/dpnsee.md'],
      ['organisation', 'prevent', 'records/organisations/prevent.md'],
      ['person', 'milan-pekic', 'records/people/milan-pekic.md'],
      ['proposal', 'p', 'records/proposals/p.md'],
    ]);
    expect(scan.files[0]!.absolute).toBe(path.join(root, 'records/agreements/a.md'));
    expect(scan.count).toBe(6);
    expect(scan.joined).toBe(scan.files.map((f) => f.file).join('\0'));
    // Each file's identity, in the order the cache compares it.
    scan.files.forEach((f, i) => {
      const st = lstatSync(f.absolute);
      expect(Array.from(scan.identities.subarray(4 * i, 4 * i + 4)), f.file).toEqual([st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    });
    // Without identities (no cache), the folder listing's types find the same files.
    const plain = scanRecords(root, { identities: false });
    expect([plain.count, plain.joined, plain.files]).toEqual([scan.count, scan.joined, scan.files]);
    const store = loadStore(root, { today: TODAY });
    expect(store.diagnostics).toEqual([]);
    expect(store.records.every((r) => r.valid)).toBe(true);
  });

  it('an empty records/ is an empty store', () => {
    const root = tempStore();
    expect(loadStore(root, { today: TODAY })).toMatchObject({ records: [], diagnostics: [] });
  });

  it('warns about a symlink (never followed), a folder named x.md, a non-.md file, an unknown folder and a stray file; dotfiles are silent', () => {
    const outside = tempStore({ 'secret.md': `---\nname: ${SECRET}\nrolee: ${SECRET}\n---\n${SECRET}\n` });
    const root = tempStore({
      'records/organisations/prevent.md': ORG,
      'records/people/link.md': { symlink: path.join(outside, 'secret.md') },
      'records/people/notes.txt': `${SECRET}\n`,
      'records/people/dir.md/inner.md': ORG,
      'records/notes/x.md': ORG,
      'records/stray.md': ORG,
      'records/people/.x.md.swp': 'junk',
      'records/.DS_Store': 'junk',
      'records/.git-ish/x.md': ORG,
      'records/people/.hidden.md': '---\nnot: valid\n---\n',
    });
    const store = loadStore(root, { today: TODAY });
    expect(store.records.map((r) => r.file)).toEqual(['records/organisations/prevent.md']);
    expect(scanRecords(root, { identities: false }).diagnostics).toEqual(scanRecords(root).diagnostics);
    expect(scanRecords(root).count).toBe(1);
    const warnings = store.diagnostics.map((d) => [d.file, d.severity, d.code, d.message, d.hint]);
    expect(warnings).toEqual([
      ['records/notes', 'warning', 'store/unexpected-entry', 'the folder records/notes/ is not a record and was not read', 'records live in records/organisations, people, meetings, proposals or agreements'],
      ['records/people/dir.md', 'warning', 'store/unexpected-entry', 'a folder named like a record is not a record and was not read', undefined],
      ['records/people/link.md', 'warning', 'store/unexpected-entry', 'a symbolic link named like a record is not a record and was not read', 'links are never followed; put the record itself here'],
      ['records/people/notes.txt', 'warning', 'store/unexpected-entry', 'a file is not a record and was not read', 'only `.md` files are records'],
      ['records/stray.md', 'warning', 'store/unexpected-entry', 'a file directly in records/ is not a record and was not read', 'records live in records/organisations, people, meetings, proposals or agreements'],
    ]);
    expect(JSON.stringify(store)).not.toContain(SECRET);
  });

  it('a symlinked type folder is warned about and not entered', () => {
    const outside = tempStore({ 'people/secret.md': `---\nname: ${SECRET}\nbad: 1\n---\n` });
    const root = tempStore({ 'records/people': { symlink: path.join(outside, 'people') } });
    const store = loadStore(root, { today: TODAY });
    expect(store.records).toEqual([]);
    expect(store.diagnostics.map((d) => [d.file, d.code])).toEqual([['records/people', 'store/unexpected-entry']]);
    expect(JSON.stringify(store)).not.toContain(SECRET);
  });
});

describe('reading', () => {
  it('a file over 10 MiB is file/too-large without being read (sparse file)', () => {
    const root = tempStore({ 'records/people/huge.md': '---\nname: P\n---\n' });
    truncateSync(path.join(root, 'records/people/huge.md'), MAX_FILE_BYTES + 1);
    const store = loadStore(root, { today: TODAY });
    expect(store.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([['records/people/huge.md', 1, 1, 'file/too-large']]);
    expect(store.diagnostics[0]!.message).toBe(`the file is ${MAX_FILE_BYTES + 1} bytes; a record may be at most ${MAX_FILE_BYTES} bytes`);
    expect(store.records[0]!.valid).toBe(false);
  });

  it('a file of exactly 10 MiB is read', () => {
    const root = tempStore();
    const file = path.join(root, 'records/people/big.md');
    mkdirSync(path.dirname(file), { recursive: true });
    const bytes = Buffer.alloc(MAX_FILE_BYTES, 0x61);
    Buffer.from('---\nname: P\n---\n').copy(bytes);
    writeFileSync(file, bytes);
    const store = loadStore(root, { today: TODAY });
    expect(store.diagnostics).toEqual([]);
    expect(store.records[0]!.valid).toBe(true);
  });

  it('readRecordBytes refuses symlinks, folders and missing files, and respects the limit', () => {
    const root = tempStore({ 'a.md': 'hello', 'link.md': { symlink: 'a.md' }, 'dir/x': '' });
    expect(readRecordBytes(path.join(root, 'a.md'))).toMatchObject({ ok: true, bytes: Buffer.from('hello'), identity: { size: 5 } });
    expect(readRecordBytes(path.join(root, 'a.md'), 3)).toEqual({ ok: false, size: 5 });
    expect(readRecordBytes(path.join(root, 'link.md'))).toMatchObject({ ok: false, error: 'ELOOP' });
    expect(readRecordBytes(path.join(root, 'dir'))).toMatchObject({ ok: false, error: 'not a regular file' });
    expect(readRecordBytes(path.join(root, 'nope.md'))).toMatchObject({ ok: false, error: 'ENOENT' });
  });

  it('a record swapped for a symlink after the scan is file/unreadable, and its target is never read', () => {
    const outside = tempStore({ 'secret.md': `---\nname: ${SECRET}\n---\n` });
    const root = tempStore();
    const file = path.join(root, 'records/people/p.md');
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(path.join(outside, 'secret.md'), file);
    const record = loadRecord({ type: 'person', id: 'p', file: 'records/people/p.md', absolute: file });
    expect(record.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([['file/unreadable', 1, 1, 'cannot read this file: ELOOP']]);
    expect(record.fields).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain(SECRET);
  });

  it('a record deleted after the scan is file/unreadable', () => {
    const root = tempStore();
    const record = loadRecord({ type: 'person', id: 'gone', file: 'records/people/gone.md', absolute: path.join(root, 'records/people/gone.md') });
    expect(record.diagnostics.map((d) => d.code)).toEqual(['file/unreadable']);
    expect(record.valid).toBe(false);
  });
});

describe('records by type and by id', () => {
  const files = {
    'records/organisations/prevent.md': ORG,
    'records/organisations/broken.md': '---\nname: Broken\n---\n',
    'records/people/ana.md': '---\nname: Ana\norganisation: prevent\n---\n',
    'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nhost: prevent\n---\n',
  };

  for (const cache of [false, true]) {
    it(`give what the full list gives, cold and warm (cache ${cache ? 'on' : 'off'})`, () => {
      const root = tempStore(files);
      loadStore(root, { today: TODAY, cache });
      const store = loadStore(root, { today: TODAY, cache, rules: false });
      expect(store.recordsOf('organisation').map((r) => r.id)).toEqual(['broken', 'prevent']);
      expect(store.recordsOf('agreement')).toEqual([]);
      expect(store.byId.get('ana')?.file).toBe('records/people/ana.md');
      expect(store.byId.get('nobody')).toBeUndefined();
      expect(store.invalidCount()).toBe(1);
      expect(store.files).toEqual(['records/meetings/m.md', 'records/organisations/broken.md', 'records/organisations/prevent.md', 'records/people/ana.md']);
      // The same objects as the full list, made once.
      expect(store.byId.get('prevent')).toBe(store.records[2]);
      expect(store.recordsOf('person')[0]).toBe(store.records[3]);
      // From the cache, only records whose references mention the id; without it, every record may.
      expect(store.mayReferTo('prevent').map((r) => r.id)).toEqual(cache ? ['m', 'ana'] : ['m', 'broken', 'prevent', 'ana']);
    });
  }

  it('scan positions give one file reference each, made once', () => {
    const root = tempStore(files);
    const scan = scanRecords(root);
    expect(scan.ids).toEqual(['m', 'broken', 'prevent', 'ana']);
    expect(scan.rangeOf('organisation')).toEqual({ start: 1, end: 3 });
    expect(scan.rangeOf('agreement')).toEqual({ start: 0, end: 0 });
    expect(scan.ref(3)).toEqual({ type: 'person', id: 'ana', file: 'records/people/ana.md', absolute: path.join(root, 'records/people/ana.md') });
    expect(scan.ref(3)).toBe(scan.files[3]);
    expect(() => scan.ref(4)).toThrow(RangeError);
  });
});

describe('store root', () => {
  it('--root, then DOSSIER_ROOT, then the nearest ancestor with records/', () => {
    const a = tempStore({ 'records/people/.keep': '', 'sub/deeper/.keep': '' });
    const b = tempStore();
    expect(findRoot(path.join(a, 'sub/deeper'), undefined, {})).toBe(a);
    expect(findRoot(path.join(a, 'records/people'), undefined, {})).toBe(a);
    expect(findRoot(a, undefined, { DOSSIER_ROOT: b })).toBe(b);
    expect(findRoot(a, b, { DOSSIER_ROOT: a })).toBe(b);
    expect(findRoot(a, undefined, { DOSSIER_ROOT: '' })).toBe(a);
    expect(findRoot(b, path.relative(b, a), {})).toBe(a);
  });

  it('a root without records/ or a missing root is a usage error (exit 2)', () => {
    const noStore = path.join(tmpdir(), `dossier-no-such-${process.pid}`);
    expect(() => findRoot(tmpdir(), noStore, {})).toThrow(expect.objectContaining({ exitCode: 2 }));
    const empty = tempStore();
    expect(() => findRoot(empty, path.join(empty, 'records'), {})).toThrow(/has no records\/ folder/);
  });
});

describe('every diagnostic code in the catalog can be triggered', () => {
  it('a store with one problem of each kind reports every code', () => {
    const org = (...l: string[]) => `---\nname: X\nkind: network\n${l.map((x) => `${x}\n`).join('')}---\n`;
    const root = tempStore({
      // store/
      'records/notes/x.md': ORG,
      // file/
      'records/people/latin1.md': Buffer.concat([Buffer.from('---\nname: Milan Peki'), Buffer.from([0xe6]), Buffer.from('\n---\n')]),
      'records/people/huge.md': 'x',
      // frontmatter/
      'records/people/no-frontmatter.md': '# Milan\n',
      'records/people/cr-only.md': '---\rname: P\r---\r',
      'records/people/unterminated.md': '---\nname: P\n',
      'records/people/js.md': '---js\n{ name: "P" }\n---\n',
      'records/people/list.md': '---\n- a\n---\n',
      'records/people/deep.md': `---\nname: ${'['.repeat(100)}\n---\n`,
      'records/people/fat.md': `---\nname: P\nrole: "${'x'.repeat(1024 * 1024 + 1)}"\n---\n`,
      // yaml/
      'records/people/syntax.md': '---\nname: [P\n---\n',
      'records/people/dup.md': '---\nname: P\nname: Q\n---\n',
      'records/people/conflict.md': '---\n<<<<<<< HEAD\nname: P\n=======\nname: Q\n>>>>>>> x\n---\n',
      'records/people/alias.md': '---\nname: &n P\nrole: *n\n---\n',
      'records/people/tag.md': '---\nname: !!str P\n---\n',
      'records/people/key.md': '---\n? [a]\n: 1\n---\n',
      // schema/
      'records/people/required.md': '---\nrole: r\n---\n',
      'records/people/type.md': '---\nname: P\nsources: one\n---\n',
      'records/people/enum.md': '---\nname: P\nvisibility: secret\n---\n',
      'records/people/format.md': '---\nname: P\nemail: nope\n---\n',
      'records/people/small.md': '---\nname: P\nrole: "  "\n---\n',
      'records/people/unknown.md': '---\nname: P\nrolee: r\n---\n',
      // id/
      'records/people/Bad_Name.md': '---\nname: P\n---\n',
      'records/people/mismatch.md': '---\nname: P\nid: other\n---\n',
      'records/people/dup-id.md': '---\nname: P\n---\n',
      'records/organisations/dup-id.md': org(),
      // ref/ and rule/
      'records/organisations/a.md': org('parent: b'),
      'records/organisations/b.md': org('parent: a'),
      'records/organisations/self.md': org('member_of: [self]'),
      'records/organisations/c.md': org(),
      'records/people/ref-missing.md': '---\nname: P\norganisation: nope\n---\n',
      'records/people/ref-type.md': '---\nname: P\norganisation: ref-missing\n---\n',
      'records/meetings/m.md': '---\ntitle: T\ndate: 2099-01-01\nend_date: 2098-01-01\nparticipants: [a, b]\nparticipant_count: 1\n---\n',
      'records/agreements/g.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nparties: [a, c]\ndeclared_parties: 3\n---\n',
      'records/proposals/p.md': '---\ntitle: T\nstatus: adopted\nsubmitted_by: [c]\n---\n',
    });
    truncateSync(path.join(root, 'records/people/huge.md'), MAX_FILE_BYTES + 1);
    const store = loadStore(root, { today: TODAY });
    // file/unreadable cannot be produced by a scan as root; it comes from a file that vanishes after the scan.
    const gone = loadRecord({ type: 'person', id: 'gone', file: 'records/people/gone.md', absolute: path.join(root, 'records/people/gone.md') });
    const seen = new Set([...store.diagnostics, ...gone.diagnostics].map((d) => d.code));
    expect([...seen].sort()).toEqual(Object.keys(CODES).sort());
    // severities come from the catalog
    for (const d of store.diagnostics) expect(d.severity).toBe(CODES[d.code as keyof typeof CODES].severity);
    // every file path is relative with /
    for (const d of store.diagnostics) expect(d.file).toMatch(/^records\/[^\\]+$/);
  });
});
