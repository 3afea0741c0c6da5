/**
 * A record's Markdown body as an HTML fragment for the public site, sanitised: raw HTML in the body is shown as
 * text (escaped), never passed through; links go only to http(s) and mailto (anything else stays text); images
 * are not loaded (the alt text and address stay as text), so a page fetches nothing from elsewhere; control
 * characters are dropped. Body headings are moved below the page's own: the smallest level used becomes `top`,
 * and the levels used follow without gaps, so a page's headings stay in order.
 */
import MarkdownIt from 'markdown-it';
import { safeHref } from './doc.js';

type Token = ReturnType<MarkdownIt['parse']>[number];

let parser: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (parser) return parser;
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  md.disable(['image']);
  md.validateLink = (url: string) => safeHref(url);
  return (parser = md);
}

// C0 and C1 controls other than tab and line breaks, and the non-characters U+FFFE/U+FFFF: invalid in HTML and XML.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

function shiftHeadings(tokens: Token[], top: number): void {
  const levels = [...new Set(tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1))))].sort((a, b) => a - b);
  const to = new Map(levels.map((level, i) => [level, Math.min(6, top + i)]));
  for (const t of tokens) {
    if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${to.get(Number(t.tag.slice(1))) ?? 6}`;
  }
}

/** The body as sanitised HTML; '' for a body of white space only. */
export function renderBody(body: string, options: { top?: number } = {}): string {
  const text = body.replace(CONTROL, '');
  if (text.trim() === '') return '';
  const md = markdown();
  const env = {};
  const tokens = md.parse(text, env);
  shiftHeadings(tokens, options.top ?? 2);
  return md.renderer.render(tokens, md.options, env).trimEnd();
}
