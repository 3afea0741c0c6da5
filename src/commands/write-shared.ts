/**
 * What the commands that change records share: open the store for writing (lock, `--branch`), carry out a
 * plan (validate everything first, refuse on new errors, write atomically, commit only the touched
 * files) and report in words or JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { EditError } from '../core/edit.js';
import { touchedFiles, type ChangePlan } from '../core/plan.js';
import type { RecordType } from '../core/kinds.js';
import type { StoreRecord } from '../core/record.js';
import { escapeControl } from '../core/quote.js';
import { suggest } from '../core/suggest.js';
import { todayOf, type Context } from '../context.js';
import { CliError, NotFoundError, UsageError } from '../errors.js';
import { formatPlanDiff } from '../format/change-diff.js';
import { formatDiagnosticsJson } from '../format/diagnostics-json.js';
import { formatDiagnosticsPretty } from '../format/diagnostics-pretty.js';
import { loadStyle } from '../format/style.js';
import { checkedPath, validatePlan, writePlan } from '../store/apply.js';
import { finishHint, GitRepo } from '../store/git.js';
import { InterruptGuard } from '../store/interrupt.js';
import { clearJournal, finishInterruptedChange, removeStaleTempFiles, type Recovery } from '../store/journal.js';
import { loadStore, type Store } from '../store/load.js';
import { acquireLock, type Lock } from '../store/lock.js';
import { findRoot } from '../store/root.js';
import { pauseAt } from '../store/test-hooks.js';
import type { Prompter } from '../core/prompt.js';

/** Options every writing command takes. */
export interface WriteFlags {
  /** false with `--no-commit`. */
  commit: boolean;
  message?: string;
  branch?: string;
  root?: string;
  format?: string;
  dryRun?: boolean;
}

export type OutputFormat = 'pretty' | 'json';

export function outputFormat(format: string | undefined): OutputFormat {
  if (format === undefined || format === 'pretty') return 'pretty';
  if (format === 'json') return 'json';
  throw new UsageError(`unknown format "${format}"`, 'use --format pretty or json');
}

/** Core edit errors are the user's input problems: exit 1 with the message and hint. */
export function fromEditError(err: unknown, exitCode = 1): never {
  if (err instanceof EditError) throw new CliError(err.message, exitCode, err.hint);
  throw err;
}

/**
 * Why git cannot be used for a store that is in a git repository (a `.git` in the root or above): git missing from
 * PATH, or refusing the repository (say, "dubious ownership"). Undefined when the store is simply not in a repository.
 */
