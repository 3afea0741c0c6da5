/** The words of the public site: record fields and values as a reader says them, never as YAML. */
import type { RecordType } from '../core/kinds.js';
import { upperFirst, words } from './prose.js';

const KINDS: Record<string, [one: string, heading: string]> = {
  government: ['Government body', 'Government bodies'],
  'civil-society': ['Civil society organisation', 'Civil society organisations'],
  network: ['Network', 'Networks'],
  international: ['International organisation', 'International organisations'],
  donor: ['Donor', 'Donors'],
  academic: ['Academic institution', 'Academic institutions'],
  media: ['Media', 'Media'],
  other: ['Organisation', 'Other organisations'],
};

/** "Government body" for `government`. */
export function kindLabel(kind: string): string {
  return KINDS[kind]?.[0] ?? upperFirst(words(kind));
}

/** "Government bodies": the heading of a group of organisations of one kind. */
export function kindHeading(kind: string): string {
  return KINDS[kind]?.[1] ?? upperFirst(words(kind));
}

/** "Under review", "Partially adopted", "Held", "Memorandum of understanding". */
export function valueLabel(value: string): string {
  return upperFirst(words(value));
}

const FORMATS: Record<string, string> = { 'in-person': 'In person', online: 'Online', hybrid: 'Hybrid (in person and online)' };

export function formatLabel(format: string): string {
  return FORMATS[format] ?? valueLabel(format);
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return undefined;
  }
})();

/** "Serbia" for `RS`; the code itself when it is unknown. */
const countries = new Map<string, string>();

export function countryName(code: string): string {
  let name = countries.get(code);
  if (name === undefined) {
    try {
      name = regionNames?.of(code) ?? code;
    } catch {
      name = code;
    }
    countries.set(code, name);
  }
  return name;
}

export const SECTION_LABELS: Readonly<Record<RecordType, string>> = {
  organisation: 'Organisations',
  person: 'People',
  meeting: 'Meetings',
  proposal: 'Proposals',
  agreement: 'Agreements',
};

/** Headings of the lists of records that refer to a page's record, by `<referring type>.<field>`. */
const RELATED: Record<string, string> = {
  'meeting.host': 'Meetings it hosted',
  'meeting.participants': 'Meetings it took part in',
  'meeting.attendees': 'Meetings attended',
  'meeting.proposals': 'Discussed at',
  'meeting.agreements': 'Discussed at',
  'proposal.submitted_by': 'Proposals it submitted',
  'proposal.submitted_to': 'Proposals sent to it',
  'proposal.meetings': 'Proposals discussed',
  'agreement.parties': 'Agreements it signed',
  'organisation.parent': 'Bodies under it',
  'organisation.member_of': 'Members',
  'person.organisation': 'People',
};

export function relatedHeading(key: string, type: RecordType, field: string): string {
  return RELATED[key] ?? `${SECTION_LABELS[type]} (${words(field.replace(/[._]/g, ' '))})`;
}

/** `https://www.dpnsee.org/path` → `www.dpnsee.org/path`: a link's text that says where it goes. */
export function urlText(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/^mailto:/i, '').replace(/\/$/, '');
}
