/**
 * The site's Atom feed (RFC 4287) of meetings and proposals, newest first, and its sitemap. No date comes from
 * the clock: an entry is dated by its record (a meeting's date, a proposal's decision or submission), the feed
 * by when the records last changed. With a base URL, ids and links are the pages' URLs; without one, links are
 * relative to the feed and ids are `urn:dossier:<type>:<id>`.
 */
import type { FeedEntry, SiteModel } from '../core/site-model.js';
import { absoluteUrl, FEED_PATH, HOME_PATH } from '../core/site-paths.js';
import { escapeHtml } from './doc-html.js';
import { flatText } from './doc.js';
import { dateRange, longDate } from './prose.js';
import { renderBody } from './site-markdown.js';
import { valueLabel } from './site-words.js';

const xml = (value: string) => escapeHtml(flatText(value));

const fullName = (ref: { name: string; shortName?: string }) => (ref.shortName && ref.shortName !== ref.name ? `${ref.name} (${ref.shortName})` : ref.name);

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One or two plain sentences: what a reader of the feed sees before opening the page. */
function summary(entry: FeedEntry): string {
  const page = entry.page;
  if (page.type === 'meeting') {
    const m = page.meeting;
    const out = [`${m.date ? dateRange(m.date, m.endDate) : 'Undated'}${m.status !== 'held' ? ` (${m.status})` : ''}.`];
    if (m.host) out.push(`Hosted by ${fullName(m.host)}${m.location ? ` in ${m.location}` : ''}.`);
    else if (m.location) out.push(`In ${m.location}.`);
    const taking = m.participantCount ?? m.participants.length;
    if (taking) out.push(`${taking} organisation${taking === 1 ? '' : 's'} took part.`);
    return out.join(' ');
  }
  const p = page.proposal;
  const out = [`Status: ${valueLabel(p.status).toLowerCase()}.`];
  if (p.submittedBy.length) {
    out.push(`Submitted by ${joinNames(p.submittedBy.map(fullName))}${p.submittedTo.length ? ` to ${joinNames(p.submittedTo.map(fullName))}` : ''}${p.submittedOn ? ` on ${longDate(p.submittedOn)}` : ''}.`);
  }
  if (p.decidedOn) out.push(`Decided on ${longDate(p.decidedOn)}.`);
  return out.join(' ');
}

export function renderFeed(model: SiteModel): string {
  const base = model.baseUrl;
  const link = (path: string) => (base ? absoluteUrl(base, path) : path);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <title>${xml(model.title)}: meetings and proposals</title>`,
    `  <id>${xml(base ? absoluteUrl(base, FEED_PATH) : 'urn:dossier:feed')}</id>`,
    `  <updated>${xml(newest(model))}</updated>`,
    `  <author><name>${xml(model.title)}</name></author>`,
    '  <generator>dossier</generator>',
  ];
  if (base) lines.push(`  <link rel="self" type="application/atom+xml" href="${xml(absoluteUrl(base, FEED_PATH))}"/>`);
  lines.push(`  <link rel="alternate" type="text/html" href="${xml(link(HOME_PATH))}"/>`);
  for (const entry of model.feed) {
    const page = entry.page;
    const body = renderBody(page.body, { top: 2 });
    lines.push(
      '  <entry>',
      `    <id>${xml(base ? absoluteUrl(base, page.path) : `urn:dossier:${page.type}:${page.id}`)}</id>`,
      `    <title type="text">${xml(page.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(link(page.path))}"/>`,
      `    <updated>${xml(entry.updated)}</updated>`,
      `    <category term="${page.type}" label="${page.type === 'meeting' ? 'Meeting' : 'Proposal'}"/>`,
      `    <summary type="text">${xml(summary(entry))}</summary>`,
    );
    if (body) lines.push(`    <content type="html">${escapeHtml(body)}</content>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** The feed's `updated`: when the records last changed, or the newest entry if that is later. */
function newest(model: SiteModel): string {
  let at = model.updated;
  for (const e of model.feed) if (e.updated > at) at = e.updated;
  return at;
}

/** sitemap.xml (sitemaps.org 0.9): every page's URL. Only with a base URL. */
export function renderSitemap(model: SiteModel): string | undefined {
  if (!model.baseUrl) return undefined;
  const base = model.baseUrl;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...model.sitemap.map((p) => `  <url><loc>${xml(absoluteUrl(base, p))}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
}
