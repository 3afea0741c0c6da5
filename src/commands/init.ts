/**
 * `dossier init [DIR]`: a new, valid, empty store with its review workflow — records/ with the five folders,
 * a README for the secretariat, the CI workflow, a pull-request template, .gitattributes, .gitignore and a
 * package.json that installs dossier — then `git init` when needed and a first commit of exactly those files.
 *
 * It never overwrites a file that differs from what it would write, unless --force, and even then only the
 * files it writes; a file that already holds exactly that content is left alone, so init can be run again.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initFiles } from '../core/init-templates.js';
import { slug } from '../core/slug.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { finishHint, GitRepo } from '../store/git.js';
import { findOwnPackage } from '../store/own-package.js';
import { writeFileAtomic } from '../store/write.js';
import { formatArg } from './args.js';

export interface InitOptions {
  dir?: string;
  force: boolean;
  dossierSpec?: string;
  /** false with --no-commit. */
  commit: boolean;
  format?: string;
}

export const INIT_MESSAGE = 'Start a dossier store';

/** A path as the user would type it from where they are: relative when near, else absolute. */
export function displayPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  if (rel === '') return '.';
  return path.isAbsolute(rel) || rel.startsWith(`..${path.sep}..`) ? p : rel.split(path.sep).join('/');
}

/** This dossier's package name and version, for the new store's dependency. */
function ownPackage(): { name: string; version: string } {
  return findOwnPackage(path.dirname(fileURLToPath(import.meta.url))) ?? { name: 'dossier', version: 'latest' };
}

/** `--dossier-spec`: a version, range, tag, git URL or path; `dossier@1.2.0` is taken as `1.2.0`. */
export function dependencySpec(raw: string | undefined, own: { name: string; version: string }): string {
  if (raw === undefined) return own.version;
  const spec = raw.trim().startsWith(`${own.name}@`) ? raw.trim().slice(own.name.length + 1) : raw.trim();
  if (!spec || /[\s"]/.test(spec)) throw new UsageError(`--dossier-spec "${raw}" is not a dependency spec`, 'e.g. 0.1.0, ^0.2.0, github:our-network/dossier#v0.1.0 or git+https://example.org/dossier.git');
  return spec;
}

type Outcome = 'created' | 'overwritten' | 'unchanged';

function plan(root: string, files: ReadonlyMap<string, string>, force: boolean): Map<string, Outcome> {
  const outcome = new Map<string, Outcome>();
  const conflicts: string[] = [];
  const blocked: string[] = [];
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    // A parent that is a file (a `.github` file, say) can never be written through.
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = path.join(root, ...parts.slice(0, i));
      try {
        if (!lstatSync(parent).isDirectory()) blocked.push(parts.slice(0, i).join('/'));
      } catch {
        break;
      }
    }
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      outcome.set(rel, 'created');
      continue;
    }
    if (st.isDirectory()) blocked.push(rel);
    else if (st.isFile() && readFileSync(abs, 'utf8') === content) outcome.set(rel, 'unchanged');
    else {
      conflicts.push(rel);
      outcome.set(rel, 'overwritten');
    }
  }
  if (blocked.length) {
    const list = [...new Set(blocked)];
    throw new CliError(`cannot write the store's files: ${list.join(', ')} ${list.length === 1 ? 'is' : 'are'} in the way (not a file init writes)`, 1, 'move it away, or choose another folder');
  }
  if (conflicts.length && !force) {
    throw new CliError(
      `these files exist and differ from what init writes, so nothing was written:\n${conflicts.map((c) => `  ${c}`).join('\n')}`,
      1,
      'run `dossier init --force` to overwrite exactly these files (nothing else is touched), or choose an empty folder',
    );
  }
  return outcome;
}

export async function runInit(opts: InitOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ['pretty', 'json'] as const, 'pretty');
  const own = ownPackage();
  const spec = dependencySpec(opts.dossierSpec, own);
  const root = path.resolve(ctx.cwd, opts.dir ?? '.');
  if (existsSync(root) && !lstatSync(root).isDirectory()) throw new UsageError(`${root} exists and is not a folder`);
  const files = initFiles({ packageName: slug(path.basename(root)) || 'records', dossierSpec: spec, dossierName: own.name });
  const outcome = plan(root, files, opts.force);

  mkdirSync(root, { recursive: true });
  const written: string[] = [];
  for (const [rel, content] of files) {
    if (outcome.get(rel) === 'unchanged') continue;
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileAtomic(abs, content);
    written.push(rel);
  }

  // git: the store's own repository, or the one it is in.
  const notes: string[] = [];
  let repo = await GitRepo.open(root, ctx.env);
  let initialised = false;
  if (!repo) {
    try {
      repo = await GitRepo.init(root, ctx.env);
      initialised = repo !== undefined;
    } catch (err) {
      notes.push(`git init failed, so nothing was committed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  if (repo) {
    const top = await repo.topLevel();
    if (path.relative(top, root) !== '') {
      notes.push(`the store is inside the repository at ${displayPath(ctx.cwd, top)}: GitHub runs workflows only from .github/ at the top of a repository, so move .github/workflows/records.yml and pages.yml there (and set --root in them)`);
    }
  }

  let committed = false;
  let hash: string | undefined;
  let failure: string | undefined;
  // Only what differs from the last commit: a file put back as it was committed has nothing to commit.
  let toCommit: string[] = [];
  if (repo && opts.commit && written.length) {
    await repo.add(written);
    toCommit = await repo.stagedAmong(written);
  }
  if (repo && toCommit.length) {
    const result = await repo.commit(INIT_MESSAGE, toCommit);
    if (result.ok) {
      committed = true;
      hash = result.hash;
    } else failure = result.reason ?? 'git commit failed';
  }

  const list = (o: Outcome) => [...files.keys()].filter((f) => outcome.get(f) === o);
  if (format === 'json') {
    const doc = {
      root, created: list('created'), overwritten: list('overwritten'), unchanged: list('unchanged'),
      git_initialised: initialised, committed, commit: hash ?? null, message: committed ? INIT_MESSAGE : null, dossier: spec,
    };
    ctx.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else if (!written.length) {
    ctx.io.stdout.write(`every file of a dossier store is already in ${displayPath(ctx.cwd, root)}; nothing to write\n`);
  } else {
    const lines = initialised ? [`initialised a git repository in ${displayPath(ctx.cwd, root)}`] : [];
    for (const f of list('created')) lines.push(`created ${f}`);
    for (const f of list('overwritten')) lines.push(`overwrote ${f}`);
    if (committed) lines.push(`committed ${hash!.slice(0, 7)} ${INIT_MESSAGE}`);
    else if (!opts.commit) lines.push('not committed (--no-commit)');
    else if (!repo) lines.push('not committed: no git repository');
    else if (!failure && !toCommit.length) lines.push('nothing to commit: the files are as last committed');
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    if (!failure) {
      const where = displayPath(ctx.cwd, root);
      ctx.io.stderr.write(`next: ${where !== '.' ? `cd ${where} && ` : ''}npm install, then add records with \`npx dossier new\`; push to GitHub and every push and pull request is checked\n`);
    }
  }
  if (failure) {
    ctx.io.stderr.write(`dossier: the files were written but not committed: ${failure}\n`);
    ctx.io.stderr.write(`hint: ${finishHint(root, INIT_MESSAGE, toCommit)}\n`);
  }
  for (const n of notes) ctx.io.stderr.write(`note: ${n}\n`);
  return failure ? 1 : 0;
}
