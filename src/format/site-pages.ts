/**
 * The pages of the public site: the home page, the section pages (organisations by kind, meetings by year,
 * proposals by status, agreements, people) and one page per record, with its fields in words, its Markdown
 * body and what refers to it. Every value passes through `text()` or a link helper (escaped); links between
 * pages are relative.
 */
import type { ActionFacts, AgreementFacts, DocumentFacts, MeetingFacts, NamedRef, ProposalFacts } from '../core/export-facts.js';
import type { RecordType } from '../core/kinds.js';
import { NO_DATE, proposalDate, type OrganisationFacts, type PersonFacts, type RecordPage, type RelatedGroup, type SiteModel } from '../core/site-model.js';
import { HOME_PATH, recordPagePath, sectionPath } from '../core/site-paths.js';
import { escapeHtml } from './doc-html.js';
import { count, dateRange, languageName, longDate } from './prose.js';
import { externalLink, pageLink, text, time } from './site-layout.js';
import { renderBody } from './site-markdown.js';
import { countryName, formatLabel, kindHeading, kindLabel, relatedHeading, SECTION_LABELS, urlText, valueLabel } from './site-words.js';

const refPath = (ref: { type: RecordType; id: string }) => recordPagePath(ref.type, ref.id);

/** An organisation's full name with its acronym: "Drug Policy Network South East Europe (DPNSEE)". */
const fullName = (ref: { name: string; shortName?: string }) => (ref.shortName && ref.shortName !== ref.name ? `${ref.name} (${ref.shortName})` : ref.name);

function refLink(from: string, ref: NamedRef): string {
  return pageLink(from, refPath(ref), text(fullName(ref)));
}

function badge(status: string): string {
  return `<span class="badge status-${escapeHtml(status.replace(/[^a-z0-9-]/g, ''))}">${text(valueLabel(status))}</span>`;
}

function ul(items: readonly string[], cls = ''): string {
  return items.length ? `<ul${cls ? ` class="${cls}"` : ''}>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>` : '';
}

/** A definition list of facts; rows without a value are left out. */
function facts(rows: readonly (readonly [label: string, html: string | undefined])[]): string {
  const shown = rows.filter((r): r is readonly [string, string] => r[1] !== undefined && r[1] !== '');
  if (!shown.length) return '';
  return `<dl class="facts">\n${shown.map(([label, html]) => `<div><dt>${escapeHtml(label)}</dt><dd>${html}</dd></div>`).join('\n')}\n</dl>`;
}

/** Several links in a fact: inline for one, a list for more. */
function refList(from: string, refs: readonly NamedRef[]): string | undefined {
  if (refs.length === 0) return undefined;
  if (refs.length === 1) return refLink(from, refs[0]!);
  return ul(refs.map((r) => refLink(from, r)));
}

function section(id: string, heading: string, html: string): string {
  return html ? `<section>\n<h2 id="${id}">${escapeHtml(heading)}</h2>\n${html}\n</section>` : '';
}

function crumbs(from: string, type: RecordType, title: string): string {
  return `<nav class="crumbs" aria-label="Breadcrumb"><ol><li>${pageLink(from, HOME_PATH, 'Home')}</li><li>${pageLink(from, sectionPath(type), escapeHtml(SECTION_LABELS[type]))}</li><li aria-current="page">${text(title)}</li></ol></nav>`;
}

function documents(docs: readonly DocumentFacts[]): string | undefined {
  if (!docs.length) return undefined;
  return ul(docs.map((d) => `${externalLink(d.url, text(d.title ?? urlText(d.url)))}${d.lang ? ` <span class="meta">(${text(languageName(d.lang))})</span>` : ''}`));
}

function sources(list: readonly string[]): string {
  return ul(list.map((s) => externalLink(s, text(s))));
}

// ── pieces shared by the section pages and the home page ──

