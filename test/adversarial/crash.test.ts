/**
 * Crash safety: `new`, `set`, `rename` and `rm --unlink` killed (SIGKILL) at every step of the write path — held
 * there by the DOSSIER_TEST_PAUSE_AT test hook (src/store/test-hooks.ts) — and at random moments without it; and
 * interrupted (SIGINT) while writing. After each:
 * - every record is its old version or its new one, byte for byte (never half-written);
 * - the next writing command cleans up (temp files, the dead writer's lock) and finishes the change from its journal,
 *   so that the store is then exactly the old store (killed before the change began) or exactly the new one, with
 *   the same commit a normal run makes, nothing left to commit, and `validate` as happy as after a normal run;
 * - Ctrl-C before the change began stops at once ("nothing was written", exit 130); once it began, the change is
 *   finished first and committed, then dossier stops (exit 130); a second Ctrl-C stops at once and the next run
 *   finishes the change.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { git, GIT_ENV, tempStore } from '../helpers/store.js';
import { bundledRecords } from '../e2e/write-helpers.js';
import { dossierEnv, spawnDossier } from './harness.js';

type Tree = Map<string, string>;

/**
 * The bundled records in a git repository, made once; each case works on a copy of it. (The cases run concurrently,
 * so nothing here is tied to the test that happens to be running: every folder is removed by its own case.)
 */
const TEMPLATE = (() => {
  const root = tempStore(bundledRecords(), { keep: true });
  for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.name', GIT_ENV.GIT_AUTHOR_NAME], ['config', 'user.email', GIT_ENV.GIT_AUTHOR_EMAIL], ['config', 'commit.gpgsign', 'false'], ['config', 'gc.auto', '0'], ['config', 'maintenance.auto', 'false'], ['add', '-A'], ['commit', '-q', '-m', 'initial records']]) {
    git(root, ...args);
  }
  return root;
})();
afterAll(() => rmSync(TEMPLATE, { recursive: true, force: true }));

function freshStore(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dossier-crash-store-'));
  cpSync(TEMPLATE, root, { recursive: true });
  return root;
}

/** Every file under records/ (temp files included), as base64 bytes. */
function recordsTree(root: string): Tree {
  const out: Tree = new Map();
  for (const e of readdirSync(path.join(root, 'records'), { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(root, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name)).toString('base64'));
  }
  return out;
}

const isTemp = (p: string) => /\/\.[^/]+\.\d+\.[0-9a-z]+\.tmp$/.test(p);

/** Paths whose bytes are neither the old nor the new version (temp files left out). */
function neitherOldNorNew(now: Tree, before: Tree, after: Tree): string[] {
  const paths = new Set([...now.keys(), ...before.keys(), ...after.keys()].filter((p) => !isTemp(p)));
  return [...paths].filter((p) => now.get(p) !== before.get(p) && now.get(p) !== after.get(p)).sort();
}

const same = (a: Tree, b: Tree) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const subject = (root: string) => git(root, 'log', '-1', '--format=%s').trim();
const headTree = (root: string) => git(root, 'ls-tree', '-r', 'HEAD', '--', 'records');

interface Scenario {
  name: string;
  args: string[];
  /** A change of several files (the between-files step exists). */
  multi: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'new', args: ['new', 'organisation', '--set', 'name=Crash Test Network', '--set', 'kind=network', '--set', 'country=RS'], multi: false },
  { name: 'set', args: ['set', 'dpnsee', 'city=Belgrade', 'website=https://www.dpnsee.org'], multi: false },
  { name: 'rename', args: ['rename', 'dpnsee', 'drug-policy-network-see'], multi: true },
  { name: 'rm --unlink', args: ['rm', 'prevent', '--unlink'], multi: true },
];
const STEPS = ['after-lock', 'after-journal', 'after-temp-write', 'between-files', 'before-commit', 'after-commit'] as const;
/** Where each command is killed: every step for rename (the longest change), the rest spread over the others. */
const KILL_AT: Record<string, readonly (typeof STEPS)[number][]> = {
  new: ['after-journal', 'after-temp-write', 'before-commit'],
  set: ['after-lock', 'after-temp-write', 'after-commit'],
  rename: STEPS,
  'rm --unlink': ['after-journal', 'between-files', 'before-commit'],
};
/** The next writing command: changes nothing itself, so what it finds and finishes is all there is to see. */
const NEXT = ['set', 'kokoro', 'kind=civil-society'];

interface Reference {
  before: Tree;
  after: Tree;
  subject: string;
  headTree: string;
}

const references = new Map<string, Promise<Reference>>();

