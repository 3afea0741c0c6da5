/**
 * `dossier hooks install|uninstall` end to end: real `git commit`s run the hook, which checks the staged records
 * (the index), not the working tree; an existing hook is kept and restored; core.hooksPath is honoured.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/e2e.js';
import { git, GIT_ENV, gitStore } from '../helpers/store.js';
import { REVIEW_FIXTURE } from './review-fixture.js';

const KOKORO = 'records/organisations/kokoro.md';
const GOOD = '---\nname: Kokoro\nkind: civil-society\ncountry: RS\n---\n';
const BROKEN = '---\nname: Kokoro\nkind: ngo\ncountry: RS\n---\n';

/** `git commit` as a person runs it: the exit code and what git and the hook printed. */
function commit(root: string, ...args: string[]): { code: number; stderr: string } {
  const r = spawnSync('git', ['commit', '-q', ...args], { cwd: root, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' }, encoding: 'utf8' });
  return { code: r.status ?? -1, stderr: r.stderr };
}

const write = (root: string, rel: string, text: string) => writeFileSync(path.join(root, rel), text);
const head = (root: string) => git(root, 'rev-parse', 'HEAD').trim();

describe('the pre-commit hook', () => {
  it('blocks a broken staged record while the working tree is fine', () => {
    const root = gitStore(REVIEW_FIXTURE);
    const installed = run(['hooks', 'install'], { cwd: root });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toBe('installed the dossier pre-commit hook in .git/hooks/pre-commit\n');
    write(root, KOKORO, BROKEN);
    git(root, 'add', KOKORO);
    write(root, KOKORO, GOOD); // the working tree is fixed, the index is not
    const before = head(root);
    const r = commit(root, '-m', 'broken staged');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('records/organisations/kokoro.md:3:7  error  `kind` must be one of');
    expect(r.stderr).toContain('  3 | kind: ngo\n'); // the staged line, not the working tree's
    expect(r.stderr).toContain('dossier: the commit was stopped: the staged records have 1 error (warnings do not stop it)\n');
    expect(head(root)).toBe(before);
    expect(run(['validate'], { cwd: root }).code).toBe(0); // the working tree is valid
  });

  it('lets a fixed staged record through while the working tree is broken', () => {
    const root = gitStore({ ...REVIEW_FIXTURE, [KOKORO]: BROKEN });
    run(['hooks', 'install'], { cwd: root });
    write(root, KOKORO, GOOD);
    git(root, 'add', KOKORO);
    write(root, KOKORO, BROKEN); // broken again in the working tree only
    const r = commit(root, '-m', 'fix kokoro');
    expect(r).toEqual({ code: 0, stderr: '' });
    expect(git(root, 'show', `HEAD:${KOKORO}`)).toBe(GOOD);
    expect(run(['validate'], { cwd: root }).code).toBe(1);
  });

  it('checks what `dossier set` commits (git commit --only), not the other broken files around it', () => {
    const root = gitStore(REVIEW_FIXTURE);
    run(['hooks', 'install'], { cwd: root });
    write(root, 'records/organisations/prevent.md', '---\nname: Prevent\nkind: nope\n---\n'); // unstaged, broken
    const set = run(['set', 'kokoro', 'city=Niš'], { cwd: root, env: { DOSSIER_NO_CACHE: '1' } });
    expect(set.code).toBe(0);
    expect(git(root, 'log', '-1', '--format=%s')).toBe('organisation: set city=Niš on kokoro\n');
  });

  it('does not stop a commit that leaves records/ as it is', () => {
    const root = gitStore({ ...REVIEW_FIXTURE, [KOKORO]: BROKEN });
    run(['hooks', 'install'], { cwd: root });
    write(root, 'notes.txt', 'minutes\n');
    git(root, 'add', 'notes.txt');
    expect(commit(root, '-m', 'notes').code).toBe(0);
  });

  it('keeps a hook that was there, runs both, and uninstall puts it back exactly', () => {
    const root = gitStore(REVIEW_FIXTURE);
    const file = path.join(root, '.git/hooks/pre-commit');
    const shown = '.git/hooks/pre-commit';
    const original = '#!/bin/sh\n# our own check\necho "own hook ran" >> "$(git rev-parse --git-dir)/own-hook.log"\nexit 0\n';
    writeFileSync(file, original);
    chmodSync(file, 0o750);
    expect(run(['hooks', 'install'], { cwd: root }).stdout).toBe(`added the dossier pre-commit hook to ${shown}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('#!/bin/sh\n# >>> dossier pre-commit hook >>>\n')).toBe(true);
    expect(text.endsWith('# <<< dossier pre-commit hook <<<\n# our own check\necho "own hook ran" >> "$(git rev-parse --git-dir)/own-hook.log"\nexit 0\n')).toBe(true);
    expect(run(['hooks', 'install'], { cwd: root }).stdout).toBe(`the dossier pre-commit hook is already in ${shown}\n`);

    write(root, KOKORO, BROKEN);
    git(root, 'add', KOKORO);
    expect(commit(root, '-m', 'x').code).not.toBe(0); // dossier's block runs first and stops it
    write(root, KOKORO, GOOD.replace('RS', 'RS\ncity: Niš'));
    git(root, 'add', KOKORO);
    expect(commit(root, '-m', 'x').code).toBe(0);
    expect(readFileSync(path.join(root, '.git/own-hook.log'), 'utf8')).toBe('own hook ran\n');

    expect(run(['hooks', 'uninstall'], { cwd: root }).stdout).toBe(`removed the dossier pre-commit hook from ${shown}; the rest of the hook is unchanged\n`);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(run(['hooks', 'uninstall'], { cwd: root }).stdout).toBe(`no dossier pre-commit hook in ${shown}; nothing to remove\n`);
  });

  it('uninstall removes a hook file it created; core.hooksPath is honoured', () => {
    const root = gitStore(REVIEW_FIXTURE);
    git(root, 'config', 'core.hooksPath', '.githooks');
    run(['hooks', 'install'], { cwd: root });
    const file = path.join(root, '.githooks/pre-commit');
    expect(existsSync(file)).toBe(true);
    expect(existsSync(path.join(root, '.git/hooks/pre-commit'))).toBe(false);
    write(root, KOKORO, BROKEN);
    git(root, 'add', KOKORO);
    expect(commit(root, '-m', 'x').code).not.toBe(0);
    expect(run(['hooks', 'uninstall'], { cwd: root }).stdout).toBe('removed .githooks/pre-commit\n');
    expect(existsSync(file)).toBe(false);
    expect(commit(root, '-m', 'x').code).toBe(0); // no hook any more
  });

  it('a store in a folder of the repository: the hook finds it from the top', () => {
    const root = gitStore({ 'README.md': 'x\n' });
    const store = path.join(root, 'store');
    mkdirSync(path.join(store, 'records/organisations'), { recursive: true });
    write(store, KOKORO, GOOD);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'store');
    expect(run(['hooks', 'install'], { cwd: store }).code).toBe(0);
    expect(readFileSync(path.join(root, '.git/hooks/pre-commit'), 'utf8')).toContain("hooks run-pre-commit --root 'store'");
    write(store, KOKORO, BROKEN);
    git(store, 'add', KOKORO);
    const r = commit(root, '-m', 'x');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('store/records/organisations/kokoro.md:3:7  error');
  });

  it('refuses to add to a hook that is not a shell script; needs git; `hooks` alone is a usage error', () => {
    const root = gitStore(REVIEW_FIXTURE);
    const file = path.join(root, '.git/hooks/pre-commit');
    writeFileSync(file, '#!/usr/bin/env python3\nprint("hi")\n', { mode: 0o755 });
    const r = run(['hooks', 'install'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dossier: the pre-commit hook there is not a shell script, so dossier will not add to it\nhint: make it run this command and stop the commit when it fails: '.*node' '.*bin\/dossier\.js' hooks run-pre-commit --root '\.'\n$/);
    expect(readFileSync(file, 'utf8')).toBe('#!/usr/bin/env python3\nprint("hi")\n');
    expect(run(['hooks'], { cwd: root }).code).toBe(2);
    const noGit = run(['hooks', 'install'], { cwd: path.join(root, 'records'), env: { GIT_DIR: '/nonexistent' } });
    expect(noGit.code).toBe(2);
  });
});
