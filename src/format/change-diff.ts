/** A plan as text for `--dry-run`: a unified diff (no context lines) of every file it would change. */
import type { ChangePlan } from '../core/plan.js';
import { lineHunks, splitLinesWithEnds } from '../core/line-diff.js';
import { escapeControl } from '../core/quote.js';

const show = (l: string) => escapeControl(l.replace(/\r?\n$/, ''));

/** Hunks between two texts, line endings included (see core/line-diff). */
export function diffLines(before: string, after: string): string[] {
  return lineHunks(splitLinesWithEnds(before), splitLinesWithEnds(after)).flatMap((h) => [
    `@@ -${h.beforeStart},${h.removed.length} +${h.afterStart},${h.added.length} @@`,
    ...h.removed.map((l) => `-${show(l)}`),
    ...h.added.map((l) => `+${show(l)}`),
  ]);
}

/** `--- a/file` / `+++ b/file` sections for every change; `read` gives a file's current text. */
export function formatPlanDiff(plan: ChangePlan, read: (file: string) => string): string {
  const out: string[] = [];
  const decode = (b: Uint8Array) => Buffer.from(b).toString('utf8');
  for (const c of plan.changes) {
    if (c.kind === 'create') out.push('--- /dev/null', `+++ b/${c.file}`, ...diffLines('', decode(c.bytes)));
    else if (c.kind === 'delete') out.push(`--- a/${c.file}`, '+++ /dev/null', ...diffLines(read(c.file), ''));
    else if (c.kind === 'modify') out.push(`--- a/${c.file}`, `+++ b/${c.file}`, ...diffLines(read(c.file), decode(c.bytes)));
    else out.push(`--- a/${c.from}`, `+++ b/${c.file}`, ...diffLines(read(c.from), decode(c.bytes)));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
