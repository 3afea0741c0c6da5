/** `dossier validate` end to end on hostile input: nothing is run, expanded, followed or printed raw. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runJson } from '../helpers/e2e.js';
import { type FileTree, tempStore } from '../helpers/store.js';

const SECRET = 'TOP-SECRET-never-print-91c2';

const ORGS: FileTree = {
  'records/organisations/office-for-combating-drugs.md':
    '---\nname: Office for Combating Drugs\nkind: government\ncountry: RS\ncity: Belgrade\n---\nThe Office of the Government of Serbia.\n',
  'records/organisations/dpnsee.md': '---\nname: Drug Policy Network South East Europe\nshort_name: DPNSEE\nkind: network\n---\n',
};

describe('hostile input', () => {
  it.each([
    ['---js', (m: string) => `---js\n{ name: require('fs').writeFileSync(${JSON.stringify(m)}, 'pwned') }\n---\n`],
    ['---javascript', (m: string) => `---javascript\nmodule.exports = { name: require('fs').writeFileSync(${JSON.stringify(m)}, 'pwned') }\n---\n`],
    ['--- js', (m: string) => `--- js\n({ name: require('fs').writeFileSync(${JSON.stringify(m)}, 'pwned') })\n---\n`],
    ['---coffee', (m: string) => `---coffee\nname: require('fs').writeFileSync(${JSON.stringify(m)}, 'pwned')\n---\n`],
  ])('%s front matter is frontmatter/unsafe and is never run (no marker file)', (_label, payload) => {
    const root = tempStore();
    const marker = path.join(root, 'PWNED');
    const files = { 'records/people/evil.md': payload(marker) };
    const store = tempStore(files);
    const pretty = run(['validate'], { cwd: store });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain('records/people/evil.md:1:1  error  front matter in `');
    expect(existsSync(marker)).toBe(false);
    const { report } = runJson(['validate'], { cwd: store });
    expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([['records/people/evil.md', 1, 1, 'frontmatter/unsafe']]);
    expect(existsSync(marker)).toBe(false);
  });

  it('an alias bomb (billion laughs, 9 levels) finishes fast with yaml/alias diagnostics', () => {
    const lines = ['---', 'name: P', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const c of 'bcdefghi') {
      lines.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = c;
    }
    const root = tempStore({ 'records/people/bomb.md': `${lines.join('\n')}\n---\n` });
    const started = Date.now();
    const r = run(['validate', '--format', 'json'], { cwd: root, timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(report.diagnostics.map((d: { code: string }) => d.code))).toEqual(new Set(['yaml/alias']));
    expect(report.diagnostics[0]).toMatchObject({ file: 'records/people/bomb.md', line: 3, column: 7, message: 'YAML anchor `&a` is not allowed in a record' });
    expect(r.stdout.length).toBeLessThan(100_000); // nothing was expanded
  });

  it('a symlink pointing outside the root is warned about, not followed, and its content never printed', () => {
    const outside = tempStore({ 'secret.md': `---\nname: ${SECRET}\nrolee: ${SECRET}\n---\n${SECRET}\n` });
    const root = tempStore({ ...ORGS, 'records/people/link.md': { symlink: path.join(outside, 'secret.md') }, 'records/people/passwd.md': { symlink: '/etc/passwd' } });
    const outputs: string[] = [];
    for (const format of ['pretty', 'json', 'github']) {
      const r = run(['validate', '--format', format], { cwd: root });
      expect(r.code).toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    const all = outputs.join('\n');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('root:');
    const { report } = runJson(['validate'], { cwd: root });
    expect(report.records).toBe(2);
    expect(report.diagnostics.map((d) => [d.file, d.severity, d.code, d.hint])).toEqual([
      ['records/people/link.md', 'warning', 'store/unexpected-entry', 'links are never followed; put the record itself here'],
      ['records/people/passwd.md', 'warning', 'store/unexpected-entry', 'links are never followed; put the record itself here'],
    ]);
  });

  it('ANSI escapes in a record never reach the terminal raw', () => {
    const root = tempStore({ 'records/people/p.md': '---\nname: P\nemail: "x\\e[2J\\e]0;pwned\\a"\n---\n' });
    for (const format of ['pretty', 'json', 'github']) {
      const r = run(['validate', '--format', format], { cwd: root });
      expect(r.code).toBe(1);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });
});

