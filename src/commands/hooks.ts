/**
 * `dossier hooks install|uninstall`: a git pre-commit hook that validates what the commit would hold — the
 * staged records, read from the index, not the working tree — and stops the commit when they have errors.
 *
 * The hook is a marked block of shell in the pre-commit file git uses (core.hooksPath honoured), put after the
 * first line of a shell hook already there, so both run; uninstall removes the block and nothing else (and the
 * file, when nothing else is left). The block runs the dossier that installed it (node and bin/dossier.js by
 * absolute path, so it works whatever PATH a git client has), falling back to `npx --no-install dossier` when
 * that dossier has gone (a reinstall, a moved clone).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countDiagnostics, sortDiagnostics } from '../core/diagnostic.js';
import { todayOf, type Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { formatDiagnosticsPretty } from '../format/diagnostics-pretty.js';
import { loadStyle } from '../format/style.js';
import { GitRepo } from '../store/git.js';
import { findOwnPackage } from '../store/own-package.js';
import { findRoot } from '../store/root.js';
import { loadSnapshot, snapshotSources } from '../store/snapshot.js';
import { writeFileAtomic } from '../store/write.js';
import { displayPath } from './init.js';

export interface HooksOptions {
  action: 'install' | 'uninstall' | 'run-pre-commit';
  root?: string;
}

export const BEGIN = '# >>> dossier pre-commit hook >>>';
export const END = '# <<< dossier pre-commit hook <<<';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** bin/dossier.js of this installation. */
function launcher(): string {
  const own = findOwnPackage(path.dirname(fileURLToPath(import.meta.url)));
  if (!own) throw new CliError('cannot find dossier\'s own bin/dossier.js to run from the hook');
  return path.join(own.dir, 'bin', 'dossier.js');
}

export function hookBlock(node: string, bin: string, rootFromTop: string): string {
  const args = `hooks run-pre-commit --root ${quote(rootFromTop)}`;
  return [
    BEGIN,
    '# Validates the staged records and stops the commit when they have errors (`git commit --no-verify` skips it).',
    '# Added by `dossier hooks install`; `dossier hooks uninstall` removes this block and nothing else.',
    `dossier_node=${quote(node)}`,
    `dossier_bin=${quote(bin)}`,
    'if [ -x "$dossier_node" ] && [ -f "$dossier_bin" ]; then',
    `  "$dossier_node" "$dossier_bin" ${args} || exit 1`,
    'elif command -v npx >/dev/null 2>&1; then',
    `  npx --no-install dossier ${args} || exit 1`,
    'else',
    '  echo "dossier pre-commit hook: dossier is not installed here; run npm install (or commit with --no-verify)" >&2',
    '  exit 1',
    'fi',
    END,
  ].join('\n');
}

/** The hook's text without the dossier block (undefined when there is none). */
export function withoutBlock(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  if (start === -1) return undefined;
  const endAt = text.indexOf(END, start);
  if (endAt === -1) return undefined;
  let end = endAt + END.length;
  if (text[end] === '\n') end++;
  return text.slice(0, start) + text.slice(end);
}

const SHELL = /^#!.*\b(sh|bash|dash|zsh|ksh|ash)\b/;

/** The hook's new text with the block in it: after the first line of a shell hook, replacing an older block. */
export function withBlock(existing: string | undefined, block: string, manual: string): string {
  const rest = existing === undefined ? undefined : (withoutBlock(existing) ?? existing);
  if (rest === undefined || !rest.trim()) return `#!/bin/sh\n${block}\n`;
  const firstLine = rest.split('\n', 1)[0]!;
  if (!SHELL.test(firstLine)) {
    throw new CliError(
      'the pre-commit hook there is not a shell script, so dossier will not add to it',
      1,
      `make it run this command and stop the commit when it fails: ${manual}`,
    );
  }
  return `${firstLine}\n${block}\n${rest.slice(firstLine.length + 1)}`;
}

async function openHookRepo(ctx: Context, rootFlag: string | undefined, env: Context['env']) {
  const root = findRoot(ctx.cwd, rootFlag, env);
  const repo = await GitRepo.open(root, env);
  if (!repo) throw new UsageError(`${root} is not in a git work tree, so there is no commit to check`, 'run `git init` first (`dossier init` does it)');
  return { root, repo };
}

