/**
 * A small document model for the prose exports (report, summary): headings, paragraphs and lists of inline
 * text, emphasis and links. The words are written once, into a Doc; doc-markdown.ts and doc-html.ts render
 * it, each escaping every piece of text for its own format, so no record value can inject markup.
 */

/** Text, emphasis, strong emphasis or a link. Strings are plain text: renderers escape them. */
export type Inline = string | { em: Inline[] } | { strong: Inline[] } | { href: string; text: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] };

export interface Doc {
  /** Plain text, for the HTML page's <title>. */
  title: string;
  /** Language of the prose (the HTML page's lang). */
  lang: string;
  blocks: Block[];
}

export const heading = (level: 1 | 2 | 3, ...content: Inline[]): Block => ({ kind: 'heading', level, content });
export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
export const list = (items: Inline[][]): Block => ({ kind: 'list', items });
export const em = (...content: Inline[]): Inline => ({ em: content });
export const strong = (...content: Inline[]): Inline => ({ strong: content });
export const link = (href: string, ...text: Inline[]): Inline => ({ href, text });

/** Only these links are ever written: a record's URL could otherwise be `javascript:` or `data:`. */
export function safeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim()) && !/[\s<>"'`\\]/.test(href.trim());
}

/**
 * Text of a record value for running prose: white space (line breaks included) collapsed to one space, and
 * control characters dropped, so that a value can never start a new line or block.
 */
export function flatText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
}

/** The plain text of inline content (for titles and tests). */
export function plain(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? c : 'em' in c ? plain(c.em) : 'strong' in c ? plain(c.strong) : plain(c.text))).join('');
}
