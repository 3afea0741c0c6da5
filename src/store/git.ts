/**
 * The git adapter (simple-git): is the store in a work tree, which files have uncommitted changes, branch
 * switching for `--branch`, `git mv`, and commits limited to the files dossier changed. The read side (for diff,
 * log and the pre-commit hook): revisions, the default branch, merge-bases, trees and the index listed with
 * `ls-tree`/`ls-files`, many blobs read by one `cat-file --batch`, a file's history with `log --follow`, and the
 * date of the last commit of the records (`lastRecordsCommit`, synchronous, for exports).
 *
 * Commits use `git commit --only -- <paths>`: git builds the commit from HEAD plus the working-tree state
 * of exactly those paths, so whatever else the user has staged or changed stays as it was (staged stays
 * staged, unstaged stays unstaged), and hooks run as usual. Values from records never reach an option
 * position: every path list follows `--`, and branch names starting with `-` are refused.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { escapeControl } from '../core/quote.js';
import { CliError, UsageError } from '../errors.js';

/**
 * simple-git refuses some variables (EDITOR, GIT_SSH_COMMAND, PAGER...) and options by default, as a guard for
 * programs that build git commands from untrusted input. dossier builds every argument list itself, with
 * record values only after `--` or as the value of `-m`, and passes the user's own environment: the same
 * trust as the user running git by hand.
 */
const TRUST_USER_ENVIRONMENT = Object.fromEntries(
  ['Alias', 'AskPass', 'CommandBinaries', 'ConfigEnvCount', 'ConfigPaths', 'CredentialHelper', 'DiffExternal', 'DiffTextConv', 'Editor', 'Exec', 'Filter', 'FsMonitor', 'GitProxy', 'GpgProgram', 'HooksPath', 'Include', 'MergeDriver', 'Pack', 'Pager', 'ProtocolOverride', 'SshCommand', 'Submodule', 'TemplateDir', 'UrlRewrite'].map((k) => [`allowUnsafe${k}`, true]),
);

export interface CommitOutcome {
  ok: boolean;
  hash?: string;
  /** What went wrong, for people. */
  reason?: string;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commands that finish a commit dossier could not make, to be run in `root`. Only files that exist are added:
 * a file `git mv` moved away (or a hook removed) is neither in the work tree nor in the index, and `git add` would
 * refuse the whole command for it; the commit names every path, so that it takes the move and the deletions too.
 * Control characters are shown escaped, like everything dossier prints.
 */
export function finishHint(root: string, message: string, paths: readonly string[]): string {
  const existing = paths.filter((p) => existsSync(path.join(root, p)));
  const add = existing.length ? `git add -A -- ${existing.map(shellQuote).join(' ')} && ` : '';
  return escapeControl(`finish it with: ${add}git commit -m ${shellQuote(message)} -- ${paths.map(shellQuote).join(' ')}`);
}

/** One entry of `git ls-tree -r -l` or `git ls-files -s`: a path (relative to the store root) and its blob. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (a symbolic link), `160000` (a submodule). */
  mode: string;
  oid: string;
  /** Size in bytes when git said it (`ls-tree -l`), else undefined. */
  size?: number;
  path: string;
}

/** One commit of `git log --follow` for a file, with the file's blobs before and after it. */
export interface FileCommit {
  hash: string;
  author: string;
  email: string;
  /** ISO 8601 author date, in the author's time zone. */
  date: string;
  subject: string;
  /** `A`, `M`, `D`, `R` (renamed), `C`, `T`. */
  status: string;
  /** The file's path before the commit (differs from `path` on a rename). */
  previousPath?: string;
  path: string;
  /** Blob ids before and after; undefined for "none" (added, deleted). */
  before?: string;
  after?: string;
}

const NO_OBJECT = /^0+$/;

/**
 * simple-git, loaded on first use: commands that only need `lastRecordsCommit` (the exports) do not pay for
 * loading it.
 */
const loadSimpleGit = () => import('simple-git');

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  return clean;
}

/** Revisions from the command line go to git as arguments: one that looks like an option is refused. */
export function checkRevision(rev: string): void {
  if (!rev.trim() || rev.startsWith('-') || /[\0\n]/.test(rev)) {
    throw new UsageError(`"${rev}" is not a revision`, 'give a commit, a branch, a tag or an expression such as HEAD~1 or main');
  }
}

