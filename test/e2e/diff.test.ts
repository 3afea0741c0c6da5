/**
 * `dossier diff` end to end on a scripted history (commits through the CLI and by hand): golden Markdown and
 * JSON for each kind of change (test/golden/diff/), then BASE/HEAD defaults, validation, exit codes.
 * After a deliberate change of the output: `UPDATE_GOLDEN=1 npx vitest run test/e2e/diff.test.ts`, and review.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { git, gitStore, tempStore } from '../helpers/store.js';
import { dehash, PROPOSAL, REVIEW_FIXTURE, reviewHistory, STEPS, type Step } from './review-fixture.js';

const GOLDEN = path.join(REPO_ROOT, 'test/golden/diff');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

interface DiffJson {
  summary: Record<string, number>;
  records: { change: string; type: string; id: string; previous_id: string | null; references_updated: number | null; referenced_by: string[] | null; private: boolean; fields: { field: string; kind: string; [k: string]: unknown }[] }[];
  validation: { errors_introduced: number; errors_fixed: number; introduced: { code: string; file: string }[]; fixed: { code: string; file: string }[]; base: { errors: number }; head: { errors: number } };
}

let root: string;
const before = (step: Step) => STEPS[STEPS.indexOf(step) - 1]!;
const diffJson = (args: string[], cwd = root) => JSON.parse(run(['diff', ...args, '--format', 'json'], { cwd }).stdout) as DiffJson;

beforeAll(() => {
  root = reviewHistory();
  return () => rmSync(root, { recursive: true, force: true });
});

describe('golden diffs of each kind of change', () => {
  for (const step of ['add', 'change', 'remove', 'rename', 'body-only', 'private'] as const) {
    it(`${step}: markdown and json`, () => {
      const md = run(['diff', before(step), step, '--format', 'markdown'], { cwd: root });
      expect(md.code).toBe(0);
      expect(md.stderr).toBe('');
      golden(`${step}.md`, dehash(md.stdout));
      const json = run(['diff', before(step), step, '--format', 'json'], { cwd: root });
      expect(json.code).toBe(0);
      golden(`${step}.json`, dehash(json.stdout));
    });
  }
});

describe('what each diff says', () => {
  it('add: the new meeting with its values, references by name', () => {
    const d = diffJson(['start', 'add']);
    expect(d.summary).toEqual({ added: 1, renamed: 0, changed: 0, removed: 0 });
    const text = run(['diff', 'start', 'add'], { cwd: root }).stdout;
    expect(text).toContain('  added    Follow-up consultation  2019-04-10-follow-up-consultation\n');
    expect(text).toContain('             host: Office for Combating Drugs\n');
    expect(text).toContain('             participants: Drug Policy Network South East Europe\n');
    expect(text).toContain('             body: 1 line\n');
    expect(text).not.toContain('visibility'); // a default the file does not write is not shown
  });

  it('change: scalars old → new, a list as additions, an action item by its path', () => {
    const md = run(['diff', 'add', 'change', '--format', 'markdown'], { cwd: root }).stdout;
    expect(md).toContain('| `participants` | *added* Kokoro |');
    expect(md).toContain('| `participant_count` | 15 → 12 |');
    expect(md).toContain('| `actions.0.status` | open → done |');
    expect(md).toContain('| `outcomes` | *added* The proposal was appraised as clear and evidence based |');
  });

  it('remove: the record, and the references removed with it', () => {
    const d = diffJson(['change', 'remove']);
    expect(d.summary).toEqual({ added: 0, renamed: 0, changed: 2, removed: 1 });
    expect(d.records.find((r) => r.change === 'removed')?.id).toBe('prevent');
    const jane = d.records.find((r) => r.id === 'jane-doe')!;
    expect(jane.fields).toEqual([{ field: 'organisation', kind: 'value', before: { value: 'prevent', label: 'Prevent' }, after: null }]);
  });

  it('rename through the CLI: one rename with its references counted, not a removal, an addition and changes', () => {
    const d = diffJson(['remove', 'rename']);
    expect(d.summary).toEqual({ added: 0, renamed: 1, changed: 0, removed: 0 });
    expect(d.records[0]).toMatchObject({ change: 'renamed', id: 'drug-policy-network-see', previous_id: 'dpnsee', references_updated: 4, fields: [] });
    expect(d.records[0]!.referenced_by).toEqual(['2019-02-25-consultation', '2019-04-10-follow-up-consultation', 'decriminalisation', 'memorandum-2018']);
  });

  it('rename by hand (a plain move and an edited reference, with a new field) is one rename too', () => {
    const d = diffJson(['private', 'rename-by-hand']);
    expect(d.summary).toEqual({ added: 0, renamed: 1, changed: 0, removed: 0 });
    expect(d.records[0]).toMatchObject({ change: 'renamed', id: 'kokoro-nis', previous_id: 'kokoro', references_updated: 1 });
    expect(d.records[0]!.fields).toEqual([{ field: 'city', kind: 'value', before: null, after: { value: 'Niš', label: null } }]);
  });

  it('private: a private person\'s email and phone are "changed", never their values; a public person\'s are shown', () => {
    const r = run(['diff', 'body-only', 'private'], { cwd: root });
    expect(r.stdout).not.toMatch(/jane(\.doe)?@example\.org|123 4567|765 4321/);
    expect(r.stdout).toContain('             email: changed (private)\n             phone: changed (private)\n');
    expect(r.stdout).toContain('             role: Coordinator → Director\n');
    expect(r.stdout).toContain('             email: milan@example.gov.rs → pekic@example.gov.rs\n');
    for (const format of ['markdown', 'json']) {
      expect(run(['diff', 'body-only', 'private', '--format', format], { cwd: root }).stdout).not.toMatch(/jane(\.doe)?@example\.org|123 4567|765 4321/);
    }
  });

  it('a new private person\'s contact fields are not shown either', () => {
    const r = gitStore(REVIEW_FIXTURE);
    writeFileSync(path.join(r, 'records/people/new-person.md'), '---\nname: New Person\nemail: secret@example.org\nphone: "555"\n---\n');
    const out = run(['diff', 'HEAD'], { cwd: r }).stdout;
    expect(out).toContain('             email: set (private)\n             phone: set (private)\n');
    expect(out).not.toContain('secret@');
  });

  it('validation: errors introduced, then fixed, matched across commits', () => {
    const broken = diffJson(['rename-by-hand', 'broken']);
    expect(broken.validation.errors_introduced).toBe(2);
    expect(broken.validation.introduced.map((d) => d.code).sort()).toEqual(['ref/missing', 'schema/enum']);
    expect(broken.validation.fixed).toEqual([]);
    const fixed = diffJson(['broken', 'fixed']);
    expect(fixed.validation).toMatchObject({ errors_introduced: 0, errors_fixed: 2, base: { errors: 2 }, head: { errors: 0 } });
    const md = run(['diff', 'rename-by-hand', 'broken', '--format', 'markdown'], { cwd: root }).stdout;
    expect(md).toContain('**2 errors introduced, 0 fixed; HEAD has 2 errors');
    expect(md).toContain('| introduced error | records/proposals/decriminalisation.md:7 |');
  });

  it('a whole history at once: every kind of change, in one report', () => {
    const d = diffJson(['start', 'fixed']);
    expect(d.summary).toEqual({ added: 1, renamed: 2, changed: 3, removed: 1 });
  });
});

describe('BASE and HEAD', () => {
  it('defaults: on the default branch, HEAD against the working tree (uncommitted changes)', () => {
    const r = gitStore(REVIEW_FIXTURE);
    expect(run(['diff'], { cwd: r }).stdout).toMatch(/^dossier diff: HEAD \([0-9a-f]{7}\) → working tree\nno records changed\n/);
    writeFileSync(path.join(r, PROPOSAL), readFileSync(path.join(r, PROPOSAL), 'utf8').replace('status: submitted', 'status: under-review'));
    writeFileSync(path.join(r, 'records/organisations/duga.md'), '---\nname: Duga\nkind: civil-society\n---\n'); // untracked
    const d = diffJson([], r);
    expect(d.summary).toEqual({ added: 1, renamed: 0, changed: 1, removed: 0 });
  });

  it('defaults: on a branch, the merge-base with the default branch, so commits on main since do not show', () => {
    const r = gitStore(REVIEW_FIXTURE);
    git(r, 'switch', '-q', '-c', 'feature');
    run(['set', 'decriminalisation', 'status=under-review'], { cwd: r });
    git(r, 'switch', '-q', 'main');
    run(['set', 'kokoro', 'city=Niš'], { cwd: r });
    git(r, 'switch', '-q', 'feature');
    const out = run(['diff'], { cwd: r }).stdout;
    expect(out).toMatch(/^dossier diff: merge-base with main \([0-9a-f]{7}\) → working tree\n1 changed\n/);
    expect(out).toContain('status: submitted → under-review');
    expect(out).not.toContain('Niš');
    // In a GitHub pull request the base branch comes from GITHUB_BASE_REF (origin/<branch>).
    git(r, 'update-ref', 'refs/remotes/origin/main', 'main');
    expect(run(['diff'], { cwd: r, env: { GITHUB_BASE_REF: 'main' } }).stdout).toMatch(/^dossier diff: merge-base with origin\/main /);
  });

  it('a store in a folder of the repository, and a repository with no commits yet', () => {
    const r = tempStore();
    git(r, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(r, 'records/.keep'), '');
    mkdirSync(path.join(r, 'records/organisations'));
    writeFileSync(path.join(r, 'records/organisations/kokoro.md'), '---\nname: Kokoro\nkind: civil-society\n---\n');
    const d = diffJson([], r);
    expect(d.summary.added).toBe(1);
    expect(run(['diff'], { cwd: r }).stdout).toMatch(/^dossier diff: nothing \(no commits yet\) → working tree\n1 added\n/);

    const outer = gitStore({ 'README.md': 'x\n' });
    mkdirSync(path.join(outer, 'store/records/organisations'), { recursive: true });
    writeFileSync(path.join(outer, 'store/records/organisations/kokoro.md'), '---\nname: Kokoro\nkind: civil-society\n---\n');
    git(outer, 'add', '-A');
    git(outer, 'commit', '-q', '-m', 'store');
    writeFileSync(path.join(outer, 'store/records/organisations/kokoro.md'), '---\nname: Kokoro\nkind: civil-society\ncity: Niš\n---\n');
    const sub = diffJson(['HEAD'], path.join(outer, 'store'));
    expect(sub.records).toMatchObject([{ change: 'changed', id: 'kokoro', path: 'records/organisations/kokoro.md' }]);
    expect(diffJson(['HEAD~1', 'HEAD'], path.join(outer, 'store')).summary.added).toBe(1);
  });
});

describe('exit codes and errors', () => {
  it('exit 0 even when the change introduces errors; 1 with --fail-on-errors', () => {
    expect(run(['diff', 'rename-by-hand', 'broken'], { cwd: root }).code).toBe(0);
    expect(run(['diff', 'rename-by-hand', 'broken', '--fail-on-errors'], { cwd: root }).code).toBe(1);
    expect(run(['diff', 'broken', 'fixed', '--fail-on-errors'], { cwd: root }).code).toBe(0);
  });

  it('an unknown revision exits 1; a revision like an option, a bad format and no git exit 2', () => {
    const unknown = run(['diff', 'no-such-branch'], { cwd: root });
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^dossier: unknown revision "no-such-branch"\nhint: /);
    expect(run(['diff', '--', '--output=x'], { cwd: root }).code).toBe(2);
    expect(run(['diff', '--format', 'html'], { cwd: root }).code).toBe(2);
    const noGit = run(['diff'], { cwd: tempStore() });
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toMatch(/is not in a git work tree/);
  });

  it('never writes: the working tree and the index are as they were', () => {
    const status = git(root, 'status', '--porcelain', '--ignored');
    run(['diff', 'start'], { cwd: root });
    expect(git(root, 'status', '--porcelain', '--ignored')).toBe(status);
  });
});

describe('Markdown escaping of values', () => {
  it('a hostile title cannot inject Markdown, HTML, mentions or table cells', () => {
    const r = gitStore(REVIEW_FIXTURE);
    const title = 'Evil | <img src=x onerror=alert(1)> **bold** [link](http://x) `code` @someone #12 $x$ ~~gone~~\\';
    run(['set', 'decriminalisation', `title=${JSON.stringify(title)}`], { cwd: r });
    const md = run(['diff', 'HEAD~1', '--format', 'markdown'], { cwd: r }).stdout;
    const line = md.split('\n').find((l) => l.startsWith('| `title` |'))!;
    expect(line).toBe(
      '| `title` | Decriminalisation of drug use and possession for personal use → Evil \\| &lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\[link\\](http://x) \\`code\\` @\u2060someone #\u206012 \\$x\\$ \\~\\~gone\\~\\~\\\\ |',
    );
    expect(md).toContain(`**Changed** Evil \\| &lt;img`);
  });
});

