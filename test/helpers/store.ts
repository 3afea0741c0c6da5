/** Temp stores and git repos built from an inline object of files, removed after the test. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

export type FileTree = Record<string, string | Uint8Array | { symlink: string }>;

/** Fixed identity and dates so commits are reproducible; no user config leaks in. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Secretary',
  GIT_AUTHOR_EMAIL: 'secretary@example.org',
  GIT_COMMITTER_NAME: 'Test Secretary',
  GIT_COMMITTER_EMAIL: 'secretary@example.org',
  GIT_AUTHOR_DATE: '2019-03-01T10:00:00Z',
  GIT_COMMITTER_DATE: '2019-03-01T10:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function writeTree(root: string, files: FileTree): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink, file);
    else writeFileSync(file, content);
  }
}

/** A temp folder with `files` (and an empty records/ so it is a store). */
export function tempStore(files: FileTree = {}, options: { keep?: boolean } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dossier-test-'));
  mkdirSync(path.join(root, 'records'), { recursive: true });
  writeTree(root, files);
  if (!options.keep) onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/** A temp git repo holding `files` in one commit on `main` (`keep`: not removed after the test, e.g. in beforeAll). */
export function gitStore(files: FileTree = {}, options: { keep?: boolean } = {}): string {
  const root = tempStore(files, options);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', GIT_ENV.GIT_AUTHOR_NAME);
  git(root, 'config', 'user.email', GIT_ENV.GIT_AUTHOR_EMAIL);
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'config', 'gc.auto', '0');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', 'initial records');
  return root;
}
