/**
 * The adversarial harness (not a test file itself): materialise a case of test/fixtures/adversarial/ into a temp
 * store, run the built CLI on it as a user would (spawned, with a timeout and an output cap), and check the
 * invariants every run must keep, whatever the input.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { GIT_ENV } from '../helpers/store.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/adversarial');
export const TYPES = ['organisations', 'people', 'meetings', 'proposals', 'agreements'] as const;
const SINGULAR: Record<string, string> = { organisations: 'organisation', people: 'person', meetings: 'meeting', proposals: 'proposal', agreements: 'agreement' };

/** A line of a Node stack trace, or Node's own internals. */
export const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$|^\s+at <anonymous>|node:internal|^\s{4}at /m;

/** Raw terminal control characters (C0 but \n and \t, DEL, C1) and bidi overrides: never in human-readable output. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface CaseSpec {
  description: string;
  /** Files whose names some file systems cannot hold, created at test time: path -> content. */
  testTimeFiles?: Record<string, string>;
  /** Symbolic links made at test time: path -> target (`@@OUTSIDE@@` is the folder outside the store). */
  symlinks?: Record<string, string>;
  /** A generator (generated-* cases) that writes a large store at test time. */
  generate?: string;
  /** Ids given to `show` besides every record's own. */
  show?: string[];
  /** Words to search for (default: one common letter). */
  search?: string[];
  /** Writing commands to try on the git copy (besides a default `set`), with the exit code and a phrase of the output. */
  writes?: { args: string[]; exit: number; says: string }[];
  /** Files that must be gone after a writing command ran (stale temp files). */
  afterWriteGone?: string[];
  /** What `dossier validate --format json` must say: its exit code and [file, line, code] of each diagnostic. */
  validate: { exit: number; diagnostics: [string, number | null, string][] };
}

/** JSON with 2-space indentation, but arrays of plain values on one line (expected.json stays readable). */
export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${indent}  ${formatJson(v, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  if (value && typeof value === 'object') {
    const flat = Object.values(value).every((v) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')));
    const line = `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${formatJson(v)}`).join(', ')} }`;
    if (flat && line.length + indent.length <= 140) return line;
    const entries = Object.entries(value).map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${formatJson(v, `${indent}  `)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function caseNames(): string[] {
  return readdirSync(FIXTURES).filter((n) => existsSync(path.join(FIXTURES, n, 'expected.json'))).sort();
}

export function readCase(name: string): CaseSpec {
  return JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as CaseSpec;
}

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(prefix: string, cleanups: (() => void)[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), `dossier-adv-${prefix}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Sandbox {
  /** Where payloads would write their marker files: must stay empty. */
  markerDir: string;
  /** A folder outside every store, holding a secret that symlinks point at: its bytes must never be printed. */
  outside: string;
  secret: string;
}

/** The folder outside the store: a record-shaped secret, a folder of them, nothing any output may contain. */
export function makeSandbox(cleanups: (() => void)[]): Sandbox {
  const secret = `OUTSIDE-SECRET-${randomUUID()}`;
  const outside = tempDir('outside', cleanups);
  const markerDir = tempDir('markers', cleanups);
  const record = `---\nname: ${secret}\nrole: ${secret}\nkind: network\ntitle: ${secret}\n---\n${secret}\n`;
  writeFileSync(path.join(outside, 'secret.md'), record);
  mkdirSync(path.join(outside, 'agreements'));
  writeFileSync(path.join(outside, 'agreements', 'secret-agreement.md'), `---\ntitle: ${secret}\nkind: grant\nsigned_on: 2019-01-01\nparties: [a, b]\n---\n${secret}\n`);
  return { markerDir, outside, secret };
}

function copyTree(from: string, to: string, replace: (bytes: Buffer) => Buffer): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(b, { recursive: true });
      copyTree(a, b, replace);
    } else if (entry.isFile()) writeFileSync(b, replace(readFileSync(a)));
  }
}

