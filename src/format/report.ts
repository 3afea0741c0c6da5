/**
 * The activity report in words: an overview, then meetings, proposals, agreements, follow-up actions and the
 * organisations engaged, written as a person would write it (sentences where they read better than tables,
 * dates as "25 February 2019", names rather than ids). Rendered as Markdown or a self-contained HTML page.
 */
import { OPEN_PROPOSAL_STATUSES, type ActionFacts, type MeetingFacts, type NamedRef, type ProposalFacts } from '../core/export-facts.js';
import type { ReportModel } from '../core/report.js';
import { renderMarkdown } from './doc-markdown.js';
import { heading, list, paragraph, strong, type Block, type Doc, type Inline } from './doc.js';
import { renderHtmlPage } from './html-page.js';
import { count, dateRange, joinWords, longDate, Namer, upperFirst, words } from './prose.js';

export type ProseFormat = 'markdown' | 'html';

export function formatReport(model: ReportModel, format: ProseFormat): string {
  const doc = reportDoc(model);
  return format === 'html' ? renderHtmlPage(doc) : renderMarkdown(doc);
}

const KIND_HEADINGS: Record<string, string> = {
  government: 'Government bodies',
  'civil-society': 'Civil society organisations',
  network: 'Networks',
  international: 'International organisations',
  donor: 'Donors',
  academic: 'Academic institutions',
  media: 'Media',
  other: 'Other organisations',
};

const is = (n: number) => (n === 1 ? 'is' : 'are');
const was = (n: number) => (n === 1 ? 'was' : 'were');
const quoted = (title: string) => `“${title}”`;

/** "1 January 2018 to 31 December 2019", "since …", "up to …"; the span of the records when unbounded. */
function periodWords(model: ReportModel): string | undefined {
  const { from, to } = model.period;
  if (from && to) return `${longDate(from)} to ${longDate(to)}`;
  if (from) return `since ${longDate(from)}`;
  if (to) return `up to ${longDate(to)}`;
  if (model.first && model.last) return model.first === model.last ? longDate(model.first) : `${longDate(model.first)} to ${longDate(model.last)}`;
  return undefined;
}

export function reportDoc(model: ReportModel): Doc {
  const namer = new Namer();
  const span = periodWords(model);
  const title = span ? `Activity report, ${span}` : 'Activity report';
  const blocks: Block[] = [heading(1, title), paragraph(overview(model))];
  blocks.push(...meetingsSection(model, namer));
  blocks.push(...proposalsSection(model, namer));
  blocks.push(...agreementsSection(model, namer));
  blocks.push(...actionsSection(model));
  blocks.push(...organisationsSection(model, namer));
  return { title, lang: 'en', blocks };
}

function overview(model: ReportModel): string {
  const done: string[] = [];
  const held = model.meetingsHeld.length;
  if (held) done.push(`${count(held, 'meeting', 'meetings')} ${was(held)} held`);
  const submitted = model.proposalsSubmitted.length;
  if (submitted) done.push(`${count(submitted, 'proposal', 'proposals')} ${was(submitted)} submitted`);
  const decided = model.proposalsDecided.length;
  if (decided) done.push(`${count(decided, 'proposal', 'proposals')} ${was(decided)} decided`);
  const signed = model.agreementsSigned.length;
  if (signed) done.push(`${count(signed, 'agreement', 'agreements')} ${was(signed)} signed`);
  const orgs = model.organisations.length;
  const bounded = model.period.from !== undefined || model.period.to !== undefined;
  const lead = bounded ? 'In this period,' : 'In all,';
  const sentences: string[] = [];
  if (done.length) sentences.push(`${lead} ${joinWords(done)}${orgs ? `, engaging ${count(orgs, 'organisation', 'organisations')}` : ''}.`);
  else sentences.push(bounded ? 'No meetings, proposals or agreements are recorded for this period.' : 'No meetings, proposals or agreements are recorded.');

  const pending: string[] = [];
  const open = [...model.proposalsOpen, ...model.proposalsSubmitted.filter((p) => OPEN_PROPOSAL_STATUSES.includes(p.status))];
  const waiting = open.filter((p) => p.status !== 'draft').length;
  const drafts = open.length - waiting;
  if (waiting) pending.push(`${count(waiting, 'proposal', 'proposals')} ${is(waiting)} waiting for an answer`);
  if (drafts) pending.push(`${count(drafts, 'proposal', 'proposals')} ${is(drafts)} being prepared`);
  const a = model.actions;
  const openActions = a.open.length + a.overdue.length;
  if (openActions) pending.push(`${count(openActions, 'follow-up action', 'follow-up actions')} ${is(openActions)} open${a.overdue.length ? `, ${a.overdue.length} of them overdue` : ''}`);
  if (pending.length) sentences.push(`${upperFirst(joinWords(pending))}.`);
  return sentences.join(' ');
}

// ── meetings ──

