/**
 * A Prompter that answers from a JSON file instead of a person: the test hook behind the environment
 * variable DOSSIER_PROMPT_ANSWERS (a path). The file maps question keys (field names, `reopen`) to answers;
 * an array answers the same question several times in turn. Answers are checked like typed ones.
 */
import { readFileSync } from 'node:fs';
import { CliError } from '../errors.js';
import type { Choice, Prompter } from '../core/prompt.js';

export function answersPrompter(file: string): Prompter {
  let answers: Record<string, unknown>;
  try {
    answers = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new CliError(`cannot read the prompt answers in ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const used = new Map<string, number>();
  const next = (key: string, many = false): unknown => {
    if (!Object.hasOwn(answers, key)) throw new CliError(`no answer for "${key}" in ${file}`);
    const a = answers[key];
    const sequence = Array.isArray(a) && (!many || a.every((x) => Array.isArray(x)));
    if (!sequence) return a;
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    if (n >= (a as unknown[]).length) throw new CliError(`no more answers for "${key}" in ${file}`);
    return (a as unknown[])[n];
  };
  const oneOf = (key: string, value: unknown, choices: Choice[]) => {
    if (typeof value !== 'string' || !choices.some((c) => c.value === value)) {
      throw new CliError(`answer ${JSON.stringify(value)} for "${key}" is not one of the choices (${choices.map((c) => c.value).slice(0, 10).join(', ')}...)`);
    }
    return value;
  };
  return {
    async text(q) {
      const v = String(next(q.key));
      const ok = q.validate(v);
      if (ok !== true) throw new CliError(`answer for "${q.key}" was not accepted: ${ok}`);
      return v;
    },
    async select(q) {
      return oneOf(q.key, next(q.key), q.choices);
    },
    async pick(q) {
      return oneOf(q.key, next(q.key), q.choices);
    },
    async pickMany(q) {
      const v = next(q.key, true);
      const list = Array.isArray(v) ? v : [v];
      const picked = list.map((x) => oneOf(q.key, x, q.choices));
      if (picked.length < q.min) throw new CliError(`"${q.key}" needs at least ${q.min} answers`);
      return picked;
    },
    async confirm(q) {
      const v = next(q.key);
      if (typeof v !== 'boolean') throw new CliError(`answer for "${q.key}" must be true or false`);
      return v;
    },
  };
}
