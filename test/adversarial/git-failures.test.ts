/**
 * Git failure modes, end to end: not a repository; git missing from PATH; an index.lock (named, never deleted);
 * a detached HEAD; unrelated staged and unstaged work (left exactly as it was); a pre-commit hook that rejects (the
 * hint's commands then finish the commit); no identity; and ids and values that look like git options, which a
 * logging `git` shim proves never reach an option position.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, GIT_ENV, gitStore, tempStore } from '../helpers/store.js';
import { bundledRecords } from '../e2e/write-helpers.js';
import { spawnDossier, STACK_LINE, type SpawnResult } from './harness.js';

const DPNSEE = 'records/organisations/dpnsee.md';
const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');
const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'dossier-git-'));
  scratch.push(d);
  return d;
}

function expectClean(r: SpawnResult, code: number): void {
  expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toContain('internal error');
  expect(r.code, `${r.args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(code);
}

/** A PATH with nothing on it, so no git (bin/dossier.js is run with node's absolute path). */
const pathWithoutGit = () => tempDir();

describe('git failure modes', () => {
  it('not a repository: the change is written, and dossier says nothing was committed', async () => {
    const root = tempStore(bundledRecords());
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root });
    expectClean(r, 0);
    expect(r.stdout).toBe(`updated ${DPNSEE}\nnothing was committed: ${root} is not in a git work tree\n`);
    expect(read(root, DPNSEE)).toMatch(/^city: Belgrade$/m);
  });

  it('git missing from PATH, in a repository: nothing is written, the message says why (exit 1); --no-commit writes', async () => {
    const root = gitStore(bundledRecords());
    const before = read(root, DPNSEE);
    const env = { PATH: pathWithoutGit() };
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root, env });
    expectClean(r, 1);
    expect(r.stderr).toBe(
      `dossier: git is not installed or not on PATH, and ${root} is in a git repository: nothing was written, so that the change is not left uncommitted\n` +
        'hint: fix git, or pass --no-commit to write the files without committing them\n',
    );
    expect(read(root, DPNSEE)).toBe(before);
    const written = await spawnDossier(['set', 'dpnsee', 'city=Belgrade', '--no-commit'], { cwd: root, env });
    expectClean(written, 0);
    expect(written.stdout).toBe(`updated ${DPNSEE}\nnot committed (--no-commit)\n`);
    // read commands need no git at all
    for (const args of [['validate'], ['list', 'organisations'], ['show', 'dpnsee'], ['export', 'ics'], ['export', 'json']]) {
      const q = await spawnDossier(args, { cwd: root, env });
      expect(q.stdout + q.stderr).not.toMatch(STACK_LINE);
      expect([0, 1], `${args.join(' ')}: ${q.stderr}`).toContain(q.code);
      expect(q.stderr).not.toContain('internal error');
    }
  });

  it('git missing from PATH, outside any repository: written, nothing committed (as without git)', async () => {
    const root = tempStore(bundledRecords());
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root, env: { PATH: pathWithoutGit() } });
    expectClean(r, 0);
    expect(r.stdout).toContain('nothing was committed');
  });

  it('an index.lock: named in the message, never deleted; set leaves the change written with the commands to finish it', async () => {
    const root = gitStore(bundledRecords());
    const lock = path.join(root, '.git/index.lock');
    const original = read(root, DPNSEE);
    writeFileSync(lock, 'held by another git');
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root });
    expectClean(r, 1);
    expect(r.stderr).toContain(`dossier: the change was written but not committed: another git process seems to be running (${lock} exists); if none is, delete that file\n`);
    expect(r.stderr).toContain(`hint: finish it with: git add -A -- ${DPNSEE} && git commit -m 'organisation: set city=Belgrade on dpnsee' -- ${DPNSEE}\n`);
    expect(readFileSync(lock, 'utf8')).toBe('held by another git');
    expect(read(root, DPNSEE)).toMatch(/^city: Belgrade$/m);
    // rename needs `git mv`, which the lock stops: nothing is kept, the lock still named and still there
    writeFileSync(path.join(root, DPNSEE), original); // git itself cannot put it back while the lock is there
    const renamed = await spawnDossier(['rename', 'dpnsee', 'drug-policy-network-see'], { cwd: root });
    expectClean(renamed, 1);
    expect(renamed.stderr).toContain('could not write the change, nothing was kept');
    expect(renamed.stderr).toContain('index.lock');
    expect(readFileSync(lock, 'utf8')).toBe('held by another git');
    expect(existsSync(path.join(root, DPNSEE))).toBe(true);
    expect(existsSync(path.join(root, 'records/organisations/drug-policy-network-see.md'))).toBe(false);
    expect(existsSync(path.join(root, '.dossier/change.json'))).toBe(false);
    rmSync(lock);
    expect(git(root, 'status', '--porcelain', '--', 'records')).toBe('');
  });

  it('a detached HEAD: the commit is made there, the branch is left alone, and dossier says so', async () => {
    const root = gitStore(bundledRecords());
    const main = git(root, 'rev-parse', 'main').trim();
    git(root, 'checkout', '-q', '--detach');
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root });
    expectClean(r, 0);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    expect(git(root, 'rev-parse', 'main').trim()).toBe(main);
    expect(git(root, 'rev-parse', 'HEAD~1').trim()).toBe(main);
    expect(r.stderr).toBe(`note: HEAD is detached, so commit ${head.slice(0, 7)} is on no branch; \`git switch -c NAME\` keeps it on a new one\n`);
  });

  it.each([
    ['new', ['new', 'organisation', '--set', 'name=Staged Work Test', '--set', 'kind=network']],
    ['set', ['set', 'dpnsee', 'city=Belgrade']],
    ['rename', ['rename', 'dpnsee', 'drug-policy-network-see']],
    ['rm --unlink', ['rm', 'kokoro', '--unlink']],
  ])('unrelated staged and unstaged work is left exactly as it was (%s)', async (_name, args) => {
    const root = gitStore(bundledRecords());
    // staged and unstaged changes to a record the command does not touch, a staged new file, an untracked one
    writeFileSync(path.join(root, 'records/organisations/duga.md'), `${read(root, 'records/organisations/duga.md')}Staged line.\n`);
    git(root, 'add', 'records/organisations/duga.md');
    writeFileSync(path.join(root, 'records/organisations/duga.md'), `${read(root, 'records/organisations/duga.md')}Unstaged line.\n`);
    writeFileSync(path.join(root, 'notes.txt'), 'staged notes\n');
    git(root, 'add', 'notes.txt');
    writeFileSync(path.join(root, 'untracked.txt'), 'untracked\n');
    const status = git(root, 'status', '--porcelain');
    const staged = git(root, 'diff', '--cached');
    const unstaged = git(root, 'diff');
    const r = await spawnDossier(args, { cwd: root });
    expectClean(r, 0);
    expect(git(root, 'status', '--porcelain')).toBe(status);
    expect(git(root, 'diff', '--cached')).toBe(staged);
    expect(git(root, 'diff')).toBe(unstaged);
    expect(git(root, 'show', '--format=', '--name-only', 'HEAD')).not.toMatch(/duga|notes|untracked/);
  });

  it('a pre-commit hook that rejects: files written, exit 1, and the hint\'s commands finish the commit (rename, several files)', async () => {
    const root = gitStore(bundledRecords());
    const hook = path.join(root, '.git/hooks/pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "commits are frozen today" >&2\nexit 1\n', { mode: 0o755 });
    const head = git(root, 'rev-parse', 'HEAD');
    const r = await spawnDossier(['rename', 'dpnsee', 'drug-policy-network-see'], { cwd: root });
    expectClean(r, 1);
    expect(r.stderr).toContain('dossier: the change was written but not committed: git commit failed: commits are frozen today (a hook may have rejected it)');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
    expect(existsSync(path.join(root, 'records/organisations/drug-policy-network-see.md'))).toBe(true);
    expect(existsSync(path.join(root, '.dossier/change.json'))).toBe(false);
    const hint = /^hint: finish it with: (.+)$/m.exec(r.stderr)![1]!;
    rmSync(hook);
    execFileSync('sh', ['-c', hint], { cwd: root, env: { ...process.env, ...GIT_ENV } });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('organisation: rename dpnsee -> drug-policy-network-see (3 references updated)\n');
    expect(git(root, 'status', '--porcelain', '--', 'records')).toBe('');
    expectClean(await spawnDossier(['validate'], { cwd: root }), 0);
  });

  it('no identity (HOME without a git config, no system config, no identity variables): written, explained, exit 1', async () => {
    const root = gitStore(bundledRecords());
    git(root, 'config', '--unset', 'user.name');
    git(root, 'config', '--unset', 'user.email');
    const home = tempDir();
    // git may guess an identity from the host name; this makes it ask, as on most machines
    writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tuseConfigOnly = true\n');
    const env = {
      HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: undefined, EMAIL: undefined,
      GIT_AUTHOR_NAME: undefined, GIT_AUTHOR_EMAIL: undefined, GIT_COMMITTER_NAME: undefined, GIT_COMMITTER_EMAIL: undefined,
    };
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root, env });
    expectClean(r, 1);
    expect(r.stderr).toContain('dossier: the change was written but not committed: git does not know who you are: set `git config user.name "Your Name"` and `git config user.email you@example.org`');
    expect(read(root, DPNSEE)).toMatch(/^city: Belgrade$/m);
  });
});

