/**
 * A Doc as CommonMark. Every piece of text is escaped: characters that are active inside a line (`*`, `_`, `` ` ``,
 * `[`, `]`, `<`, `>`, `|`, `~`, `&`, `\`) get a backslash everywhere, and a line that would start a block
 * (`#`, `-`, `+`, `=`, `1.`, `1)`) gets one before that character. White space in values is collapsed, so a
 * value never starts a new line. The result renders as the same text in any CommonMark or GFM renderer.
 */
import { flatText, safeHref, type Block, type Doc, type Inline } from './doc.js';

const INLINE_ACTIVE = /[\\`*_[\]<>|~&]/g;

/** Escape text for use inside a Markdown line. */
export function escapeMarkdown(text: string): string {
  return flatText(text).replace(INLINE_ACTIVE, (ch) => `\\${ch}`);
}

/** A line of inline Markdown that must not be read as the start of a block. */
function guardLineStart(line: string): string {
  const trimmed = line.replace(/^ +/, '');
  return trimmed
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

function inline(content: readonly Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeMarkdown(c);
      if ('em' in c) return `*${inline(c.em)}*`;
      if ('strong' in c) return `**${inline(c.strong)}**`;
      const text = inline(c.text);
      // An unsafe link is written as its text alone; a safe one in <...>, where only < > and \ need care.
      return safeHref(c.href) ? `[${text}](<${c.href.trim()}>)` : text;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      // Every `#` escaped: a trailing one would otherwise be read as the heading's closing sequence.
      return `${'#'.repeat(b.level)} ${inline(b.content).replace(/^ +/, '').replace(/#/g, '\\#')}`;
    case 'paragraph':
      return guardLineStart(inline(b.content));
    case 'list':
      return b.items.map((item) => `- ${guardLineStart(inline(item))}`).join('\n');
  }
}

export function renderMarkdown(doc: Doc): string {
  return `${doc.blocks.map(block).join('\n\n')}\n`;
}
