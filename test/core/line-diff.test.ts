/** The line diff shared by `dossier diff` (counts of body lines) and `--dry-run` (hunks). */
import { describe, expect, it } from 'vitest';
import { countChangedLines, LCS_CELL_LIMIT, lineHunks, splitLines, splitLinesWithEnds } from '../../src/core/line-diff.js';
import { countLineChanges } from '../../src/core/record-diff.js';
import { diffLines } from '../../src/format/change-diff.js';

/** `n` distinct lines, `key0`..; reversed, any two of them are in the wrong order for an LCS. */
const distinct = (n: number, key: string) => Array.from({ length: n }, (_, i) => `${key}${i}`);

describe('splitting into lines', () => {
  it('splitLines normalises CRLF and lone CR, drops the ending and adds no line for a final ending', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
  });

  it('splitLinesWithEnds keeps every ending as it is', () => {
    expect(splitLinesWithEnds('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    expect(splitLinesWithEnds('a\rb\n')).toEqual(['a\rb\n']);
    expect(splitLinesWithEnds('')).toEqual([]);
    expect(splitLinesWithEnds('\n')).toEqual(['\n']);
  });
});

describe('countChangedLines', () => {
  it('counts lines outside a longest common subsequence', () => {
    expect(countChangedLines(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual({ added: 1, removed: 1 });
    expect(countChangedLines([], ['a', 'b'])).toEqual({ added: 2, removed: 0 });
    expect(countChangedLines(['a', 'b'], [])).toEqual({ added: 0, removed: 2 });
    expect(countChangedLines(['x', 'a', 'b', 'y'], ['x', 'b', 'a', 'y'])).toEqual({ added: 1, removed: 1 });
    expect(countChangedLines(['same'], ['same'])).toEqual({ added: 0, removed: 0 });
  });

  it('compares by LCS up to the cell limit, and past it counts lines in common whatever their order', () => {
    const before = distinct(2000, 'l');
    // 2000 × 2000 cells, at the limit: exact; reversed, only one line can stay.
    expect(2000 * 2000).toBe(LCS_CELL_LIMIT);
    expect(countChangedLines(before, [...before].reverse())).toEqual({ added: 1999, removed: 1999 });
    // One more line on each side of the middle: past the limit, the same lines reordered count as unchanged.
    expect(countChangedLines([...before, 'x'], [...before].reverse().concat('y', 'z'))).toEqual({ added: 2, removed: 1 });
    // The common prefix and suffix are trimmed first, so they do not count towards the limit.
    const frame = distinct(5000, 'f');
    expect(countChangedLines([...frame, 'a', ...frame], [...frame, 'b', ...frame])).toEqual({ added: 1, removed: 1 });
  });
});

describe('lineHunks', () => {
  it('gives each run of removed and added lines with 1-based starts, additions first on a tie', () => {
    expect(lineHunks(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'd', 'e'])).toEqual([
      { beforeStart: 2, afterStart: 2, removed: ['b'], added: ['B'] },
      { beforeStart: 5, afterStart: 5, removed: [], added: ['e'] },
    ]);
    expect(lineHunks(['x', 'a', 'b', 'y'], ['x', 'b', 'a', 'y'])).toEqual([
      { beforeStart: 2, afterStart: 2, removed: [], added: ['b'] },
      { beforeStart: 3, afterStart: 4, removed: ['b'], added: [] },
    ]);
    expect(lineHunks([], ['a'])).toEqual([{ beforeStart: 1, afterStart: 1, removed: [], added: ['a'] }]);
    expect(lineHunks(['a'], [])).toEqual([{ beforeStart: 1, afterStart: 1, removed: ['a'], added: [] }]);
    expect(lineHunks(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('past the cell limit, one hunk replaces everything between the common prefix and suffix', () => {
    const middle = distinct(2001, 'm');
    const hunks = lineHunks(['top', ...middle, 'end'], ['top', ...[...middle].reverse(), 'new', 'end']);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ beforeStart: 2, afterStart: 2 });
    expect(hunks[0]!.removed).toEqual(middle);
    expect(hunks[0]!.added).toEqual([...[...middle].reverse(), 'new']);
  });
});

describe('line endings, as the two callers treat them', () => {
  it('dossier diff counts a body whose line endings changed as unchanged', () => {
    expect(countLineChanges('a\r\nb\r\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
    expect(countLineChanges('a\rb', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
    expect(countLineChanges('a\r\nb\r\n', 'a\nc\n')).toEqual({ added: 1, removed: 1 });
  });

  it('--dry-run shows a line whose ending changed as removed and added, endings not printed', () => {
    expect(lineHunks(splitLinesWithEnds('a\r\nb\n'), splitLinesWithEnds('a\nb\n'))).toEqual([{ beforeStart: 1, afterStart: 1, removed: ['a\r\n'], added: ['a\n'] }]);
    expect(diffLines('a\r\nb\n', 'a\nb\n')).toEqual(['@@ -1,1 +1,1 @@', '-a', '+a']);
    // A last line that gains its ending changes too.
    expect(diffLines('a\nb', 'a\nb\n')).toEqual(['@@ -2,1 +2,1 @@', '-b', '+b']);
    expect(diffLines('', 'x\n')).toEqual(['@@ -1,0 +1,1 @@', '+x']);
  });
});
