/** Safe quoting of record values inside messages: short, one line, no terminal control characters. */

const MAX_QUOTED = 80;

/** Replace control characters (C0, DEL, C1, bidi overrides) by visible escapes such as `\u001b`. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** `"value"` cut to about 80 characters, control characters escaped; non-strings described by kind. */
export function quoteValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    const s = [...value];
    const cut = s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED - 1).join('')}…` : value;
    return `"${escapeControl(cut)}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** The kind of a YAML value in words, for "expected X, found Y" messages. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'a mapping';
}

/** "an organisation", "a meeting". */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
