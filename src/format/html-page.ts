/**
 * A Doc as a self-contained HTML5 page: inline CSS, no scripts, nothing fetched (a Content-Security-Policy
 * forbids it too), every value escaped. Opens the same from a file, a mail attachment or a web server.
 */
import { escapeHtml, renderHtmlFragment } from './doc-html.js';
import { flatText, type Doc } from './doc.js';

const CSS = `
  :root { color-scheme: light dark; }
  body { font: 16px/1.55 Georgia, "Times New Roman", serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
  h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.25; }
  h1 { font-size: 1.8rem; margin-bottom: .25rem; }
  h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; margin-top: 1.5rem; }
  li { margin: .3rem 0; }
  a { color: #0b57d0; }
  @media (prefers-color-scheme: dark) { body { color: #e8e8e8; background: #161616; } h2 { border-color: #444; } a { color: #8ab4f8; } }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`;

export function renderHtmlPage(doc: Doc): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="generator" content="dossier">',
    `<title>${escapeHtml(flatText(doc.title))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    renderHtmlFragment(doc),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