/**
 * The committer date of the newest commit that touched `records/` under `root` (the DTSTAMP of calendar exports
 * and the date of the site's feed, so the same commit gives the same file), or undefined outside a git work
 * tree, before the first commit, or when git is missing. Synchronous, one `git log`, with `env` as it is.
 */
export function lastRecordsCommit(root: string, env: Record<string, string | undefined>): Date | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', 'records'], {
      cwd: root,
      env: cleanEnv(env),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    if (!/^\d+$/.test(out)) return undefined;
    return new Date(Number(out) * 1000);
  } catch {
    return undefined;
  }
}

export class GitRepo {
  private constructor(
    private readonly git: SimpleGit,
    /** The store root (the working directory of every git command). */
    readonly root: string,
    private readonly env: Record<string, string> = {},
  ) {}

  /** `git init` in `dir`, on the user's init.defaultBranch or else `main`; the repository, or undefined when git failed. */
  static async init(dir: string, env: Record<string, string | undefined>): Promise<GitRepo | undefined> {
    const clean = cleanEnv(env);
    const { simpleGit } = await loadSimpleGit();
    const git = simpleGit({ baseDir: dir, allowEnvironment: Object.keys(clean), unsafe: TRUST_USER_ENVIRONMENT }).env(clean);
    let configured: string | undefined;
    try {
      configured = (await git.raw(['config', '--get', 'init.defaultBranch'])).trim() || undefined;
    } catch {
      configured = undefined;
    }
    await git.raw(['init', '-q', ...(configured ? [] : ['-b', 'main'])]);
    return GitRepo.open(dir, env);
  }

  /** The repository the store is in, or undefined outside a git work tree (or when git is missing). */
  static async open(root: string, env: Record<string, string | undefined>): Promise<GitRepo | undefined> {
    const clean = cleanEnv(env);
    const { simpleGit } = await loadSimpleGit();
    const git = simpleGit({
      baseDir: root,
      // The user's own environment goes to git as it is (GIT_AUTHOR_NAME, GIT_CONFIG_GLOBAL, proxies...), as when
      // they run git themselves. simple-git's guard is for environments built from untrusted input; dossier
      // never puts record values into the environment, only into arguments after `--`.
      allowEnvironment: Object.keys(clean),
      unsafe: TRUST_USER_ENVIRONMENT,
      // A failing git command is a failure even when it prints nothing (a silent hook, say).
      errors: (error, result) => {
        if (error) return error;
        if (result.exitCode === 0) return undefined;
        return Buffer.concat([...result.stdErr, ...result.stdOut]);
      },
    }).env(clean);
    try {
      const inside = (await git.raw(['rev-parse', '--is-inside-work-tree'])).trim();
      if (inside !== 'true') return undefined;
    } catch {
      return undefined;
    }
    return new GitRepo(git, root, clean);
  }

  private async run(args: string[]): Promise<string> {
    return this.git.raw(args);
  }

  /** `args`' output, or undefined when git fails (an unknown revision, a missing config value...). */
  private async attempt(args: string[]): Promise<string | undefined> {
    try {
      return await this.run(args);
    } catch {
      return undefined;
    }
  }

  /** The full hash of the commit `rev` names, or undefined when it names none. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    checkRevision(rev);
    return (await this.attempt(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]))?.trim() || undefined;
  }

  /** The top folder of the work tree (absolute). */
  async topLevel(): Promise<string> {
    return path.resolve(this.root, (await this.run(['rev-parse', '--show-toplevel'])).trim());
  }

  /** A path inside the git folder, as git resolves it (honours core.hooksPath for `hooks/...` and worktrees). */
  async gitPath(name: string): Promise<string> {
    return path.resolve(this.root, (await this.run(['rev-parse', '--git-path', name])).trim());
  }

  /** A config value, or undefined when unset. */
  async config(key: string): Promise<string | undefined> {
    return (await this.attempt(['config', '--get', key]))?.trim() || undefined;
  }

