/**
 * `dossier diff` of two 10,000-record revisions takes seconds: each side is listed by one `git ls-tree` and read
 * by one `git cat-file --batch`, and a file that is the same on both sides is parsed once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { git } from '../helpers/store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('diff performance', () => {
  it('two revisions of 10,000 records: 100 changed, 20 renamed, in seconds', { timeout: 120_000 }, () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dossier-diff-10k-'));
    dirs.push(root);
    const generated = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench/generate.js'), root, '10000', '--seed', '7'], { encoding: 'utf8' });
    expect(generated.status, generated.stderr).toBe(0);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'ten thousand records');

    const meetings = readdirSync(path.join(root, 'records/meetings')).sort().slice(0, 100);
    for (const name of meetings) {
      const file = path.join(root, 'records/meetings', name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: /m, 'title: Revised '));
    }
    const orgs = readdirSync(path.join(root, 'records/organisations')).sort().slice(0, 20);
    for (const name of orgs) renameSync(path.join(root, 'records/organisations', name), path.join(root, 'records/organisations', name.replace(/\.md$/, '-renamed.md')));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'changes');

    const started = Date.now();
    const r = run(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: root, timeout: 60_000 });
    const ms = Date.now() - started;
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { summary: Record<string, number> };
    expect(d.summary).toEqual({ added: 0, renamed: 20, changed: 100, removed: 0 });
    expect(ms).toBeLessThan(15_000);
  });
});
