/**
 * `dossier init` end to end: a new store validates, takes records, and its workflow is a valid GitHub Actions
 * workflow (checked with GitHub's own parser, @actions/workflow-parser); init refuses to overwrite, --force
 * overwrites only its own files; this repository's workflow is the one init writes.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { displayPath } from '../../src/commands/init.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PAGES_WORKFLOW, RECORDS_WORKFLOW } from '../../src/core/init-templates.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { git, gitStore } from '../helpers/store.js';
import { workflowParser } from './workflow-parser.js';

function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-init-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const FILES = [
  'records/organisations/.gitkeep',
  'records/people/.gitkeep',
  'records/meetings/.gitkeep',
  'records/proposals/.gitkeep',
  'records/agreements/.gitkeep',
  'README.md',
  '.github/workflows/records.yml',
  '.github/workflows/pages.yml',
  '.github/pull_request_template.md',
  '.gitattributes',
  '.gitignore',
  'package.json',
];

async function checkWorkflow(content: string) {
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await workflowParser();
  const parsed = parseWorkflow({ name: 'records.yml', content }, new NoOperationTraceWriter());
  expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
  expect(template.errors ?? []).toEqual([]);
  return template;
}

describe('init', () => {
  it('makes a valid, empty store in a new folder: git init, one commit of exactly its files', () => {
    const dir = path.join(emptyDir(), 'new-store');
    const r = run(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`initialised a git repository in ${displayPath(REPO_ROOT, dir)}\n${FILES.map((f) => `created ${f}\n`).join('')}committed ${r.stdout.match(/committed ([0-9a-f]{7})/)![1]} Start a dossier store\n`);
    expect(r.stderr).toMatch(/^next: cd .*new-store && npm install/);
    expect(git(dir, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual(['Start a dossier store', '', ...[...FILES].sort()]);
    expect(git(dir, 'branch', '--show-current').trim()).toBe('main');
    expect(git(dir, 'status', '--porcelain')).toBe('');

    const validate = run(['validate', '--root', dir]);
    expect(validate).toMatchObject({ code: 0, stdout: '0 records, 0 errors, 0 warnings\n' });

    const created = run(['new', 'organisation', '--root', dir, '--set', 'name=Prevent', '--set', 'kind=civil-society', '--set', 'country=RS']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created records\/organisations\/prevent\.md\ncommitted [0-9a-f]{7} organisation: add prevent\n$/);
    expect(run(['validate', '--root', dir]).stdout).toBe('1 record, 0 errors, 0 warnings\n');

    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const own = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'new-store', private: true, dependencies: { [own.name]: own.version } });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.dossier/\nnode_modules/\n');
    expect(readFileSync(path.join(dir, '.gitattributes'), 'utf8')).toContain('* text=auto\n');
  });

  it('writes a workflow GitHub accepts: validate on push and pull_request, the diff into the job summary', async () => {
    const dir = emptyDir();
    expect(run(['init', dir]).code).toBe(0);
    const content = readFileSync(path.join(dir, '.github/workflows/records.yml'), 'utf8');
    const template = await checkWorkflow(content);
    expect(template.events).toHaveProperty('push');
    expect(template.events).toHaveProperty('pull_request');
    expect(content).toContain('fetch-depth: 0');
    expect(content).toContain('run: npx dossier validate --format github\n');
    expect(content).toContain('run: npx dossier diff "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"\n');
    expect(content).toContain("if: github.event_name == 'pull_request'\n");
  });

  it('writes a workflow that publishes the public site to GitHub Pages on pushes to main', async () => {
    const dir = emptyDir();
    expect(run(['init', dir]).code).toBe(0);
    const content = readFileSync(path.join(dir, '.github/workflows/pages.yml'), 'utf8');
    expect(content).toBe(PAGES_WORKFLOW);
    const template = await checkWorkflow(content);
    expect(template.events).toMatchObject({ push: { branches: ['main'] } });
    expect(template.events).toHaveProperty('workflow_dispatch');
    expect(template.events).not.toHaveProperty('pull_request');
    for (const action of ['actions/checkout@v4', 'actions/configure-pages@v5', 'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4']) expect(content).toContain(`uses: ${action}\n`);
    expect(content).toContain('run: npx dossier export site --out public --base-url "$BASE_URL/"');
    expect(content).toContain('BASE_URL: ${{ steps.pages.outputs.base_url }}\n');
    expect(content).toMatch(/permissions:\n {2}contents: read\n {2}pages: write\n {2}id-token: write\n/);
    expect(content).toContain('path: public\n');
    expect(content).toContain('name: github-pages\n');
    // The store's .gitignore keeps a locally built site out of commits.
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('\npublic/\n');
  });

  it('the parser does reject a broken workflow (so the check above means something)', async () => {
    const { NoOperationTraceWriter, parseWorkflow } = await workflowParser();
    const parsed = parseWorkflow({ name: 'x.yml', content: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n' }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('this repository\'s own records workflow is the one init writes', async () => {
    const ours = readFileSync(path.join(REPO_ROOT, '.github/workflows/records.yml'), 'utf8');
    expect(ours).toBe(RECORDS_WORKFLOW);
    await checkWorkflow(ours);
  });

  it('the pull-request template has a reviewer checklist; the README tells the secretariat how to add and review', () => {
    const dir = emptyDir();
    run(['init', dir]);
    const template = readFileSync(path.join(dir, '.github/pull_request_template.md'), 'utf8');
    expect(template.match(/^- \[ \] /gm)?.length).toBeGreaterThanOrEqual(5);
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const heading of ['## Adding and changing records', '## Review', '## History']) expect(readme).toContain(heading);
  });

  it('refuses to overwrite what exists, listing it; --force overwrites only its own files; identical files are fine', () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, 'README.md'), 'Our own README\n');
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(dir, '.github/workflows/records.yml'), 'name: ours\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not init\'s\n');
    const refused = run(['init', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'dossier: these files exist and differ from what init writes, so nothing was written:\n  README.md\n  .github/workflows/records.yml\n' +
        'hint: run `dossier init --force` to overwrite exactly these files (nothing else is touched), or choose an empty folder\n',
    );
    expect(existsSync(path.join(dir, 'records'))).toBe(false);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);

    const forced = run(['init', dir, '--force', '--format', 'json']);
    expect(forced.code).toBe(0);
    const doc = JSON.parse(forced.stdout);
    expect(doc).toMatchObject({ overwritten: ['README.md', '.github/workflows/records.yml'], unchanged: [], git_initialised: true, committed: true });
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('not init\'s\n');
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).not.toContain('notes.txt');

    const again = run(['init', dir]);
    expect(again).toMatchObject({ code: 0, stdout: `every file of a dossier store is already in ${displayPath(REPO_ROOT, dir)}; nothing to write\n` });
  });

  it('--dossier-spec sets the dependency; --no-commit writes without committing; a file in the way is refused even with --force', () => {
    const dir = emptyDir();
    expect(run(['init', dir, '--dossier-spec', 'github:our-network/dossier#v0.1.0', '--no-commit']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ dossier: 'github:our-network/dossier#v0.1.0' });
    expect(git(dir, 'status', '--porcelain')).toContain('?? ');

    const spec = emptyDir();
    expect(run(['init', spec, '--dossier-spec', 'dossier@^0.2.0', '--no-commit']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(spec, 'package.json'), 'utf8')).dependencies).toEqual({ dossier: '^0.2.0' });
    expect(run(['init', emptyDir(), '--dossier-spec', 'two words']).code).toBe(2);

    const blocked = emptyDir();
    writeFileSync(path.join(blocked, '.github'), 'a file\n');
    const r = run(['init', blocked, '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dossier: cannot write the store's files: \.github is in the way/);
  });

  it('in an existing repository: no git init, a commit of only its files, a note when not at the top', () => {
    const repo = gitStore({ 'other.txt': 'x\n' });
    writeFileSync(path.join(repo, 'other.txt'), 'changed, not committed\n');
    const sub = path.join(repo, 'store');
    const r = run(['init', sub]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('initialised a git repository');
    expect(r.stderr).toContain('note: the store is inside the repository at');
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([...FILES].map((f) => `store/${f}`).sort());
    expect(git(repo, 'status', '--porcelain')).toBe(' M other.txt\n');
  });

  it('a commit git refuses leaves the files and says how to finish (exit 1)', () => {
    const dir = emptyDir();
    git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(path.join(dir, '.git/hooks'), { recursive: true });
    writeFileSync(path.join(dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho "no" >&2\nexit 1\n');
    chmodSync(path.join(dir, '.git/hooks/pre-commit'), 0o755);
    const r = run(['init', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dossier: the files were written but not committed: git commit failed: no (a hook may have rejected it)\nhint: finish it with: git add -A -- ');
    expect(existsSync(path.join(dir, 'records/people/.gitkeep'))).toBe(true);
  });
});
