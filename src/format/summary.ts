/**
 * The publishable summary of one meeting, proposal or agreement, in words: who hosted, who took part, what was
 * discussed, what was said, what was agreed, and the related proposals and agreements woven in — written like
 * a news item, from the records alone. Rendered as Markdown or a self-contained HTML page.
 */
import type { ActionFacts, AgreementFacts, DocumentFacts, MeetingFacts, NamedRef, ProposalFacts } from '../core/export-facts.js';
import type { SummaryModel } from '../core/summary.js';
import { renderMarkdown } from './doc-markdown.js';
import { em, heading, link, list, paragraph, safeHref, type Block, type Doc, type Inline } from './doc.js';
import { renderHtmlPage } from './html-page.js';
import type { ProseFormat } from './report.js';
import { dateRange, joinAnd, joinWords, languageName, longDate, lowerFirst, Namer, words } from './prose.js';

export function formatSummary(model: SummaryModel, format: ProseFormat): string {
  const doc = summaryDoc(model);
  return format === 'html' ? renderHtmlPage(doc) : renderMarkdown(doc);
}

export function summaryDoc(model: SummaryModel): Doc {
  const namer = new Namer();
  switch (model.kind) {
    case 'meeting':
      return meetingSummary(model.meeting, model.proposals, model.agreements, namer);
    case 'proposal':
      return proposalSummary(model.proposal, namer);
    case 'agreement':
      return agreementSummary(model.agreement, namer);
  }
}

/** First words of meeting titles that read as a common noun: "held a consultation with ...". */
const MEETING_WORDS = new Set([
  'briefing', 'call', 'conference', 'consultation', 'consultations', 'dialogue', 'follow-up', 'forum', 'hearing', 'kick-off',
  'kickoff', 'meeting', 'meetings', 'panel', 'roundtable', 'seminar', 'session', 'summit', 'training', 'visit', 'webinar', 'workshop',
]);

