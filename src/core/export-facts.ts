/**
 * The facts of meetings, proposals, agreements and actions as the prose exports (report, summary) and the
 * calendar need them: references already resolved to names, lists never undefined. Pure: built from an
 * ExportView, so only what an export may show is ever in here.
 */
import { collectActions, type ActionStatus } from './actions.js';
import type { RecordType } from './kinds.js';
import type { Fields, StoreRecord } from './record.js';
import type { ExportView } from './visibility.js';

/** A referenced record, by name. */
export interface NamedRef {
  id: string;
  type: RecordType;
  /** Name or title (the id when it has none). */
  name: string;
  /** An organisation's short name (acronym). */
  shortName?: string;
  /** An organisation's kind. */
  kind?: string;
  /** A person's role. */
  role?: string;
  /** An organisation's parent, or a person's organisation. */
  parent?: NamedRef;
}

export interface DocumentFacts {
  url: string;
  title?: string;
  lang?: string;
}

export interface ActionFacts {
  meeting: { id: string; title: string; date: string };
  /** Position in the meeting's `actions` (0-based). */
  index: number;
  task: string;
  owner?: NamedRef;
  due?: string;
  status: ActionStatus;
  /** Open, with a due date before today. */
  overdue: boolean;
}

export interface MeetingFacts {
  id: string;
  title: string;
  date: string;
  endDate?: string;
  status: 'planned' | 'held' | 'cancelled';
  host?: NamedRef;
  location?: string;
  format?: string;
  participants: NamedRef[];
  /** Organisations present in all, when the record gives a number. */
  participantCount?: number;
  attendees: NamedRef[];
  agenda: string[];
  outcomes: string[];
  actions: ActionFacts[];
  proposals: NamedRef[];
  agreements: NamedRef[];
  sources: string[];
}

export interface ProposalFacts {
  id: string;
  title: string;
  status: string;
  submittedBy: NamedRef[];
  submittedTo: NamedRef[];
  submittedOn?: string;
  decidedOn?: string;
  language: string[];
  documents: DocumentFacts[];
  topics: string[];
  /** Meetings where it was discussed: its own `meetings` and the meetings that list it, by date. */
  meetings: MeetingFacts[];
  sources: string[];
}

export interface AgreementFacts {
  id: string;
  title: string;
  kind: string;
  signedOn: string;
  parties: NamedRef[];
  declaredParties?: number;
  validUntil?: string;
  documents: DocumentFacts[];
  /** Meetings that list it, by date. */
  meetings: MeetingFacts[];
  sources: string[];
}

/** Statuses of a proposal still waiting for an answer. */
export const OPEN_PROPOSAL_STATUSES: readonly string[] = ['draft', 'submitted', 'under-review'];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function documentsOf(v: unknown): DocumentFacts[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof (d as Fields).url === 'string')
    .map((d) => ({ url: d.url as string, ...(str(d.title) ? { title: str(d.title) } : {}), ...(str(d.lang) ? { lang: str(d.lang) } : {}) }));
}