  /**
   * The repository's default branch as a revision: the remote's HEAD (`origin/main`), else a local `main` or
   * `master` (or init.defaultBranch), else their remote-tracking twins; undefined when there is none.
   */
  async defaultBranch(): Promise<string | undefined> {
    const remoteHead = (await this.attempt(['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD']))?.trim();
    if (remoteHead) return remoteHead;
    const configured = await this.config('init.defaultBranch');
    const names = [...new Set([configured, 'main', 'master'].filter((n): n is string => Boolean(n)))];
    for (const ref of [...names.map((n) => `refs/heads/${n}`), ...names.map((n) => `refs/remotes/origin/${n}`)]) {
      if ((await this.attempt(['show-ref', '--verify', '--quiet', ref])) !== undefined) return ref.replace(/^refs\/(heads|remotes)\//, '');
    }
    return undefined;
  }

  /** The best common ancestor of two commits, or undefined when they share no history. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return (await this.attempt(['merge-base', a, b]))?.trim() || undefined;
  }

  /** Every blob under `dir` (relative to the store root) in `commit`, with its size; paths relative to the store root. */
  async listTree(commit: string, dir: string): Promise<TreeEntry[]> {
    const out = await this.run(['ls-tree', '-r', '-l', '-z', commit, '--', dir]);
    const entries: TreeEntry[] = [];
    for (const line of out.split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([\s\S]+)$/.exec(line);
      if (!m) continue;
      entries.push({ mode: m[1]!, oid: m[3]!, size: m[4] === '-' ? undefined : Number(m[4]), path: m[5]! });
    }
    return entries;
  }

  /** Every staged file under `dir` (stage 0 only: unmerged paths cannot be committed anyway). */
  async listIndex(dir: string): Promise<TreeEntry[]> {
    const out = await this.run(['ls-files', '-s', '-z', '--', dir]);
    const entries: TreeEntry[] = [];
    for (const line of out.split('\0')) {
      const m = /^(\d+) ([0-9a-f]+) (\d)\t([\s\S]+)$/.exec(line);
      if (m && m[3] === '0') entries.push({ mode: m[1]!, oid: m[2]!, path: m[4]! });
    }
    return entries;
  }

  /** `git add -- paths` (relative to the store root). */
  async add(paths: readonly string[]): Promise<void> {
    if (paths.length) await this.run(['add', '--', ...paths]);
  }

  /** Which of `paths` (relative to the store root) are staged differently from HEAD; relative to the store root. */
  async stagedAmong(paths: readonly string[]): Promise<string[]> {
    if (!paths.length) return [];
    const out = await this.run(['diff', '--cached', '--name-only', '--relative', '-z', '--no-renames', '--', ...paths]);
    return out.split('\0').filter(Boolean);
  }

  /** Whether the index differs from HEAD under `dir` (true when git cannot tell, so callers check rather than skip). */
  async hasStagedChanges(dir: string): Promise<boolean> {
    return (await this.attempt(['diff', '--cached', '--quiet', '--no-ext-diff', '--', dir])) === undefined;
  }

  /** Sizes of objects, in one `git cat-file --batch-check`; undefined for a missing one. */
  async objectSizes(oids: readonly string[]): Promise<(number | undefined)[]> {
    const objects = await this.catFile('--batch-check', oids);
    return objects.map((o) => o?.size);
  }

  /**
   * The contents of many objects (blob ids, or `rev:path`), in one `git cat-file --batch` process, in order;
   * undefined for a missing one.
   */
  async readObjects(specs: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    const objects = await this.catFile('--batch', specs);
    return objects.map((o) => o?.bytes);
  }

  private catFile(mode: '--batch' | '--batch-check', specs: readonly string[]): Promise<({ size: number; bytes?: Uint8Array } | undefined)[]> {
    if (specs.length === 0) return Promise.resolve([]);
    for (const s of specs) if (/[\n\0]/.test(s)) throw new Error('object names cannot hold a newline');
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['cat-file', mode], { cwd: this.root, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdin.on('error', () => {}); // git gone early: reported by 'close'
      child.on('error', (err) => reject(new CliError(`could not run git: ${err.message}`)));
      child.on('close', (code) => {
        if (code !== 0) return reject(new CliError(`git cat-file failed${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`));
        try {
          resolve(parseBatch(Buffer.concat(chunks), specs.length, mode === '--batch'));
        } catch (err) {
          reject(err);
        }
      });
      child.stdin.end(`${specs.join('\n')}\n`);
    });
  }

