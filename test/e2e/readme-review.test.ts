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
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { git, GIT_ENV, writeTree } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

/** The section, up to the next `## ` heading outside a code block (the Markdown example holds `## ` lines). */
function section(): string {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.indexOf('## Review and history');
  expect(start).toBeGreaterThan(-1);
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    else if (!fenced && lines[i]!.startsWith('## ')) return lines.slice(start, i).join('\n');
  }
  return lines.slice(start).join('\n');
}

function transcript(): { command: string; output: string }[] {
  const steps: { command: string; output: string }[] = [];
  for (const block of section().matchAll(/```shell-session\n([\s\S]*?)```/g)) {
    for (const part of block[1]!.split(/^\$ /m).filter(Boolean)) {
      const [command, ...rest] = part.split('\n');
      steps.push({ command: command!, output: rest.join('\n') });
    }
  }
  return steps;
}

/** Shell words: spaces split, quotes group (also inside a word: name="Drug Policy Network"). */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === ' ') {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

/** The CLI with stdout and stderr into one file, so the output is in the order a terminal shows. */
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

    const steps = transcript();
    expect(steps.length).toBeGreaterThanOrEqual(9);
    for (const { command, output } of steps) {
      const argv = words(command);
      expect(argv.slice(0, 2), command).toEqual(['npx', 'dossier']);
      const actual = terminal(argv.slice(2), root, scratch);
      expect(hashless(actual), command).toBe(hashless(output));
    }
  });
});