function participantsSentence(m: MeetingFacts, namer: Namer): string | undefined {
  const named = m.participants.length;
  const total = m.participantCount;
  if (named === 0) return total ? `In all, ${count(total, 'organisation', 'organisations')} took part.` : undefined;
  if (total !== undefined && total > named) return `In all, ${count(total, 'organisation', 'organisations')} took part, among them ${namer.names(m.participants)}.`;
  return named === 1 ? `The organisation taking part was ${namer.names(m.participants)}.` : `The organisations taking part were ${namer.names(m.participants)}.`;
}

function personEntry(p: NamedRef): string {
  const about = [p.role, p.parent ? p.parent.name : undefined].filter((x): x is string => !!x);
  return about.length ? `${p.name} (${about.join(', ')})` : p.name;
}

function placeSentence(m: MeetingFacts): string | undefined {
  if (m.location && m.format === 'hybrid') return `It was held in ${m.location} and online.`;
  if (m.location) return `It was held in ${m.location}.`;
  if (m.format === 'online') return 'It was held online.';
  return undefined;
}

function meetingParagraph(m: MeetingFacts, namer: Namer): string {
  const sentences: string[] = [];
  if (m.host) sentences.push(`${namer.name(m.host, { start: true })} hosted the meeting.`);
  const who = participantsSentence(m, namer);
  if (who) sentences.push(who);
  if (m.attendees.length) sentences.push(`Among those present ${m.attendees.length === 1 ? 'was' : 'were'} ${joinWords(m.attendees.map(personEntry))}.`);
  const place = placeSentence(m);
  if (place) sentences.push(place);
  const discussed = [...m.proposals, ...m.agreements].map((r) => quoted(r.name));
  if (discussed.length) sentences.push(`It discussed ${joinWords(discussed)}.`);
  return sentences.join(' ');
}

function meetingsSection(model: ReportModel, namer: Namer): Block[] {
  const blocks: Block[] = [heading(2, 'Meetings')];
  if (model.meetingsHeld.length === 0) blocks.push(paragraph('No meetings were held in this period.'));
  for (const m of model.meetingsHeld) {
    blocks.push(heading(3, `${dateRange(m.date, m.endDate)}: ${m.title}`));
    const text = meetingParagraph(m, namer);
    if (text) blocks.push(paragraph(text));
    if (m.outcomes.length) blocks.push(paragraph('Outcomes:'), list(m.outcomes.map((o) => [o])));
  }
  if (model.meetingsOther.length) {
    blocks.push(heading(3, 'Planned and cancelled meetings'));
    blocks.push(list(model.meetingsOther.map((m) => [`${dateRange(m.date, m.endDate)}: ${m.title} (${m.status})`])));
  }
  return blocks;
}

// ── proposals ──

function statusPhrase(p: ProposalFacts): string {
  const on = p.decidedOn ? ` on ${longDate(p.decidedOn)}` : '';
  switch (p.status) {
    case 'draft':
      return 'still a draft';
    case 'submitted':
      return 'waiting for an answer';
    case 'under-review':
      return 'under review';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return `${words(p.status)}${on}`;
  }
}

function submittedClause(p: ProposalFacts, namer: Namer): string {
  const by = p.submittedBy.length ? ` by ${namer.names(p.submittedBy)}` : '';
  const to = p.submittedTo.length ? ` to ${namer.names(p.submittedTo)}` : '';
  if (p.status === 'draft') return `prepared${by}${to ? `, for${to.slice(3)}` : ''}`;
  const on = p.submittedOn ? ` on ${longDate(p.submittedOn)}` : ' (the date is not recorded)';
  return `submitted${by}${to}${on}`;
}

function discussedClause(p: { meetings: MeetingFacts[] }): string {
  if (p.meetings.length === 0) return '';
  return ` Discussed at ${joinWords(p.meetings.map((m) => `${quoted(m.title)} on ${dateRange(m.date, m.endDate)}`))}.`;
}

function proposalsSection(model: ReportModel, namer: Namer): Block[] {
  const blocks: Block[] = [heading(2, 'Proposals')];
  const { proposalsSubmitted: submitted, proposalsDecided: decided, proposalsOpen: open } = model;
  if (!submitted.length && !decided.length && !open.length) {
    blocks.push(paragraph('No proposals were submitted or decided in this period, and none is waiting for an answer.'));
    return blocks;
  }
  if (submitted.length) {
    blocks.push(heading(3, 'Submitted in this period'));
    blocks.push(list(submitted.map((p) => [strong(p.title), `: ${submittedClause(p, namer)}; ${statusPhrase(p)}.${discussedClause(p)}`])));
  }
  // A proposal both submitted and decided in the period is told once, under "Submitted", with its decision.
  const decidedOnly = decided.filter((p) => !submitted.includes(p));
  if (decidedOnly.length) {
    blocks.push(heading(3, submitted.length ? 'Also decided in this period' : 'Decided in this period'));
    blocks.push(list(decidedOnly.map((p) => [strong(p.title), `: ${statusPhrase(p)}; ${submittedClause(p, namer)}.${discussedClause(p)}`])));
  }
  if (open.length) {
    blocks.push(heading(3, submitted.length ? 'Other open proposals' : 'Where the open proposals stand'));
    blocks.push(list(open.map((p) => [strong(p.title), `: ${statusPhrase(p)}; ${submittedClause(p, namer)}.${discussedClause(p)}`])));
  }
  return blocks;
}

