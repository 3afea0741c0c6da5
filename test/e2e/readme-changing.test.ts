/** The README's "Changing records" examples, replayed in order on a temp git repo of the bundled records: the output shown is the real output. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossier, REPO_ROOT } from '../helpers/cli.js';
import { git, gitStore } from '../helpers/store.js';
import { bundledRecords, read } from './write-helpers.js';

function transcript(): { command: string; output: string }[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Changing records\n');
  // Up to the next section: later sections (Exports, ...) have shell sessions of their own.
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const steps: { command: string; output: string }[] = [];
  for (const block of section.matchAll(/```shell-session\n([\s\S]*?)```/g)) {
    for (const part of block[1]!.split(/^\$ /m).filter(Boolean)) {
      const [command, ...rest] = part.split('\n');
      steps.push({ command: command!, output: rest.join('\n') });
    }
  }
  return steps;
}

/** Shell words: spaces split, quotes group (also inside a word: title="Follow-up consultation"). */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === ' ') {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

describe('README: Changing records', () => {
  it('every example gives the output shown (commit hashes aside)', () => {
    const root = gitStore(bundledRecords());
    const steps = transcript();
    expect(steps.length).toBeGreaterThanOrEqual(6);
    for (const { command, output } of steps) {
      const argv = words(command);
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
