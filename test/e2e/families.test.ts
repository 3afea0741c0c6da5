/** `dossier validate` end to end: one temp store per diagnostic family, in json and pretty form. */
import { describe, expect, it } from 'vitest';
import { run, runJson } from '../helpers/e2e.js';
import { type FileTree, tempStore } from '../helpers/store.js';

const ORGS: FileTree = {
  'records/organisations/office-for-combating-drugs.md':
    '---\nname: Office for Combating Drugs\nkind: government\ncountry: RS\ncity: Belgrade\n---\nThe Office of the Government of Serbia.\n',
  'records/organisations/dpnsee.md': '---\nname: Drug Policy Network South East Europe\nshort_name: DPNSEE\nkind: network\n---\n',
};

/** `file:line:col  severity  message  code` lines of pretty output. */
const headLines = (stdout: string) => stdout.split('\n').filter((l) => /^records\/.+?:\d+:\d+ {2}(error|warning) {2}/.test(l));

describe('one store per diagnostic family', () => {
  const families: [string, FileTree, number, string[]][] = [
    [
      'file/',
      { 'records/people/latin1.md': Buffer.concat([Buffer.from('---\nname: Milan Peki'), Buffer.from([0xe6]), Buffer.from('\n---\n')]) },
      1,
      ['file/encoding'],
    ],
    [
      'store/',
      { ...ORGS, 'records/notes/x.md': '---\n---\n', 'records/people/notes.txt': 'x', 'records/people/dir.md/x': '' },
      0,
      ['store/unexpected-entry', 'store/unexpected-entry', 'store/unexpected-entry'],
    ],
    [
      'frontmatter/',
      {
        'records/people/missing.md': '# Milan\n',
        'records/people/unterminated.md': '---\nname: P\n',
        'records/people/coffee.md': '---coffee\nname: "P"\n---\n',
        'records/people/list.md': '---\n- a\n---\n',
        'records/people/deep.md': `---\nname: ${'['.repeat(10_000)}\n---\n`,
      },
      1,
      ['frontmatter/missing', 'frontmatter/not-mapping', 'frontmatter/too-deep', 'frontmatter/unsafe', 'frontmatter/unterminated'],
    ],
    [
      'yaml/',
      {
        'records/people/syntax.md': '---\nname: [P\n---\n',
        'records/people/dup.md': '---\nname: P\nname: Q\n---\n',
        'records/people/conflict.md': '---\n<<<<<<< HEAD\nname: P\n=======\nname: Q\n>>>>>>> x\n---\n',
        'records/people/tag.md': '---\nname: !!str P\n---\n',
        'records/people/key.md': '---\n? [a]\n: 1\n---\n',
        'records/people/tab.md': '---\nname: P\nsources:\n\t- x\n---\n',
      },
      1,
      ['yaml/duplicate-key', 'yaml/key', 'yaml/merge-conflict', 'yaml/syntax', 'yaml/syntax', 'yaml/tag'],
    ],
    [
      'schema/',
      {
        ...ORGS,
        'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-30\nstatus: done\nparticipants: dpnsee\nparticipant: [dpnsee]\n---\n',
        'records/meetings/n.md': '---\ndate: 2019-02-25\n---\n',
        'records/agreements/g.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nparties: [dpnsee]\n---\n',
      },
      1,
      ['schema/enum', 'schema/format', 'schema/required', 'schema/too-small', 'schema/type', 'schema/unknown-field'],
    ],
    [
      'id/',
      {
        ...ORGS,
        'records/people/Milan Pekic.md': '---\nname: Milan\n---\n',
        'records/people/dpnsee.md': '---\nname: D\n---\n',
        'records/people/p.md': '---\nname: P\nid: q\n---\n',
      },
      1,
      ['id/duplicate', 'id/duplicate', 'id/invalid', 'id/mismatch'],
    ],
    [
      'ref/',
      {
        ...ORGS,
        'records/people/p.md': '---\nname: P\norganisation: office-for-combatting-drugs\n---\n',
        'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nattendees: [dpnsee]\n---\n',
      },
      1,
      ['ref/missing', 'ref/wrong-type'],
    ],
    [
      'rule/',
      {
        ...ORGS,
        'records/organisations/a.md': '---\nname: A\nkind: network\nparent: b\nmember_of: [a]\n---\n',
        'records/organisations/b.md': '---\nname: B\nkind: network\nparent: a\n---\n',
        'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nend_date: 2019-02-24\nparticipants: [dpnsee, a]\nparticipant_count: 1\n---\n',
        'records/meetings/future.md': '---\ntitle: T\ndate: 2099-01-01\n---\n',
        'records/agreements/g.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nvalid_until: 2018-01-01\nparties: [a, b]\n---\n',
        'records/agreements/h.md': '---\ntitle: T\nkind: grant\nsigned_on: 2019-01-01\nparties: [a, b]\ndeclared_parties: 12\n---\n',
        'records/proposals/p.md': '---\ntitle: T\nstatus: rejected\nsubmitted_by: [dpnsee]\nsubmitted_on: 2019-02-02\ndecided_on: 2019-02-01\n---\n',
        'records/proposals/q.md': '---\ntitle: T\nstatus: adopted\nsubmitted_by: [dpnsee]\n---\n',
      },
      1,
      [
        'rule/date-order',
        'rule/date-order',
        'rule/date-order',
        'rule/decided-on-missing',
        'rule/declared-parties',
        'rule/held-in-future',
        'rule/parent-cycle',
        'rule/parent-cycle',
        'rule/participant-count',
        'rule/self-reference',
        'rule/submitted-on-missing',
      ],
    ],
  ];

  it.each(families)('%s', (family, files, exitCode, expectedCodes) => {
    const root = tempStore(files);
    const { code, report, stderr } = runJson(['validate'], { cwd: root });
    expect(stderr).toBe('');
    expect(code).toBe(exitCode);
    expect(report.diagnostics.map((d) => d.code).sort()).toEqual(expectedCodes);
    expect(report.errors + report.warnings).toBe(expectedCodes.length);
    expect(report.ok).toBe(exitCode === 0);
    for (const d of report.diagnostics) {
      expect(d.code.startsWith(family)).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.file).toMatch(/^records\//);
    }

    // the same problems in pretty form, one head line each, then the summary
    const pretty = run(['validate'], { cwd: root });
    expect(pretty.code).toBe(exitCode);
    expect(pretty.stderr).toBe('');
    const heads = headLines(pretty.stdout);
    expect(heads).toHaveLength(expectedCodes.length);
    for (const d of report.diagnostics) {
      expect(heads).toContain(`${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.code}`);
    }
    expect(pretty.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ records?, \d+ errors?, \d+ warnings?$/);
  });
});

