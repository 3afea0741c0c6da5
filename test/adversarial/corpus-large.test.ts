/**
 * The adversarial corpus, large cases: a 5 MiB body, a 1 MB line, huge frontmatter and 10,000 records, generated at
 * test time rather than committed (see harness.ts GENERATORS and corpus-runner.ts).
 */
import { defineCorpus } from './corpus-runner.js';

defineCorpus('adversarial corpus: large stores', (name) => name.startsWith('generated-'));
