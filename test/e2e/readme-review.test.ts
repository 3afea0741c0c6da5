/**
 * Every example of the README's "Review and history" section, replayed in order on a temp git repository of the
 * bundled records (with a sibling folder for `init ../new-store`): the output shown is the real output, stdout and
 * stderr in the order a terminal shows them. Commit hashes are compared as HASH.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { readmeSection, sessionSteps, shellWords } from '../helpers/readme.js';
import { git, GIT_ENV, writeTree } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

function terminal(args: string[], cwd: string, scratch: string): string {
  const file = path.join(scratch, 'terminal.txt');
  const fd = openSync(file, 'w');
  try {
    spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', TZ: 'UTC', GITHUB_ACTIONS: '', DOSSIER_ROOT: '', GITHUB_BASE_REF: '' },
      stdio: ['ignore', fd, fd],
      timeout: 20_000,
    });
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

const hashless = (text: string) =>
  text
    .replace(/committed [0-9a-f]{7} /g, 'committed HASH ')
    .replace(/\([0-9a-f]{7}\)/g, '(HASH)')
    .replace(/^[0-9a-f]{7}  /gm, 'HASH  ');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('README: Review and history', () => {
  it('every example gives the output shown (commit hashes aside)', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'dossier-readme-review-'));
    dirs.push(scratch);
    const root = path.join(scratch, 'store');
    mkdirSync(root);
    writeTree(root, bundledRecords());
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'commit.gpgsign', 'false');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial records');

    const steps = sessionSteps(readmeSection('## Review and history'));
    expect(steps.length).toBeGreaterThanOrEqual(9);
    for (const { command, output } of steps) {
      const argv = shellWords(command);
      expect(argv.slice(0, 2), command).toEqual(['npx', 'dossier']);
      const actual = terminal(argv.slice(2), root, scratch);
      expect(hashless(actual), command).toBe(hashless(output));
    }
  });
});