  /**
   * The history of one file, newest first, following renames (`git log --follow`): each commit that changed it,
   * with the blob ids before and after, so one `readObjects` call can fetch every version.
   */
  async fileHistory(file: string): Promise<FileCommit[]> {
    const out = await this.run(['log', '--follow', '-M', '--raw', '-z', '--no-abbrev', '--no-color', '--format=%x01%H%x00%an%x00%ae%x00%aI%x00%s', '--', file]);
    const commits: FileCommit[] = [];
    for (const chunk of out.split('\x01')) {
      if (!chunk) continue;
      const parts = chunk.split('\0');
      const [hash, author, email, date, subject] = parts;
      if (!hash || author === undefined || email === undefined || date === undefined || subject === undefined) continue;
      // Raw entries follow: `:oldmode newmode oldoid newoid status`, then one path (two for renames and copies).
      for (let i = 5; i < parts.length; i++) {
        const m = /^\n?:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/.exec(parts[i]!);
        if (!m) continue;
        const status = m[5]!;
        const two = status === 'R' || status === 'C';
        const first = parts[i + 1];
        const second = two ? parts[i + 2] : undefined;
        if (first === undefined) break;
        i += two ? 2 : 1;
        commits.push({
          hash, author, email, date, subject, status,
          previousPath: two ? first : undefined,
          path: two ? second! : first,
          before: NO_OBJECT.test(m[3]!) ? undefined : m[3],
          after: NO_OBJECT.test(m[4]!) ? undefined : m[4],
        });
        break; // `--follow` shows one file per commit
      }
    }
    return commits;
  }

  /** The files each commit renamed (`from` → `to`, paths from the top of the work tree), in one `git show` per 200 commits. */
  async renamesIn(commits: readonly string[]): Promise<Map<string, [string, string][]>> {
    const out = new Map<string, [string, string][]>();
    for (let i = 0; i < commits.length; i += 200) {
      for (const [hash, renames] of parseRenames(await this.run(['show', '-M', '--diff-filter=R', '--name-status', '-z', '--no-color', '--format=%x01%H', ...commits.slice(i, i + 200)]))) out.set(hash, renames);
    }
    return out;
  }

  /** Every rename under `dir` in the history of HEAD, oldest first (`from` → `to`, from the top of the work tree). */
  async renamesUnder(dir: string): Promise<[string, string][]> {
    const text = await this.attempt(['log', '-M', '--diff-filter=R', '--name-status', '-z', '--no-color', '--format=%x01%H', '--', dir]);
    return text ? [...parseRenames(text).values()].reverse().flat() : [];
  }

  /** The newest commit that touched any of `files` and the path it had there, for a record that no longer exists. */
  async lastCommitOf(files: readonly string[]): Promise<{ hash: string; file: string } | undefined> {
    const out = await this.attempt(['log', '-1', '--format=%H', '--name-only', '--relative', '-z', '--', ...files]);
    if (!out) return undefined;
    const [hash, ...names] = out.trim().split(/\n|\0/).filter(Boolean);
    const file = names.find((n) => files.includes(n));
    return hash && file ? { hash, file } : undefined;
  }

