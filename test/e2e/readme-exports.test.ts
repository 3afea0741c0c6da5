/**
 * The README's "Exports" examples, run on a copy of the bundled records: every excerpt shown is part of the
 * real output. In an excerpt, a line `…` stands for lines left out; the pieces between must appear in the
 * output in that order, each as whole lines. An example without `…` must be the whole output.
 */
import { describe, expect, it } from 'vitest';
import { readmeSection, sessionSteps } from '../helpers/readme.js';
import { run } from '../helpers/e2e.js';
import { gitStore } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

/** Is every piece of `expected` (split at `…` lines) in `actual`, as whole lines, in order? */
function excerptOf(expected: string, actual: string): boolean {
  const pieces = expected.split(/^…\n?/m);
  if (pieces.length === 1) return expected === actual;
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (piece === '') continue;
    const found = i === 0 ? (actual.startsWith(piece) ? 0 : -1) : actual.indexOf(piece, at);
    if (found === -1 || (found > 0 && actual[found - 1] !== '\n')) return false;
    at = found + piece.length;
  }
  return true;
}

describe('README: Exports', () => {
  const all = sessionSteps(readmeSection('## Exports')).map((s) => ({ command: s.command, expected: s.output }));

  it('shows every kind of export, as the issue asks', () => {
    const commands = all.map((s) => s.command);
    for (const kind of ['report', 'summary', 'csv', 'json', 'ics', 'popolo']) expect(commands.some((c) => c.startsWith(`npx dossier export ${kind}`)), kind).toBe(true);
    expect(commands).toContain('npx dossier export report --from 2018-01-01 --to 2019-12-31');
    expect(commands).toContain('npx dossier export csv organisation --excel --out orgs.csv');
  });

  it('the excerpt checker is strict', () => {
    expect(excerptOf('a\n…\nc\n', 'a\nb\nc\n')).toBe(true);
    expect(excerptOf('a\n…\nc\n', 'a\nb\nxc\n')).toBe(false);
    expect(excerptOf('c\n…\na\n', 'a\nb\nc\n')).toBe(false);
    expect(excerptOf('a\n', 'a\nb\n')).toBe(false);
  });

  it('every example gives the output shown', () => {
    const root = gitStore(bundledRecords());
    for (const step of all) {
      const [npx, bin, ...args] = step.command.split(' ');
      expect([npx, bin], step.command).toEqual(['npx', 'dossier']);
      // Only exports: nothing here may change the records.
      expect(args[0], step.command).toBe('export');
      const r = run(args, { cwd: root });
      expect(r.code, `${step.command}\n${r.stderr}`).toBe(0);
      // Shown as a terminal shows it: stderr after stdout, CRLF as line ends.
      const actual = (r.stdout + r.stderr).replace(/\r\n/g, '\n');
      expect(excerptOf(step.expected, actual), `${step.command}\n--- shown:\n${step.expected}\n--- actual:\n${actual.slice(0, 3000)}`).toBe(true);
    }
  });
});
