/** Shared bits of the end-to-end tests (not a test file itself). */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { type CliResult, dossier, type RunOptions } from './cli.js';

/** A line of a Node stack trace. */
export const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$|^\s+at <anonymous>|node:internal/m;

/** Run the CLI and check what every run must satisfy: no stack trace, no colour, a real exit code. */
export function run(args: string[], options: RunOptions = {}): CliResult {
  const r = dossier(args, options);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toContain('internal error');
  // eslint-disable-next-line no-control-regex
  expect(r.stdout + r.stderr).not.toMatch(/\u001b\[/);
  expect([0, 1, 2]).toContain(r.code);
  return r;
}

export interface JsonReport {
  ok: boolean;
  root: string;
  records: number;
  errors: number;
  warnings: number;
  diagnostics: { file: string; line: number; column: number; severity: string; code: string; message: string; hint?: string }[];
}

export function runJson(args: string[], options: RunOptions = {}): { code: number; report: JsonReport; stderr: string } {
  const r = run([...args, '--format', 'json'], options);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

/** Every entry under `dir` (files, links, folders) with a content hash and mtime: equal snapshots mean nothing was written. */
/** Every path under `dir` with its content hash and mtime; `.dossier/` (the cache) is left out when `skipCache`. */
export function snapshotTree(dir: string, skipCache = false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    if (skipCache && rel === '.dossier') return;
    const abs = path.join(dir, rel);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(abs)} ${st.mtimeMs}`;
    else if (st.isDirectory()) {
      const names = readdirSync(abs).filter((n) => !(skipCache && rel === '.' && n === '.dossier'));
      out[rel] = `dir ${names.sort().join('/')}${skipCache && rel === '.' ? '' : ` ${st.mtimeMs}`}`;
      for (const name of readdirSync(abs)) walk(path.join(rel, name));
    } else out[rel] = `file ${createHash('sha256').update(readFileSync(abs)).digest('hex')} ${st.mtimeMs} ${st.mode}`;
  };
  walk('.');
  return out;
}
