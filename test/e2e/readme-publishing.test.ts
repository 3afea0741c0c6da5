/**
 * The README's "Publishing" section: each example, run on a git copy of the bundled records, prints exactly what
 * is shown; and the section says what the site holds and how GitHub Pages publishes it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readme, readmeSection, sessionSteps, shellWords } from '../helpers/readme.js';
import { run } from '../helpers/e2e.js';
import { gitStore } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

describe('README: Publishing', () => {
  it('comes just before "For developers", with shell-session examples', () => {
    expect(readme().indexOf('## Publishing')).toBeLessThan(readme().indexOf('## For developers'));
    expect(readmeSection('## Publishing')).not.toContain('```console');
    for (const s of ['feed.xml', '--base-url', '.github/workflows/pages.yml', 'Private records']) expect(readmeSection('## Publishing')).toContain(s);
  });

  it('every example prints what is shown', () => {
    const root = gitStore(bundledRecords());
    const steps = sessionSteps(readmeSection('## Publishing'));
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const { command, output } of steps) {
      const argv = shellWords(command);
      expect(argv.slice(0, 2), command).toEqual(['npx', 'dossier']);
      const r = run(argv.slice(2), { cwd: root });
      expect(r.code, command).toBe(0);
      expect(r.stdout + r.stderr, command).toBe(output);
    }
    expect(existsSync(path.join(root, 'public/organisations/office-for-combating-drugs.html'))).toBe(true);
  });
});
