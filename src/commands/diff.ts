/**
 * `dossier diff [BASE] [HEAD]`: what a change does to the records, record by record and field by field, and
 * whether it introduces validation errors. Both versions are read through git (no checkout, no copies).
 *
 * BASE defaults to the merge-base of HEAD with the default branch (in a GitHub pull request, with the branch it
 * targets), or HEAD itself on the default branch; HEAD defaults to the working tree. Exit 0 whatever changed:
 * a diff is a report, and `validate` is the gate. `--fail-on-errors` exits 1 when the change introduces errors.
 */
import { diffStores } from '../core/record-diff.js';
import { todayOf, type Context } from '../context.js';
import { NotFoundError, UsageError } from '../errors.js';
import { formatDiffJson } from '../format/diff-json.js';
import { formatDiffMarkdown } from '../format/diff-markdown.js';
import { formatDiffText, type DiffSides } from '../format/diff-text.js';
import { loadStyle } from '../format/style.js';
import { GitRepo } from '../store/git.js';
import { findRoot } from '../store/root.js';
import { loadSnapshot, ParseCache, type Revision } from '../store/snapshot.js';
import { formatArg } from './args.js';

export interface DiffCommandOptions {
  base?: string;
  head?: string;
  format?: string;
  root?: string;
  failOnErrors?: boolean;
}

export interface ResolvedSide {
  revision: Revision;
  side: DiffSides['base'];
}

const short = (hash: string) => hash.slice(0, 7);

/** The repository the store is in; diff and log need one. */
export async function openRepo(ctx: Context, rootFlag: string | undefined, command: string): Promise<{ root: string; repo: GitRepo }> {
  const root = findRoot(ctx.cwd, rootFlag, ctx.env);
  const repo = await GitRepo.open(root, ctx.env);
  if (!repo) {
    throw new UsageError(`dossier ${command} reads the history in git, and ${root} is not in a git work tree`, 'run `git init` and commit the records first (`dossier init` does both)');
  }
  return { root, repo };
}

/** A revision the user named, as a commit. */
export async function commitSide(repo: GitRepo, rev: string): Promise<ResolvedSide> {
  const commit = await repo.resolveCommit(rev);
  if (!commit) throw new NotFoundError(`unknown revision "${rev}"`, 'give a commit, a branch, a tag or an expression such as HEAD~1; `git log --oneline` lists commits');
  return { revision: { kind: 'commit', commit }, side: { revision: rev, commit, description: `${rev} (${short(commit)})` } };
}

/** The default BASE: the merge-base with the default branch (or the pull request's base branch), else HEAD. */
export async function defaultBase(repo: GitRepo, env: Context['env']): Promise<ResolvedSide> {
  const head = await repo.head();
  if (!head) return { revision: { kind: 'empty' }, side: { revision: null, commit: null, description: 'nothing (no commits yet)' } };
  const onHead: ResolvedSide = { revision: { kind: 'commit', commit: head }, side: { revision: 'HEAD', commit: head, description: `HEAD (${short(head)})` } };
  const prBase = env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : undefined;
  const target = (prBase && (await repo.resolveCommit(prBase)) ? prBase : undefined) ?? (await repo.defaultBranch());
  if (!target) return onHead;
  const current = await repo.currentBranch();
  if (current !== undefined && current === target.replace(/^origin\//, '')) return onHead;
  const targetCommit = await repo.resolveCommit(target);
  const base = targetCommit && (await repo.mergeBase(head, targetCommit));
  if (!base) return onHead;
  if (base === head) return onHead;
  return { revision: { kind: 'commit', commit: base }, side: { revision: base, commit: base, description: `merge-base with ${target} (${short(base)})` } };
}

export async function runDiff(opts: DiffCommandOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ['text', 'markdown', 'json'] as const, 'text');
  const { root, repo } = await openRepo(ctx, opts.root, 'diff');
  const base = opts.base !== undefined ? await commitSide(repo, opts.base) : await defaultBase(repo, ctx.env);
  const head: ResolvedSide = opts.head !== undefined
    ? await commitSide(repo, opts.head)
    : { revision: { kind: 'worktree' }, side: { revision: null, commit: null, description: 'working tree' } };

  const today = todayOf(ctx);
  const cache = new ParseCache();
  const baseSnapshot = await loadSnapshot(root, repo, base.revision, { today, cache });
  const headSnapshot = await loadSnapshot(root, repo, head.revision, { today, cache });
  const diff = diffStores(baseSnapshot, headSnapshot);
  const sides: DiffSides = { base: base.side, head: head.side };

  if (format === 'json') ctx.io.stdout.write(formatDiffJson(diff, sides));
  else if (format === 'markdown') ctx.io.stdout.write(formatDiffMarkdown(diff, sides));
  else ctx.io.stdout.write(formatDiffText(diff, sides, await loadStyle(ctx.io.color)));

  const introducedErrors = diff.validation.introduced.some((d) => d.severity === 'error');
  return opts.failOnErrors && introducedErrors ? 1 : 0;
}