/** "a consultation with civil society organisations" for a title that reads as one; else `a meeting, “Title”,`. */
function meetingNoun(title: string): string {
  const first = /^\S+/.exec(title)?.[0] ?? '';
  const word = first.toLowerCase();
  if (MEETING_WORDS.has(word) && first === first.charAt(0).toUpperCase() + first.slice(1).toLowerCase()) {
    const phrase = lowerFirst(title);
    if (word.endsWith('s')) return phrase;
    return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${phrase}`;
  }
  return `a meeting, “${title}”,`;
}

/** "the Office for Combating Drugs of the Government of the Republic of Serbia" for a government body. */
function hostName(host: NamedRef, namer: Namer, start: boolean): string {
  const name = namer.name(host, { start });
  return host.kind === 'government' && host.parent ? `${name} of ${namer.name(host.parent)}` : name;
}

function personPhrase(p: NamedRef, namer: Namer): string {
  if (p.role && p.parent) return `${p.name}, ${p.role} of ${namer.name(p.parent)}`;
  if (p.role) return `${p.name}, ${p.role}`;
  if (p.parent) return `${p.name} of ${namer.name(p.parent)}`;
  return p.name;
}

/** "the Memorandum of Understanding between ..." */
function agreementName(a: AgreementFacts): string {
  return /^the\s/i.test(a.title) ? a.title : `the ${a.title}`;
}

function partiesPhrase(a: AgreementFacts, namer: Namer): string {
  const n = a.parties.length;
  if (n === 0) return a.declaredParties ? ` by ${a.declaredParties} parties` : '';
  if (a.declaredParties !== undefined && a.declaredParties > n) return ` by ${a.declaredParties} parties, among them ${namer.names(a.parties)}`;
  return ` by ${namer.names(a.parties)}`;
}

function documentLinks(docs: readonly DocumentFacts[]): Inline[][] {
  return docs.map((d) => {
    const label = d.title ?? d.url;
    const lang = d.lang ? ` (${languageName(d.lang)})` : '';
    return safeHref(d.url) ? [link(d.url, label), lang] : [label, lang];
  });
}

// ── the meeting itself ──

/** "On 25 February 2019 the Office ... held a consultation with ... in Belgrade." and who took part. */
function meetingLead(m: MeetingFacts, namer: Namer, options: { discussed?: string } = {}): string[] {
  const when = dateRange(m.date, m.endDate);
  const where = m.location ? ` in ${m.location}${m.format === 'hybrid' ? ' and online' : ''}` : m.format === 'online' ? ' online' : '';
  const noun = meetingNoun(m.title);
  const tail = `${noun}${where} on ${when}`;
  const discussed = options.discussed ? `, where ${options.discussed}` : '';
  const sentences: string[] = [];
  if (m.status === 'cancelled') {
    sentences.push(m.host ? `${hostName(m.host, namer, true)} was to hold ${tail}${discussed}; the meeting was cancelled.` : `${capitalise(noun)} planned${where} for ${when} was cancelled.`);
    return sentences;
  }
  const verb = m.status === 'planned' ? 'will hold' : 'held';
  if (m.host) sentences.push(`${hostName(m.host, namer, true)} ${verb} ${tail}${discussed}.`);
  else sentences.push(`${capitalise(noun.replace(/,$/, ''))} ${m.status === 'planned' ? 'will be' : 'was'} held${where} on ${when}${discussed}.`);

  const named = m.participants.length;
  const total = m.participantCount;
  const took = m.status === 'planned' ? 'are expected to take part' : 'took part';
  if (named === 0 && total) sentences.push(`In all, ${total} ${total === 1 ? 'organisation' : 'organisations'} ${took}.`);
  else if (named > 0 && total !== undefined && total > named) sentences.push(`In all, ${total} organisations ${took}, among them ${namer.names(m.participants)}.`);
  else if (named > 0) sentences.push(`${named === 1 ? 'The organisation' : 'The organisations'} taking part ${named === 1 ? 'was' : 'were'} ${namer.names(m.participants)}.`);
  if (m.attendees.length) sentences.push(`Among those present ${m.attendees.length === 1 ? 'was' : 'were'} ${joinWords(m.attendees.map((p) => personPhrase(p, namer)))}.`);
  return sentences;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "All the organisations named are parties to the Memorandum ..., signed on 10 January 2018." */
function partiesAmongParticipants(m: MeetingFacts, agreements: readonly AgreementFacts[]): string[] {
  const out: string[] = [];
  for (const a of agreements) {
    const parties = new Set(a.parties.map((p) => p.id));
    const k = m.participants.filter((p) => parties.has(p.id)).length;
    if (k === 0) continue;
    const signed = a.signedOn ? `, signed on ${longDate(a.signedOn)}` : '';
    if (k === m.participants.length) out.push(`${k === 1 ? 'It is a party' : 'All the organisations named are parties'} to ${agreementName(a)}${signed}.`);
    else out.push(`Of the organisations named, ${k} ${k === 1 ? 'is a party' : 'are parties'} to ${agreementName(a)}${signed}.`);
  }
  return out;
}

function commitments(actions: readonly ActionFacts[], namer: Namer): Block[] {
  const blocks: Block[] = [];
  const owners: (NamedRef | undefined)[] = [];
  for (const a of actions) if (!owners.some((o) => o?.id === a.owner?.id)) owners.push(a.owner);
  for (const owner of owners) {
    const mine = actions.filter((a) => a.owner?.id === owner?.id);
    blocks.push(paragraph(owner ? `${capitalise(namer.name(owner, { start: true }))} committed to:` : 'It was also agreed to:'));
    blocks.push(
      list(
        mine.map((a) => {
          const due = a.due ? ` by ${longDate(a.due)}` : '';
          const state = a.status === 'done' ? ' (done)' : a.status === 'dropped' ? ' (since dropped)' : '';
          return [`${lowerFirst(a.task)}${due}${state}`];
        }),
      ),
    );
  }
  return blocks;
}

// ── proposals ──

function proposalStatusSentence(p: ProposalFacts): string {
  const on = p.decidedOn ? ` on ${longDate(p.decidedOn)}` : '';
  switch (p.status) {
    case 'draft':
      return 'It is still a draft.';
    case 'submitted':
      return 'It is waiting for an answer.';
    case 'under-review':
      return 'It is under review.';
    case 'withdrawn':
      return 'It has since been withdrawn.';
    default:
      return `It was ${words(p.status)}${on}.`;
  }
}

/** "DPNSEE sent the “Proposal for ...” to the Ministry of Justice, ...", its topics, languages and status. */
function proposalParagraph(p: ProposalFacts, namer: Namer): Inline[] {
  const named = /^proposal\b/i.test(p.title) ? `the “${p.title}”` : `a proposal, “${p.title}”,`;
  const by = p.submittedBy.length ? namer.names(p.submittedBy, { start: true }) : '';
  const to = p.submittedTo.length ? ` to ${namer.names(p.submittedTo)}` : '';
  const on = p.submittedOn ? ` on ${longDate(p.submittedOn)}` : '';
  const sentences: string[] = [];
  if (p.status === 'draft') sentences.push(by ? `${by} ${p.submittedBy.length === 1 ? 'is' : 'are'} preparing ${named.replace(/,$/, '')}${to ? `, to be sent${to}` : ''}.` : `${capitalise(named.replace(/,$/, ''))} is being prepared.`);
  else if (by) sentences.push(`${by} sent ${named.endsWith(',') ? named.slice(0, -1) : named}${named.endsWith(',') && (to || on) ? ',' : ''}${to}${on}.`);
  else sentences.push(`${capitalise(named.replace(/,$/, ''))} was sent${to}${on}.`);
  if (p.topics.length) sentences.push(`It covers ${joinWords(p.topics.map(lowerFirst))}.`);
  const content: Inline[] = [sentences.join(' ')];
  const langs = p.language.map(languageName);
  if (p.documents.length) {
    content.push(` The text is available${langs.length ? ` in ${joinWords(langs)}` : ''}: `, ...joinAnd(documentLinks(p.documents)), '.');
  } else if (langs.length) content.push(` The proposal is available in ${joinWords(langs)}.`);
  content.push(` ${proposalStatusSentence(p)}`);
  return content;
}

// ── the three summaries ──

function sourcesSection(sources: readonly string[]): Block[] {
  const unique = [...new Set(sources)];
  if (!unique.length) return [];
  return [heading(2, 'Sources'), list(unique.map((s) => (safeHref(s) ? [link(s, s)] : [s])))];
}

function meetingSummary(m: MeetingFacts, proposals: readonly ProposalFacts[], agreements: readonly AgreementFacts[], namer: Namer): Doc {
  const blocks: Block[] = [heading(1, m.title), paragraph(em(`${dateRange(m.date, m.endDate)}${m.location ? `, ${m.location}` : ''}`))];
  blocks.push(paragraph([...meetingLead(m, namer), ...partiesAmongParticipants(m, agreements)].join(' ')));
  if (m.agenda.length) blocks.push(heading(2, 'What was discussed'), paragraph(m.agenda.length === 1 ? 'The meeting discussed one subject:' : 'The meeting discussed:'), list(m.agenda.map((a) => [a])));
  if (proposals.length) {
    blocks.push(heading(2, proposals.length === 1 ? 'The proposal' : 'The proposals'));
    for (const p of proposals) blocks.push(paragraph(...proposalParagraph(p, namer)));
  }
  if (m.outcomes.length) blocks.push(heading(2, 'What was said'), list(m.outcomes.map((o) => [o])));
  if (m.actions.length) blocks.push(heading(2, 'What was agreed'), ...commitments(m.actions, namer));
  if (agreements.length) {
    blocks.push(heading(2, 'Background'));
    for (const a of agreements) blocks.push(paragraph(agreementSentences(a, namer)));
  }
  blocks.push(...sourcesSection([...m.sources, ...proposals.flatMap((p) => p.sources), ...agreements.flatMap((a) => a.sources)]));
  return { title: m.title, lang: 'en', blocks };
}

function agreementSentences(a: AgreementFacts, namer: Namer): string {
  const sentences = [`${capitalise(agreementName(a))} was signed${a.signedOn ? ` on ${longDate(a.signedOn)}` : ''}${partiesPhrase(a, namer)}.`];
  if (!a.title.toLowerCase().includes(words(a.kind)) && a.kind !== 'other') sentences.push(`It is ${/^[aeiou]/.test(a.kind) ? 'an' : 'a'} ${words(a.kind)}.`);
  if (a.validUntil) sentences.push(`It is valid until ${longDate(a.validUntil)}.`);
  return sentences.join(' ');
}

/** One meeting where a proposal or agreement was discussed: the lead, then (for a proposal) what was said and agreed. */
function discussedAt(m: MeetingFacts, what: string, namer: Namer, withOutcomes: boolean): Block[] {
  const blocks: Block[] = [heading(3, `${dateRange(m.date, m.endDate)}: ${m.title}`), paragraph(meetingLead(m, namer, { discussed: `${what} was discussed` }).join(' '))];
  if (!withOutcomes) return blocks;
  if (m.outcomes.length) blocks.push(paragraph('What was said:'), list(m.outcomes.map((o) => [o])));
  if (m.actions.length) blocks.push(...commitments(m.actions, namer));
  return blocks;
}

function proposalSummary(p: ProposalFacts, namer: Namer): Doc {
  const blocks: Block[] = [heading(1, p.title)];
  if (p.submittedOn && p.status !== 'draft') blocks.push(paragraph(em(`Submitted on ${longDate(p.submittedOn)}`)));
  blocks.push(paragraph(...proposalParagraph(p, namer)));
  if (p.meetings.length) {
    blocks.push(heading(2, 'Where it was discussed'));
    for (const m of p.meetings) blocks.push(...discussedAt(m, 'the proposal', namer, true));
  }
  blocks.push(...sourcesSection([...p.sources, ...p.meetings.flatMap((m) => m.sources)]));
  return { title: p.title, lang: 'en', blocks };
}

function agreementSummary(a: AgreementFacts, namer: Namer): Doc {
  const blocks: Block[] = [heading(1, a.title)];
  if (a.signedOn) blocks.push(paragraph(em(`Signed on ${longDate(a.signedOn)}`)));
  const lead: Inline[] = [agreementSentences(a, namer)];
  if (a.documents.length) lead.push(' The text is available: ', ...joinAnd(documentLinks(a.documents)), '.');
  blocks.push(paragraph(...lead));
  if (a.meetings.length) {
    blocks.push(heading(2, 'Where it was discussed'));
    for (const m of a.meetings) blocks.push(...discussedAt(m, 'the agreement', namer, false));
  }
  blocks.push(...sourcesSection([...a.sources, ...a.meetings.flatMap((m) => m.sources)]));
  return { title: a.title, lang: 'en', blocks };
}