/** Write the case's store into `root` (which must exist): fixture files, test-time files, symlinks, generated files. */
export function materialise(name: string, spec: CaseSpec, root: string, sandbox: Sandbox): void {
  const marker = Buffer.from('@@MARKER@@');
  const replace = (bytes: Buffer) => (bytes.includes(marker) ? Buffer.from(bytes.toString('utf8').replaceAll('@@MARKER@@', sandbox.markerDir)) : bytes);
  mkdirSync(path.join(root, 'records'), { recursive: true });
  const records = path.join(FIXTURES, name, 'records');
  if (existsSync(records)) copyTree(records, path.join(root, 'records'), replace);
  for (const [rel, content] of Object.entries(spec.testTimeFiles ?? {})) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), replace(Buffer.from(content)));
  }
  for (const [rel, target] of Object.entries(spec.symlinks ?? {})) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    symlinkSync(target.replace('@@OUTSIDE@@', sandbox.outside), path.join(root, rel));
  }
  if (spec.generate) GENERATORS[spec.generate]!(root);
}

const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\n';

/** Large stores, made at test time rather than committed. Each generator's expectations are in its expected.json. */
export const GENERATORS: Record<string, (root: string) => void> = {
  'body-5mib': (root) => {
    const body = LOREM.repeat(Math.ceil((5 * 1024 * 1024) / LOREM.length));
    write(root, 'records/organisations/big-body.md', `---\nname: Big Body\nkind: network\n---\n${body}`);
  },
  'line-1mb': (root) => {
    write(root, 'records/organisations/long-line.md', `---\nname: Long Line\nkind: network\n---\n${'x'.repeat(1_000_000)}`);
    write(root, 'records/people/long-value.md', `---\nname: Long Value\nrole: ${'y'.repeat(1_000_000)}\n---\n`);
  },
  'huge-frontmatter': (root) => {
    const item = (i: number) => `  - source number ${i} with some words to make it longer than usual\n`;
    let over = '';
    for (let i = 0; over.length < 1.5 * 1024 * 1024; i++) over += item(i);
    write(root, 'records/people/over-limit.md', `---\nname: Over\nsources:\n${over}---\n`);
    let under = '';
    for (let i = 0; under.length < 1024 * 1024 - 200; i++) under += item(i);
    write(root, 'records/people/under-limit.md', `---\nname: Under\nsources:\n${under.slice(0, under.lastIndexOf('\n', 1024 * 1024 - 200) + 1)}---\n`);
    let many = '';
    for (let i = 0; i < 20_000; i++) many += `  - s${i}\n`;
    write(root, 'records/people/many-items.md', `---\nname: Many\nsources:\n${many}---\n`);
  },
  '10000-records': (root) => {
    for (let i = 0; i < 2000; i++) write(root, `records/organisations/org-${i}.md`, `---\nname: Organisation ${i}\nkind: civil-society\ncountry: RS\n---\nBody ${i}\n`);
    for (let i = 0; i < 4000; i++) write(root, `records/people/person-${i}.md`, `---\nname: Person ${i}\norganisation: org-${i % 2000}\nrole: Coordinator\n---\n`);
    for (let i = 0; i < 2000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      write(root, `records/meetings/meeting-${i}.md`, `---\ntitle: Meeting ${i}\ndate: 2019-01-${day}\nhost: org-${i % 2000}\nparticipants: [org-${(i + 1) % 2000}, org-${(i + 2) % 2000}]\nactions:\n  - task: Follow up ${i}\n    owner: org-${i % 2000}\n    due: 2019-06-01\n---\nMinutes.\n`);
    }
    for (let i = 0; i < 1000; i++) write(root, `records/proposals/proposal-${i}.md`, `---\ntitle: Proposal ${i}\nstatus: draft\nsubmitted_by: [org-${i}]\n---\n`);
    for (let i = 0; i < 1000; i++) write(root, `records/agreements/agreement-${i}.md`, `---\ntitle: Agreement ${i}\nkind: grant\nsigned_on: 2018-01-01\nparties: [org-${i}, org-${i + 1}]\n---\n`);
  },
};

const made = new Set<string>();
function write(root: string, rel: string, content: string): void {
  const dir = path.dirname(path.join(root, rel));
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(path.join(root, rel), content);
}

/** Record ids by type, as the scanner sees them (regular `*.md` files, no dotfiles), in name order. */
export function recordIds(root: string): Record<(typeof TYPES)[number], string[]> {
  const out = {} as Record<(typeof TYPES)[number], string[]>;
  for (const t of TYPES) {
    const dir = path.join(root, 'records', t);
    out[t] = [];
    let names: string[] = [];
    try {
      if (!lstatSync(dir).isDirectory()) continue;
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith('.md') && !n.startsWith('.') && lstatSync(path.join(dir, n)).isFile()) out[t].push(n.slice(0, -3));
  }
  return out;
}

