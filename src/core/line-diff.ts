/**
 * Line diffs of two texts, shared by `dossier diff` (how many lines of a body were added and removed) and
 * `--dry-run` (the hunks of a unified diff): the common prefix and suffix are trimmed, and the middle is compared
 * line by line through a longest common subsequence — unless it is too large for that (more than
 * `LCS_CELL_LIMIT` pairs of lines), when counts fall back to a multiset estimate and hunks to one hunk that
 * replaces the whole middle.
 *
 * Pure. The caller decides what a line is: `splitLines` (line endings normalised, as `dossier diff` compares
 * bodies) or `splitLinesWithEnds` (endings kept, so a line whose ending changed is a changed line, as in a diff
 * of the bytes a command would write).
 */

/** The most pairs of lines (before × after, once the common prefix and suffix are trimmed) compared by LCS. */
export const LCS_CELL_LIMIT = 4_000_000;

/** Lines without their endings; CRLF and a lone CR count as LF, and a final line ending starts no empty line. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines with their endings (`a\r\n`, `b\n`, a last line without one as it is); none for an empty text. */
export function splitLinesWithEnds(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** The lines of `before` and `after` between their common prefix (of `prefix` lines) and common suffix. */
interface Middle {
  prefix: number;
  before: readonly string[];
  after: readonly string[];
}

function trimCommon(a: readonly string[], b: readonly string[]): Middle {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { prefix: p, before: a.slice(p, a.length - s), after: b.slice(p, b.length - s) };
}

const tooLarge = (m: Middle) => m.before.length * m.after.length > LCS_CELL_LIMIT;

/**
 * LCS lengths of suffixes: `rows[i][j]` is the length of a longest common subsequence of `a` from line i and `b`
 * from line j. With `all`, every row (for walking an edit script); without, only row 0 (for its length), in
 * memory for two rows.
 */
function lcsRows(a: readonly string[], b: readonly string[], all: boolean): number[][] {
  const rows: number[][] = [];
  let next = new Array<number>(b.length + 1).fill(0);
  if (all) rows[a.length] = next;
  for (let i = a.length - 1; i >= 0; i--) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = b.length - 1; j >= 0; j--) cur[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, cur[j + 1]!);
    if (all) rows[i] = cur;
    next = cur;
  }
  return all ? rows : [next];
}

export interface LineCounts {
  added: number;
  removed: number;
}

/**
 * How many lines of `after` are not in `before` (added) and the reverse (removed), by LCS; past the limit, by
 * counting lines in common regardless of order (an estimate, never above the true counts).
 */
export function countChangedLines(before: readonly string[], after: readonly string[]): LineCounts {
  const m = trimCommon(before, after);
  let common = 0;
  if (!tooLarge(m)) common = lcsRows(m.before, m.after, false)[0]![0]!;
  else {
    const counts = new Map<string, number>();
    for (const l of m.before) counts.set(l, (counts.get(l) ?? 0) + 1);
    for (const l of m.after) {
      const n = counts.get(l) ?? 0;
      if (n > 0) {
        common++;
        counts.set(l, n - 1);
      }
    }
  }
  return { added: m.after.length - common, removed: m.before.length - common };
}

/** A run of removed lines followed by added ones; starts are 1-based line numbers in `before` and `after`. */
export interface Hunk {
  beforeStart: number;
  afterStart: number;
  removed: string[];
  added: string[];
}

/**
 * The hunks (without context) that turn `before` into `after`, in order. Past the limit: one hunk replacing
 * everything between the common prefix and suffix.
 */
export function lineHunks(before: readonly string[], after: readonly string[]): Hunk[] {
  const { prefix, before: a, after: b } = trimCommon(before, after);
  if (tooLarge({ prefix, before: a, after: b })) return [{ beforeStart: prefix + 1, afterStart: prefix + 1, removed: [...a], added: [...b] }];
  const lcs = lcsRows(a, b, true);
  const out: Hunk[] = [];
  let hunk: Hunk | undefined;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      if (hunk) out.push(hunk);
      hunk = undefined;
      i++;
      j++;
    } else {
      hunk ??= { beforeStart: prefix + i + 1, afterStart: prefix + j + 1, removed: [], added: [] };
      // Where taking either line keeps a longest common subsequence, the addition comes first.
      if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) hunk.added.push(b[j++]!);
      else hunk.removed.push(a[i++]!);
    }
  }
  if (hunk) out.push(hunk);
  return out;
}
