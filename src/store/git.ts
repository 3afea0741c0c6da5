/**
 * The git adapter (simple-git): is the store in a work tree, which files have uncommitted changes, branch
 * switching for `--branch`, `git mv`, and commits limited to the files dossier changed.
 *
 * Commits use `git commit --only -- <paths>`: git builds the commit from HEAD plus the working-tree state
 * of exactly those paths, so whatever else the user has staged or changed stays as it was (staged stays
 * staged, unstaged stays unstaged), and hooks run as usual. Values from records never reach an option
 * position: every path list follows `--`, and branch names starting with `-` are refused.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
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

/** The commands that finish a commit dossier could not make. */
export function finishHint(message: string, paths: readonly string[]): string {
  const p = paths.map(shellQuote).join(' ');
  return `finish it with: git add -A -- ${p} && git commit -m ${shellQuote(message)} -- ${p}`;
}

export class GitRepo {
  private constructor(
    private readonly git: SimpleGit,
    /** The store root (the working directory of every git command). */
    readonly root: string,
  ) {}

  /** The repository the store is in, or undefined outside a git work tree (or when git is missing). */
  static async open(root: string, env: Record<string, string | undefined>): Promise<GitRepo | undefined> {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
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
    return new GitRepo(git, root);
  }

  private async run(args: string[]): Promise<string> {
    return this.git.raw(args);
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
    const result: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      result.push(e.slice(3));
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

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' / ');
}
