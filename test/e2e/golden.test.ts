/**
 * `dossier validate --format json|github|pretty` on a fixture store with several problems, compared with
 * the golden files in test/golden/validate/. After a deliberate change of the output, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run test/e2e/golden.test.ts` and review the diff.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { type FileTree, gitStore } from '../helpers/store.js';

const GOLDEN = path.join(REPO_ROOT, 'test/golden/validate');

const FIXTURE: FileTree = {
  'records/organisations/office-for-combating-drugs.md': '---\nname: Office for Combating Drugs\nkind: government\ncountry: RS\n---\n',
  'records/organisations/dpnsee.md': '---\nname: Drug Policy Network South East Europe\nshort_name: DPNSEE\nkind: network\nwebsite: https://www.dpnsee.org\n---\n',
  'records/organisations/prevent.md': '---\nname: Prevent\nkind: ngo\ncountry: "50%"\ncity: Novi Sad\n---\n',
  'records/people/milan-pekic.md': '---\nname: Milan Pekić\norganisation: office-for-combating-drugs\nrole: Acting director\n---\n',
  'records/people/broken.md': '---\nname: Broken\nrole: Secretary\nname: Broken again\n---\n',
  'records/people/Jane Doe.md': '---\nname: Jane Doe\n---\n',
  'records/meetings/2019-02-25-consultation.md': [
    '---',
    'title: Consultation with civil society organisations',
    'date: 2019-02-25',
    'host: office-for-combatting-drugs',
    'participant: [dpnsee, prevent]',
    'actions:',
    '  - task: Present the proposals to the working group',
    '    owner: milan-pekic',
    '  - task: Propose full involvement of civil society',
    '    owner: ofice',
    '---',
    'Most of the meeting was dedicated to the Criminal Law.',
    '',
  ].join('\n'),
  'records/agreements/memorandum-2018.md':
    '---\ntitle: Memorandum of Understanding\nkind: memorandum-of-understanding\nsigned_on: 2018-01-10\nparties:\n  - office-for-combating-drugs\n  - dpnsee\ndeclared_parties: 12\n---\n',
  'records/proposals/decriminalisation.md':
    '---\ntitle: Proposal for decriminalisation\nstatus: submitted\nsubmitted_by: [dpnsee]\nsubmitted_to: [office-for-combating-drugs, milan-pekic]\n---\n',
  'records/notes, misc: 2019/readme.md': '# not a record\n',
};

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const deroot = (text: string, root: string) => text.split(realpathSync(root)).join('<root>').split(root).join('<root>');

describe('golden output of validate on a fixture store', () => {
  it('--format json', () => {
    const root = gitStore(FIXTURE);
    const r = run(['validate', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.root).toBe(root);
    golden('fixture.json', deroot(r.stdout, root));
  });

  it('--format github (and the GITHUB_ACTIONS=true default)', () => {
    const root = gitStore(FIXTURE);
    const r = run(['validate', '--format', 'github'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('9 records, 8 errors, 3 warnings\n');
    golden('fixture.github.txt', r.stdout);
    expect(run(['validate'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } }).stdout).toBe(r.stdout);
  });

  it('pretty (the default)', () => {
    const root = gitStore(FIXTURE);
    const r = run(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    golden('fixture.pretty.txt', r.stdout);
  });
});