  /** The commit HEAD points at, or undefined on an unborn branch. */
  async head(): Promise<string | undefined> {
    try {
      return (await this.run(['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async currentBranch(): Promise<string | undefined> {
    try {
      return (await this.run(['symbolic-ref', '--short', '-q', 'HEAD'])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** Paths (relative to the store root) with uncommitted changes, staged, unstaged or untracked. */
  async changedPaths(paths?: readonly string[]): Promise<string[]> {
    const out = await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...(paths?.length ? paths : ['.'])]);
    const entries = out.split('\0').filter(Boolean);
    // Porcelain paths are relative to the repository's top, not to the store: a store in a subfolder has a prefix.
    const prefix = (await this.run(['rev-parse', '--show-prefix'])).trim();
    const result: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const p = e.slice(3);
      if (p.startsWith(prefix)) result.push(p.slice(prefix.length));
      if (e[0] === 'R' || e[0] === 'C') i++; // the rename's source follows
    }
    return result;
  }

  /** Switch to `name`, creating it from HEAD when it does not exist; refuse when changes would come along. */
  async switchBranch(name: string): Promise<'already' | 'switched' | 'created'> {
    if (name.startsWith('-') || !name.trim()) throw new UsageError(`"${name}" is not a valid branch name`);
    try {
      await this.run(['check-ref-format', '--branch', name]);
    } catch {
      throw new UsageError(`"${name}" is not a valid branch name`, 'see `git check-ref-format --help`');
    }
    if ((await this.currentBranch()) === name) return 'already';
    const dirty = await this.changedPaths();
    if (dirty.length) {
      const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, and ${dirty.length - 5} more` : '');
      throw new CliError(`not switching to branch ${name}: the working tree has changes that would be carried along (${shown})`, 1, 'commit or stash them first (`git stash -u`), then run the command again');
    }
    let exists = true;
    try {
      await this.run(['show-ref', '--verify', '--quiet', `refs/heads/${name}`]);
    } catch {
      exists = false;
    }
    try {
      await this.run(exists ? ['switch', '-q', name] : ['switch', '-q', '-c', name]);
    } catch (err) {
      throw new CliError(`could not switch to branch ${name}: ${firstLine(err)}`);
    }
    return exists ? 'switched' : 'created';
  }

  /** `git mv -- from to` (paths relative to the store root). */
  async move(from: string, to: string): Promise<void> {
    await this.run(['mv', '--', from, to]);
  }

  /**
   * Commit exactly `paths` (new, changed, moved or deleted files) with `message`. Other staged and
   * unstaged work is left as it was. Never throws for git's own refusals: the outcome says why.
   */
  async commit(message: string, paths: readonly string[]): Promise<CommitOutcome> {
    const before = await this.head();
    try {
      // New files must be known to git before `commit --only` can take them.
      const changed = (await this.changedPaths(paths)).filter((p) => paths.includes(p));
      const toAdd = changed.filter((p) => existsSync(path.join(this.root, p)));
      if (toAdd.length) await this.run(['add', '--', ...toAdd]);
      await this.run(['commit', '--only', '-q', '-m', message, '--', ...paths]);
    } catch (err) {
      return { ok: false, reason: await this.explain(err) };
    }
    const after = await this.head();
    if (!after || after === before) return { ok: false, reason: 'git made no commit' };
    return { ok: true, hash: after };
  }

  private async explain(err: unknown): Promise<string> {
    const detail = firstLine(err);
    let lockPath: string | undefined;
    try {
      lockPath = path.resolve(this.root, (await this.run(['rev-parse', '--git-path', 'index.lock'])).trim());
    } catch {
      lockPath = undefined;
    }
    if (lockPath && existsSync(lockPath)) {
      return `another git process seems to be running (${lockPath} exists); if none is, delete that file`;
    }
    try {
      await this.run(['var', 'GIT_COMMITTER_IDENT']);
    } catch {
      return 'git does not know who you are: set `git config user.name "Your Name"` and `git config user.email you@example.org`';
    }
    return `git commit failed${detail ? `: ${detail}` : ''} (a hook may have rejected it)`;
  }
}

/** `--name-status -z` output after `%x01%H` lines: the renames of each commit. */
function parseRenames(text: string): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const chunk of text.split('\x01')) {
    const [head, ...rest] = chunk.split('\0');
    const hash = head?.trim();
    if (!hash) continue;
    const renames: [string, string][] = [];
    for (let j = 0; j < rest.length; j++) {
      if (/^\n?R\d*$/.test(rest[j]!) && rest[j + 1] !== undefined && rest[j + 2] !== undefined) {
        renames.push([rest[j + 1]!, rest[j + 2]!]);
        j += 2;
      }
    }
    out.set(hash, renames);
  }
  return out;
}

/** Parse `git cat-file --batch(-check)` output: `<oid> <type> <size>\n[<content>\n]` or `<name> missing\n`. */
function parseBatch(out: Buffer, count: number, withContent: boolean): ({ size: number; bytes?: Uint8Array } | undefined)[] {
  const result: ({ size: number; bytes?: Uint8Array } | undefined)[] = [];
  let at = 0;
  while (result.length < count) {
    const nl = out.indexOf(0x0a, at);
    if (nl === -1) throw new CliError('git cat-file gave a short answer');
    const header = out.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      result.push(undefined); // missing, ambiguous
      continue;
    }
    const size = Number(m[2]);
    if (withContent) {
      result.push({ size, bytes: m[1] === 'blob' ? out.subarray(at, at + size) : undefined });
      at += size + 1;
    } else result.push({ size });
  }
  return result;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' / ');
}
