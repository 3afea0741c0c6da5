/**
 * The shell of every page of the public site: an HTML5 document in English with a skip link, a banner with the
 * site's name and the section navigation, one `main`, a footer; one shared stylesheet, no script (a
 * Content-Security-Policy forbids any), canonical links only with a base URL. Every value is escaped here or by
 * the helpers below, which the page renderers use for every piece of record text.
 */
import type { RecordType } from '../core/kinds.js';
import { absoluteUrl, FEED_PATH, HOME_PATH, relativeHref, sectionPath, STYLESHEET_PATH } from '../core/site-paths.js';
import { escapeHtml } from './doc-html.js';
import { flatText, safeHref } from './doc.js';
import { SECTION_LABELS } from './site-words.js';

/** A record value as HTML text: control characters dropped, white space collapsed, markup escaped. */
export function text(value: string): string {
  // Most values need nothing done: test before replacing (a page holds hundreds of them).
  return PLAIN.test(value) && !value.includes('  ') ? value : escapeHtml(flatText(value));
}

/** Text without markup characters, control characters, or white space other than single spaces. */
const PLAIN = /^[^&<>"'\u0000-\u001f\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2066-\u2069\u3000\ufeff]*$/;

/** A link to another page of the site, relative to the page at `from`. */
export function pageLink(from: string, to: string, html: string, attrs = ''): string {
  return `<a href="${escapeHtml(relativeHref(from, to))}"${attrs}>${html}</a>`;
}

/** A link to elsewhere when the address is http(s) or mailto; otherwise just the text. */
export function externalLink(href: string, html: string): string {
  return safeHref(href) ? `<a href="${escapeHtml(href.trim())}">${html}</a>` : html;
}

/** A date as `<time>`: "25 February 2019" for people, the ISO date for machines. */
export function time(iso: string, words: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `<time datetime="${iso}">${text(words)}</time>` : text(words);
}

export interface SiteShell {
  title: string;
  baseUrl?: string;
  /** The section pages, in navigation order. */
  sections: readonly RecordType[];
}

export interface PageShell {
  /** The page's own site path. */
  path: string;
  /** The page's title (plain text); the site's name is added to the document title. */
  title: string;
  /** The section the page belongs to, marked as current in the navigation. */
  section?: RecordType | 'home';
  /** The inner HTML of `main`. */
  main: string;
}

export function renderPage(site: SiteShell, page: PageShell): string {
  const here = page.path;
  const nav = [
    { key: 'home', label: 'Home', path: HOME_PATH },
    ...site.sections.map((t) => ({ key: t, label: SECTION_LABELS[t], path: sectionPath(t) })),
  ]
    .map((s) => `<li>${pageLink(here, s.path, escapeHtml(s.label), page.section === s.key ? ' aria-current="page"' : '')}</li>`)
    .join('');
  const documentTitle = page.section === 'home' ? text(site.title) : `${text(page.title)} · ${text(site.title)}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">`,
    '<meta name="generator" content="dossier">',
    `<title>${documentTitle}</title>`,
    // No icon: without this line a browser asks for /favicon.ico, which a site in a sub-folder does not have.
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${escapeHtml(relativeHref(here, STYLESHEET_PATH))}">`,
    `<link rel="alternate" type="application/atom+xml" title="${text(site.title)}: meetings and proposals" href="${escapeHtml(relativeHref(here, FEED_PATH))}">`,
  ];
  if (site.baseUrl) head.push(`<link rel="canonical" href="${escapeHtml(absoluteUrl(site.baseUrl, here))}">`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    ...head,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to content</a>',
    '<header class="site-header">',
    '<div class="wrap">',
    `<p class="site-title">${pageLink(here, HOME_PATH, text(site.title))}</p>`,
    `<nav class="site-nav" aria-label="Sections"><ul>${nav}</ul></nav>`,
    '</div>',
    '</header>',
    '<main id="main" class="wrap" tabindex="-1">',
    page.main,
    '</main>',
    '<footer class="site-footer">',
    '<div class="wrap">',
    '<p>Generated from the records with dossier. Private records are never published.</p>',
    `<p class="feed">${pageLink(here, FEED_PATH, 'Atom feed of meetings and proposals')}</p>`,
    '</div>',
    '</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
