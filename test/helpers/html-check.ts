/**
 * A small structural checker for the HTML5 and XML that dossier writes (not a general validator): the document
 * shape, every element closed in order (dossier never relies on optional end tags), double-quoted attributes,
 * no block element inside a paragraph, valid character references, unique ids, headings in order, and no
 * script of any kind. Returns the problems found, empty when there are none.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements that end an open `<p>` when they start: a `<p>` holding one is not what the markup says. */
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const ATTRS = /^(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*\s*\/?$/;
const ATTR = /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<]*)")?/g;
const BAD_AMP = /&(?!(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)/;

export interface Element {
  name: string;
  attrs: Record<string, string>;
}

interface Parsed {
  problems: string[];
  elements: Element[];
  /** Text of each heading, by level, in document order. */
  headings: { level: number; text: string }[];
}

function parse(source: string, mode: 'html' | 'xml'): Parsed {
  const problems: string[] = [];
  const elements: Element[] = [];
  const headings: { level: number; text: string }[] = [];
  const stack: string[] = [];
  let heading: { level: number; text: string } | undefined;
  const token = /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\?xml[^>]*\?>|<\/([a-zA-Z][a-zA-Z0-9:-]*)\s*>|<([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>|<|[^<]+/g;
  for (const m of source.matchAll(token)) {
    const [whole, close, open, rest] = m;
    if (whole.startsWith('<!--') || whole.startsWith('<!DOCTYPE') || whole.startsWith('<?xml')) continue;
    if (close !== undefined) {
      const name = mode === 'html' ? close.toLowerCase() : close;
      const top = stack.pop();
      if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}>`);
      if (heading && /^h[1-6]$/.test(name)) {
        headings.push(heading);
        heading = undefined;
      }
      continue;
    }
    if (open !== undefined) {
      const name = mode === 'html' ? open.toLowerCase() : open;
      const attrText = rest ?? '';
      if (!ATTRS.test(attrText)) problems.push(`<${name}> has malformed attributes: ${attrText.slice(0, 80)}`);
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(ATTR)) {
        const key = a[1]!.toLowerCase();
        if (key in attrs) problems.push(`<${name}> repeats the attribute ${key}`);
        attrs[key] = a[2] ?? '';
        if (BAD_AMP.test(a[2] ?? '')) problems.push(`<${name} ${key}> has a bare &: ${a[2]}`);
      }
      elements.push({ name, attrs });
      if (mode === 'html') {
        if (name === 'script' || Object.keys(attrs).some((k) => k.startsWith('on'))) problems.push(`script: <${name}${attrText}>`);
        if (BLOCK.has(name) && stack.includes('p')) problems.push(`<${name}> inside <p>`);
        if (name === 'a' && stack.includes('a')) problems.push('<a> inside <a>');
        if (name === 'li' && !['ul', 'ol'].includes(stack[stack.length - 1] ?? '')) problems.push(`<li> inside <${stack[stack.length - 1]}>`);
        if ((name === 'dt' || name === 'dd') && !['dl', 'div'].includes(stack[stack.length - 1] ?? '')) problems.push(`<${name}> inside <${stack[stack.length - 1]}>`);
        if (/^h[1-6]$/.test(name)) heading = { level: Number(name[1]), text: '' };
      }
      const selfClosing = attrText.trimEnd().endsWith('/');
      if (mode === 'html' ? !VOID.has(name) : !selfClosing) stack.push(name);
      continue;
    }
    if (whole === '<') {
      problems.push(`a bare < at ${m.index}`);
      continue;
    }
    if (BAD_AMP.test(whole)) problems.push(`a bare & in text: ${whole.slice(0, 80)}`);
    if (heading) heading.text += whole;
  }
  if (stack.length) problems.push(`not closed: ${stack.join(' > ')}`);
  return { problems, elements, headings };
}

/** Problems of an HTML page dossier wrote. */
export function checkHtml(source: string): string[] {
  const { problems, elements, headings } = parse(source, 'html');
  if (!source.startsWith('<!DOCTYPE html>\n<html lang="')) problems.push('does not start with <!DOCTYPE html> and <html lang>');
  const count = (name: string) => elements.filter((e) => e.name === name).length;
  for (const name of ['html', 'head', 'body', 'title', 'main']) if (count(name) !== 1) problems.push(`${count(name)} <${name}> elements`);
  if (!elements.some((e) => e.name === 'meta' && e.attrs.charset === 'utf-8')) problems.push('no <meta charset="utf-8">');
  if (!elements.some((e) => e.name === 'meta' && e.attrs.name === 'viewport')) problems.push('no viewport');
  if (!elements.some((e) => e.name === 'a' && e.attrs.href === '#main') || !elements.some((e) => e.name === 'main' && e.attrs.id === 'main')) problems.push('no skip link to #main');
  for (const landmark of ['header', 'nav', 'footer']) if (!count(landmark)) problems.push(`no <${landmark}>`);
  const ids = elements.map((e) => e.attrs.id).filter((id): id is string => id !== undefined);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) problems.push(`ids used twice: ${[...new Set(dup)].join(', ')}`);
  if (headings.filter((h) => h.level === 1).length !== 1) problems.push(`${headings.filter((h) => h.level === 1).length} <h1> elements`);
  if (headings[0]?.level !== 1) problems.push('the first heading is not <h1>');
  headings.forEach((h, i) => {
    if (i > 0 && h.level > headings[i - 1]!.level + 1) problems.push(`<h${h.level}> "${h.text}" follows <h${headings[i - 1]!.level}>`);
    if (!h.text.trim() && !/<a /.test(h.text)) problems.push(`<h${h.level}> is empty`);
  });
  for (const e of elements) {
    const href = e.attrs.href ?? e.attrs.src;
    if (href !== undefined && /^\s*(javascript|vbscript|data:text)/i.test(href)) problems.push(`<${e.name}> links to ${href}`);
    if (e.name === 'a' && href === undefined) problems.push('<a> without href');
  }
  return problems;
}

/** Problems of an XML document (the feed, the sitemap): well-formed, references valid. */
export function checkXml(source: string): string[] {
  const { problems } = parse(source, 'xml');
  if (!source.startsWith('<?xml version="1.0" encoding=')) problems.push('no XML declaration');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(source)) problems.push('a character XML does not allow');
  return problems;
}

/** Elements of a page (for link checks in tests). */
export function elementsOf(source: string): Element[] {
  return parse(source, 'html').elements;
}
