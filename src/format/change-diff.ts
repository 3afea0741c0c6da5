/** A plan as text for `--dry-run`: a unified diff (no context lines) of every file it would change. */
import type { ChangePlan } from '../core/plan.js';
import { escapeControl } from '../core/quote.js';

function lines(text: string): string[] {
  const l = text.split(/(?<=\n)/);
  return l.length === 1 && l[0] === '' ? [] : l;
}

const show = (l: string) => escapeControl(l.replace(/\r?\n$/, ''));

/** Hunks between two texts: common prefix and suffix trimmed, the middle compared line by line (LCS). */
export function diffLines(before: string, after: string): string[] {
  const a = lines(before);
  const b = lines(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const am = a.slice(p, a.length - s);
  const bm = b.slice(p, b.length - s);
  if (am.length * bm.length > 4_000_000) {
    return [`@@ -${p + 1},${am.length} +${p + 1},${bm.length} @@`, ...am.map((l) => `-${show(l)}`), ...bm.map((l) => `+${show(l)}`)];
  }
  const lcs: number[][] = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
  for (let i = am.length - 1; i >= 0; i--) for (let j = bm.length - 1; j >= 0; j--) lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let hunk: { a: number; b: number; del: string[]; add: string[] } | undefined;
  const flush = () => {
    if (hunk && (hunk.del.length || hunk.add.length)) {
      out.push(`@@ -${hunk.a},${hunk.del.length} +${hunk.b},${hunk.add.length} @@`, ...hunk.del.map((l) => `-${show(l)}`), ...hunk.add.map((l) => `+${show(l)}`));
    }
    hunk = undefined;
  };
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      flush();
      i++;
      j++;
    } else {
      hunk ??= { a: p + i + 1, b: p + j + 1, del: [], add: [] };
      if (j < bm.length && (i >= am.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) hunk.add.push(bm[j++]!);
      else hunk.del.push(am[i++]!);
    }
  }
  flush();
  return out;
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
