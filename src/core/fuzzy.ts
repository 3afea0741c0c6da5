/** Fuzzy matching for picking a record by typing part of its name or id ("ofc drugs" finds the Office). */
import { foldToAscii } from './slug.js';
import type { Choice } from './prompt.js';

/** A score for `term` against `text`: higher is better, undefined when it does not match at all. */
export function fuzzyScore(term: string, text: string): number | undefined {
  const t = foldToAscii(text);
  const words = foldToAscii(term).split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0) return 0;
  let score = 0;
  for (const w of words) {
    const at = t.indexOf(w);
    if (at !== -1) {
      score += 10 + (at === 0 || /[^a-z0-9]/.test(t[at - 1]!) ? 5 : 0);
      continue;
    }
    // Letters in order, not necessarily together.
    let i = 0;
    for (const ch of t) if (ch === w[i]) i++;
    if (i < w.length) return undefined;
    score += 1;
  }
  return score;
}

/** The choices matching `term`, best first (stable for equal scores). */
export function fuzzyFilter(term: string | undefined, choices: readonly Choice[]): Choice[] {
  if (!term?.trim()) return [...choices];
  return choices
    .map((c, i) => ({ c, i, s: fuzzyScore(term, `${c.name} ${c.value}`) }))
    .filter((x) => x.s !== undefined)
    .sort((a, b) => b.s! - a.s! || a.i - b.i)
    .map((x) => x.c);
}
