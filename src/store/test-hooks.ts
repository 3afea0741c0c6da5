/**
 * TEST HOOK — for the crash-safety tests (test/adversarial/crash.test.ts) only; it does nothing unless both
 * variables are set, and no user-facing feature depends on it.
 *
 * DOSSIER_TEST_PAUSE_AT=<step>[,<step>...] and DOSSIER_TEST_PAUSE_DIR=<absolute folder> make a writing command
 * stop at each named step of the write path: it writes `<dir>/<step>.<pid>.paused` and waits (synchronously, so
 * nothing else of dossier runs meanwhile) until `<dir>/<step>.<pid>.go` exists, or 30 s have passed. A test can
 * then SIGKILL or SIGINT the process at exactly that point, or let it go on.
 *
 * Steps, in order: `after-lock` (lock taken, store loaded), `after-journal` (the change's journal written, no record
 * touched yet), `after-temp-write` (a record's temp file written and synced, not yet renamed over the record),
 * `between-files` (after each file of a multi-file change but the last), `before-commit` (every file written),
 * `after-commit` (committed; the journal not yet removed).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type PauseStep = 'after-lock' | 'after-journal' | 'after-temp-write' | 'between-files' | 'before-commit' | 'after-commit';

const MAX_PAUSE_MS = 30_000;

export function pauseAt(step: PauseStep): void {
  const steps = process.env.DOSSIER_TEST_PAUSE_AT;
  const dir = process.env.DOSSIER_TEST_PAUSE_DIR;
  if (!steps || !dir || !path.isAbsolute(dir) || !steps.split(',').includes(step)) return;
  const base = path.join(dir, `${step}.${process.pid}`);
  writeFileSync(`${base}.paused`, step);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + MAX_PAUSE_MS;
  while (!existsSync(`${base}.go`) && Date.now() < deadline) Atomics.wait(cell, 0, 0, 10);
}
