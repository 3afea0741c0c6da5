/** Shared pieces of the end-to-end tests of the writing commands. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, REPO_ROOT, type CliResult } from '../helpers/cli.js';
import { git, GIT_ENV, type FileTree } from '../helpers/store.js';

/** The bundled records as a file tree, to copy into a temp repo. */
export function bundledRecords(): FileTree {
  const tree: FileTree = {};
  const base = path.join(REPO_ROOT, 'records');
  for (const folder of readdirSync(base)) {
    for (const name of readdirSync(path.join(base, folder))) tree[`records/${folder}/${name}`] = readFileSync(path.join(base, folder, name));
  }
  return tree;
}

export const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');
export const readBytes = (root: string, rel: string) => readFileSync(path.join(root, rel));

export function subjects(root: string): string[] {
  return git(root, 'log', '--format=%s').trim().split('\n');
}

/** `git show --stat` of HEAD, file lines only (`path | 2 +-`), without the alignment. */
export function statOf(root: string, rev = 'HEAD'): string[] {
  return git(root, 'show', '--format=', '--numstat', rev)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/\t/g, ' '));
}

/** An editor: a shell script that runs `body` with the file as $1. */
export function editorScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** The built CLI, asynchronously (for concurrent runs). */
export function dossierAsync(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', TZ: 'UTC', DOSSIER_ROOT: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
