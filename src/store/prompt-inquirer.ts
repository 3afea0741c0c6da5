/** The Prompter for people at a terminal, with @inquirer/prompts (loaded only when a question is asked). */
import { CliError } from '../errors.js';
import { fuzzyFilter } from '../core/fuzzy.js';
import type { Prompter } from '../core/prompt.js';

const DONE = '\u0000done';

async function ask<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new CliError('cancelled; nothing was written');
    throw err;
  }
}

export function inquirerPrompter(): Prompter {
  const lib = () => import('@inquirer/prompts');
  return {
    async text(q) {
      const { input } = await lib();
      return ask(() => input({ message: q.message, validate: (v: string) => q.validate(v) }));
    },
    async select(q) {
      const { select } = await lib();
      return ask(() => select({ message: q.message, choices: q.choices }));
    },
    async pick(q) {
      const { search } = await lib();
      return ask(() => search({ message: q.message, source: async (term) => fuzzyFilter(term, q.choices) }));
    },
    async pickMany(q) {
      const { search } = await lib();
      const picked: string[] = [];
      for (;;) {
        const rest = q.choices.filter((c) => !picked.includes(c.value));
        const enough = picked.length >= q.min;
        const message = `${q.message}${picked.length ? ` (so far: ${picked.join(', ')})` : ''}${enough ? '' : ` — pick ${q.min - picked.length} more`}`;
        const value = await ask(() =>
          search({
            message,
            source: async (term) => [...(enough ? [{ value: DONE, name: '(done)' }] : []), ...fuzzyFilter(term, rest)],
          }),
        );
        if (value === DONE) return picked;
        picked.push(value);
      }
    },
    async confirm(q) {
      const { confirm } = await lib();
      return ask(() => confirm({ message: q.message, default: q.default }));
    },
  };
}
