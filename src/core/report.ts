/**
 * The activity report of a period (`dossier export report`), as data: meetings held, proposals submitted,
 * decided or still open, agreements signed and expiring, follow-up actions, and the organisations engaged.
 * The words are written by format/report.ts.
 */
import { selectActions } from './actions.js';
import { byDateThenId, Facts, OPEN_PROPOSAL_STATUSES, type ActionFacts, type AgreementFacts, type MeetingFacts, type NamedRef, type ProposalFacts } from './export-facts.js';
import { inPeriod, overlapsPeriod, type Period } from './period.js';
import type { StoreRecord } from './record.js';
import type { ExportView } from './visibility.js';

export interface ReportModel {
  period: Period;
  /** The earliest and latest date the report mentions, for a report over the whole store. */
  first?: string;
  last?: string;
  meetingsHeld: MeetingFacts[];
  /** Planned or cancelled meetings in the period. */
  meetingsOther: MeetingFacts[];
  proposalsSubmitted: ProposalFacts[];
  proposalsDecided: ProposalFacts[];
  /** Open proposals (draft, submitted, under review) not already listed as submitted in the period. */
  proposalsOpen: ProposalFacts[];
  agreementsSigned: AgreementFacts[];
  agreementsExpiring: AgreementFacts[];
  /** Actions agreed at the meetings held in the period, as a to-do list orders them. */
  actions: { overdue: ActionFacts[]; open: ActionFacts[]; done: ActionFacts[]; dropped: ActionFacts[] };
  /** Organisations referred to by what the report covers, by name. */
  organisations: NamedRef[];
}

export interface ReportOptions {
  period: Period;
  /** YYYY-MM-DD, for overdue actions. */
  today: string;
}

const byName = (a: NamedRef, b: NamedRef) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildReport(view: ExportView, options: ReportOptions): ReportModel {
  const { period } = options;
  const facts = new Facts(view, options.today);

  const meetings = facts
    .records('meeting')
    .filter((m) => typeof m.fields?.date === 'string' && overlapsPeriod(m.fields.date, m.fields.end_date as string | undefined, period))
    .map((m) => ({ record: m, facts: facts.meeting(m) }))
    .sort((a, b) => byDateThenId(a.facts, b.facts));
  const held = meetings.filter((m) => m.facts.status === 'held');

  const proposals = facts.records('proposal').map((p) => facts.proposal(p));
  const submitted = proposals.filter((p) => p.submittedOn !== undefined && inPeriod(p.submittedOn, period)).sort(byDate((p) => p.submittedOn!));
  const decided = proposals.filter((p) => p.decidedOn !== undefined && inPeriod(p.decidedOn, period)).sort(byDate((p) => p.decidedOn!));
  const open = proposals
    .filter((p) => OPEN_PROPOSAL_STATUSES.includes(p.status) && !submitted.includes(p))
    // Not one sent after the period ends: the report says where things stood by then.
    .filter((p) => period.to === undefined || p.submittedOn === undefined || p.submittedOn <= period.to)
    .sort(byDate((p) => p.submittedOn ?? ''));

  const agreements = facts.records('agreement').map((a) => facts.agreement(a));
  const signed = agreements.filter((a) => a.signedOn !== '' && inPeriod(a.signedOn, period)).sort(byDate((a) => a.signedOn));
  const expiring = agreements.filter((a) => a.validUntil !== undefined && inPeriod(a.validUntil, period)).sort(byDate((a) => a.validUntil!));

  const actions = actionsOf(facts, held.map((m) => m.record), options.today);

  // Engaged: named by a meeting held, a proposal submitted or decided (or an open one discussed at a meeting
  // held), or an agreement signed, in the period.
  const heldIds = new Set(held.map((m) => m.facts.id));
  const engaged = new Map<string, NamedRef>();
  const add = (refs: readonly (NamedRef | undefined)[]) => {
    for (const r of refs) if (r && r.type === 'organisation' && !engaged.has(r.id)) engaged.set(r.id, r);
  };
  for (const { facts: m } of held) add([m.host, ...m.participants, ...m.actions.map((a) => a.owner)]);
  for (const p of [...submitted, ...decided, ...open.filter((p) => p.meetings.some((m) => heldIds.has(m.id)))]) add([...p.submittedBy, ...p.submittedTo]);
  for (const a of signed) add(a.parties);

  const dates = [
    ...meetings.flatMap((m) => [m.facts.date, m.facts.endDate]),
    ...submitted.map((p) => p.submittedOn),
    ...decided.map((p) => p.decidedOn),
    ...signed.map((a) => a.signedOn),
    ...expiring.map((a) => a.validUntil),
  ].filter((d): d is string => typeof d === 'string' && d !== '');
  dates.sort();

  const model: ReportModel = {
    period,
    meetingsHeld: held.map((m) => m.facts),
    meetingsOther: meetings.filter((m) => m.facts.status !== 'held').map((m) => m.facts),
    proposalsSubmitted: submitted,
    proposalsDecided: decided,
    proposalsOpen: open,
    agreementsSigned: signed,
    agreementsExpiring: expiring,
    actions,
    organisations: [...engaged.values()].sort(byName),
  };
  if (dates.length > 0) {
    model.first = dates[0]!;
    model.last = dates[dates.length - 1]!;
  }
  return model;
}

function byDate<T extends { id: string }>(date: (x: T) => string) {
  return (a: T, b: T) => {
    const da = date(a);
    const db = date(b);
    return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function actionsOf(facts: Facts, meetings: readonly StoreRecord[], today: string): ReportModel['actions'] {
  const all = facts.actionsOf(meetings);
  // The to-do order of `dossier actions`: by due date (undated last), then meeting, then position.
  const key = (a: { meeting: StoreRecord; index: number }) => `${a.meeting.id}\u0000${a.index}`;
  const ordered = selectActions(
    all.map((a) => ({ meeting: facts.view.byId.get(a.meeting.id)!, index: a.index, task: a.task, owner: a.owner?.id ?? '', due: a.due, status: a.status, overdue: a.overdue })),
    { today },
  ).map(key);
  const rank = new Map(ordered.map((k, i) => [k, i]));
  all.sort((a, b) => rank.get(`${a.meeting.id}\u0000${a.index}`)! - rank.get(`${b.meeting.id}\u0000${b.index}`)!);
  return {
    overdue: all.filter((a) => a.overdue),
    open: all.filter((a) => a.status === 'open' && !a.overdue),
    done: all.filter((a) => a.status === 'done'),
    dropped: all.filter((a) => a.status === 'dropped'),
  };
}