const hashes = new Map<string, string>();

/**
 * Every path under `dir` with a hash of its content (links by target); `.dossier/` (the cache) left out, and `.git/`
 * too unless `withGit`. Hashes are remembered by path and lstat identity (size, mtime, ctime, inode): a file that is
 * written changes its ctime, so an unchanged identity means unchanged bytes (as git's index assumes).
 */
export function snapshot(dir: string, options: { withGit?: boolean } = {}): Map<string, string> {
  const out = new Map<string, string>();
  const skip = new Set(['.dossier', ...(options.withGit ? [] : ['.git'])]);
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const st = lstatSync(abs, { bigint: true });
    if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(abs)}`);
    else if (st.isDirectory()) {
      const names = readdirSync(abs).filter((n) => !(rel === '.' && skip.has(n))).sort();
      out.set(rel, `dir ${names.join('/')}`);
      for (const n of names) walk(path.join(rel, n));
    } else if (rel.startsWith(`.git${path.sep}objects${path.sep}`)) {
      out.set(rel, `object ${st.size}`); // named by their content: a new or removed one shows in its folder's entry
    } else {
      const key = `${abs}\0${st.size}\0${st.mtimeNs}\0${st.ctimeNs}\0${st.ino}`;
      let hash = hashes.get(key);
      if (!hash) {
        hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
        hashes.set(key, hash);
      }
      out.set(rel, `file ${st.mode} ${hash}`);
    }
  };
  walk('.');
  return out;
}

/** The paths whose snapshot entries differ. */
export function snapshotDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

export interface SpawnResult {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
  overflow: boolean;
}

export interface SpawnOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeout?: number;
  /** Kill the process when stdout + stderr exceed this many bytes. */
  maxOutput?: number;
}

export function dossierEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, NO_COLOR: '1', TZ: 'UTC', GITHUB_ACTIONS: '', DOSSIER_ROOT: '', ...extra };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/** The built CLI, spawned, with a timeout and an output cap. */
export function spawnDossier(args: string[], options: SpawnOptions): Promise<SpawnResult> {
  const started = Date.now();
  const cap = options.maxOutput ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: dossierEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let overflow = false;
    // The test's event loop may have been busy, so the timer can fire late with the child long finished: pending
    // I/O (its exit) is handled first (setImmediate runs after the poll phase), and only a child still running is killed.
    const timer = setTimeout(() => setImmediate(() => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      timedOut = true;
      child.kill('SIGKILL');
    }), options.timeout ?? 60_000);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started, timedOut, overflow });
    });
  });
}

export interface BatchRun {
  args: string[];
  tty?: boolean;
  color?: boolean;
}

export interface BatchResult extends SpawnResult {
  tty: boolean;
  color: boolean;
}

const DRIVER = path.join(REPO_ROOT, 'test/adversarial/batch-driver.mjs');

/**
 * A batch-driver.mjs process: many commands in one Node process, one at a time. A run that does not answer in time
 * kills the driver (the run is reported as timed out, and every later run fails at once).
 */
export class Driver {
  private buffer = '';
  private waiting: ((line: string | undefined) => void) | undefined;
  private stderr = '';
  private exited = false;
  private readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ReturnType<typeof spawn>;

  constructor(env: Record<string, string | undefined> = {}) {
    this.child = spawn(process.execPath, [DRIVER], { env: dossierEnv(env), stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    const answers = this.child.stdio[3] as NodeJS.ReadableStream;
    answers.setEncoding('utf8');
    answers.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.pump();
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.stdin!.on('error', () => undefined);
    this.done = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        this.waiting?.(undefined);
        resolve({ code, signal });
      });
    });
  }

  private pump(): void {
    const nl = this.buffer.indexOf('\n');
    if (nl === -1 || !this.waiting) return;
    const line = this.buffer.slice(0, nl);
    this.buffer = this.buffer.slice(nl + 1);
    const w = this.waiting;
    this.waiting = undefined;
    w(line);
  }

  get alive(): boolean {
    return !this.exited;
  }

  async run(cwd: string, run: BatchRun, timeout: number): Promise<BatchResult> {
    const base = { args: run.args, tty: Boolean(run.tty), color: Boolean(run.color), signal: null, overflow: false };
    if (this.exited) return { ...base, code: null, stdout: '', stderr: `the driver is gone: ${this.stderr.slice(0, 600)}`, ms: 0, timedOut: false };
    const started = Date.now();
    const line = await new Promise<string | undefined>((resolve) => {
      // as in spawnDossier: let pending I/O in before deciding that the run is out of time
      const timer = setTimeout(() => setImmediate(() => {
        if (!this.waiting) return;
        this.waiting = undefined;
        this.child.kill('SIGKILL');
        resolve(undefined);
      }), timeout);
      this.waiting = (l) => {
        clearTimeout(timer);
        resolve(l);
      };
      this.child.stdin!.write(`${JSON.stringify({ cwd, ...run })}\n`);
      this.pump();
    });
    if (line === undefined) {
      const timedOut = Date.now() - started >= timeout;
      return { ...base, code: null, stdout: '', stderr: timedOut ? '' : `the driver died: ${this.stderr.slice(0, 600)}`, ms: Date.now() - started, timedOut };
    }
    const answer = JSON.parse(line) as { code: number; stdout: string; stderr: string; ms: number };
    return { ...base, code: answer.code, stdout: answer.stdout, stderr: answer.stderr, ms: answer.ms, timedOut: false };
  }

  /** End the driver; a problem when it crashed or wrote to its real stderr. */
  async close(): Promise<string[]> {
    this.child.stdin!.end();
    const { code, signal } = await this.done;
    if (code !== 0 && signal !== 'SIGKILL') return [`the batch driver died (exit ${code}, ${signal}): ${this.stderr.slice(0, 600)}`];
    if (this.stderr) return [`the batch driver wrote to its real stderr: ${this.stderr.slice(0, 600)}`];
    return [];
  }
}

/** Run `tasks` with at most `width` at a time, results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

/** Commands whose output is for people: no raw control character may reach it. */
export function isHumanReadable(args: string[]): boolean {
  const [cmd, sub] = args;
  if (args.includes('--format')) {
    const f = args[args.indexOf('--format') + 1];
    if (f && !['pretty', 'table', 'text', 'markdown', 'html', 'github'].includes(f)) return false;
  }
  if (cmd === 'export') return sub === 'report' || sub === 'summary' || sub === 'site';
  return ['validate', 'list', 'show', 'search', 'actions', 'stats', 'diff', 'log', 'set', 'new', 'rename', 'rm', 'edit'].includes(cmd!);
}

/** What every run must satisfy; returns the broken invariants (empty when all hold). */
export function invariantProblems(r: SpawnResult, sandbox: Sandbox, maxOutput: number): string[] {
  const problems: string[] = [];
  const all = r.stdout + r.stderr;
  if (r.timedOut) problems.push(`timed out after ${r.ms} ms`);
  if (r.overflow) problems.push('output over the cap');
  else if (all.length > maxOutput) problems.push(`output of ${all.length} bytes over the bound of ${maxOutput}`);
  if (r.code === null || ![0, 1, 2].includes(r.code)) problems.push(`exit code ${r.code} (signal ${r.signal})`);
  if (STACK_LINE.test(all)) problems.push(`a stack trace: ${all.slice(0, 400)}`);
  if (/internal error/.test(all)) problems.push(`an internal error: ${r.stderr.slice(0, 400)}`);
  if (all.includes(sandbox.secret)) problems.push('bytes from outside the store in the output');
  if (/root:[^:\n]*:0:0:/.test(all)) problems.push('/etc/passwd in the output');
  if (readdirSync(sandbox.markerDir).length) problems.push(`marker files: ${readdirSync(sandbox.markerDir).join(', ')}`);
  if (CONTROL.test(r.stderr)) problems.push(`a raw control character on stderr: ${JSON.stringify(r.stderr.slice(0, 200))}`);
  if (isHumanReadable(r.args) && CONTROL.test(r.stdout)) {
    const at = r.stdout.search(CONTROL);
    problems.push(`a raw control character in human-readable output: ${JSON.stringify(r.stdout.slice(Math.max(0, at - 40), at + 40))}`);
  }
  return problems;
}

export { SINGULAR };