async function install(ctx: Context, rootFlag: string | undefined): Promise<number> {
  const { root, repo } = await openHookRepo(ctx, rootFlag, ctx.env);
  const file = await repo.gitPath('hooks/pre-commit');
  const shown = displayPath(ctx.cwd, file);
  const rootFromTop = path.relative(await repo.topLevel(), root).split(path.sep).join('/') || '.';
  const bin = launcher();
  const block = hookBlock(process.execPath, bin, rootFromTop);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const text = withBlock(existing, block, `${quote(process.execPath)} ${quote(bin)} hooks run-pre-commit --root ${quote(rootFromTop)}`);
  const had = existing !== undefined && withoutBlock(existing) !== undefined;
  if (text === existing) {
    ctx.io.stdout.write(`the dossier pre-commit hook is already in ${shown}\n`);
    return 0;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const mode = existing !== undefined ? statSync(file).mode & 0o777 : 0o755;
  writeFileAtomic(file, text);
  chmodSync(file, mode & 0o100 ? mode : mode | 0o111); // git runs only executable hooks
  const what = had ? 'updated the dossier pre-commit hook in' : existing !== undefined ? 'added the dossier pre-commit hook to' : 'installed the dossier pre-commit hook in';
  ctx.io.stdout.write(`${what} ${shown}\n`);
  ctx.io.stderr.write('note: every commit now checks the staged records; `git commit --no-verify` skips the check once\n');
  return 0;
}

async function uninstall(ctx: Context, rootFlag: string | undefined): Promise<number> {
  const { repo } = await openHookRepo(ctx, rootFlag, ctx.env);
  const file = await repo.gitPath('hooks/pre-commit');
  const shown = displayPath(ctx.cwd, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const rest = existing === undefined ? undefined : withoutBlock(existing);
  if (rest === undefined) {
    ctx.io.stdout.write(`no dossier pre-commit hook in ${shown}; nothing to remove\n`);
    return 0;
  }
  if (!rest.replace(/^#!.*\n?/, '').trim()) {
    rmSync(file);
    ctx.io.stdout.write(`removed ${shown}\n`);
  } else {
    const mode = statSync(file).mode & 0o777;
    writeFileAtomic(file, rest);
    chmodSync(file, mode);
    ctx.io.stdout.write(`removed the dossier pre-commit hook from ${shown}; the rest of the hook is unchanged\n`);
  }
  return 0;
}

/** Git gives hooks some paths relative to the folder it runs them in; make them absolute before moving elsewhere. */
function hookEnv(ctx: Context): Context['env'] {
  const env = { ...ctx.env };
  for (const key of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY']) {
    const v = env[key];
    if (v && !path.isAbsolute(v)) env[key] = path.resolve(ctx.cwd, v);
  }
  return env;
}

async function runPreCommit(ctx: Context, rootFlag: string | undefined): Promise<number> {
  const env = hookEnv(ctx);
  const { root, repo } = await openHookRepo(ctx, rootFlag, env);
  // A commit that leaves records/ as it is cannot break it.
  if (!(await repo.hasStagedChanges('records'))) return 0;
  const snapshot = await loadSnapshot(root, repo, { kind: 'index' }, { today: todayOf(ctx) });
  const errors = sortDiagnostics(snapshot.diagnostics.filter((d) => d.severity === 'error'));
  if (!errors.length) return 0;
  const counts = countDiagnostics(snapshot.diagnostics);
  const style = await loadStyle(ctx.io.colorErr);
  const rel = (f: string) => path.relative(ctx.cwd, path.join(root, f)).split(path.sep).join('/');
  const shown = errors.map((d) => ({ ...d, file: rel(d.file) }));
  const sources = new Map([...snapshotSources(snapshot, errors)].map(([f, lines]) => [rel(f), lines] as const));
  ctx.io.stderr.write(formatDiagnosticsPretty(shown, sources, { records: snapshot.records.length, ...counts }, style));
  ctx.io.stderr.write(`dossier: the commit was stopped: the staged records have ${errors.length} error${errors.length === 1 ? '' : 's'} (warnings do not stop it)\n`);
  ctx.io.stderr.write('hint: fix the files and `git add` them again, or commit anyway with `git commit --no-verify`\n');
  return 1;
}

export async function runHooks(opts: HooksOptions, ctx: Context): Promise<number> {
  switch (opts.action) {
    case 'install':
      return install(ctx, opts.root);
    case 'uninstall':
      return uninstall(ctx, opts.root);
    case 'run-pre-commit':
      return runPreCommit(ctx, opts.root);
  }
}
