/**
 * The README's "Publishing" section: each example, run on a git copy of the bundled records, prints exactly what
 * is shown; and the section says what the site holds and how GitHub Pages publishes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { gitStore } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

function section(): string {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.indexOf('## Publishing');
  expect(start).toBeGreaterThan(-1);
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    else if (!fenced && lines[i]!.startsWith('## ')) return lines.slice(start, i).join('\n');
  }
  return lines.slice(start).join('\n');
}

/** Shell words: spaces split, double quotes group. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

describe('README: Publishing', () => {
  it('comes just before "For developers", with shell-session examples', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme.indexOf('## Publishing')).toBeLessThan(readme.indexOf('## For developers'));
    expect(section()).not.toContain('```console');
    for (const s of ['feed.xml', '--base-url', '.github/workflows/pages.yml', 'Private records']) expect(section()).toContain(s);
  });

  it('every example prints what is shown', () => {
    const root = gitStore(bundledRecords());
    const steps = [...section().matchAll(/```shell-session\n([\s\S]*?)```/g)].flatMap((b) =>
      b[1]!.split(/^\$ /m).filter(Boolean).map((part) => {
        const [command, ...rest] = part.split('\n');
        return { command: command!, output: rest.join('\n') };
      }),
    );
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const { command, output } of steps) {
      const argv = words(command);
      expect(argv.slice(0, 2), command).toEqual(['npx', 'dossier']);
      const r = run(argv.slice(2), { cwd: root });
      expect(r.code, command).toBe(0);
      expect(r.stdout + r.stderr, command).toBe(output);
    }
    expect(existsSync(path.join(root, 'public/organisations/office-for-combating-drugs.html'))).toBe(true);
  });
});
