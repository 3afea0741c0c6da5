/**
 * `dossier export popolo`: the store in the Popolo data specification (popoloproject.com), the open standard
 * of civic-data projects, as one document `{organizations, persons, memberships, events, motions}`:
 *
 * - organisation → Organization: `classification` is the kind, `parent_id` the parent, the short name and
 *   other names are `other_names`, website and e-mail are `links` and `contact_details`.
 * - person → Person (public ones only, as in every public export); `organisation` + `role` → a Membership.
 * - `member_of` → a Membership whose `member` is the organisation (`{"@type": "Organization", "id"}`).
 * - meeting → Event (`classification: meeting`; the host is `organization_id`, attendees are persons).
 * - proposal → Motion (`classification: proposal`; `organization_id` is the first body it was sent to).
 *
 * Where Popolo has no property for a fact, a key named after the record field keeps it (Popolo's schemas
 * allow extra properties): `participant_ids` of an event, `submitted_by_ids`, `submitted_to_ids`,
 * `submitted_on`, `decided_on`, `status` and `meeting_ids` of a motion. A motion's `date` is a date-time in Popolo, and
 * records only know the day, so it is left out rather than given an invented time. `sources` holds only
 * sources that are URLs: a Popolo source is a link, and a citation is not one.
 */
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import type { ExportView } from './visibility.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function urlSources(v: unknown): { url: string }[] {
  return strings(v)
    .filter((s) => /^https?:\/\/\S+$/i.test(s))
    .map((url) => ({ url }));
}

/** Optional keys are written only when they have a value, so the document stays small and stable. */
function compact(obj: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function trimmedBody(body: string): string | undefined {
  const t = body.trim();
  return t === '' ? undefined : t;
}

/** The result of a motion in Popolo's words where it has them ("pass", "fail"). */
const RESULT: Record<string, string | undefined> = { adopted: 'pass', 'partially-adopted': 'partially passed', rejected: 'fail', withdrawn: 'withdrawn' };

export function popoloDocument(view: ExportView, body: (r: StoreRecord) => string): Json {
  const of = (type: RecordType) => view.records.filter((r) => r.type === type);
  const organizations = of('organisation').map((r) => {
    const f = r.fields ?? {};
    const otherNames = [
      ...(str(f.short_name) ? [{ name: f.short_name as string, note: 'short name' }] : []),
      ...(Array.isArray(f.other_names) ? (f.other_names as Json[]).map((n) => compact({ name: n.name, note: str(n.lang) ? `language: ${n.lang as string}` : undefined })) : []),
    ];
    return compact({
      id: r.id,
      name: str(f.name),
      other_names: otherNames,
      classification: str(f.kind),
      parent_id: str(f.parent),
      founding_date: str(f.founded),
      description: trimmedBody(body(r)),
      contact_details: str(f.email) ? [{ type: 'email', value: f.email }] : [],
      links: str(f.website) ? [{ url: f.website, note: 'website' }] : [],
      sources: urlSources(f.sources),
    });
  });

  const memberships: Json[] = [];
  const persons = of('person').map((r) => {
    const f = r.fields ?? {};
    const org = str(f.organisation);
    if (org) memberships.push(compact({ id: `${r.id}:${org}`, person_id: r.id, organization_id: org, role: str(f.role) }));
    return compact({
      id: r.id,
      name: str(f.name),
      email: str(f.email),
      contact_details: str(f.phone) ? [{ type: 'voice', value: f.phone }] : [],
      biography: trimmedBody(body(r)),
      sources: urlSources(f.sources),
    });
  });
  for (const r of of('organisation')) {
    for (const network of strings(r.fields?.member_of)) {
      memberships.push({ id: `${r.id}:${network}`, member: { '@type': 'Organization', id: r.id }, organization_id: network, role: 'member' });
    }
  }

  const events = of('meeting').map((r) => {
    const f = r.fields ?? {};
    return compact({
      id: r.id,
      name: str(f.title),
      description: trimmedBody(body(r)),
      start_date: str(f.date),
      end_date: str(f.end_date),
      location: str(f.location),
      status: str(f.status),
      classification: 'meeting',
      organization_id: str(f.host),
      attendees: strings(f.attendees).map((id) => ({ id, name: view.label(id) })),
      participant_ids: strings(f.participants),
      sources: urlSources(f.sources),
    });
  });

  const motions = of('proposal').map((r) => {
    const f = r.fields ?? {};
    const to = strings(f.submitted_to);
    return compact({
      id: r.id,
      organization_id: to[0],
      text: str(f.title),
      classification: 'proposal',
      result: RESULT[str(f.status) ?? ''],
      status: str(f.status),
      submitted_by_ids: strings(f.submitted_by),
      submitted_to_ids: to,
      submitted_on: str(f.submitted_on),
      decided_on: str(f.decided_on),
      meeting_ids: strings(f.meetings),
      sources: urlSources(f.sources),
    });
  });

  return { organizations, persons, memberships, events, motions };
}
