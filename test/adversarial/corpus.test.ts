/**
 * The adversarial corpus: every small case of test/fixtures/adversarial/ through every command, every run checked
 * for the same invariants (see corpus-runner.ts). The generated large cases are in corpus-large.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { defineCorpus, EXPORT_KINDS, EXPORTS } from './corpus-runner.js';

describe('the corpus runs every command', () => {
  it('covers every export kind the CLI has', () => {
    for (const kind of EXPORT_KINDS) expect(Object.keys(EXPORTS), `add \`${kind}\` to test/adversarial/commands.ts`).toContain(kind);
  });
});

defineCorpus('adversarial corpus', (name) => !name.startsWith('generated-'));
