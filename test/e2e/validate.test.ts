/** `dossier validate` end to end: the built CLI spawned on temp stores, exit code, stdout and stderr. */
import { readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/core/record-file.js';
import { run, runJson, snapshotTree } from '../helpers/e2e.js';
import { type FileTree, git, gitStore, tempStore } from '../helpers/store.js';

const SECRET = 'TOP-SECRET-never-print-91c2';

const ORGS: FileTree = {
  'records/organisations/office-for-combating-drugs.md':
    '---\nname: Office for Combating Drugs\nkind: government\ncountry: RS\ncity: Belgrade\n---\nThe Office of the Government of Serbia.\n',
  'records/organisations/dpnsee.md': '---\nname: Drug Policy Network South East Europe\nshort_name: DPNSEE\nkind: network\n---\n',
};

const VALID_STORE: FileTree = {
  ...ORGS,
  'records/people/milan-pekic.md': '---\nname: Milan Pekić\norganisation: office-for-combating-drugs\nrole: Acting director\nvisibility: public\n---\n',
  'records/meetings/2019-02-25-consultation.md':
    '---\ntitle: Consultation with civil society organisations\ndate: 2019-02-25\nhost: office-for-combating-drugs\nparticipants: [dpnsee]\nparticipant_count: 15\nactions:\n  - task: Present proposals\n    owner: office-for-combating-drugs\n---\nBody.\n',
  'records/proposals/decriminalisation.md':
    '---\ntitle: Decriminalisation\nstatus: draft\nsubmitted_by: [dpnsee]\nsubmitted_to: [office-for-combating-drugs]\n---\n',
  'records/agreements/memorandum-2018.md':
    '---\ntitle: Memorandum\nkind: memorandum-of-understanding\nsigned_on: 2018-01-10\nparties: [office-for-combating-drugs, dpnsee]\n---\n',
};

/** `file:line:col  severity  message  code` lines of pretty output. */
const headLines = (stdout: string) => stdout.split('\n').filter((l) => /^records\/.+?:\d+:\d+ {2}(error|warning) {2}/.test(l));

describe('a valid store', () => {
  it('exits 0 with only the summary line, nothing on stderr (git store)', () => {
    const root = gitStore(VALID_STORE);
    const r = run(['validate'], { cwd: root });
    expect(r).toEqual({ code: 0, stdout: '6 records, 0 errors, 0 warnings\n', stderr: '' });
  });

  it('finds the store from a subfolder, from --root and from DOSSIER_ROOT', () => {
    const root = tempStore(VALID_STORE);
    expect(run(['validate'], { cwd: path.join(root, 'records/people') }).stdout).toBe('6 records, 0 errors, 0 warnings\n');
    const elsewhere = tempStore();
    expect(run(['validate', '--root', root], { cwd: elsewhere }).stdout).toBe('6 records, 0 errors, 0 warnings\n');
    expect(run(['validate'], { cwd: elsewhere, env: { DOSSIER_ROOT: root } }).stdout).toBe('6 records, 0 errors, 0 warnings\n');
  });

  it('--strict on a clean store still exits 0; json says ok', () => {
    const root = tempStore(VALID_STORE);
    expect(run(['validate', '--strict'], { cwd: root }).code).toBe(0);
    const { code, report } = runJson(['validate'], { cwd: root });
    expect(code).toBe(0);
    expect(report).toEqual({ ok: true, root, records: 6, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('writes nothing with --no-cache: the tree (and .git) is byte-identical after validate in every format', () => {
    const root = gitStore({ ...VALID_STORE, 'records/people/bad.md': '---\nname: P\nrolee: x\n---\n', 'records/notes.txt': 'x' });
    const before = snapshotTree(root);
    run(['validate', '--no-cache'], { cwd: root });
    run(['--no-cache', 'validate', '--format', 'json'], { cwd: root });
    run(['validate', '--format', 'github', '--strict'], { cwd: root, env: { DOSSIER_NO_CACHE: '1' } });
    run(['validate', 'records/people', '--no-cache'], { cwd: root });
    expect(snapshotTree(root)).toEqual(before);
    expect(git(root, 'status', '--porcelain', '--ignored')).toBe('');
  });

  it('writes only its self-ignoring cache in .dossier/ otherwise', () => {
    const root = gitStore({ ...VALID_STORE, 'records/people/bad.md': '---\nname: P\nrolee: x\n---\n' });
    const before = snapshotTree(root, true);
    const first = run(['validate', '--format', 'json'], { cwd: root });
    const second = run(['validate', '--format', 'json'], { cwd: root });
    expect(second).toEqual(first);
    expect(snapshotTree(root, true)).toEqual(before);
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(git(root, 'status', '--porcelain', '--ignored')).toBe('!! .dossier/\n');
  });
});

describe('what the pretty format shows', () => {
  it('two broken files are reported together, each with file:line:col, excerpt, caret and hint', () => {
    const root = tempStore({
      ...ORGS,
      'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nparticipant: [dpnsee]\n---\n',
      'records/people/p.md': '---\nname: P\norganisation: office-for-combatting-drugs\n---\n',
    });
    const r = run(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'records/meetings/m.md:4:1  error  `participant` is not a field of a meeting  schema/unknown-field',
        '  4 | participant: [dpnsee]',
        '    | ^^^^^^^^^^^',
        '  hint: did you mean `participants`?',
        '',
        'records/people/p.md:3:15  error  `organisation` refers to `office-for-combatting-drugs`, but there is no such record  ref/missing',
        '  3 | organisation: office-for-combatting-drugs',
        '    |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  hint: did you mean `office-for-combating-drugs`?',
        '',
        '4 records, 2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('warnings alone exit 0; --strict makes them exit 1', () => {
    const root = tempStore({
      ...ORGS,
      'records/meetings/future.md': '---\ntitle: Next consultation\ndate: 2099-01-01\n---\n',
    });
    const r = run(['validate'], { cwd: root });
    expect(r.code).toBe(0);
    expect(headLines(r.stdout)).toEqual([expect.stringMatching(/^records\/meetings\/future\.md:3:7 {2}warning {2}the meeting is `held` but its date 2099-01-01 is after today \(\d{4}-\d{2}-\d{2}\) {2}rule\/held-in-future$/)]);
    expect(r.stdout).toContain('  hint: set `status: planned` for meetings that have not happened yet');
    expect(r.stdout.endsWith('3 records, 0 errors, 1 warning\n')).toBe(true);
    const strict = run(['validate', '--strict'], { cwd: root });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe(r.stdout);
  });

  it('CRLF and BOM files are valid, and their diagnostics have the right lines', () => {
    const valid = tempStore({
      ...ORGS,
      'records/people/crlf.md': '---\r\nname: Milan Pekić\r\norganisation: office-for-combating-drugs\r\nrole: Acting director\r\n---\r\nBody line.\r\n',
      'records/people/bom.md': '\ufeff---\nname: Bom Person\nrole: Secretary\n---\nBody.\n',
      'records/people/both.md': '\ufeff---\r\nname: Both\r\nrole: Member\r\n---\r\n',
    });
    expect(run(['validate'], { cwd: valid })).toEqual({ code: 0, stdout: '5 records, 0 errors, 0 warnings\n', stderr: '' });

    const broken = tempStore({
      ...ORGS,
      'records/people/crlf.md': '---\r\nname: P\r\nrolee: x\r\norganisation: dpnsee\r\nrole: Acting director\r\n---\r\n',
      'records/people/bom.md': '\ufeff---\nname: Q\nemail: nope\nrole: Secretary\n---\n',
    });
    const r = run(['validate'], { cwd: broken });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      ['records/people/bom.md:3:8  error  `email` must be an email address; found "nope"  schema/format', '  3 | email: nope', '    |        ^^^^'].join('\n'),
    );
    expect(r.stdout).toContain(
      ['records/people/crlf.md:3:1  error  `rolee` is not a field of a person  schema/unknown-field', '  3 | rolee: x', '    | ^^^^^'].join('\n'),
    );
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).not.toContain('\ufeff');
  });

  it('a 5 MiB body is a valid record', () => {
    const body = 'The Office held a meeting with civil society organisations.\n'.repeat(Math.ceil((5 * 1024 * 1024) / 60));
    const root = tempStore({ ...ORGS, 'records/people/long.md': `---\nname: Long Body\n---\n${body}` });
    expect(readFileSync(path.join(root, 'records/people/long.md')).length).toBeGreaterThan(5 * 1024 * 1024);
    expect(run(['validate'], { cwd: root })).toEqual({ code: 0, stdout: '3 records, 0 errors, 0 warnings\n', stderr: '' });
  });

  it('a file over 10 MiB is file/too-large and is not printed', () => {
    const root = tempStore({ 'records/people/huge.md': `---\nname: ${SECRET}\n---\n` });
    truncateSync(path.join(root, 'records/people/huge.md'), MAX_FILE_BYTES + 5);
    const r = run(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `records/people/huge.md:1:1  error  the file is ${MAX_FILE_BYTES + 5} bytes; a record may be at most ${MAX_FILE_BYTES} bytes  file/too-large\n` +
        '  hint: move large material (reports, scans) out of the store and link to it in `documents`\n\n1 record, 1 error, 0 warnings\n',
    );
  });
});

describe('output formats and options', () => {
  const PROBLEMS: FileTree = {
    ...ORGS,
    'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nparticipant: [dpnsee]\n---\n',
    'records/agreements/g.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nparties: [dpnsee, office-for-combating-drugs]\ndeclared_parties: 12\n---\n',
  };

  it('GITHUB_ACTIONS=true defaults to the github format; the summary goes to stderr', () => {
    const root = tempStore(PROBLEMS);
    const gh = run(['validate'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    const explicit = run(['validate', '--format', 'github'], { cwd: root });
    expect(gh).toEqual(explicit);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toBe(
      '::warning file=records/agreements/g.md,line=6,col=19,endLine=6,endColumn=21,title=rule/declared-parties::the source declares 12 parties, 2 are listed (add the missing parties when the source names them; otherwise this warning records that it does not)\n' +
        '::error file=records/meetings/m.md,line=4,col=1,endLine=4,endColumn=12,title=schema/unknown-field::`participant` is not a field of a meeting (did you mean `participants`?)\n',
    );
    expect(gh.stderr).toBe('4 records, 1 errors, 1 warnings\n');
    // an explicit --format wins over GITHUB_ACTIONS
    expect(headLines(run(['validate', '--format', 'pretty'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } }).stdout)).toHaveLength(2);
    expect(JSON.parse(run(['validate', '--format', 'json'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } }).stdout).errors).toBe(1);
  });

  it('json goes to stdout only, is sorted, and counts records, errors and warnings', () => {
    const root = tempStore(PROBLEMS);
    const { code, report, stderr } = runJson(['validate'], { cwd: root });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: false, root, records: 4, errors: 1, warnings: 1 });
    expect(report.diagnostics.map((d) => d.file)).toEqual(['records/agreements/g.md', 'records/meetings/m.md']);
  });

  it('PATHS limit the reported files, but store rules still see the whole store', () => {
    const root = tempStore({
      ...ORGS,
      'records/organisations/broken.md': '---\nname: Broken\nkind: ngo\n---\n',
      'records/people/p.md': '---\nname: P\norganisation: broken\n---\n',
      'records/people/q.md': '---\nname: Q\norganisation: office-for-combating-drugs\n---\n',
      'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nhost: nope\n---\n',
      'records/proposals/dpnsee.md': '---\ntitle: T\nstatus: draft\nsubmitted_by: [dpnsee]\n---\n',
    });
    // p refers to an organisation in an unreported file: not "missing"; the broken organisation is not reported
    const people = runJson(['validate', 'records/people'], { cwd: root });
    expect(people.code).toBe(0);
    expect(people.report).toMatchObject({ records: 2, errors: 0, warnings: 0, diagnostics: [] });
    // a single file, given relative to a subfolder
    const one = runJson(['validate', 'p.md'], { cwd: path.join(root, 'records/people') });
    expect(one.report).toMatchObject({ records: 1, errors: 0, diagnostics: [] });
    // the reported file's own problems are reported
    const meeting = runJson(['validate', 'records/meetings/m.md'], { cwd: root });
    expect(meeting.code).toBe(1);
    expect(meeting.report.diagnostics.map((d) => [d.file, d.code])).toEqual([['records/meetings/m.md', 'ref/missing']]);
    // a duplicate id is seen even when only one of the two files is reported
    const dup = runJson(['validate', 'records/proposals'], { cwd: root });
    expect(dup.report.diagnostics.map((d) => [d.file, d.code, d.message])).toEqual([
      ['records/proposals/dpnsee.md', 'id/duplicate', 'the id `dpnsee` is also used by records/organisations/dpnsee.md'],
    ]);
    // several paths, pretty: only those files, the summary counts only them
    const two = run(['validate', 'records/organisations/broken.md', 'records/meetings'], { cwd: root });
    expect(two.code).toBe(1);
    expect(headLines(two.stdout).map((l) => l.split(':')[0])).toEqual(['records/meetings/m.md', 'records/organisations/broken.md']);
    expect(two.stdout.endsWith('2 records, 2 errors, 0 warnings\n')).toBe(true);
  });
});

describe('usage errors exit 2 with a message and no stack trace', () => {
  it('an unknown format', () => {
    const root = tempStore(VALID_STORE);
    const r = run(['validate', '--format', 'xml'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dossier: .*xml.*\n/);
    expect(r.stderr).toContain('pretty, json, github');
  });

  it('an unknown command, with a suggestion', () => {
    const r = run(['validat'], { cwd: tempStore(VALID_STORE) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dossier: unknown command 'validat'/);
    expect(r.stderr).toContain('validate');
  });

  it('an unknown option', () => {
    const r = run(['validate', '--frobnicate'], { cwd: tempStore(VALID_STORE) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dossier: unknown option '--frobnicate'/);
  });

  it('a --root without records/', () => {
    const empty = tempStore();
    const dir = path.join(empty, 'records'); // exists, but has no records/ inside
    const r = run(['validate', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`dossier: cannot read the store: ${dir} has no records/ folder\nhint: create one with \`dossier init\`, or pass the right folder with --root\n`);
  });

  it('a --root that does not exist, and a DOSSIER_ROOT without records/', () => {
    const empty = tempStore();
    const missing = path.join(empty, 'nope');
    const a = run(['validate', '--root', missing]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(`${missing} is not a folder`);
    const b = run(['validate'], { cwd: empty, env: { DOSSIER_ROOT: path.join(empty, 'records') } });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('has no records/ folder');
  });

  it('a PATH outside the store', () => {
    const root = tempStore(VALID_STORE);
    const r = run(['validate', '..'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is outside the store');
  });
});
