/**
 * The public site's pure parts: paths and relative links, the site model (what each page shows, what links to it,
 * the feed's order), the sanitised Markdown bodies, and the rendered pages of in-memory records (deterministic,
 * structurally valid, every link inside the site). The command and the bundled records: test/e2e/export-site.test.ts;
 * the browser: test/browser/site.browser.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/core/site-model.js';
import { absoluteUrl, normaliseBaseUrl, recordPagePath, relativeHref, sectionPath } from '../../src/core/site-paths.js';
import { publicView } from '../../src/core/visibility.js';
import { renderSite } from '../../src/format/site.js';
import { renderBody } from '../../src/format/site-markdown.js';
import { checkHtml, checkXml } from '../helpers/html-check.js';
import { fm, record } from '../helpers/records.js';

const records = [
  record('organisation', 'office', fm('name: Office for Drugs', 'kind: government', 'parent: gov', 'country: RS', 'other_names:', '  - name: Канцеларија', '    lang: sr-Cyrl') + 'The Office.\n'),
  record('organisation', 'gov', fm('name: Government', 'kind: government', 'country: RS')),
  record('organisation', 'nx', fm('name: Network X', 'short_name: NX', 'kind: network', 'website: https://nx.example.org')),
  record('organisation', 'centre', fm('name: Youth centre', 'kind: civil-society', 'member_of: [nx]', 'city: Zaječar')),
  record('organisation', 'hidden', fm('name: Hidden Shelter', 'kind: civil-society', 'visibility: private')),
  record('person', 'milan', fm('name: Milan', 'organisation: office', 'role: Director', 'email: milan@example.org', 'visibility: public')),
  record('person', 'ana', fm('name: Ana', 'organisation: centre', 'email: ana@example.org')),
  record('meeting', 'm-2018', fm('title: Kickoff meeting', 'date: 2018-11-05', 'host: office', 'participants: [nx, centre, hidden]', 'attendees: [milan, ana]', 'actions:', '  - task: Send the minutes', '    owner: office', '    due: 2018-12-01')),
  record('meeting', 'm-2019', fm('title: Consultation', 'date: 2019-02-25', 'host: office', 'participants: [nx]', 'agreements: [mou]')),
  record('meeting', 'm-2020', fm('title: Planned visit', 'date: 2020-06-01', 'status: planned', 'host: nx')),
  record('proposal', 'p-sent', fm('title: Decriminalisation', 'status: submitted', 'submitted_by: [nx]', 'submitted_to: [office, gov]', 'meetings: [m-2019]')),
  record('proposal', 'p-adopted', fm('title: Naloxone', 'status: adopted', 'submitted_by: [centre]', 'submitted_to: [office]', 'submitted_on: 2018-02-01', 'decided_on: 2019-01-10')),
  record('proposal', 'p-secret', fm('title: Secret plan', 'status: draft', 'submitted_by: [nx]', 'visibility: private')),
  record('agreement', 'mou', fm('title: Memorandum', 'kind: memorandum-of-understanding', 'signed_on: 2018-01-10', 'parties: [office, nx, hidden]', 'declared_parties: 5')),
];

const body = (r: { id: string }) => (r.id === 'office' ? 'The Office. <script>alert(1)</script>\n\n## History\n\nSee [the site](https://example.org) or [this](javascript:alert(1)).\n' : '');
const site = (baseUrl?: string) => buildSite(publicView(records), { title: 'Network X', updated: '2019-03-01T10:00:00Z', body, ...(baseUrl ? { baseUrl } : {}) });

describe('site paths', () => {
  it('a record page is its folder and id; anything else is refused', () => {
    expect(recordPagePath('organisation', 'dpnsee')).toBe('organisations/dpnsee.html');
    expect(recordPagePath('person', 'milan-pekic')).toBe('people/milan-pekic.html');
    for (const bad of ['../x', 'a/b', 'Dpnsee', '', 'a--b', 'x'.repeat(101), 'a.html']) expect(() => recordPagePath('organisation', bad), bad).toThrow();
    // Section pages sit beside the folders, so even the id `index` has a page of its own.
    expect(sectionPath('meeting')).toBe('meetings.html');
    expect(recordPagePath('organisation', 'index')).toBe('organisations/index.html');
  });

  it('relative links between pages, with fragments', () => {
    expect(relativeHref('index.html', 'organisations/dpnsee.html')).toBe('organisations/dpnsee.html');
    expect(relativeHref('organisations/dpnsee.html', 'index.html')).toBe('../index.html');
    expect(relativeHref('organisations/dpnsee.html', 'organisations/kokoro.html')).toBe('kokoro.html');
    expect(relativeHref('organisations/dpnsee.html', 'organisations.html')).toBe('../organisations.html');
    expect(relativeHref('organisations/dpnsee.html', 'meetings/m.html')).toBe('../meetings/m.html');
    expect(relativeHref('proposals.html', 'proposals.html#status-draft')).toBe('proposals.html#status-draft');
    expect(relativeHref('proposals/p.html', 'proposals.html#status-draft')).toBe('../proposals.html#status-draft');
    expect(relativeHref('a/b/c.html', 'a/d.html')).toBe('../d.html');
  });

  it('--base-url: absolute http(s), normalised to end in /; the home page and section pages are folders', () => {
    expect(normaliseBaseUrl('https://example.org/records')).toBe('https://example.org/records/');
    expect(normaliseBaseUrl(' https://Example.org ')).toBe('https://example.org/');
    for (const bad of ['ftp://example.org', 'example.org', '/records', 'https://example.org/?a=1', 'https://example.org/#x', 'https://u:p@example.org/', 'javascript:alert(1)']) expect(normaliseBaseUrl(bad), bad).toBeUndefined();
    expect(absoluteUrl('https://example.org/r/', 'index.html')).toBe('https://example.org/r/');
    expect(absoluteUrl('https://example.org/r/', 'meetings.html')).toBe('https://example.org/r/meetings.html');
    expect(absoluteUrl('https://example.org/r/', 'meetings/m.html')).toBe('https://example.org/r/meetings/m.html');
  });
});

describe('site model', () => {
  it('one page per public record; the private ones and references to them are gone', () => {
    const model = site();
    expect(model.records.map((p) => p.path)).toEqual([
      'organisations/centre.html', 'organisations/gov.html', 'organisations/nx.html', 'organisations/office.html',
      'people/milan.html',
      'meetings/m-2018.html', 'meetings/m-2019.html', 'meetings/m-2020.html',
      'proposals/p-adopted.html', 'proposals/p-sent.html',
      'agreements/mou.html',
    ]);
    expect(JSON.stringify(model)).not.toMatch(/hidden|Hidden|ana@|"ana"|Secret|p-secret/);
    expect(model.counts).toEqual({ organisation: 4, person: 1, meeting: 3, proposal: 2, agreement: 1 });
  });

  it("an organisation's page lists what refers to it, newest first, beyond what its own fields link to", () => {
    const office = site().records.find((p) => p.id === 'office')!;
    expect(office.related.map((g) => [g.key, g.items.map((i) => i.ref.id)])).toEqual([
      ['meeting.host', ['m-2019', 'm-2018']],
      ['proposal.submitted_to', ['p-adopted', 'p-sent']],
      ['agreement.parties', ['mou']],
      ['person.organisation', ['milan']],
    ]);
    expect(office.related[1]!.items.map((i) => [i.date, i.status])).toEqual([['2019-01-10', 'adopted'], [undefined, 'submitted']]);
    expect(office.actionsOwned.map((a) => a.task)).toEqual(['Send the minutes']);
    // The government's page: the office is under it; nothing the government's own fields name is repeated.
    const gov = site().records.find((p) => p.id === 'gov')!;
    expect(gov.related.map((g) => g.key)).toEqual(['proposal.submitted_to', 'organisation.parent']);
  });

  it("a meeting's proposals include those that name it; a proposal's page does not repeat its meetings as related", () => {
    const model = site();
    const meeting = model.records.find((p) => p.id === 'm-2019')!;
    expect(meeting.type === 'meeting' && meeting.meeting.proposals.map((p) => p.id)).toEqual(['p-sent']);
    expect(meeting.related).toEqual([]);
    const proposal = model.records.find((p) => p.id === 'p-sent')!;
    expect(proposal.type === 'proposal' && proposal.proposal.meetings.map((m) => m.id)).toEqual(['m-2019']);
    expect(proposal.related).toEqual([]);
  });

  it('sections: organisations by kind, meetings by year newest first, proposals by status in the record model order', () => {
    const model = site();
    expect(model.organisationsByKind.map((g) => [g.kind, g.organisations.map((o) => o.id)])).toEqual([
      ['government', ['gov', 'office']],
      ['civil-society', ['centre']],
      ['network', ['nx']],
    ]);
    expect(model.meetingsByYear.map((g) => [g.year, g.meetings.map((m) => m.id)])).toEqual([['2020', ['m-2020']], ['2019', ['m-2019']], ['2018', ['m-2018']]]);
    expect(model.proposalsByStatus.map((g) => g.status)).toEqual(['submitted', 'adopted']);
  });

  it('the feed: meetings and proposals newest first, an undated proposal dated by the last change of the records', () => {
    expect(site().feed.map((e) => [e.page.id, e.updated])).toEqual([
      ['m-2020', '2020-06-01T00:00:00Z'],
      ['p-sent', '2019-03-01T10:00:00Z'],
      ['m-2019', '2019-02-25T00:00:00Z'],
      ['p-adopted', '2019-01-10T00:00:00Z'],
      ['m-2018', '2018-11-05T00:00:00Z'],
    ]);
    expect(buildSite(publicView(records), { title: 'X', updated: '2019-03-01T10:00:00Z', body, feedLimit: 2 }).feed).toHaveLength(2);
  });

  it('reads a body only when its page is rendered, and keeps none (10,000 bodies at once were ~30 MB)', () => {
    const read: string[] = [];
    const model = buildSite(publicView(records), { title: 'X', updated: '2019-03-01T10:00:00Z', body: (r) => (read.push(r.id), body(r)) });
    expect(read).toEqual([]);
    const office = model.records.find((p) => p.id === 'office')!;
    expect(office.body).toBe(body({ id: 'office' }));
    expect(read).toEqual(['office']);
    expect(renderSite(model).get(office.path)).toContain('<h3>History</h3>');
  });

  it('a sitemap only with a base URL, home first', () => {
    expect(site().sitemap).toEqual([]);
    const sitemap = site('https://example.org/').sitemap;
    expect(sitemap[0]).toBe('index.html');
    expect(sitemap).toContain('people.html');
    expect(sitemap).toHaveLength(1 + 5 + 11);
  });
});

describe('Markdown bodies', () => {
  it('raw HTML is shown as text, links only to http(s) and mailto, images not loaded', () => {
    expect(renderBody('Hi <script>alert(1)</script> <b onclick="x">b</b>')).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;</p>');
    expect(renderBody('[a](https://example.org/?a=1&b=2) [m](mailto:x@example.org) [j](javascript:alert(1)) [d](data:text/html,x) [r](../secret.md)')).toBe(
      '<p><a href="https://example.org/?a=1&amp;b=2">a</a> <a href="mailto:x@example.org">m</a> [j](javascript:alert(1)) [d](data:text/html,x) [r](../secret.md)</p>',
    );
    expect(renderBody('<https://example.org> <javascript:alert(1)>')).toBe('<p><a href="https://example.org">https://example.org</a> &lt;javascript:alert(1)&gt;</p>');
    expect(renderBody('![a tracker](https://example.org/pixel.png)')).not.toContain('<img');
  });

  it('headings move below the page heading without gaps; control characters are dropped; white space is nothing', () => {
    expect(renderBody('# A\n\n### B\n\n# C', { top: 3 })).toBe('<h3>A</h3>\n<h4>B</h4>\n<h3>C</h3>');
    expect(renderBody('## Only', { top: 2 })).toBe('<h2>Only</h2>');
    expect(renderBody('a\u0001b\u0000c\u007fd')).toBe('<p>abcd</p>');
    expect(renderBody(' \n\n ')).toBe('');
  });
});

describe('rendered site', () => {
  it('is deterministic, structurally valid HTML5 and XML, and escapes the body', () => {
    const a = renderSite(site('https://example.org/records/'));
    const b = renderSite(site('https://example.org/records/'));
    expect([...a]).toEqual([...b]);
    for (const [p, content] of a) {
      if (p.endsWith('.html')) expect(checkHtml(content), p).toEqual([]);
      if (p.endsWith('.xml')) expect(checkXml(content), p).toEqual([]);
    }
    const office = a.get('organisations/office.html')!;
    expect(office).toContain('<p>The Office. &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<h3>History</h3>');
    expect(office).toContain('<a href="https://example.org">the site</a> or [this](javascript:alert(1))');
    expect(office).toContain('<span lang="sr-Cyrl">Канцеларија</span> <span class="meta">(Serbian (Cyrillic))</span>');
    expect(a.get('meetings/m-2020.html')).toContain('<span class="badge status-planned">Planned</span>');
    expect(a.get('agreements/mou.html')).toContain('<p>5 parties in all; these 2 are named:</p>');
  });

  it('the checker does catch broken markup (so the checks above mean something)', () => {
    const page = renderSite(site()).get('index.html')!;
    expect(checkHtml(page.replace('</main>', ''))).not.toEqual([]);
    expect(checkHtml(page.replace('<h2 id="latest-meetings">Latest meetings</h2>', '<h4>Latest meetings</h4>'))).not.toEqual([]);
    expect(checkHtml(page.replace('</h1>', '</h1><p><ul><li>x</li></ul></p>'))).not.toEqual([]);
    expect(checkHtml(page.replace('<main id="main"', '<main id="main" onload="x()"'))).not.toEqual([]);
    expect(checkHtml(page.replace('Latest meetings', 'Tom & Jerry'))).not.toEqual([]);
    expect(checkXml('<?xml version="1.0" encoding="utf-8"?>\n<feed><entry></feed>')).not.toEqual([]);
  });
});
