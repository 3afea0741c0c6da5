/** The README's "Changing records" examples, replayed in order on a temp git repo of the bundled records: the output shown is the real output. */
import { describe, expect, it } from 'vitest';
import { dossier } from '../helpers/cli.js';
import { readmeSection, sessionSteps, shellWords } from '../helpers/readme.js';
import { git, gitStore } from '../helpers/store.js';
import { bundledRecords, read } from './write-helpers.js';

describe('README: Changing records', () => {
  it('every example gives the output shown (commit hashes aside)', () => {
    const root = gitStore(bundledRecords());
    const steps = sessionSteps(readmeSection('## Changing records'));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    for (const { command, output } of steps) {
      const argv = shellWords(command);
      let actual: string;
      if (argv[0] === 'npx' && argv[1] === 'dossier') {
        const r = dossier(argv.slice(2), { cwd: root });
        // As a terminal shows it: notes first (they are written before the result), then stdout, then the rest of stderr.
        const notes = r.stderr.split(/(?<=\n)/).filter((l) => l.startsWith('note: ')).join('');
        actual = notes + r.stdout + r.stderr.slice(notes.length);
      } else if (argv[0] === 'cat') actual = read(root, argv[1]!);
      else if (argv[0] === 'git') actual = git(root, ...argv.slice(1));
      else throw new Error(`unexpected command in README: ${command}`);
      expect(actual.replace(/committed [0-9a-f]{7} /g, 'committed HASH ')).toBe(output.replace(/committed HASH\d /g, 'committed HASH '));
    }
  });
});