/** Meetings (and anything dated) oldest first, then by id. */
export const byDateThenId = <T extends { date: string; id: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Resolves ids to facts over one view; facts are built once per record. */
export class Facts {
  private readonly meetingCache = new Map<string, MeetingFacts>();
  private readonly discussedAt = new Map<string, string[]>();

  constructor(
    readonly view: ExportView,
    /** YYYY-MM-DD, for overdue actions. */
    readonly today: string,
  ) {
    // Meetings that list a proposal or an agreement, so that either side of the link is enough.
    for (const r of view.records) {
      if (r.type !== 'meeting') continue;
      for (const id of [...strings(r.fields?.proposals), ...strings(r.fields?.agreements)]) this.link(id, r.id);
    }
    for (const r of view.records) if (r.type === 'proposal') for (const m of strings(r.fields?.meetings)) this.link(r.id, m);
  }

  private link(id: string, meeting: string): void {
    const list = this.discussedAt.get(id);
    if (!list) this.discussedAt.set(id, [meeting]);
    else if (!list.includes(meeting)) list.push(meeting);
  }

  records(type: RecordType): StoreRecord[] {
    return this.view.records.filter((r) => r.type === type);
  }

  ref(id: string, depth = 0): NamedRef {
    const r = this.view.byId.get(id);
    const f = r?.fields ?? {};
    const out: NamedRef = { id, type: r?.type ?? 'organisation', name: this.view.label(id) };
    if (str(f.short_name)) out.shortName = f.short_name as string;
    if (r?.type === 'organisation' && str(f.kind)) out.kind = f.kind as string;
    if (r?.type === 'person' && str(f.role)) out.role = f.role as string;
    const parent = str(r?.type === 'person' ? f.organisation : f.parent);
    if (parent && depth < 1 && this.view.byId.has(parent)) out.parent = this.ref(parent, depth + 1);
    return out;
  }

  private refs(v: unknown): NamedRef[] {
    return strings(v)
      .filter((id) => this.view.byId.has(id))
      .map((id) => this.ref(id));
  }

  meeting(record: StoreRecord): MeetingFacts {
    const cached = this.meetingCache.get(record.id);
    if (cached) return cached;
    const f = record.fields ?? {};
    const facts: MeetingFacts = {
      id: record.id,
      title: this.view.label(record.id),
      date: str(f.date) ?? '',
      status: (str(f.status) ?? 'held') as MeetingFacts['status'],
      participants: this.refs(f.participants),
      attendees: this.refs(f.attendees),
      agenda: strings(f.agenda),
      outcomes: strings(f.outcomes),
      actions: [],
      proposals: this.refs(f.proposals),
      agreements: this.refs(f.agreements),
      sources: strings(f.sources),
    };
    if (str(f.end_date)) facts.endDate = f.end_date as string;
    if (str(f.host) && this.view.byId.has(f.host as string)) facts.host = this.ref(f.host as string);
    if (str(f.location)) facts.location = f.location as string;
    if (str(f.format)) facts.format = f.format as string;
    if (num(f.participant_count) !== undefined) facts.participantCount = f.participant_count as number;
    facts.actions = this.actionsOf([record]);
    this.meetingCache.set(record.id, facts);
    return facts;
  }

  /** The actions of these meetings, in the order of the meetings and within each. */
  actionsOf(meetings: readonly StoreRecord[]): ActionFacts[] {
    return collectActions(meetings, this.today).map((a) => {
      const raw = (a.meeting.fields?.actions as Fields[])[a.index] ?? {};
      const owner = str(raw.owner);
      const out: ActionFacts = {
        meeting: { id: a.meeting.id, title: this.view.label(a.meeting.id), date: str(a.meeting.fields?.date) ?? '' },
        index: a.index,
        task: a.task,
        status: a.status,
        overdue: a.overdue,
      };
      if (owner && this.view.byId.has(owner)) out.owner = this.ref(owner);
      if (a.due) out.due = a.due;
      return out;
    });
  }

  private meetingsDiscussing(id: string): MeetingFacts[] {
    return (this.discussedAt.get(id) ?? [])
      .map((m) => this.view.byId.get(m))
      .filter((m): m is StoreRecord => m?.type === 'meeting')
      .map((m) => this.meeting(m))
      .sort(byDateThenId);
  }

  proposal(record: StoreRecord): ProposalFacts {
    const f = record.fields ?? {};
    const facts: ProposalFacts = {
      id: record.id,
      title: this.view.label(record.id),
      status: str(f.status) ?? 'draft',
      submittedBy: this.refs(f.submitted_by),
      submittedTo: this.refs(f.submitted_to),
      language: strings(f.language),
      documents: documentsOf(f.documents),
      topics: strings(f.topics),
      meetings: this.meetingsDiscussing(record.id),
      sources: strings(f.sources),
    };
    if (str(f.submitted_on)) facts.submittedOn = f.submitted_on as string;
    if (str(f.decided_on)) facts.decidedOn = f.decided_on as string;
    return facts;
  }

  agreement(record: StoreRecord): AgreementFacts {
    const f = record.fields ?? {};
    const facts: AgreementFacts = {
      id: record.id,
      title: this.view.label(record.id),
      kind: str(f.kind) ?? 'other',
      signedOn: str(f.signed_on) ?? '',
      parties: this.refs(f.parties),
      documents: documentsOf(f.documents),
      meetings: this.meetingsDiscussing(record.id),
      sources: strings(f.sources),
    };
    if (num(f.declared_parties) !== undefined) facts.declaredParties = f.declared_parties as number;
    if (str(f.valid_until)) facts.validUntil = f.valid_until as string;
    return facts;
  }
}