function gitProblem(root: string, env: Record<string, string | undefined>): string | undefined {
  let dir = root;
  while (!existsSync(path.join(dir, '.git'))) {
    if (path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
  const probe = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 10_000 });
  if (probe.error) {
    return (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : `git cannot be run (${probe.error.message})`;
  }
  if (probe.status !== 0) return `git refuses the repository at ${dir}: ${(probe.stderr || '').trim().split('\n')[0] || `exit code ${probe.status}`}`;
  return undefined;
}

export class WriteSession {
  store: Store;
  private lock: Lock | undefined;
  private guard: InterruptGuard | undefined;
  readonly today: string;

  private constructor(
    private readonly ctx: Context,
    readonly flags: WriteFlags,
    readonly root: string,
    readonly git: GitRepo | undefined,
    private readonly command: string,
  ) {
    this.today = todayOf(ctx);
    this.store = loadStore(root, { today: this.today });
  }

  /** Find the store and its repository; the store is loaded (not yet locked). */
  static async open(ctx: Context, flags: WriteFlags, command: string): Promise<WriteSession> {
    outputFormat(flags.format);
    const root = findRoot(ctx.cwd, flags.root, ctx.env);
    const git = await GitRepo.open(root, ctx.env);
    if (flags.branch !== undefined && !git) throw new UsageError(`--branch needs git, and ${root} is not in a git work tree`);
    if (flags.message !== undefined && !flags.message.trim()) throw new UsageError('--message needs some text');
    if (!git && flags.commit && !flags.dryRun) {
      const problem = gitProblem(root, ctx.env);
      if (problem) {
        throw new CliError(`${problem}, and ${root} is in a git repository: nothing was written, so that the change is not left uncommitted`, 1, 'fix git, or pass --no-commit to write the files without committing them');
      }
    }
    return new WriteSession(ctx, flags, root, git, command);
  }

  /** The command line, for the journal and the lock (`rename dpnsee x`). */
  get commandLine(): string {
    return this.command;
  }

  /** Take the store's write lock, switch branch when asked, and reload the store as it now is. */
  async lockStore(): Promise<void> {
    if (this.flags.dryRun || this.lock) return;
    const timeout = Number(this.ctx.env.DOSSIER_LOCK_TIMEOUT_MS);
    this.lock = await acquireLock(this.root, { timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 5000, command: this.command });
    this.guard = InterruptGuard.install(this.ctx.io.stderr, () => this.release());
    try {
      removeStaleTempFiles(this.root);
      const recovered = finishInterruptedChange(this.root, (file) => checkedPath(this.root, file));
      if (recovered) await this.commitRecovered(recovered);
      if (this.flags.branch !== undefined && this.git) {
        const how = await this.git.switchBranch(this.flags.branch);
        if (how === 'created') this.ctx.io.stderr.write(`switched to a new branch ${this.flags.branch}\n`);
        if (how === 'switched') this.ctx.io.stderr.write(`switched to branch ${this.flags.branch}\n`);
      }
      this.store = loadStore(this.root, { today: this.today });
      pauseAt('after-lock');
    } catch (err) {
      this.release();
      throw err;
    }
  }

  /** Commit a change finished from the journal of a dead writer, as that writer would have; say what happened. */
  private async commitRecovered(r: Recovery): Promise<void> {
    const err = this.ctx.io.stderr;
    const toCommit = r.commit && this.git && (await this.git.changedPaths(r.commit.paths)).length > 0;
    if (r.finished.length || toCommit) {
      err.write(`dossier: finishing a change that process ${r.pid} left half-done (\`dossier ${escapeControl(r.command)}\`): ${r.files.join(', ')}\n`);
    }
    if (toCommit) {
      const outcome = await this.git!.commit(r.commit!.message, r.commit!.paths);
      if (outcome.ok) err.write(`dossier: committed ${outcome.hash!.slice(0, 7)} ${escapeControl(r.commit!.message)}\n`);
      else err.write(`dossier: it is written but not committed: ${escapeControl(outcome.reason ?? 'git commit failed')}\nhint: ${finishHint(this.root, r.commit!.message, r.commit!.paths)}\n`);
    }
    clearJournal(this.root);
  }

  /** The change is about to be written: from now on a signal lets it finish first. */
  startWriting(): void {
    this.guard?.enter('writing');
  }

  /** The exit code to end with when a signal came while writing (the change was finished first). */
  get interruptedCode(): number | undefined {
    return this.guard?.interruptedCode;
  }

  release(): void {
    this.guard?.uninstall();
    this.guard = undefined;
    this.lock?.release();
    this.lock = undefined;
  }

  /** The record with this id, or a NotFoundError with a suggestion. */
  record(id: string): StoreRecord {
    const r = this.store.records.find((x) => x.id === id);
    if (r) return r;
    const near = suggest(id, this.store.records.map((x) => x.id));
    throw new NotFoundError(`no record with the id ${JSON.stringify(id)}`, near ? `did you mean \`${near}\`?` : 'see `dossier validate` or the files under records/');
  }

  /** The record already using `id` (ids are unique across all types). */
  taken(id: string): StoreRecord | undefined {
    return this.store.records.find((x) => x.id.toLowerCase() === id.toLowerCase());
  }

  readBytes(file: string): Uint8Array {
    return readFileSync(path.join(this.root, file));
  }
}

export interface Report {
  id: string;
  type: RecordType;
  /** The record's file after the change (or the removed file). */
  path: string;
  /** Lines for people, before the commit line: `created records/...`. */
  lines: string[];
  /** Extra fields for `--format json`. */
  json?: Record<string, unknown>;
  /** Notes for stderr (dates stamped, values already there). */
  notes?: string[];
  /** `--dry-run` of a new record prints the file itself rather than a diff. */
  dryRunText?: string;
}

function sourcesFor(root: string, plan: ChangePlan, diagnostics: readonly Diagnostic[]): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const c of plan.changes) {
    if (c.kind !== 'delete') sources.set(c.file, Buffer.from(c.bytes).toString('utf8').replace(/^\ufeff/, '').split('\n'));
  }
  for (const d of diagnostics) {
    if (sources.has(d.file)) continue;
    try {
      sources.set(d.file, readFileSync(path.join(root, d.file), 'utf8').replace(/^\ufeff/, '').split('\n'));
    } catch {
      sources.set(d.file, []);
    }
  }
  return sources;
}

export async function showDiagnostics(ctx: Context, root: string, plan: ChangePlan, diagnostics: Diagnostic[], records: number): Promise<string> {
  const sorted = sortDiagnostics([...diagnostics]);
  const style = await loadStyle(ctx.io.colorErr);
  return formatDiagnosticsPretty(sorted, sourcesFor(root, plan, sorted), { records, ...countDiagnostics(sorted) }, style);
}

