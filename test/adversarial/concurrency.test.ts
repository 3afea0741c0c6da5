/**
 * Concurrency: three to eight dossier processes writing at once — different records, the same record, a mix of
 * commands — with readers running beside them. Every change lands whole (its own commit, its own file) or fails
 * with a clear message and changes nothing; nothing is corrupt; `git fsck` is clean; the store validates; no lock,
 * journal or temp file is left; and the cache the readers wrote at the same time still tells the truth.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitStore } from '../helpers/store.js';
import { bundledRecords } from '../e2e/write-helpers.js';
import { spawnDossier, STACK_LINE, type SpawnResult } from './harness.js';

const ORGS = ['duga', 'izlazak', 'jazas-pozarevac', 'kokoro', 'nova-plus', 'prevent', 're-generation', 'zemlja-zivih'];
const LOCKED = /^dossier: the store is locked by dossier process \d+ \((set|new|rename|rm) [^)]*\), since .+; gave up after \d+ s\nhint: try again when it has finished; if no dossier is running, delete .+\.dossier\/lock\n$/;

/** No half-made state: lock, journal, temp files; git's object store sound; every record file parses. */
async function expectSound(root: string): Promise<void> {
  expect(readdirSync(path.join(root, '.dossier')).filter((n) => n === 'lock' || n === 'change.json' || n.endsWith('.tmp'))).toEqual([]);
  for (const folder of readdirSync(path.join(root, 'records'))) {
    expect(readdirSync(path.join(root, 'records', folder)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }
  expect(git(root, 'fsck', '--no-dangling', '--strict')).toBe('');
  expect(git(root, 'status', '--porcelain', '--untracked-files=all', '--', 'records')).toBe('');
  const validate = await spawnDossier(['validate', '--format', 'json', '--no-cache'], { cwd: root });
  expect(validate.code, validate.stdout).toBe(0);
  // the cache the readers and writers kept is as true as reading every file again
  const cached = await spawnDossier(['list', 'organisations', '--format', 'json'], { cwd: root });
  const fresh = await spawnDossier(['list', 'organisations', '--format', 'json', '--no-cache'], { cwd: root });
  expect(cached.stdout).toBe(fresh.stdout);
}

function expectClean(r: SpawnResult): void {
  expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toContain('internal error');
  expect([0, 1]).toContain(r.code);
}

const commitsOf = (root: string) => git(root, 'log', '--format=%s', 'HEAD').trim().split('\n').slice(0, -1);

describe('concurrent writers', () => {
  it.each([8])('%i processes changing different records: every change lands, one commit each', async (n) => {
    const root = gitStore(bundledRecords());
    const env = { DOSSIER_LOCK_TIMEOUT_MS: '60000' };
    const runs = await Promise.all(ORGS.slice(0, n).map((id, i) => spawnDossier(['set', id, `city=City ${i}`], { cwd: root, env })));
    for (const r of runs) {
      expectClean(r);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(commitsOf(root).sort()).toEqual(ORGS.slice(0, n).map((id, i) => `organisation: set city=City ${i} on ${id}`).sort());
    for (const [i, id] of ORGS.slice(0, n).entries()) {
      expect(readFileSync(path.join(root, `records/organisations/${id}.md`), 'utf8')).toMatch(new RegExp(`^city: City ${i}$`, 'm'));
      // each commit holds exactly its own file
      const hash = git(root, 'log', '--format=%H', '--grep', `on ${id}$`).trim();
      expect(git(root, 'show', '--format=', '--name-only', hash).trim()).toBe(`records/organisations/${id}.md`);
    }
    await expectSound(root);
  }, 120_000);

  it('3 processes changing the same record: each change is whole, the file ends as one of them, history has every success', async () => {
    const root = gitStore(bundledRecords());
    const env = { DOSSIER_LOCK_TIMEOUT_MS: '60000' };
    const values = ['Belgrade', 'Novi Sad', 'Niš'];
    const runs = await Promise.all(values.map((v) => spawnDossier(['set', 'dpnsee', `city=${v}`], { cwd: root, env })));
    for (const r of runs) expectClean(r);
    const landed = values.filter((_v, i) => runs[i]!.code === 0);
    expect(landed.length).toBeGreaterThan(0);
    // a run that found the value already there says so and commits nothing; every other one committed
    const committed = commitsOf(root);
    for (const v of landed) if (!/nothing changed/.test(runs[values.indexOf(v)]!.stdout)) expect(committed).toContain(`organisation: set city=${v} on dpnsee`);
    const final = /^city: (.+)$/m.exec(readFileSync(path.join(root, 'records/organisations/dpnsee.md'), 'utf8'))![1];
    expect(landed).toContain(final);
    // every commit changed one line of one file
    for (const hash of git(root, 'log', '--format=%H', '-n', String(committed.length)).trim().split('\n')) {
      expect(git(root, 'show', '--format=', '--numstat', hash).trim()).toMatch(/^(1\t0|1\t1)\trecords\/organisations\/dpnsee\.md$/);
    }
    await expectSound(root);
  }, 120_000);

  it('a short lock wait: the writers that could not get the lock say so clearly and change nothing', async () => {
    const root = gitStore(bundledRecords());
    const env = { DOSSIER_LOCK_TIMEOUT_MS: '1' };
    const ids = ORGS.slice(0, 5);
    const runs = await Promise.all(ids.map((id) => spawnDossier(['set', id, 'city=Locked Out'], { cwd: root, env })));
    for (const r of runs) expectClean(r);
    const failed = ids.filter((_id, i) => runs[i]!.code !== 0);
    for (const [i, id] of ids.entries()) {
      const r = runs[i]!;
      const changed = /^city: Locked Out$/m.test(readFileSync(path.join(root, `records/organisations/${id}.md`), 'utf8'));
      if (r.code === 0) expect(changed).toBe(true);
      else {
        expect(r.stderr).toMatch(LOCKED);
        expect(git(root, 'log', '--format=%s').includes(`on ${id}\n`)).toBe(false);
        // kokoro already says "city: Novi Sad"; nothing was written for a writer that was locked out
        expect(changed).toBe(false);
      }
    }
    expect(commitsOf(root)).toHaveLength(ids.length - failed.length);
    await expectSound(root);
  }, 120_000);

  it('new, set, rename and rm --unlink at once, with readers beside them: each lands whole or fails clearly', async () => {
    const root = gitStore(bundledRecords());
    const env = { DOSSIER_LOCK_TIMEOUT_MS: '60000' };
    const writers = [
      ['rename', 'dpnsee', 'drug-policy-network-see'],
      ['set', 'dpnsee', 'city=Belgrade'],
      ['new', 'organisation', '--set', 'name=Concurrent Network', '--set', 'kind=network', '--set', 'member_of=[dpnsee]'],
      ['rm', 'kokoro', '--unlink'],
      ['set', 'milan-pekic', 'role=Director'],
      ['new', 'person', '--set', 'name=Ana Anić', '--set', 'organisation=kokoro'],
    ];
    const readers = ['validate', 'list organisations', 'search memorandum', 'show dpnsee', 'stats', 'list meetings --format json'].map((c) => c.split(' '));
    const results = await Promise.all([
      ...writers.map((args) => spawnDossier(args, { cwd: root, env })),
      ...readers.map((args) => spawnDossier(args, { cwd: root })),
    ]);
    for (const r of results) expectClean(r);
    // a reader sees the store before or after a change, never half of one: no parse error, no missing file
    for (const r of results.slice(writers.length)) {
      expect(r.stderr, r.args.join(' ')).not.toMatch(/cannot be read|unreadable|too-large|encoding/);
      if (r.args[0] !== 'show') expect(r.code, `${r.args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    // a writer that failed says why, in one of the ways the order of events allows
    for (const [i, r] of results.slice(0, writers.length).entries()) {
      if (r.code !== 0) expect(r.stderr, writers[i]!.join(' ')).toMatch(/no record with the id|the change would leave the store invalid|is referred to by/);
    }
    await expectSound(root);
  }, 120_000);
});