/** One meeting in a timeline: its date, its title as a heading, who hosted, where, how many took part. */
function meetingItem(from: string, m: MeetingFacts, level: 2 | 3): string {
  const meta: string[] = [];
  if (m.host) meta.push(`Hosted by ${text(fullName(m.host))}`);
  if (m.location) meta.push(text(m.location));
  const taking = m.participantCount ?? m.participants.length;
  if (taking > 0) meta.push(count(taking, 'organisation', 'organisations'));
  const status = m.status !== 'held' ? ` ${badge(m.status)}` : '';
  return [
    '<li>',
    time(m.date, dateRange(m.date, m.endDate)),
    `<h${level}>${pageLink(from, refPath({ type: 'meeting', id: m.id }), text(m.title))}${status}</h${level}>`,
    meta.length ? `<p class="meta">${meta.join(' · ')}</p>` : '',
    '</li>',
  ].filter(Boolean).join('\n');
}

function timeline(from: string, meetings: readonly MeetingFacts[], level: 2 | 3): string {
  return `<ol class="timeline">\n${meetings.map((m) => meetingItem(from, m, level)).join('\n')}\n</ol>`;
}

/** A proposal as a card of the tracker: status, who submitted it to whom, when. */
function proposalCard(from: string, p: ProposalFacts): string {
  const decided = ['adopted', 'partially-adopted', 'rejected'].includes(p.status);
  const rows: [string, string | undefined][] = [
    ['Status', badge(p.status)],
    ['Submitted by', p.submittedBy.map((r) => refLink(from, r)).join(', ') || undefined],
    ['Submitted to', p.submittedTo.map((r) => refLink(from, r)).join(', ') || undefined],
    ['Submitted on', p.submittedOn ? time(p.submittedOn, longDate(p.submittedOn)) : p.status === 'draft' ? undefined : '<span class="note">not known</span>'],
    ['Decided on', p.decidedOn ? time(p.decidedOn, longDate(p.decidedOn)) : decided ? '<span class="note">not known</span>' : undefined],
  ];
  return `<li>\n<h3>${pageLink(from, refPath({ type: 'proposal', id: p.id }), text(p.title))}</h3>\n${facts(rows)}\n</li>`;
}

function agreementCard(from: string, a: AgreementFacts, level: 2 | 3 = 3): string {
  const parties = Math.max(a.declaredParties ?? 0, a.parties.length);
  const meta = [text(valueLabel(a.kind))];
  if (a.signedOn) meta.push(`signed ${time(a.signedOn, longDate(a.signedOn))}`);
  if (parties) meta.push(count(parties, 'party', 'parties'));
  return `<li>\n<h${level}>${pageLink(from, refPath({ type: 'agreement', id: a.id }), text(a.title))}</h${level}>\n<p class="meta">${meta.join(' · ')}</p>\n</li>`;
}

function organisationCard(from: string, o: OrganisationFacts): string {
  const place = [o.country ? countryName(o.country) : undefined, o.city].filter((x): x is string => !!x).map(text);
  const lines = [`<h3>${pageLink(from, refPath({ type: 'organisation', id: o.id }), text(fullName(o)))}</h3>`];
  if (place.length) lines.push(`<p class="meta">${place.join(' · ')}</p>`);
  if (o.parent) lines.push(`<p class="meta">Part of ${text(fullName(o.parent))}</p>`);
  if (o.status !== 'active') lines.push(`<p>${badge(o.status)}</p>`);
  if (o.website) lines.push(`<p>Website: ${externalLink(o.website, text(urlText(o.website)))}</p>`);
  return `<li>\n${lines.join('\n')}\n</li>`;
}

function personCard(from: string, p: PersonFacts): string {
  const lines = [`<h2>${pageLink(from, refPath({ type: 'person', id: p.id }), text(p.name))}</h2>`];
  const what = [p.role ? text(p.role) : undefined, p.organisation ? refLink(from, p.organisation) : undefined].filter(Boolean);
  if (what.length) lines.push(`<p class="meta">${what.join(', ')}</p>`);
  return `<li>\n${lines.join('\n')}\n</li>`;
}

const cards = (items: readonly string[], cls = 'cards') => (items.length ? `<ul class="${cls}">\n${items.join('\n')}\n</ul>` : '');

