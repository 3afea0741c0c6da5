/** Folding for matching (`Timočki` -> `timocki`), with a fast path for plain ASCII, which most text is. */
import { foldToAscii } from './slug.js';

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** `foldToAscii(text)`, computed as a plain lowercase when the text is ASCII (the same result, far cheaper). */
export function fold(text: string): string {
  return NON_ASCII.test(text) ? foldToAscii(text) : text.toLowerCase();
}

/**
 * `text` folded, with the index in `text` each folded character comes from (plus one past the end);
 * `from` is undefined when every index is its own (ASCII text).
 */
export function foldWithOffsets(text: string): { folded: string; from: number[] | undefined } {
  if (!NON_ASCII.test(text)) return { folded: text.toLowerCase(), from: undefined };
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = NON_ASCII.test(ch) ? foldToAscii(ch) : ch.toLowerCase();
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(text.length);
  return { folded, from };
}