describe('ids and values that look like git options never reach an option position', () => {
  /** A `git` first on PATH that logs its arguments (\x1f after each, \x1e after each run) and runs the real git. */
  function gitShim(): { dir: string; log: string } {
    const dir = tempDir();
    const log = path.join(dir, 'git-calls.log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const shim = path.join(dir, 'git');
    writeFileSync(shim, `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a"; done >> '${log}'\nprintf '\\036' >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(shim, 0o755);
    return { dir, log };
  }

  it('set, new, rename, -m and -b with option-like text: every such argument follows `--` or is the value of -m', async () => {
    const root = gitStore(bundledRecords());
    const shim = gitShim();
    const env = { PATH: `${shim.dir}${path.delimiter}${process.env.PATH}` };
    const marker = path.join(tempDir(), 'PWNED');
    const sneaky = [`--upload-pack=touch ${marker}`, `--exec=touch ${marker}`, '-rf', '--help', '--orphan', '--amend', `-c core.hooksPath=${marker}`];
    const runs = [
      ['set', 'dpnsee', `city=${sneaky[0]}`],
      ['set', 'dpnsee', `city=${sneaky[1]}`, '-m', sneaky[5]!],
      ['new', 'organisation', '--set', `name=${sneaky[2]} ${sneaky[3]}`, '--set', 'kind=other', '--set', `city=${sneaky[6]}`],
      ['rename', 'dpnsee', '--', sneaky[4]!],
      ['set', 'dpnsee', 'city=x', '-b', sneaky[4]!],
      ['set', '--', sneaky[2]!, 'city=x'],
      ['rm', '--', sneaky[3]!],
    ];
    for (const args of runs) {
      const r = await spawnDossier(args, { cwd: root, env });
      expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
      expect([0, 1, 2]).toContain(r.code);
    }
    expect(existsSync(marker)).toBe(false);
    const calls = readFileSync(shim.log, 'utf8').split('\x1e').filter(Boolean).map((c) => c.split('\x1f').slice(0, -1));
    expect(calls.length).toBeGreaterThan(5);
    const suspicious = (a: string) => sneaky.some((s) => a.includes(s)) || /^-rf|^--help|^--orphan|^--amend/.test(a);
    for (const call of calls) {
      const dashdash = call.indexOf('--');
      call.forEach((arg, i) => {
        if (!suspicious(arg)) return;
        const safe = (dashdash !== -1 && i > dashdash) || call[i - 1] === '-m';
        expect(safe, `git ${JSON.stringify(call)}: ${JSON.stringify(arg)} in an option position`).toBe(true);
      });
    }
    // the values are plain text in the record and in the commit messages
    expect(read(root, DPNSEE)).toContain(`--exec=touch ${marker}`);
    expect(git(root, 'log', '--format=%s')).toContain(`organisation: set city=${sneaky[0]} on dpnsee`);
    expect(git(root, 'log', '-1', '--format=%s', '--', DPNSEE)).toBe('--amend\n');
  });
});