function jump(label: string, links: readonly (readonly [href: string, html: string])[]): string {
  if (links.length < 2) return '';
  return `<nav class="jump" aria-label="${escapeHtml(label)}"><ul>${links.map(([href, html]) => `<li><a href="${escapeHtml(href)}">${html}</a></li>`).join('')}</ul></nav>`;
}

// ── the home page ──

export function homeMain(model: SiteModel, sections: readonly RecordType[]): string {
  const from = HOME_PATH;
  const c = model.counts;
  const parts: string[] = [`<h1>${text(model.title)}</h1>`];
  const work = [
    c.meeting ? count(c.meeting, 'meeting', 'meetings') : '',
    c.proposal ? count(c.proposal, 'proposal', 'proposals') : '',
    c.agreement ? count(c.agreement, 'agreement', 'agreements') : '',
  ].filter(Boolean);
  const said = work.length ? `${work.length > 1 ? `${work.slice(0, -1).join(', ')} and ${work[work.length - 1]}` : work[0]}, and the ${count(c.organisation, 'organisation', 'organisations')} involved` : `${count(c.organisation, 'organisation', 'organisations')}`;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  parts.push(total ? `<p class="lede">The public record of our advocacy work: ${escapeHtml(said)}, kept up to date from our records.</p>` : '<p class="lede">Nothing has been published yet.</p>');
  const stat = (t: RecordType, one: string, many: string) => `<li>${pageLink(from, sectionPath(t), `<strong>${c[t]}</strong> ${c[t] === 1 ? one : many}`)}</li>`;
  const statNames: Record<RecordType, [string, string]> = {
    organisation: ['organisation', 'organisations'],
    meeting: ['meeting', 'meetings'],
    proposal: ['proposal', 'proposals'],
    agreement: ['agreement', 'agreements'],
    person: ['person', 'people'],
  };
  parts.push(`<ul class="stats">\n${sections.map((t) => stat(t, ...statNames[t])).join('\n')}\n</ul>`);

  if (model.home.latestMeetings.length) {
    parts.push(
      section('latest-meetings', 'Latest meetings', `${timeline(from, model.home.latestMeetings, 3)}\n<p>${pageLink(from, sectionPath('meeting'), 'All meetings, by year')}</p>`),
    );
  }
  if (model.home.proposalsByStatus.length) {
    const groups = model.home.proposalsByStatus.map((g) => {
      const items = g.latest.map((p) => {
        const date = proposalDate(p);
        return `${pageLink(from, refPath({ type: 'proposal', id: p.id }), text(p.title))}${date ? ` <span class="meta">· ${time(date, longDate(date))}</span>` : ''}`;
      });
      const more = g.count > g.latest.length ? `<p>${pageLink(from, `${sectionPath('proposal')}#status-${g.status}`, `${g.count - g.latest.length} more ${escapeHtml(valueLabel(g.status).toLowerCase())}`)}</p>` : '';
      return `<h3>${badge(g.status)} <span class="meta">${count(g.count, 'proposal', 'proposals')}</span></h3>\n${ul(items)}${more}`;
    });
    parts.push(section('proposals', 'Proposals by status', `${groups.join('\n')}\n<p>${pageLink(from, sectionPath('proposal'), 'Where every proposal stands')}</p>`));
  }
  if (model.home.latestAgreements.length) {
    parts.push(section('agreements', 'Agreements', `${cards(model.home.latestAgreements.map((a) => agreementCard(from, a)))}`));
  }
  if (model.updated !== NO_DATE) parts.push(`<p class="meta">Records last updated ${time(model.updated.slice(0, 10), longDate(model.updated.slice(0, 10)))}.</p>`);
  return parts.filter(Boolean).join('\n');
}

// ── section pages ──

export function organisationsMain(model: SiteModel): string {
  const from = sectionPath('organisation');
  const parts = [`<h1>Organisations</h1>`, `<p class="lede">${count(model.counts.organisation, 'organisation', 'organisations')}, by kind.</p>`];
  parts.push(jump('Kinds of organisation', model.organisationsByKind.map((g) => [`#kind-${g.kind}`, `${escapeHtml(kindHeading(g.kind))} (${g.organisations.length})`] as const)));
  for (const g of model.organisationsByKind) parts.push(section(`kind-${escapeHtml(g.kind)}`, kindHeading(g.kind), cards(g.organisations.map((o) => organisationCard(from, o)))));
  if (!model.organisationsByKind.length) parts.push('<p>No organisations yet.</p>');
  return parts.filter(Boolean).join('\n');
}

