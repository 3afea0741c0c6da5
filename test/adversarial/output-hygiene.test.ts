/**
 * Output hygiene, through a real shell and a real terminal (util-linux `script` gives dossier a pseudo-terminal):
 * - `dossier ... | head -1` ends quietly: exit 0, nothing on stderr (EPIPE is a normal end), for every command
 *   with long output;
 * - colour only on a terminal, and never with NO_COLOR, TERM=dumb or FORCE_COLOR=0;
 * - terminal control characters in record values are shown escaped in every human-readable output, on a real
 *   terminal too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { dossierEnv, STACK_LINE } from './harness.js';

let big: string;
let hostile: string;
const E = '\u001b';

beforeAll(() => {
  // long outputs (well over a pipe's 64 KiB) and a store of hostile values
  big = mkdtempSync(path.join(tmpdir(), 'dossier-hygiene-'));
  mkdirSync(path.join(big, 'records/organisations'), { recursive: true });
  mkdirSync(path.join(big, 'records/meetings'), { recursive: true });
  for (let i = 0; i < 1500; i++) {
    writeFileSync(path.join(big, `records/organisations/org-${i}.md`), `---\nname: Organisation number ${i} of a long list\nkind: network\n---\nA body with the word network in it.\n`);
  }
  for (let i = 0; i < 300; i++) {
    writeFileSync(path.join(big, `records/meetings/m-${i}.md`), `---\ntitle: Meeting ${i} of the network\ndate: 2019-01-${String(1 + (i % 28)).padStart(2, '0')}\nhost: org-${i}\nactions:\n  - task: Follow up ${i}\n    owner: org-1\n    due: 2019-02-01\n---\n`);
  }
  writeFileSync(path.join(big, 'records/organisations/long.md'), `---\nname: Long\nkind: network\n---\n${'A long body line.\n'.repeat(20_000)}`);
  hostile = mkdtempSync(path.join(tmpdir(), 'dossier-hygiene-'));
  mkdirSync(path.join(hostile, 'records/organisations'), { recursive: true });
  mkdirSync(path.join(hostile, 'records/meetings'), { recursive: true });
  mkdirSync(path.join(hostile, 'records/people'), { recursive: true });
  writeFileSync(path.join(hostile, 'records/organisations/evil.md'), `---\nname: "Evil\\e[2J\\e]0;owned\\a Org"\nkind: network\ncity: "\\x9b31mC1"\n---\nBody ${E}[41mred${E}[0m and ${E}]8;;http://x.example/${E}\\link${E}]8;;${E}\\ \u202eevil\n`);
  writeFileSync(path.join(hostile, 'records/meetings/2019-02-25-m.md'), `---\ntitle: "Meet\\e[5ming"\ndate: 2019-02-25\nhost: evil\nparticipants: [evil]\noutcomes: ["said \\e[31mthis"]\nactions:\n  - task: "Do \\e[2Jit"\n    owner: evil\n    due: 2019-01-01\n---\nMinutes \u0007\u0008\n`);
  writeFileSync(path.join(hostile, 'records/people/p.md'), `---\nname: "Per\\e[1Kson"\norganisation: evil\nrole: "r\\rr"\nvisibility: public\n---\n`);
  writeFileSync(path.join(hostile, `records/people/bad${E}[31m.md`), '---\nname: Bad File Name\n---\n');
});

afterAll(() => {
  rmSync(big, { recursive: true, force: true });
  rmSync(hostile, { recursive: true, force: true });
});

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run `dossier args | head -1` in bash; dossier's own exit status and stderr. */
function piped(args: string[], cwd: string, stream: 'stdout' | 'stderr' = 'stdout') {
  const cmd = `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')} ${stream === 'stdout' ? '2>err.txt' : '2>&1 >/dev/null'} | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err.txt 2>/dev/null; rm -f err.txt`;
  const out = execFileSync('bash', ['-c', cmd], { cwd, env: dossierEnv(), encoding: 'utf8' });
  const [status, ...err] = out.split('\n');
  return { status: Number(status), stderr: err.join('\n').trim() };
}

/** Run dossier on a pseudo-terminal (100 columns); everything it wrote, as the terminal got it. */
function onTerminal(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const cmd = `stty cols 100 2>/dev/null; exec ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd, env: dossierEnv({ NO_COLOR: undefined, TERM: 'xterm-256color', ...env }), encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout };
}

describe('a closed pipe ends dossier quietly (EPIPE)', () => {
  it.each([
    [['list', 'organisations']],
    [['list', 'organisations', '--format', 'json']],
    [['search', 'network']],
    [['show', 'long']],
    [['actions']],
    [['export', 'json', '--include-private']],
    [['export', 'report', '--include-private']],
    [['export', 'ics']],
    [['--help']],
  ])('dossier %j | head -1', (args) => {
    const r = piped(args, big);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a closed stderr does not turn a refusal into a crash', () => {
    // rm --unlink would leave 300 actions without an owner: 300 diagnostics on stderr, and exit 1 as always
    const r = piped(['rm', 'org-1', '--unlink', '--no-commit'], big, 'stderr');
    expect(r.status).toBe(1);
  });
});

describe('colour only on a terminal', () => {
  const ESC = /\u001b/; // eslint-disable-line no-control-regex
  it('validate and show use colour on a terminal', () => {
    expect(onTerminal(['validate'], hostile).out).toMatch(/\u001b\[31merror/); // eslint-disable-line no-control-regex
    expect(onTerminal(['show', 'evil'], hostile).out).toMatch(/\u001b\[1m/); // eslint-disable-line no-control-regex
  });

  it.each([['NO_COLOR=1', { NO_COLOR: '1' }], ['TERM=dumb', { TERM: 'dumb' }], ['FORCE_COLOR=0', { FORCE_COLOR: '0' }]])('none with %s, on a terminal', (_label, env) => {
    for (const args of [['validate'], ['show', 'evil'], ['search', 'evil'], ['list', 'meetings'], ['actions']]) {
      expect(onTerminal(args, hostile, env).out, args.join(' ')).not.toMatch(ESC);
    }
  });

  it('none when piped, even without NO_COLOR', () => {
    for (const args of [['validate'], ['show', 'evil'], ['search', 'evil'], ['list', 'meetings'], ['actions'], ['stats']]) {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: hostile, env: dossierEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' }), encoding: 'utf8' });
      expect(r.stdout + r.stderr, args.join(' ')).not.toMatch(ESC);
    }
  });
});

describe('control characters in values are shown escaped on a real terminal', () => {
  // Everything dossier writes for people; the terminal's own line ends (\r\n) aside, no control character may reach it.
  const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex
  it.each([
    [['validate']],
    [['list', 'organisations']],
    [['list', 'meetings']],
    [['show', 'evil']],
    [['show', `bad${E}[31m`]],
    [['search', 'evil']],
    [['actions']],
    [['export', 'report', '--include-private']],
    [['export', 'summary', '2019-02-25-m', '--include-private']],
    [['set', 'evil', `city=x${E}[2Jy`, '--dry-run']],
    [['rename', `bad${E}[31m`, 'good']],
  ])('dossier %j', (args) => {
    const r = onTerminal(args, hostile, { NO_COLOR: '1' });
    expect(r.out).not.toMatch(STACK_LINE);
    expect([0, 1, 2]).toContain(r.code);
    const at = r.out.search(CONTROL);
    expect(at, JSON.stringify(r.out.slice(Math.max(0, at - 60), at + 60))).toBe(-1);
  });
});
