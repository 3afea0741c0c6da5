/** Reading the README's examples, for the tests that replay them (test/e2e/readme-*.test.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

export function readme(): string {
  return readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
}

/**
 * The section under `heading` (a `## ` line), up to the next `## ` heading outside a code block (examples
 * hold `## ` lines of their own); throws when there is no such heading.
 */
export function readmeSection(heading: string): string {
  const lines = readme().split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`README.md has no "${heading}" heading`);
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    else if (!fenced && lines[i]!.startsWith('## ')) return lines.slice(start, i).join('\n');
  }
  return lines.slice(start).join('\n');
}

export interface SessionStep {
  /** The line after `$ `. */
  command: string;
  /** What the example shows below it, up to the next `$ ` or the end of the block. */
  output: string;
}

/** The commands and outputs of the ```shell-session blocks of `section`, in order. */
export function sessionSteps(section: string): SessionStep[] {
  const steps: SessionStep[] = [];
  for (const block of section.matchAll(/```shell-session\n([\s\S]*?)```/g)) {
    for (const part of block[1]!.split(/^\$ /m).filter(Boolean)) {
      const [command, ...rest] = part.split('\n');
      steps.push({ command: command!, output: rest.join('\n') });
    }
  }
  return steps;
}

/** Words of a shell command line: spaces split, single or double quotes group (also inside a word: title="A b"). */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let quoted = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      quoted = true;
    } else if (ch === ' ') {
      if (cur || quoted) out.push(cur);
      cur = '';
      quoted = false;
    } else cur += ch;
  }
  if (cur || quoted) out.push(cur);
  return out;
}