export function meetingsMain(model: SiteModel): string {
  const from = sectionPath('meeting');
  const parts = [`<h1>Meetings</h1>`, `<p class="lede">${count(model.counts.meeting, 'meeting', 'meetings')}, newest first.</p>`];
  parts.push(jump('Years', model.meetingsByYear.map((g) => [`#year-${g.year}`, escapeHtml(g.year)] as const)));
  for (const g of model.meetingsByYear) parts.push(section(`year-${escapeHtml(g.year)}`, g.year, timeline(from, g.meetings, 3)));
  if (!model.meetingsByYear.length) parts.push('<p>No meetings yet.</p>');
  return parts.filter(Boolean).join('\n');
}

export function proposalsMain(model: SiteModel): string {
  const from = sectionPath('proposal');
  const n = model.counts.proposal;
  const open = model.proposalsByStatus.filter((g) => ['draft', 'submitted', 'under-review'].includes(g.status)).reduce((sum, g) => sum + g.proposals.length, 0);
  const parts = [`<h1>Proposals</h1>`, `<p class="lede">Where our proposals to institutions stand: ${open} waiting for an answer, ${n - open} decided or closed.</p>`];
  parts.push(jump('Statuses', model.proposalsByStatus.map((g) => [`#status-${g.status}`, `${escapeHtml(valueLabel(g.status))} (${g.proposals.length})`] as const)));
  for (const g of model.proposalsByStatus) parts.push(section(`status-${escapeHtml(g.status)}`, `${valueLabel(g.status)} (${g.proposals.length})`, cards(g.proposals.map((p) => proposalCard(from, p)), 'cards wide')));
  if (!model.proposalsByStatus.length) parts.push('<p>No proposals yet.</p>');
  return parts.filter(Boolean).join('\n');
}

export function agreementsMain(model: SiteModel): string {
  const from = sectionPath('agreement');
  const parts = [`<h1>Agreements</h1>`, `<p class="lede">${count(model.counts.agreement, 'agreement', 'agreements')}, newest first.</p>`];
  parts.push(model.agreements.length ? cards(model.agreements.map((a) => agreementCard(from, a, 2))) : '<p>No agreements yet.</p>');
  return parts.join('\n');
}

export function peopleMain(model: SiteModel): string {
  const from = sectionPath('person');
  const parts = [`<h1>People</h1>`, `<p class="lede">${count(model.counts.person, 'person who agreed to be named', 'people who agreed to be named')}.</p>`];
  parts.push(cards(model.people.map((p) => personCard(from, p))));
  return parts.join('\n');
}

// ── record pages ──

function relatedItem(from: string, item: RelatedGroup['items'][number]): string {
  const meta: string[] = [];
  if (item.date) meta.push(time(item.date, longDate(item.date)));
  const status = item.status && item.status !== 'held' ? ` ${badge(item.status)}` : '';
  return `${refLink(from, item.ref)}${meta.length ? ` <span class="meta">· ${meta.join(' · ')}</span>` : ''}${status}`;
}

function actionItem(from: string, a: ActionFacts, withMeeting: boolean, withOwner: boolean): string {
  const meta: string[] = [];
  if (withOwner && a.owner) meta.push(`responsible: ${refLink(from, a.owner)}`);
  if (withMeeting) meta.push(`agreed at ${pageLink(from, refPath({ type: 'meeting', id: a.meeting.id }), text(a.meeting.title))}${a.meeting.date ? ` (${time(a.meeting.date, longDate(a.meeting.date))})` : ''}`);
  if (a.due) meta.push(`due ${time(a.due, longDate(a.due))}`);
  return `${text(a.task)} ${badge(a.status)}${meta.length ? `<br><span class="meta">${meta.join(' · ')}</span>` : ''}`;
}