// ── agreements ──

function partiesClause(parties: readonly NamedRef[], declared: number | undefined, namer: Namer): string {
  if (parties.length === 0) return declared ? ` by ${count(declared, 'party', 'parties')}` : '';
  if (declared !== undefined && declared > parties.length) return ` by ${count(declared, 'party', 'parties')}, among them ${namer.names(parties)}`;
  return ` by ${namer.names(parties)}`;
}

function agreementsSection(model: ReportModel, namer: Namer): Block[] {
  const blocks: Block[] = [heading(2, 'Agreements')];
  const { agreementsSigned: signed, agreementsExpiring: expiring } = model;
  if (!signed.length && !expiring.length) {
    blocks.push(paragraph('No agreement was signed in this period, and none expires in it.'));
    return blocks;
  }
  if (signed.length) {
    blocks.push(heading(3, 'Signed in this period'));
    blocks.push(
      list(
        signed.map((a) => {
          const until = a.validUntil ? `; valid until ${longDate(a.validUntil)}` : '';
          const kind = a.title.toLowerCase().includes(words(a.kind)) || a.kind === 'other' ? '' : `${withArticle(words(a.kind))}, `;
          return [strong(a.title), `: ${kind}signed on ${longDate(a.signedOn)}${partiesClause(a.parties, a.declaredParties, namer)}${until}.`];
        }),
      ),
    );
  }
  if (expiring.length) {
    blocks.push(heading(3, 'Expiring in this period'));
    blocks.push(list(expiring.map((a) => [strong(a.title), `: valid until ${longDate(a.validUntil!)}${a.signedOn ? ` (signed on ${longDate(a.signedOn)})` : ''}.`])));
  }
  return blocks;
}

function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

// ── follow-up actions ──

function actionItem(a: ActionFacts, severalMeetings: boolean): Inline[] {
  const about: string[] = [];
  if (a.owner) about.push(a.owner.shortName ?? a.owner.name);
  about.push(a.due ? `due ${longDate(a.due)}` : 'no due date');
  if (severalMeetings) about.push(`agreed at ${quoted(a.meeting.title)} on ${longDate(a.meeting.date)}`);
  return [`${a.task} (${about.join('; ')})`];
}

function actionsSection(model: ReportModel): Block[] {
  const blocks: Block[] = [heading(2, 'Follow-up actions')];
  const { overdue, open, done, dropped } = model.actions;
  const total = overdue.length + open.length + done.length + dropped.length;
  const meetings = model.meetingsHeld.length;
  const where = meetings === 1 ? 'at this meeting' : 'at these meetings';
  if (total === 0) {
    blocks.push(paragraph(meetings ? `No follow-up actions were agreed ${where}.` : 'No follow-up actions were agreed in this period.'));
    return blocks;
  }
  const states: [number, string][] = (
    [
      [done.length, is(done.length), 'done'],
      [open.length, is(open.length), 'open'],
      [overdue.length, is(overdue.length), 'overdue'],
      [dropped.length, was(dropped.length), 'dropped'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, verb, state]) => [n, `${verb} ${state}`]);
  let sentence: string;
  if (total === 1) sentence = `The one follow-up action agreed ${where} ${states[0]![1]}.`;
  else if (states.length === 1) sentence = `${total === 2 ? 'Both' : `All ${total}`} follow-up actions agreed ${where} ${states[0]![1]}.`;
  else sentence = `Of the ${total} follow-up actions agreed ${where}, ${joinWords(states.map(([n, phrase]) => `${n} ${phrase}`))}.`;
  blocks.push(paragraph(sentence));
  const several = meetings > 1;
  const group = (title: string, items: ActionFacts[]) => {
    if (!items.length) return;
    blocks.push(heading(3, title), list(items.map((a) => actionItem(a, several))));
  };
  group('Overdue', overdue);
  group('Open', open);
  group('Done', done);
  group('Dropped', dropped);
  return blocks;
}

// ── organisations ──

function organisationsSection(model: ReportModel, namer: Namer): Block[] {
  const blocks: Block[] = [heading(2, 'Organisations engaged')];
  const orgs = model.organisations;
  if (orgs.length === 0) {
    blocks.push(paragraph('No organisations were engaged in this period.'));
    return blocks;
  }
  const bounded = model.period.from !== undefined || model.period.to !== undefined;
  blocks.push(paragraph(`In all, ${count(orgs.length, 'organisation was', 'organisations were')} engaged${bounded ? ' in this period' : ''}.`));
  const items: Inline[][] = [];
  for (const [kind, label] of Object.entries(KIND_HEADINGS)) {
    const ofKind = orgs.filter((o) => (o.kind ?? 'other') === kind);
    if (ofKind.length) items.push([strong(label), ` (${ofKind.length}): ${ofKind.map((o) => namer.entry(o)).join(', ')}`]);
  }
  blocks.push(list(items));
  return blocks;
}

