import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_MESSAGE } from '../../src/commands/init.js';
import { finishHint, GitRepo, lastRecordsCommit } from '../../src/store/git.js';
import { git, GIT_ENV, gitStore, tempStore } from '../helpers/store.js';

const env = { ...process.env, ...GIT_ENV };

describe('GitRepo', () => {
  it('is undefined outside a work tree', async () => {
    expect(await GitRepo.open(tempStore(), env)).toBeUndefined();
  });

  it('commits only the given paths; other staged and unstaged work stays as it was', async () => {
    const root = gitStore({ 'records/a.md': 'a\n', 'records/b.md': 'b\n', 'records/c.md': 'c\n', 'notes.txt': 'n\n' });
    writeFileSync(path.join(root, 'records/b.md'), 'b staged\n');
    git(root, 'add', 'records/b.md');
    writeFileSync(path.join(root, 'records/b.md'), 'b staged\nand unstaged\n');
    writeFileSync(path.join(root, 'notes.txt'), 'n changed\n');
    writeFileSync(path.join(root, 'records/a.md'), 'a by dossier\n');
    writeFileSync(path.join(root, 'records/new.md'), 'new\n');
    const statusBefore = git(root, 'status', '--porcelain');
    const repo = (await GitRepo.open(root, env))!;
    const outcome = await repo.commit('test: change a', ['records/a.md', 'records/new.md']);
    expect(outcome.ok).toBe(true);
    expect(git(root, 'show', '--stat', '--format=%s', 'HEAD')).toContain('records/a.md   | 2 +-\n records/new.md | 1 +\n 2 files changed');
    expect(git(root, 'status', '--porcelain')).toBe(statusBefore.split('\n').filter((l) => !l.includes('records/a.md') && !l.includes('records/new.md')).join('\n'));
    expect(git(root, 'diff', '--cached', '--', 'records/b.md')).toContain('+b staged');
    expect(git(root, 'diff', '--', 'records/b.md')).toContain('+and unstaged');
  });

  it('reports a rejecting hook, an index.lock and a missing identity, and leaves the index alone', async () => {
    const root = gitStore({ 'records/a.md': 'a\n' });
    const repo = (await GitRepo.open(root, env))!;
    writeFileSync(path.join(root, 'records/a.md'), 'a2\n');
    writeFileSync(path.join(root, '.git/hooks/pre-commit'), '#!/bin/sh\necho "no commits today" >&2\nexit 1\n', { mode: 0o755 });
    const hook = await repo.commit('m', ['records/a.md']);
    expect(hook).toEqual({ ok: false, reason: 'git commit failed: no commits today (a hook may have rejected it)' });
    expect(git(root, 'diff', '--cached', '--name-only')).toBe('records/a.md\n'); // staged by the attempt, as the hint's `git add` would
    git(root, 'reset', '-q');

    writeFileSync(path.join(root, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    writeFileSync(path.join(root, '.git/index.lock'), '');
    const locked = await repo.commit('m', ['records/a.md']);
    expect(locked.ok).toBe(false);
    expect(locked.reason).toMatch(/another git process seems to be running \(.*index\.lock exists\)/);
    expect(existsSync(path.join(root, '.git/index.lock'))).toBe(true);
    rmSync(path.join(root, '.git/index.lock'));

    git(root, 'config', '--unset', 'user.name');
    git(root, 'config', '--unset', 'user.email');
    git(root, 'config', 'user.useConfigOnly', 'true');
    const anonymous = Object.fromEntries(Object.entries(env).filter(([k]) => !/^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL)$/.test(k) && k !== 'EMAIL'));
    const nobody = (await GitRepo.open(root, anonymous))!;
    const who = await nobody.commit('m', ['records/a.md']);
    expect(who).toEqual({ ok: false, reason: 'git does not know who you are: set `git config user.name "Your Name"` and `git config user.email you@example.org`' });
  });

  it('refuses to switch branch when changes would be carried along', async () => {
    const root = gitStore({ 'records/a.md': 'a\n' });
    const repo = (await GitRepo.open(root, env))!;
    expect(await repo.switchBranch('feature')).toBe('created');
    expect(await repo.switchBranch('feature')).toBe('already');
    writeFileSync(path.join(root, 'records/a.md'), 'dirty\n');
    await expect(repo.switchBranch('main')).rejects.toThrow(/would be carried along \(records\/a\.md\)/);
    await expect(repo.switchBranch('--orphan')).rejects.toThrow(/not a valid branch name/);
    await expect(repo.switchBranch('a..b')).rejects.toThrow(/not a valid branch name/);
  });
});

describe('lastRecordsCommit', () => {
  it('is the committer date of the newest commit under records/, whatever changed elsewhere since', () => {
    const root = gitStore({ 'records/a.md': 'a\n' });
    expect(lastRecordsCommit(root, env)).toEqual(new Date('2019-03-01T10:00:00Z'));
    writeFileSync(path.join(root, 'records/a.md'), 'a2\n');
    git(root, 'add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'later'], { cwd: root, env: { ...env, GIT_COMMITTER_DATE: '2020-05-06T07:08:09Z' } });
    writeFileSync(path.join(root, 'notes.txt'), 'n\n');
    git(root, 'add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'notes'], { cwd: root, env: { ...env, GIT_COMMITTER_DATE: '2021-01-01T00:00:00Z' } });
    expect(lastRecordsCommit(root, env)).toEqual(new Date('2020-05-06T07:08:09Z'));
  });

  it('is undefined outside a work tree, before the first commit, and when git cannot be found', () => {
    expect(lastRecordsCommit(tempStore({ 'records/a.md': 'a\n' }), env)).toBeUndefined();
    const unborn = tempStore({ 'records/a.md': 'a\n' });
    git(unborn, 'init', '-q', '-b', 'main');
    expect(lastRecordsCommit(unborn, env)).toBeUndefined();
    const root = gitStore({ 'records/a.md': 'a\n' });
    expect(lastRecordsCommit(root, { ...env, PATH: tempStore() })).toBeUndefined();
  });

  it('runs git with the environment it is given (undefined values left out)', () => {
    const root = gitStore({ 'records/a.md': 'a\n' });
    // The repository found through GIT_DIR rather than the folder: only the given environment can point there.
    const elsewhere = tempStore();
    expect(lastRecordsCommit(elsewhere, { ...env, GIT_DIR: path.join(root, '.git'), GIT_WORK_TREE: root, UNSET: undefined })).toEqual(new Date('2019-03-01T10:00:00Z'));
    expect(lastRecordsCommit(elsewhere, env)).toBeUndefined();
  });
});

describe('finishHint', () => {
  const sh = (root: string, command: string) => execFileSync('/bin/sh', ['-c', command], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const hintCommand = (hint: string) => hint.replace(/^finish it with: /, '');

  it('for init: adds only the files that exist, commits every path, and the commands work', () => {
    // `dossier init --force` in a store committed before: package.json rewritten, README.md gone from the work tree
    // and the index (as after `git rm`, or a hook that removed it) by the time the hint is run.
    const root = gitStore({ 'README.md': 'old readme\n', 'package.json': '{}\n' });
    writeFileSync(path.join(root, 'package.json'), '{ "private": true }\n');
    git(root, 'add', 'package.json');
    git(root, 'rm', '-q', 'README.md');
    const hint = finishHint(root, INIT_MESSAGE, ['README.md', 'package.json']);
    expect(hint).toBe("finish it with: git add -A -- package.json && git commit -m 'Start a dossier store' -- README.md package.json");
    // The flaw it fixes: adding every path fails on the one that is neither in the work tree nor in the index.
    expect(() => sh(root, 'git add -A -- README.md package.json')).toThrow(/pathspec 'README.md' did not match/);
    sh(root, hintCommand(hint));
    expect(git(root, 'log', '-1', '--format=%s')).toBe(`${INIT_MESSAGE}\n`);
    expect(git(root, 'show', '--name-status', '--format=', 'HEAD')).toBe('D\tREADME.md\nM\tpackage.json\n');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('adds nothing when no path exists, quotes for the shell and escapes control characters', () => {
    const root = tempStore({ 'records/a b.md': 'a\n' });
    expect(finishHint(root, 'gone', ['records/x.md'])).toBe('finish it with: git commit -m gone -- records/x.md');
    expect(finishHint(root, "it's \u001b[31mred", ['records/a b.md'])).toBe("finish it with: git add -A -- 'records/a b.md' && git commit -m 'it'\\''s \\u001b[31mred' -- 'records/a b.md'");
  });
});