/** What a normal run of the scenario does, from the same starting store. */
function reference(s: Scenario): Promise<Reference> {
  let r = references.get(s.name);
  if (!r) {
    r = (async () => {
      const root = freshStore();
      const before = recordsTree(root);
      const run = await spawnDossier(s.args, { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      const validate = await spawnDossier(['validate'], { cwd: root });
      expect(validate.code, validate.stdout).toBe(0);
      const ref = { before, after: recordsTree(root), subject: subject(root), headTree: headTree(root) };
      rmSync(root, { recursive: true, force: true });
      return ref;
    })();
    references.set(s.name, r);
  }
  return r;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-crash-'));
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start dossier paused at `step`; resolves once it is there (or has exited without getting there). */
async function startPaused(root: string, args: string[], steps: string, pauseDir: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: dossierEnv({ DOSSIER_TEST_PAUSE_AT: steps, DOSSIER_TEST_PAUSE_DIR: pauseDir }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  const marker = () => readdirSync(pauseDir).find((n) => n.endsWith('.paused'));
  while (!marker() && !done && Date.now() < deadline) await sleep(10);
  return {
    child,
    paused: Boolean(marker()),
    exited,
    output: () => ({ stdout, stderr }),
    go: () => writeFileSync(path.join(pauseDir, marker()!.replace(/\.paused$/, '.go')), ''),
  };
}

/** The checks after the next writing command: the store is wholly old or wholly new, clean, unlocked, valid. */
async function expectSettled(root: string, ref: Reference, label: string): Promise<'old' | 'new'> {
  const next = await spawnDossier(NEXT, { cwd: root });
  expect(next.code, `${label}: the next run failed: ${next.stderr}`).toBe(0);
  expect(next.stderr).not.toMatch(/internal error|\n\s+at /);
  const now = recordsTree(root);
  expect([...now.keys()].filter(isTemp), `${label}: temp files left after the next run`).toEqual([]);
  const state = same(now, ref.after) ? 'new' : same(now, ref.before) ? 'old' : undefined;
  expect(state, `${label}: the store is neither the old one nor the new one: ${neitherOldNorNew(now, ref.before, ref.after).join(', ') || 'files differ'}`).toBeDefined();
  expect(git(root, 'status', '--porcelain', '--untracked-files=all', '--', 'records'), `${label}: uncommitted changes`).toBe('');
  expect(git(root, 'fsck', '--no-dangling'), `${label}: git fsck`).toBe('');
  if (state === 'new') {
    expect(subject(root), label).toBe(ref.subject);
    expect(headTree(root), label).toBe(ref.headTree);
  } else expect(subject(root), label).toBe('initial records');
  expect(existsSync(path.join(root, '.dossier/lock')), `${label}: lock left`).toBe(false);
  expect(existsSync(path.join(root, '.dossier/change.json')), `${label}: journal left`).toBe(false);
  // byte for byte the old store or the new one, which a normal run leaves valid (checked once, in reference())
  return state!;
}

describe('crash safety: SIGKILL at every step of the write path', () => {
  const cases = SCENARIOS.flatMap((s) => KILL_AT[s.name]!.filter((step) => s.multi || step !== 'between-files').map((step) => [s.name, step] as const));
  it.concurrent.each(cases)('%s, killed at %s', async (name, step) => {
    const s = SCENARIOS.find((x) => x.name === name)!;
    const ref = await reference(s);
    const root = freshStore();
    const pauseDir = tempDir();
    try {
      const run = await startPaused(root, s.args, step, pauseDir);
      expect(run.paused, `never reached ${step}: ${run.output().stderr}`).toBe(true);
      run.child.kill('SIGKILL');
      await run.exited;
      const now = recordsTree(root);
      // never half-written: each file is its old or its new version
      expect(neitherOldNorNew(now, ref.before, ref.after)).toEqual([]);
      if (step === 'after-temp-write') expect([...now.keys()].filter(isTemp)).toHaveLength(1);
      const state = await expectSettled(root, ref, `${name} at ${step}`);
      // killed before its journal was written, the change never happened; after, the next run finished it
      expect(state).toBe(step === 'after-lock' ? 'old' : 'new');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(pauseDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('crash safety: SIGKILL at random moments', () => {
  // Fixed delays, so that a failure can be reproduced; where each one lands depends on the machine.
  const cases = SCENARIOS.map((s, i) => [s.name, 120 + i * 70] as const);
  it.concurrent.each(cases)('%s, killed after %i ms', async (name, ms) => {
    const s = SCENARIOS.find((x) => x.name === name)!;
    const ref = await reference(s);
    const root = freshStore();
    try {
      const child = spawn(process.execPath, [BIN, ...s.args], { cwd: root, env: dossierEnv(), stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('close', resolve));
      await sleep(ms);
      child.kill('SIGKILL');
      await exited;
      expect(neitherOldNorNew(recordsTree(root), ref.before, ref.after)).toEqual([]);
      await expectSettled(root, ref, `${name} killed after ${ms} ms`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('crash safety: Ctrl-C (SIGINT) while writing', () => {
  const cases: [string, (typeof STEPS)[number], 'old' | 'new'][] = [
    ['set', 'after-lock', 'old'],
    ['set', 'after-temp-write', 'new'],
    ['new', 'before-commit', 'new'],
    ['rename', 'between-files', 'new'],
    ['rm --unlink', 'after-journal', 'new'],
  ];
  it.concurrent.each(cases)('%s, interrupted at %s: %s store, a clear message, exit 130', async (name, step, expected) => {
    const s = SCENARIOS.find((x) => x.name === name)!;
    const ref = await reference(s);
    const root = freshStore();
    const pauseDir = tempDir();
    try {
      const run = await startPaused(root, s.args, step, pauseDir);
      expect(run.paused, run.output().stderr).toBe(true);
      run.child.kill('SIGINT');
      await sleep(50);
      run.go();
      const { code } = await run.exited;
      const { stderr } = run.output();
      expect(code, stderr).toBe(130);
      expect(stderr).not.toMatch(/internal error|\n\s+at /);
      if (expected === 'old') {
        expect(stderr).toBe('dossier: interrupted; nothing was written\n');
      } else {
        expect(stderr).toContain('dossier: interrupted; finishing the change first, so that nothing is left half-written');
        expect(stderr).toContain('dossier: stopped after finishing the change (written and committed), as asked');
        // finished and committed by the interrupted run itself
        expect(same(recordsTree(root), ref.after)).toBe(true);
        expect(subject(root)).toBe(ref.subject);
      }
      expect(await expectSettled(root, ref, `${name} interrupted at ${step}`)).toBe(expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(pauseDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a second Ctrl-C stops at once; the next writing command finishes the change and commits it', async () => {
    const s = SCENARIOS.find((x) => x.name === 'rename')!;
    const ref = await reference(s);
    const root = freshStore();
    const pauseDir = tempDir();
    try {
      const run = await startPaused(root, s.args, 'between-files', pauseDir);
      expect(run.paused).toBe(true);
      run.child.kill('SIGINT');
      await sleep(50);
      run.child.kill('SIGINT');
      await sleep(50);
      run.go();
      const { code } = await run.exited;
      expect(code).toBe(130);
      expect(run.output().stderr).toContain('interrupted again; stopping now');
      expect(existsSync(path.join(root, '.dossier/change.json'))).toBe(true);
      // read commands say why the store may look half-changed, and leave it to the next writer
      const validate = await spawnDossier(['validate'], { cwd: root });
      expect(validate.stderr).toBe('note: a change was interrupted before it was finished (.dossier/change.json); the next dossier command that writes will finish it\n');
      expect(existsSync(path.join(root, '.dossier/change.json'))).toBe(true);
      const next = await spawnDossier(NEXT, { cwd: root });
      expect(next.stderr).toContain(`dossier: finishing a change that process ${run.child.pid} left half-done (\`dossier rename dpnsee\`)`);
      expect(next.stderr).toContain(`committed`);
      expect(await expectSettled(root, ref, 'double Ctrl-C')).toBe('new');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(pauseDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the journal of a dead writer is not trusted blindly', () => {
  it('a file changed since the crash stops the next run with a clear message; nothing is overwritten', async () => {
    const s = SCENARIOS.find((x) => x.name === 'rename')!;
    const root = freshStore();
    const pauseDir = tempDir();
    try {
      const run = await startPaused(root, s.args, 'between-files', pauseDir);
      run.child.kill('SIGKILL');
      await run.exited;
      const journal = JSON.parse(readFileSync(path.join(root, '.dossier/change.json'), 'utf8')) as { changes: { kind: string; file: string }[] };
      const touched = journal.changes.find((c) => c.kind === 'modify')!.file;
      writeFileSync(path.join(root, touched), `${readFileSync(path.join(root, touched), 'utf8')}\nEdited by hand after the crash.\n`);
      const edited = readFileSync(path.join(root, touched));
      const next = await spawnDossier(NEXT, { cwd: root });
      expect(next.code).toBe(1);
      expect(next.stderr).toContain(`cannot be finished: ${touched} changed since`);
      expect(next.stderr).toContain('hint: finish it by hand or discard it; to discard it instead, delete');
      expect(readFileSync(path.join(root, touched)).equals(edited)).toBe(true);
      expect(existsSync(path.join(root, '.dossier/lock'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(pauseDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a journal naming a path outside records/ is refused before anything is written', async () => {
    const root = freshStore();
    const outside = tempDir();
    try {
      const target = path.join(outside, 'owned.md');
      const journal = {
        version: 1, pid: 999_999, host: 'elsewhere', since: '2019-01-01T00:00:00Z', command: 'set x',
        changes: [{ kind: 'create', file: `records/../../../../../../..${target}`, after: 'x', bytes: Buffer.from('pwned').toString('base64') }],
      };
      mkdirSync(path.join(root, '.dossier'), { recursive: true });
      writeFileSync(path.join(root, '.dossier/.gitignore'), '*\n');
      writeFileSync(path.join(root, '.dossier/change.json'), JSON.stringify(journal));
      const next = await spawnDossier(NEXT, { cwd: root });
      expect(next.code).toBe(1);
      expect(existsSync(target)).toBe(false);
      expect(next.stderr).toContain('not a record path');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
