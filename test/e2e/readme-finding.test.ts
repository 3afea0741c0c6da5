/**
 * Every example of the README's "Finding things" section, run as written on a copy of the bundled
 * records: the output shown must be the real output. Examples are run in-process through the built CLI with a
 * 100-column terminal (tables are what a person sees), and spawned once more to check that each also
 * works piped.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { readmeSection, shellWords } from '../helpers/readme.js';
import { find } from './find-fixture.js';

interface Example {
  command: string;
  output: string;
}

/** Only read commands belong here; anything else would change the records it runs on. */
const READ_COMMANDS = new Set(['list', 'show', 'search', 'actions', 'stats']);

function examples(): Example[] {
  const out: Example[] = [];
  for (const m of readmeSection('## Finding things').matchAll(/```console\n\$ npx dossier (.*)\n([\s\S]*?)```/g)) out.push({ command: m[1]!, output: m[2]! });
  return out;
}

async function onTerminal(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = (await import(path.join(REPO_ROOT, 'dist/src/cli.js'))) as typeof import('../../src/cli.js');
  const { memoryIO } = (await import(path.join(REPO_ROOT, 'dist/src/io.js'))) as typeof import('../../src/io.js');
  const io = memoryIO({ isTTY: true, columns: 100, color: false });
  const code = await runCli(args, { cwd, env: {}, io, now: () => new Date() });
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('README: Finding things', () => {
  const all = examples();
  // A copy of the bundled records, so that no example can ever touch the real ones.
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dossier-readme-'));
    cpSync(path.join(REPO_ROOT, 'records'), path.join(root, 'records'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has the examples of the issue', () => {
    const commands = all.map((e) => e.command);
    expect(commands).toEqual(
      expect.arrayContaining([
        'list proposals --where status=submitted,under-review',
        'show office-for-combating-drugs',
        'search decriminalisation',
        'actions --status open',
        'list organisations --where kind=civil-society --format csv',
      ]),
    );
  });

  it('splits command lines as a shell would', () => {
    expect(shellWords(`list meetings --where 'date>=2019' --where "a b" ''`)).toEqual(['list', 'meetings', '--where', 'date>=2019', '--where', 'a b', '']);
  });

  it.each(all.map((e) => [e.command, e] as const))('$ npx dossier %s', async (_command, example) => {
    const args = shellWords(example.command);
    expect(READ_COMMANDS.has(args[0]!)).toBe(true);
    const tty = await onTerminal(args, root);
    expect(tty.stderr).toBe('');
    expect(tty.code).toBe(0);
    // CSV lines end with CRLF (RFC 4180); the README shows them as lines.
    expect(tty.stdout.replace(/\r\n/g, '\n')).toBe(example.output);

    const piped = find(args, root);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toBe('');
  });
});
