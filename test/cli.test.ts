/** The composition root: a run declares only the command it names, and behaves as if all were declared. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import { REPO_ROOT } from './helpers/cli.js';
import { run } from './helpers/e2e.js';
import { tempStore } from './helpers/store.js';

// The built module, as the CLI runs it: it reads the version from the package.json two folders up.
const { buildProgram, COMMANDS, commandsFor } = (await import(path.join(REPO_ROOT, 'dist/src/cli.js'))) as typeof import('../src/cli.js');

const ctx = { cwd: '/', env: {}, io: { stdout: { write: () => true }, stderr: { write: () => true } }, now: () => new Date() } as unknown as Context;
const declared = (argv: string[]) => buildProgram(ctx, () => undefined, commandsFor(argv)).commands.map((c) => c.name());

describe('which commands a run declares', () => {
  it('COMMANDS names every top-level command, in help order', () => {
    expect(declared(['--help'])).toEqual([...COMMANDS]);
  });

  it('only the one named, wherever the global flags are', () => {
    expect(declared(['list', 'meetings', '--where', 'date>=2019'])).toEqual(['list']);
    expect(declared(['--no-cache', 'validate'])).toEqual(['validate']);
    expect(declared(['export', 'csv', 'people'])).toEqual(['export']);
  });

  it('all for help, an unknown or misspelt command, or nothing; none for a bare --version', () => {
    for (const argv of [[], ['--help'], ['help', 'list'], ['validat'], ['-v', '--help']]) expect(declared(argv)).toEqual([...COMMANDS]);
    expect(declared(['--version'])).toEqual([]);
    expect(declared(['-v'])).toEqual([]);
  });
});

describe('the CLI with one command declared', () => {
  const VALID = { 'records/organisations/dpnsee.md': '---\nname: DPNSEE\nkind: network\n---\n' };

  it('runs it, with global flags before it, and prints the version', () => {
    const root = tempStore(VALID);
    expect(run(['--no-cache', 'validate'], { cwd: root })).toMatchObject({ code: 0 });
    const version = run(['--version'], { cwd: root });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('still suggests the command meant, and helps with any command', () => {
    const root = tempStore(VALID);
    expect(run(['lsit', 'meetings'], { cwd: root }).stderr).toMatch(/unknown command 'lsit'[\s\S]*list/);
    const help = run(['help', 'list'], { cwd: root });
    expect(help.stdout).toContain('Usage: dossier list');
    expect(run(['--help'], { cwd: root }).stdout).toMatch(/validate[\s\S]*export/);
  });
});
