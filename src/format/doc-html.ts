/** A Doc as an HTML fragment: every piece of text escaped, links only to http(s) and mailto. */
import { flatText, safeHref, type Block, type Doc, type Inline } from './doc.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

function inline(content: readonly Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeHtml(flatText(c));
      if ('em' in c) return `<em>${inline(c.em)}</em>`;
      if ('strong' in c) return `<strong>${inline(c.strong)}</strong>`;
      const text = inline(c.text);
      return safeHref(c.href) ? `<a href="${escapeHtml(c.href.trim())}">${text}</a>` : text;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inline(b.content)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.content)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</ul>`;
  }
}

export function renderHtmlFragment(doc: Doc): string {
  return doc.blocks.map(block).join('\n');
}