function recordFacts(page: RecordPage): { lede: string; facts: string; lists: string } {
  const from = page.path;
  const lists: string[] = [];
  switch (page.type) {
    case 'organisation': {
      const o = page.organisation;
      const lede = [kindLabel(o.kind), o.city, o.country ? countryName(o.country) : undefined].filter((x): x is string => !!x).map(text).join(' · ');
      return {
        lede,
        facts: facts([
          ['Kind', text(kindLabel(o.kind))],
          ['Short name', o.shortName ? text(o.shortName) : undefined],
          ['Also known as', o.otherNames.length ? o.otherNames.map((n) => (n.lang ? `<span lang="${escapeHtml(n.lang)}">${text(n.name)}</span> <span class="meta">(${text(languageName(n.lang))})</span>` : text(n.name))).join('<br>') : undefined],
          ['Part of', o.parent ? refLink(from, o.parent) : undefined],
          ['Member of', refList(from, o.memberOf)],
          ['Country', o.country ? text(countryName(o.country)) : undefined],
          ['City', o.city ? text(o.city) : undefined],
          ['Website', o.website ? externalLink(o.website, text(urlText(o.website))) : undefined],
          ['Email', o.email ? externalLink(`mailto:${o.email}`, text(o.email)) : undefined],
          ['Founded', o.founded ? time(o.founded, longDate(o.founded)) : undefined],
          ['Status', o.status !== 'active' ? badge(o.status) : undefined],
        ]),
        lists: '',
      };
    }
    case 'person': {
      const p = page.person;
      return {
        lede: [p.role ? text(p.role) : '', p.organisation ? text(fullName(p.organisation)) : ''].filter(Boolean).join(', '),
        facts: facts([
          ['Role', p.role ? text(p.role) : undefined],
          ['Organisation', p.organisation ? refLink(from, p.organisation) : undefined],
          ['Email', p.email ? externalLink(`mailto:${p.email}`, text(p.email)) : undefined],
          ['Phone', p.phone ? text(p.phone) : undefined],
        ]),
        lists: '',
      };
    }
    case 'meeting': {
      const m = page.meeting;
      const lede = [m.date ? time(m.date, dateRange(m.date, m.endDate)) : '', m.host ? `Hosted by ${text(fullName(m.host))}` : '', m.location ? text(m.location) : ''].filter(Boolean).join(' · ');
      let participants = refList(from, m.participants);
      if (m.participantCount !== undefined && m.participantCount > m.participants.length) {
        const named = m.participants.length;
        participants = `<p>${count(m.participantCount, 'organisation', 'organisations')} took part${named ? `; ${named === 1 ? 'this one is' : `these ${named} are`} named:` : '.'}</p>${participants ? (named === 1 ? `<p>${participants}</p>` : participants) : ''}`;
      }
      if (m.agenda.length) lists.push(section('agenda', 'Agenda', `<ol>\n${m.agenda.map((a) => `<li>${text(a)}</li>`).join('\n')}\n</ol>`));
      if (m.outcomes.length) lists.push(section('outcomes', 'Outcomes', ul(m.outcomes.map(text))));
      if (m.actions.length) lists.push(section('actions', 'Follow-up actions', ul(m.actions.map((a) => actionItem(from, a, false, true)))));
      if (m.proposals.length) lists.push(section('proposals', 'Proposals discussed', ul(m.proposals.map((p) => refLink(from, p)))));
      if (m.agreements.length) lists.push(section('agreements', 'Agreements discussed', ul(m.agreements.map((a) => refLink(from, a)))));
      return {
        lede,
        facts: facts([
          ['Date', m.date ? time(m.date, dateRange(m.date, m.endDate)) : undefined],
          ['Status', badge(m.status)],
          ['Host', m.host ? refLink(from, m.host) : undefined],
          ['Location', m.location ? text(m.location) : undefined],
          ['Format', m.format ? text(formatLabel(m.format)) : undefined],
          ['Participants', participants],
          ['Attendees', refList(from, m.attendees)],
        ]),
        lists: lists.join('\n'),
      };
    }
    case 'proposal': {
      const p = page.proposal;
      const decided = ['adopted', 'partially-adopted', 'rejected'].includes(p.status);
      if (p.topics.length) lists.push(section('topics', 'Topics', ul(p.topics.map(text))));
      return {
        lede: `${badge(p.status)}${p.submittedBy.length ? ` · Submitted by ${p.submittedBy.map((r) => text(fullName(r))).join(', ')}` : ''}`,
        facts: facts([
          ['Status', badge(p.status)],
          ['Submitted by', refList(from, p.submittedBy)],
          ['Submitted to', refList(from, p.submittedTo)],
          ['Submitted on', p.submittedOn ? time(p.submittedOn, longDate(p.submittedOn)) : p.status === 'draft' ? undefined : '<span class="note">not known: the sources do not say</span>'],
          ['Decided on', p.decidedOn ? time(p.decidedOn, longDate(p.decidedOn)) : decided ? '<span class="note">not known: the sources do not say</span>' : undefined],
          ['Languages', p.language.length ? text(p.language.map(languageName).join(', ')) : undefined],
          ['Documents', documents(p.documents)],
          ['Discussed at', p.meetings.length ? ul(p.meetings.map((m) => `${pageLink(from, refPath({ type: 'meeting', id: m.id }), text(m.title))}${m.date ? ` <span class="meta">· ${time(m.date, longDate(m.date))}</span>` : ''}`)) : undefined],
        ]),
        lists: lists.join('\n'),
      };
    }
    case 'agreement': {
      const a = page.agreement;
      let parties = refList(from, a.parties);
      if (a.declaredParties !== undefined && a.declaredParties > a.parties.length) {
        const listed = a.parties.length;
        parties = `<p>${count(a.declaredParties, 'party', 'parties')} in all${listed ? `; ${listed === 1 ? 'this one is' : `these ${listed} are`} named:` : '.'}</p>${parties ? (listed === 1 ? `<p>${parties}</p>` : parties) : ''}`;
      }
      return {
        lede: [text(valueLabel(a.kind)), a.signedOn ? `signed ${time(a.signedOn, longDate(a.signedOn))}` : ''].filter(Boolean).join(' · '),
        facts: facts([
          ['Kind', text(valueLabel(a.kind))],
          ['Signed on', a.signedOn ? time(a.signedOn, longDate(a.signedOn)) : undefined],
          ['Valid until', a.validUntil ? time(a.validUntil, longDate(a.validUntil)) : undefined],
          ['Parties', parties],
          ['Documents', documents(a.documents)],
          ['Discussed at', a.meetings.length ? ul(a.meetings.map((m) => `${pageLink(from, refPath({ type: 'meeting', id: m.id }), text(m.title))}${m.date ? ` <span class="meta">· ${time(m.date, longDate(m.date))}</span>` : ''}`)) : undefined],
        ]),
        lists: '',
      };
    }
  }
}

