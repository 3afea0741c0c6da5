/** What a person sees on a terminal: the built CLI run in-process with a fake TTY of a given width. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { useFindStore } from './find-fixture.js';

const store = useFindStore();

async function tty(args: string[], options: { columns?: number; color?: boolean } = {}) {
  const { runCli } = (await import(path.join(REPO_ROOT, 'dist/src/cli.js'))) as typeof import('../../src/cli.js');
  const { memoryIO } = (await import(path.join(REPO_ROOT, 'dist/src/io.js'))) as typeof import('../../src/io.js');
  const io = memoryIO({ isTTY: true, columns: options.columns ?? 100, color: options.color ?? false });
  const code = await runCli(args, { cwd: store.root(), env: {}, io, now: () => new Date('2019-03-01T12:00:00Z') });
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('on a terminal', () => {
  it('list: aligned columns under a header, cut to the width', async () => {
    const r = await tty(['list', 'organisations'], { columns: 60 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +KIND +COUNTRY +PARENT$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines.find((l) => l.startsWith('office-fo'))).toMatch(/^office-fo\S* +Office fo\S* +governme\S* +RS +Governm\S*…$/);
    // Every column starts at the same place on every line.
    const at = lines[0]!.indexOf('KIND');
    for (const line of lines.slice(1)) expect(line[at - 1]).toBe(' ');
  });

  it('list: an empty result says so on stderr and exits 0', async () => {
    const r = await tty(['list', 'meetings', '--where', 'date>2030']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'no meetings match\n' });
  });

  it('search: matches highlighted in colour, plain without', async () => {
    const coloured = await tty(['search', 'zajecar'], { color: true });
    // eslint-disable-next-line no-control-regex
    expect(coloured.stdout).toMatch(/\u001b\[1m\u001b\[33mZaječar\u001b\[39m\u001b\[22m/);
    const plain = await tty(['search', 'zajecar']);
    expect(plain.stdout).toBe('Timočki omladinski centar  organisation · timocki-centar\n  Zaječar\n');
  });

  it('actions: overdue in red and said in words', async () => {
    const r = await tty(['actions', '--overdue'], { color: true });
    expect(r.stdout).toContain('\u001b[31m2019-01-15\u001b[39m');
    expect(r.stdout).toContain('open (overdue)');
  });

  it('csv shows control characters escaped', async () => {
    const r = await tty(['list', 'organisations', '--where', 'id=hostile-org', '--fields', 'name', '--format', 'csv']);
    expect(r.stdout).toBe('name\r\nEvil\\u001b[31m Org\\u202e\r\n');
  });

  it('show: the heading in bold when colour is on', async () => {
    const r = await tty(['show', 'gov'], { color: true });
    expect(r.stdout.startsWith('\u001b[1mGovernment of Serbia\u001b[22m\n')).toBe(true);
  });
});