/**
 * Validate, write and commit a plan, and report. Exit 0 when done, 1 when the change would make the store
 * invalid (nothing written) or when the commit failed (files written, the message says how to finish).
 */
export async function carryOut(ctx: Context, session: WriteSession, plan: ChangePlan, report: Report): Promise<number> {
  const { flags, root, git } = session;
  const format = outputFormat(flags.format);
  const validation = validatePlan(session.store, plan, session.today);
  const touched = touchedFiles(plan);
  if (validation.errors.length) {
    const changed = plan.changes.filter((c) => c.kind !== 'delete').length;
    if (format === 'json') {
      const summary = { records: changed, ...countDiagnostics(validation.errors) };
      ctx.io.stdout.write(formatDiagnosticsJson(sortDiagnostics([...validation.errors]), root, summary));
    } else {
      ctx.io.stderr.write(await showDiagnostics(ctx, root, plan, validation.errors, changed));
    }
    ctx.io.stderr.write(`dossier: the change would leave the store invalid, so nothing was written\n`);
    return 1;
  }
  for (const n of report.notes ?? []) ctx.io.stderr.write(`note: ${n}\n`);

  if (flags.dryRun) {
    if (report.dryRunText !== undefined) ctx.io.stdout.write(report.dryRunText);
    else ctx.io.stdout.write(formatPlanDiff(plan, (f) => readFileSync(path.join(root, f), 'utf8')));
    if (validation.warnings.length) ctx.io.stderr.write(await showDiagnostics(ctx, root, plan, validation.warnings, touched.length));
    ctx.io.stderr.write('dry run: nothing was written\n');
    return 0;
  }

  const commit = flags.commit && git !== undefined;
  if (commit) {
    const dirty = await git!.changedPaths(touched);
    if (dirty.length) {
      throw new CliError(
        `${dirty.join(', ')} ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes, and dossier commits only its own change`,
        1,
        'commit or stash those changes first, or pass --no-commit to write without committing',
      );
    }
  }

  const message = flags.message ?? plan.message;
  session.startWriting();
  await writePlan(root, plan, git, { command: session.commandLine, commit: commit ? { message, paths: touched } : undefined });
  if (validation.warnings.length) ctx.io.stderr.write(await showDiagnostics(ctx, root, plan, validation.warnings, touched.length));

  let committed = false;
  let hash: string | undefined;
  let status: string;
  let failure: { reason: string } | undefined;
  if (!flags.commit) status = 'not committed (--no-commit)';
  else if (!git) status = `nothing was committed: ${root} is not in a git work tree`;
  else {
    pauseAt('before-commit');
    const outcome = await git.commit(message, touched);
    pauseAt('after-commit');
    if (outcome.ok) {
      committed = true;
      hash = outcome.hash;
      status = `committed ${hash!.slice(0, 7)} ${escapeControl(message)}`;
      if (!(await git.currentBranch())) {
        ctx.io.stderr.write(`note: HEAD is detached, so commit ${hash!.slice(0, 7)} is on no branch; \`git switch -c NAME\` keeps it on a new one\n`);
      }
    } else {
      failure = { reason: outcome.reason ?? 'git commit failed' };
      status = 'not committed';
    }
  }
  // Written, and committed or not: there is nothing left for a later run to finish.
  clearJournal(root);

  if (format === 'json') {
    const doc = { id: report.id, type: report.type, path: report.path, committed, commit: hash ?? null, message: committed ? message : null, files: touched, ...report.json };
    ctx.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    ctx.io.stdout.write([...report.lines, status].map((l) => `${l}\n`).join(''));
  }
  if (failure) {
    ctx.io.stderr.write(`dossier: the change was written but not committed: ${escapeControl(failure.reason)}\n`);
    ctx.io.stderr.write(`hint: ${finishHint(root, message, touched)}\n`);
  }
  const interrupted = session.interruptedCode;
  if (interrupted !== undefined) {
    ctx.io.stderr.write(`dossier: stopped after finishing the change (${committed ? 'written and committed' : 'written'}), as asked\n`);
    return interrupted;
  }
  return failure ? 1 : 0;
}

/** A prompter when someone (or the DOSSIER_PROMPT_ANSWERS test hook) can answer; undefined otherwise. */
export async function availablePrompter(ctx: Context): Promise<Prompter | undefined> {
  const answers = ctx.env.DOSSIER_PROMPT_ANSWERS;
  if (answers) return (await import('../store/prompt-answers.js')).answersPrompter(path.resolve(ctx.cwd, answers));
  if (ctx.io.stdinIsTTY && ctx.io.isTTY) return (await import('../store/prompt-inquirer.js')).inquirerPrompter();
  return undefined;
}