export function recordMain(page: RecordPage): string {
  const from = page.path;
  const own = recordFacts(page);
  const title = page.type === 'organisation' ? fullName(page.organisation) : page.title;
  const parts = [crumbs(from, page.type, page.title), `<h1>${text(title)}</h1>`];
  if (own.lede) parts.push(`<p class="lede">${own.lede}</p>`);
  parts.push(own.facts);
  const body = renderBody(page.body, { top: 3 });
  if (body) parts.push(section('about', 'About', `<div class="body">\n${body}\n</div>`));
  parts.push(own.lists);

  const related: string[] = [];
  for (const g of page.related) related.push(`<h3>${escapeHtml(relatedHeading(g.key, g.type, g.field))}</h3>\n${ul(g.items.map((i) => relatedItem(from, i)))}`);
  if (page.actionsOwned.length) {
    related.push(`<h3>${page.type === 'person' ? 'Follow-up actions' : 'Follow-up actions it owns'}</h3>\n${ul(page.actionsOwned.map((a) => actionItem(from, a, true, false)))}`);
  }
  if (related.length) parts.push(section('related', 'Related records', related.join('\n')));
  if (page.sources.length) parts.push(section('sources', 'Sources', sources(page.sources)));
  return parts.filter(Boolean).join('\n');
}
