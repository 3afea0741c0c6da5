/**
 * The corpus runner (not a test file itself): corpus.test.ts runs the small cases, corpus-large.test.ts the
 * generated ones, so that the two test workers share the work.
 *
 * The adversarial corpus (test/fixtures/adversarial/<case>/: a small store and expected.json). Every case goes
 * through validate, list (each type), show (each record, and the odd ids the case names), search, every export, and
 * `set` plus the case's other writes on a git copy; every run must keep the same invariants:
 *
 * - exit code 0, 1 or 2, within the time limit; output bounded by the size of the store (nothing is expanded);
 * - no stack trace, no "internal error";
 * - no marker file from a payload (payloads write into a temp folder by absolute path);
 * - no byte from outside the root (symlinks point at a file holding a unique secret);
 * - no raw control character in human-readable output (on a pipe, and on a terminal with colour);
 * - read commands leave the store byte-identical (only `.dossier/`, the cache, may change); nothing outside is written.
 *
 * `UPDATE_GOLDEN=1` rewrites the `validate` expectations of each expected.json from what dossier says (review them!).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GIT_ENV } from '../helpers/store.js';
import { builtExportKinds, defaultSet, EXPORTS, exportOutDir, readCommands } from './commands.js';
import {
  caseNames, CONTROL, Driver, FIXTURES, formatJson, invariantProblems, isHumanReadable, makeSandbox, materialise, readCase, recordIds,
  snapshot, snapshotDiff, spawnDossier, tempDir, TYPES, type BatchResult, type BatchRun, type CaseSpec, type Sandbox, type SpawnResult,
} from './harness.js';

const EXPORT_KINDS = builtExportKinds();
if (EXPORT_KINDS.length === 0) {
  console.warn('adversarial corpus: `dossier export` is not built yet; the export commands are left out of this run');
}

const execFileAsync = promisify(execFile);
/** git, asynchronously: cases run side by side, and a blocked event loop would stall the others' pipes. */
const git = async (cwd: string, ...args: string[]) => (await execFileAsync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;

/** Every file under `dir`, concatenated (an export's output folder). */
function readTree(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

function storeBytes(root: string): number {
  let total = 0;
  for (const [rel, entry] of snapshot(root)) if (entry.startsWith('file ')) total += statSync(path.join(root, rel)).size;
  return total;
}

const SGR = /\u001b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/**
 * The same checks for a run on a (fake) terminal with colour: the SGR colour codes are dossier's own; nothing else may
 * be a control character. (A payload that is itself an SGR code is stripped too, but every payload sits beside others,
 * \e[2J, OSC, C1, that are not; output without colour is checked by the piped runs.)
 */
function terminalProblems(r: BatchResult): string[] {
  const text = r.stdout + r.stderr;
  const problems: string[] = [];
  const label = `${r.args.join(' ')} (terminal${r.color ? ', colour' : ''})`;
  const plain = r.color ? text.replace(SGR, '') : text;
  if (CONTROL.test(plain)) {
    const at = plain.search(CONTROL);
    problems.push(`${label}: a raw control character in ${JSON.stringify(plain.slice(Math.max(0, at - 40), at + 40))}`);
  }
  return problems;
}

function checkValidate(name: string, spec: CaseSpec, r: SpawnResult): string[] {
  let report: { diagnostics: { file: string; line: number; column: number; code: string }[] };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    return [`validate --format json printed no JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`];
  }
  const actual = report.diagnostics.map((d) => [d.file, d.line, d.code] as [string, number, string]);
  if (process.env.UPDATE_GOLDEN === '1') {
    const file = path.join(FIXTURES, name, 'expected.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as CaseSpec;
    json.validate = { exit: r.code ?? -1, diagnostics: actual };
    writeFileSync(file, `${formatJson(json)}\n`);
    return [];
  }
  const problems: string[] = [];
  if (!spec.validate) return ['expected.json has no `validate` expectations (run with UPDATE_GOLDEN=1, then review them)'];
  if (r.code !== spec.validate.exit) problems.push(`validate exit code ${r.code}, expected ${spec.validate.exit}`);
  const want = [...spec.validate.diagnostics].sort();
  const got = [...actual].sort();
  const same = want.length === got.length && want.every((w, i) => w[0] === got[i]![0] && (w[1] === null || w[1] === got[i]![1]) && w[2] === got[i]![2]);
  if (!same) problems.push(`validate diagnostics differ:\n  expected ${JSON.stringify(want)}\n  actual   ${JSON.stringify(got)}`);
  // every diagnostic well-formed: a file of the store, a line within it, a column from 1
  for (const d of report.diagnostics) {
    if (d.line < 1 || d.column < 1) problems.push(`diagnostic ${d.code} of ${d.file} at ${d.line}:${d.column}`);
  }
  return problems;
}

/**
 * `set` and the case's other writes, on the case's git store: each lands whole and is committed (and the default `set`,
 * undone, gives the file back byte for byte), or changes nothing. (Writes as real processes, killed, interrupted and
 * side by side, are crash.test.ts's and concurrency.test.ts's.)
 */
async function writes(root: string, spec: CaseSpec, sandbox: Sandbox, driver: Driver, big: boolean): Promise<string[]> {
  const problems: string[] = [];
  const outsideBefore = snapshot(sandbox.outside);
  const ids = recordIds(root);
  // the default `set` goes to the case's first own record (every case also has dpnsee, the plain one)
  const candidates = TYPES.flatMap((t) => ids[t].map((id) => ({ type: t, id })));
  const target = candidates.find((c) => c.id !== 'dpnsee') ?? candidates[0];
  const runs: { args: string[]; exit?: number; says?: string; kind: 'default' | 'undo' | 'other' }[] = [];
  let planned: ReturnType<typeof defaultSet> | undefined;
  let file: string | undefined;
  let original: Buffer | undefined;
  if (target) {
    planned = defaultSet(target.type, target.id);
    file = `records/${target.type}/${target.id}.md`;
    original = readFileSync(path.join(root, file));
    runs.push({ args: planned.set, kind: 'default' });
  }
  for (const w of spec.writes ?? []) runs.push({ ...w, kind: 'other' });
  // `edit` with an editor that changes nothing (VISUAL=true in the driver): it reads the record, and writes nothing
  if (target) runs.push({ args: ['edit', '--', target.id], kind: 'other' });
  const timeout = big ? 120_000 : 60_000;
  const gone = new Set(spec.afterWriteGone ?? []);
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const label = run.args.join(' ');
    const before = snapshot(root);
    const head = await git(root, 'rev-parse', 'HEAD');
    const r = await driver.run(root, { args: run.args }, timeout);
    for (const p of invariantProblems(r, sandbox, 1024 * 1024)) problems.push(`${label}: ${p}`);
    if (run.exit !== undefined && r.code !== run.exit) problems.push(`${label}: exit ${r.code}, expected ${run.exit}: ${r.stdout}${r.stderr}`);
    if (run.says !== undefined && !(r.stdout + r.stderr).includes(run.says)) problems.push(`${label}: does not say "${run.says}": ${r.stdout}${r.stderr}`);
    const after = snapshot(root);
    const changed = snapshotDiff(before, after).filter((p) => !gone.has(p) && !(before.get(p) ?? after.get(p) ?? '').startsWith('dir'));
    if (r.code === 0) {
      if ((await git(root, 'rev-parse', 'HEAD')) === head && !/nothing changed|no changes/.test(r.stdout)) problems.push(`${label}: exit 0 without a commit: ${r.stdout}${r.stderr}`);
      const dirty = (await git(root, 'status', '--porcelain', '--untracked-files=all', '--', 'records')).split('\n').filter(Boolean);
      if (dirty.some((l) => !gone.has(l.slice(3)))) problems.push(`${label}: exit 0 but records are left uncommitted: ${dirty.join(', ')}`);
      if (run.kind === 'default') {
        if (changed.length !== 1 || changed[0] !== file) problems.push(`${label}: changed ${JSON.stringify(changed)}, expected only ${file}`);
        // undo it when the field was not there before: the file must be back to its bytes
        if (!new RegExp(`^${planned!.field}:`, 'm').test(original!.toString('utf8'))) runs.splice(i + 1, 0, { args: planned!.undo, exit: 0, kind: 'undo' });
      }
      if (run.kind === 'undo' && !readFileSync(path.join(root, file!)).equals(original!)) problems.push(`${label}: the file is not back to its bytes`);
    } else {
      if (changed.length) problems.push(`${label}: exit ${r.code} but changed ${changed.join(', ')}`);
      if ((await git(root, 'rev-parse', 'HEAD')) !== head) problems.push(`${label}: exit ${r.code} but made a commit`);
    }
    for (const g of gone) if (existsSync(path.join(root, g))) problems.push(`${label}: the stale temp file ${g} is still there`);
  }
  if (snapshotDiff(outsideBefore, snapshot(sandbox.outside)).length) problems.push('a write changed files outside the store');
  if (existsSync(path.join(root, '.dossier/lock'))) problems.push('the lock was left behind');
  if (existsSync(path.join(root, '.dossier/change.json'))) problems.push('the journal was left behind');
  return problems;
}

/**
 * Three cases at a time (each is mostly waiting on child processes), each with a driver process of its own,
 * kept for the next case (a driver that died is replaced).
 */
const SLOTS = 3;
const drivers: Driver[] = [];
const waiting: (() => void)[] = [];
let free = SLOTS;
async function withDriver<T>(f: (driver: Driver) => Promise<T>): Promise<T> {
  while (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
  free--;
  let driver = drivers.pop();
  if (!driver || !driver.alive) driver = new Driver({ DOSSIER_LOCK_TIMEOUT_MS: '2000', VISUAL: 'true', EDITOR: 'true' });
  try {
    return await f(driver);
  } finally {
    drivers.push(driver);
    free++;
    waiting.shift()?.();
  }
}

async function runCase(name: string, driver: Driver): Promise<string[]> {
  const spec = readCase(name);
  const big = Boolean(spec.generate);
  const cleanups: (() => void)[] = [];
  try {
    const sandbox = makeSandbox(cleanups);
    const scratch = tempDir('scratch', cleanups);
    const root = tempDir('store', cleanups);
    materialise(name, spec, root, sandbox);
    const setup = [['init', '-q', '-b', 'main'], ['config', 'commit.gpgsign', 'false'], ['config', 'gc.auto', '0'], ['config', 'maintenance.auto', 'false'], ['commit', '-q', '--allow-empty', '-m', 'empty'], ['add', '-A'], ['commit', '-q', '-m', 'the case']];
    for (const args of setup) {
      await git(root, ...args);
    }
    const before = snapshot(root, { withGit: true });
    const outsideBefore = snapshot(sandbox.outside);
    // Output grows with the store, never more: 4 times its size (a diff, which shows each field before and after with
    // its label, 16 times), plus room for headings.
    const bytes = storeBytes(root);
    const boundOf = (args: readonly string[]) => (args[0] === 'diff' ? 16 : 4) * bytes + 256 * 1024;
    const [validateJson, ...reads] = readCommands(recordIds(root), spec, EXPORT_KINDS, scratch, big ? 2 : Infinity);
    // generous limits: a hang never finishes, while a loaded machine can make a normal run slow
    const perCommand = big ? 120_000 : 60_000;
    const problems: string[] = [];
    // validate as a real process, on a cold cache
    const first = await spawnDossier(validateJson!, { cwd: root, timeout: perCommand });
    problems.push(...invariantProblems(first, sandbox, boundOf(first.args)).map((p) => `${first.args.join(' ')}: ${p}`));
    problems.push(...checkValidate(name, spec, first));
    // everything else in the driver: piped, and (human-readable ones) on a terminal with colour
    const runs: BatchRun[] = reads.map((args) => ({ args }));
    if (!big) for (const args of [['validate'], ...reads].filter(isHumanReadable)) runs.push({ args, tty: true, color: true });
    for (const run of runs) {
      const r = await driver.run(root, run, perCommand);
      const label = `${r.args.join(' ')}${r.tty ? ' (terminal, colour)' : ''}`;
      const piped = r.tty ? { ...r, stdout: '', stderr: '' } : r;
      problems.push(...invariantProblems(piped, sandbox, boundOf(r.args)).map((p) => `${label}: ${p}`));
      if (r.tty) problems.push(...terminalProblems(r));
      const out = exportOutDir(r.args);
      if (out && !r.tty && existsSync(out)) {
        // the files an export wrote: checked like output (no secret, no marker, no raw control character), not bounded
        problems.push(...invariantProblems({ ...r, stdout: readTree(out), stderr: '' }, sandbox, Infinity).map((p) => `${label} (its files): ${p}`));
      }
    }
    const touched = snapshotDiff(before, snapshot(root, { withGit: true }));
    if (touched.length) problems.push(`read commands changed ${touched.join(', ')}`);
    if (snapshotDiff(outsideBefore, snapshot(sandbox.outside)).length) problems.push('read commands changed files outside the store');
    problems.push(...(await writes(root, spec, sandbox, driver, big)));
    return problems;
  } finally {
    for (const c of cleanups.reverse()) c();
  }
}

/** Register the corpus test of every case `pick` keeps. */
export function defineCorpus(title: string, pick: (name: string) => boolean): void {
  afterAll(async () => {
    const problems: string[] = [];
    for (const d of drivers.splice(0)) problems.push(...(await d.close()));
    expect(problems).toEqual([]);
  });

  describe(title, () => {
    for (const name of caseNames().filter(pick)) {
      it.concurrent(name, async ({ expect }) => {
        expect(await withDriver((driver) => runCase(name, driver))).toEqual([]);
      }, 300_000);
    }
  });
}

export { EXPORT_KINDS, EXPORTS };
