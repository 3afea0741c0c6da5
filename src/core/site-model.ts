/**
 * The static public website (`dossier export site`), as data: every page, where it lives, what it links to and
 * what links to it, the Atom feed's entries and the sitemap. Pure, and built from an ExportView only — the public
 * view of the store — so a private record or a private person's contact field cannot reach any page, file name
 * or link. Deterministic: nothing here reads the clock; every list has a total order.
 * The words and the HTML are written by format/site-*.ts.
 */
import { backlinksOf } from './backlinks.js';
import { Facts, type ActionFacts, type AgreementFacts, type MeetingFacts, type NamedRef, type ProposalFacts } from './export-facts.js';
import { RECORD_TYPES, type RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { buildIndex } from './references.js';
import { fieldInfo } from './schema-info.js';
import { HOME_PATH, recordPagePath, sectionPath } from './site-paths.js';
import type { ExportView } from './visibility.js';

export interface SiteOptions {
  /** The site's name (header, home page heading, feed title). */
  title: string;
  /** An absolute http(s) URL ending in `/`, for canonical links, the sitemap and the feed's ids. */
  baseUrl?: string;
  /**
   * When the records last changed, as `YYYY-MM-DDTHH:MM:SSZ`: the feed's `updated` and the home page's date;
   * undefined when nothing says (no commit, no dated record).
   */
  updated?: string;
  /** The Markdown body of a record of the view. */
  body: (record: StoreRecord) => string;
  /** At most this many feed entries (default 50). */
  feedLimit?: number;
}

export interface OrganisationFacts {
  id: string;
  name: string;
  shortName?: string;
  otherNames: { name: string; lang?: string }[];
  kind: string;
  parent?: NamedRef;
  memberOf: NamedRef[];
  country?: string;
  city?: string;
  website?: string;
  email?: string;
  founded?: string;
  status: string;
}

export interface PersonFacts {
  id: string;
  name: string;
  role?: string;
  organisation?: NamedRef;
  /** Only ever set for a person marked public: the view has already removed everyone else. */
  email?: string;
  phone?: string;
}

export type RecordFacts =
  | { type: 'organisation'; organisation: OrganisationFacts }
  | { type: 'person'; person: PersonFacts }
  | { type: 'meeting'; meeting: MeetingFacts }
  | { type: 'proposal'; proposal: ProposalFacts }
  | { type: 'agreement'; agreement: AgreementFacts };

/** A record that refers to the page's record, with what a list shows next to its name. */
export interface RelatedItem {
  ref: NamedRef;
  /** A meeting's date, a proposal's decision or submission date, an agreement's signing date. */
  date?: string;
  /** A meeting's or a proposal's status. */
  status?: string;
}

/** Records that refer to the page's record through one field (`meeting.host`: the meetings it hosted). */
export interface RelatedGroup {
  /** `<type>.<field>` of the referring records: `meeting.host`, `proposal.submitted_to`. */
  key: string;
  type: RecordType;
  field: string;
  items: RelatedItem[];
}

export type RecordPage = RecordFacts & {
  path: string;
  id: string;
  title: string;
  /** The Markdown body, rendered (and sanitised) by the formatter; read from the record each time it is asked for. */
  readonly body: string;
  sources: string[];
  /** What refers to this record, beyond what its own fields already link to. */
  related: RelatedGroup[];
  /** Follow-up actions of meetings that this organisation or person owns, oldest meeting first. */
  actionsOwned: ActionFacts[];
};

export interface FeedEntry {
  page: RecordPage & { type: 'meeting' | 'proposal' };
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  updated: string;
}

export interface SiteModel {
  title: string;
  baseUrl?: string;
  updated: string;
  /** Public records per type. */
  counts: Record<RecordType, number>;
  home: {
    latestMeetings: MeetingFacts[];
    proposalsByStatus: { status: string; count: number; latest: ProposalFacts[] }[];
    latestAgreements: AgreementFacts[];
  };
  organisationsByKind: { kind: string; organisations: OrganisationFacts[] }[];
  meetingsByYear: { year: string; meetings: MeetingFacts[] }[];
  proposalsByStatus: { status: string; proposals: ProposalFacts[] }[];
  /** Newest first. */
  agreements: AgreementFacts[];
  people: PersonFacts[];
  /** One page per public record, in the view's order (by type, then id). */
  records: RecordPage[];
  /** Meetings and proposals, newest first. */
  feed: FeedEntry[];
  /** Every page's path, the home page first, then sorted; only with a base URL (a sitemap needs absolute URLs). */
  sitemap: string[];
}

/** Atom needs a date on everything: for a store that gives none, the start of the epoch. */
export const NO_DATE = '1970-01-01T00:00:00Z';

const HOME_MEETINGS = 5;
const HOME_PROPOSALS_PER_STATUS = 5;
const HOME_AGREEMENTS = 3;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => collator.compare(a.name, b.name) || byId(a, b);
/** Newest first by `date` (undated last), then by name or title, then by id. */
const newestFirst = <T>(date: (x: T) => string | undefined, name: (x: T) => string, id: (x: T) => string) => (a: T, b: T) => {
  const da = date(a) ?? '';
  const db = date(b) ?? '';
  if (da !== db) return da > db ? -1 : 1;
  return collator.compare(name(a), name(b)) || byId({ id: id(a) }, { id: id(b) });
};

/** The date a proposal last moved: its decision, else its submission. */
export const proposalDate = (p: ProposalFacts): string | undefined => p.decidedOn ?? p.submittedOn;

/** The values of an enum field in record-model order (what the section pages group by). */
function enumValues(type: RecordType, field: string): readonly string[] {
  return fieldInfo(type, field)?.values ?? [];
}

function organisationFacts(record: StoreRecord, facts: Facts): OrganisationFacts {
  const f = record.fields ?? {};
  const out: OrganisationFacts = {
    id: record.id,
    name: facts.view.label(record.id),
    otherNames: (Array.isArray(f.other_names) ? f.other_names : [])
      .filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && typeof (o as Record<string, unknown>).name === 'string')
      .map((o) => (str(o.lang) ? { name: o.name as string, lang: o.lang as string } : { name: o.name as string })),
    kind: str(f.kind) ?? 'other',
    memberOf: strings(f.member_of).filter((id) => facts.view.byId.has(id)).map((id) => facts.ref(id)),
    status: str(f.status) ?? 'active',
  };
  const parent = str(f.parent);
  if (parent && facts.view.byId.has(parent)) out.parent = facts.ref(parent);
  for (const [key, field] of [['shortName', 'short_name'], ['country', 'country'], ['city', 'city'], ['website', 'website'], ['email', 'email'], ['founded', 'founded']] as const) {
    const v = str(f[field]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function personFacts(record: StoreRecord, facts: Facts): PersonFacts {
  const f = record.fields ?? {};
  const out: PersonFacts = { id: record.id, name: facts.view.label(record.id) };
  if (str(f.role)) out.role = f.role as string;
  const org = str(f.organisation);
  if (org && facts.view.byId.has(org)) out.organisation = facts.ref(org);
  // The view has already dropped the contact fields of anyone not marked public.
  if (str(f.email)) out.email = f.email as string;
  if (str(f.phone)) out.phone = f.phone as string;
  return out;
}

/** The ids a page's own facts already link to, so that "related" lists only what else refers to it. */
function linkedIds(page: RecordFacts): Set<string> {
  const refs: (NamedRef | undefined)[] = [];
  switch (page.type) {
    case 'organisation':
      refs.push(page.organisation.parent, ...page.organisation.memberOf);
      break;
    case 'person':
      refs.push(page.person.organisation);
      break;
    case 'meeting': {
      const m = page.meeting;
      refs.push(m.host, ...m.participants, ...m.attendees, ...m.proposals, ...m.agreements, ...m.actions.map((a) => a.owner));
      break;
    }
    case 'proposal': {
      const p = page.proposal;
      refs.push(...p.submittedBy, ...p.submittedTo);
      for (const m of p.meetings) refs.push({ id: m.id, type: 'meeting', name: m.title });
      break;
    }
    case 'agreement': {
      const a = page.agreement;
      refs.push(...a.parties);
      for (const m of a.meetings) refs.push({ id: m.id, type: 'meeting', name: m.title });
      break;
    }
  }
  return new Set(refs.filter((r): r is NamedRef => r !== undefined).map((r) => r.id));
}

export function buildSite(view: ExportView, options: SiteOptions): SiteModel {
  // No "today": the site never says what is overdue, so that the same records always give the same files.
  const facts = new Facts(view, '');
  const index = buildIndex(view.records);
  const titleOf = (id: string) => view.label(id);

  // Proposals discussed at a meeting: the meeting's own list and the proposals that name the meeting.
  const proposalsAt = new Map<string, string[]>();
  for (const r of view.records) {
    if (r.type !== 'proposal') continue;
    for (const m of strings(r.fields?.meetings)) {
      const list = proposalsAt.get(m) ?? [];
      list.push(r.id);
      proposalsAt.set(m, list);
    }
  }

  const meetingOf = (record: StoreRecord): MeetingFacts => {
    const base = facts.meeting(record);
    const extra = (proposalsAt.get(record.id) ?? []).filter((id) => !base.proposals.some((p) => p.id === id));
    return extra.length ? { ...base, proposals: [...base.proposals, ...extra.map((id) => facts.ref(id))] } : base;
  };

  const records: RecordPage[] = [];
  const dateOf = new Map<string, string | undefined>();
  const statusOf = new Map<string, string | undefined>();
  const meetings: MeetingFacts[] = [];
  const proposals: ProposalFacts[] = [];
  const agreements: AgreementFacts[] = [];
  const organisations: OrganisationFacts[] = [];
  const people: PersonFacts[] = [];

  for (const record of view.records) {
    let own: RecordFacts;
    switch (record.type) {
      case 'organisation': {
        const o = organisationFacts(record, facts);
        organisations.push(o);
        own = { type: 'organisation', organisation: o };
        break;
      }
      case 'person': {
        const p = personFacts(record, facts);
        people.push(p);
        own = { type: 'person', person: p };
        break;
      }
      case 'meeting': {
        const m = meetingOf(record);
        meetings.push(m);
        dateOf.set(record.id, m.date || undefined);
        statusOf.set(record.id, m.status);
        own = { type: 'meeting', meeting: m };
        break;
      }
      case 'proposal': {
        const p = facts.proposal(record);
        proposals.push(p);
        dateOf.set(record.id, proposalDate(p));
        statusOf.set(record.id, p.status);
        own = { type: 'proposal', proposal: p };
        break;
      }
      case 'agreement': {
        const a = facts.agreement(record);
        agreements.push(a);
        dateOf.set(record.id, a.signedOn || undefined);
        own = { type: 'agreement', agreement: a };
        break;
      }
    }
    const page = {
      ...own,
      path: recordPagePath(record.type, record.id),
      id: record.id,
      title: titleOf(record.id),
      // Read when its page (or a feed entry) is rendered, and not kept: 10,000 bodies held at once were ~30 MB
      // of the site export's peak memory.
      get body() {
        return options.body(record);
      },
      sources: strings(record.fields?.sources),
      related: [],
      actionsOwned: [],
    } as RecordPage;
    records.push(page);
  }

  // What refers to each record (from the public view only), less what its own facts already link to.
  for (const page of records) {
    const record = view.byId.get(page.id)!;
    const shown = linkedIds(page);
    for (const group of backlinksOf(record, index)) {
      const key = `${group.type}.${group.field}`;
      if (key === 'meeting.actions.owner') {
        page.actionsOwned = facts.actionsOf(group.records).filter((a) => a.owner?.id === page.id);
        continue;
      }
      const items: RelatedItem[] = group.records
        .filter((r) => !shown.has(r.id) && r.id !== page.id)
        .map((r) => {
          const item: RelatedItem = { ref: facts.ref(r.id) };
          const date = dateOf.get(r.id);
          const status = statusOf.get(r.id);
          if (date) item.date = date;
          if (status) item.status = status;
          return item;
        })
        .sort(newestFirst<RelatedItem>((i) => i.date, (i) => i.ref.name, (i) => i.ref.id));
      if (items.length) page.related.push({ key, type: group.type, field: group.field, items });
    }
  }

  const meetingOrder = newestFirst<MeetingFacts>((m) => m.date, (m) => m.title, (m) => m.id);
  const proposalOrder = newestFirst<ProposalFacts>(proposalDate, (p) => p.title, (p) => p.id);
  const agreementOrder = newestFirst<AgreementFacts>((a) => a.signedOn, (a) => a.title, (a) => a.id);
  meetings.sort(meetingOrder);
  proposals.sort(proposalOrder);
  agreements.sort(agreementOrder);
  organisations.sort(byName);
  people.sort(byName);

  const kinds = enumValues('organisation', 'kind');
  const organisationsByKind = [...kinds, ...new Set(organisations.map((o) => o.kind).filter((k) => !kinds.includes(k)))]
    .map((kind) => ({ kind, organisations: organisations.filter((o) => o.kind === kind) }))
    .filter((g) => g.organisations.length > 0);

  const meetingsByYear: SiteModel['meetingsByYear'] = [];
  for (const m of meetings) {
    const year = m.date.slice(0, 4) || 'undated';
    const last = meetingsByYear[meetingsByYear.length - 1];
    if (last?.year === year) last.meetings.push(m);
    else meetingsByYear.push({ year, meetings: [m] });
  }

  const statuses = enumValues('proposal', 'status');
  const proposalsByStatus = [...statuses, ...new Set(proposals.map((p) => p.status).filter((s) => !statuses.includes(s)))]
    .map((status) => ({ status, proposals: proposals.filter((p) => p.status === status) }))
    .filter((g) => g.proposals.length > 0);

  const counts = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<RecordType, number>;
  for (const r of view.records) counts[r.type]++;

  const feed: FeedEntry[] = records
    .filter((p): p is FeedEntry['page'] => p.type === 'meeting' || p.type === 'proposal')
    .map((page) => {
      const date = page.type === 'meeting' ? page.meeting.date || undefined : proposalDate(page.proposal);
      return { page, updated: date ? `${date}T00:00:00Z` : options.updated ?? NO_DATE };
    })
    .sort((a, b) => (a.updated !== b.updated ? (a.updated > b.updated ? -1 : 1) : collator.compare(a.page.title, b.page.title) || byId(a.page, b.page)))
    .slice(0, options.feedLimit ?? 50);

  const sitemap = options.baseUrl
    ? [HOME_PATH, ...[...siteSections({ counts }).map(sectionPath), ...records.map((p) => p.path)].sort()]
    : [];

  const model: SiteModel = {
    title: options.title,
    updated: options.updated ?? NO_DATE,
    counts,
    home: {
      latestMeetings: meetings.slice(0, HOME_MEETINGS),
      proposalsByStatus: proposalsByStatus.map((g) => ({ status: g.status, count: g.proposals.length, latest: g.proposals.slice(0, HOME_PROPOSALS_PER_STATUS) })),
      latestAgreements: agreements.slice(0, HOME_AGREEMENTS),
    },
    organisationsByKind,
    meetingsByYear,
    proposalsByStatus,
    agreements,
    people,
    records,
    feed,
    sitemap,
  };
  if (options.baseUrl) model.baseUrl = options.baseUrl;
  return model;
}

/** The order of the sections in the navigation: the work first, then who did it. */
const SECTION_ORDER: readonly RecordType[] = ['organisation', 'meeting', 'proposal', 'agreement', 'person'];

/** The section pages the site has, in navigation order: every type's, except people's when no person is public. */
export function siteSections(model: Pick<SiteModel, 'counts'>): RecordType[] {
  return SECTION_ORDER.filter((t) => t !== 'person' || model.counts.person > 0);
}
