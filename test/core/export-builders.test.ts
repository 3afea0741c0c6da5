import { describe, expect, it } from 'vitest';
import { calendarEntries, newestRecordDate } from '../../src/core/calendar.js';
import { jsonDocument } from '../../src/core/export-json.js';
import { buildTable, tableColumns } from '../../src/core/export-table.js';
import { inPeriod, nextDay, overlapsPeriod, periodBound } from '../../src/core/period.js';
import { popoloDocument } from '../../src/core/popolo.js';
import { buildReport } from '../../src/core/report.js';
import { buildSummary } from '../../src/core/summary.js';
import { publicView } from '../../src/core/visibility.js';
import { fm, record } from '../helpers/records.js';

const records = [
  record('organisation', 'office', fm('name: Office for Drugs', 'kind: government', 'parent: gov', 'other_names:', '  - name: Канцеларија', '    lang: sr-Cyrl', 'sources: [https://example.org/office, A report (2019)]')),
  record('organisation', 'gov', fm('name: Government', 'kind: government')),
  record('organisation', 'nx', fm('name: Network X', 'short_name: NX', 'kind: network', 'website: https://nx.example.org')),
  record('organisation', 'centre', fm('name: Youth centre', 'kind: civil-society', 'member_of: [nx]', 'founded: 2001-04-12')),
  record('person', 'milan', fm('name: Milan', 'organisation: office', 'role: Director', 'email: milan@example.org', 'visibility: public')),
  record('person', 'ana', fm('name: Ana', 'organisation: centre', 'email: ana@example.org')),
  record(
    'meeting',
    'kickoff',
    fm(
      'title: Kickoff meeting',
      'date: 2018-11-05',
      'end_date: 2018-11-06',
      'host: office',
      'participants: [nx, centre]',
      'participant_count: 4',
      'attendees: [milan, ana]',
      'outcomes: [Agreed to meet]',
      'actions:',
      '  - task: Send the minutes',
      '    owner: nx',
      '    due: 2018-12-01',
      '    status: done',
      '  - task: Draft a brief',
      '    owner: ana',
      '    due: 2019-01-15',
      '  - task: Nominate someone',
      '    owner: office',
      'proposals: [p-open]',
    ),
  ),
  record('meeting', 'later', fm('title: Later', 'date: 2020-06-01', 'status: planned', 'format: online')),
  record('proposal', 'p-open', fm('title: Open one', 'status: submitted', 'submitted_by: [nx]', 'submitted_to: [office]')),
  record('proposal', 'p-new', fm('title: New one', 'status: under-review', 'submitted_by: [nx]', 'submitted_on: 2019-03-10')),
  record('proposal', 'p-done', fm('title: Done one', 'status: adopted', 'submitted_by: [centre]', 'submitted_on: 2018-05-01', 'decided_on: 2019-02-01')),
  record('proposal', 'p-late', fm('title: Late one', 'status: submitted', 'submitted_by: [nx]', 'submitted_on: 2021-01-01')),
  record('agreement', 'mou', fm('title: MoU', 'kind: memorandum-of-understanding', 'signed_on: 2018-01-10', 'parties: [office, nx]', 'valid_until: 2019-12-31')),
];

describe('period', () => {
  it('reads dates, months and years as the first or last day', () => {
    expect(periodBound('2019', 'from')).toBe('2019-01-01');
    expect(periodBound('2019', 'to')).toBe('2019-12-31');
    expect(periodBound('2020-02', 'to')).toBe('2020-02-29');
    expect(periodBound('2019-02', 'to')).toBe('2019-02-28');
    expect(periodBound('2019-02-25', 'to')).toBe('2019-02-25');
    for (const bad of ['2019-02-30', '2019-13', '19', 'yesterday', '2019-2-1']) expect(periodBound(bad, 'from'), bad).toBeUndefined();
  });

  it('tests dates and spans against open or closed periods', () => {
    expect(inPeriod('2019-01-01', { from: '2019-01-01', to: '2019-12-31' })).toBe(true);
    expect(inPeriod('2020-01-01', { to: '2019-12-31' })).toBe(false);
    expect(inPeriod(undefined, {})).toBe(true);
    expect(inPeriod(undefined, { from: '2019-01-01' })).toBe(false);
    expect(overlapsPeriod('2018-12-31', '2019-01-02', { from: '2019-01-01' })).toBe(true);
    expect(nextDay('2019-02-28')).toBe('2019-03-01');
    expect(nextDay('2020-12-31')).toBe('2021-01-01');
  });
});

describe('report model', () => {
  const view = publicView(records);
  const model = buildReport(view, { period: { from: '2018-01-01', to: '2019-12-31' }, today: '2019-06-30' });

  it('meetings held in the period, with private attendees left out', () => {
    expect(model.meetingsHeld.map((m) => m.id)).toEqual(['kickoff']);
    expect(model.meetingsHeld[0]!.attendees.map((a) => a.name)).toEqual(['Milan']);
    expect(model.meetingsOther).toEqual([]);
  });

  it('proposals submitted, decided, and every open one up to the end of the period', () => {
    expect(model.proposalsSubmitted.map((p) => p.id)).toEqual(['p-done', 'p-new']);
    expect(model.proposalsDecided.map((p) => p.id)).toEqual(['p-done']);
    expect(model.proposalsOpen.map((p) => p.id)).toEqual(['p-open']);
    expect(model.proposalsOpen[0]!.meetings.map((m) => m.id)).toEqual(['kickoff']);
  });

  it('agreements signed and expiring', () => {
    expect(model.agreementsSigned.map((a) => a.id)).toEqual(['mou']);
    expect(model.agreementsExpiring.map((a) => a.id)).toEqual(['mou']);
  });

  it('actions by state: overdue against today, the owner gone when private', () => {
    expect(model.actions.overdue.map((a) => [a.task, a.owner?.id])).toEqual([['Draft a brief', undefined]]);
    expect(model.actions.open.map((a) => a.task)).toEqual(['Nominate someone']);
    expect(model.actions.done.map((a) => a.task)).toEqual(['Send the minutes']);
  });

  it('organisations engaged, by name', () => {
    expect(model.organisations.map((o) => o.name)).toEqual(['Network X', 'Office for Drugs', 'Youth centre']);
  });

  it('over the whole store, the span of what it mentions', () => {
    const all = buildReport(view, { period: {}, today: '2019-06-30' });
    expect([all.first, all.last]).toEqual(['2018-01-10', '2021-01-01']);
    expect(all.proposalsSubmitted.map((p) => p.id)).toEqual(['p-done', 'p-new', 'p-late']);
    expect(all.meetingsOther.map((m) => m.id)).toEqual(['later']);
    expect(all.proposalsOpen.map((p) => p.id)).toEqual(['p-open']);
  });
});

describe('summary model', () => {
  it('a meeting with its proposals woven in, host with parent, names of participants', () => {
    const view = publicView(records);
    const model = buildSummary(view, view.byId.get('kickoff')!, { today: '2019-06-30' });
    expect(model.kind).toBe('meeting');
    if (model.kind !== 'meeting') return;
    expect(model.meeting.host).toMatchObject({ id: 'office', name: 'Office for Drugs', parent: { id: 'gov', name: 'Government' } });
    expect(model.meeting.participants.map((p) => [p.name, p.shortName])).toEqual([['Network X', 'NX'], ['Youth centre', undefined]]);
    expect(model.meeting.participantCount).toBe(4);
    expect(model.proposals.map((p) => p.id)).toEqual(['p-open']);
  });

  it('a proposal finds the meetings that list it', () => {
    const view = publicView(records);
    const model = buildSummary(view, view.byId.get('p-open')!, { today: '2019-06-30' });
    expect(model.kind === 'proposal' && model.proposal.meetings.map((m) => m.id)).toEqual(['kickoff']);
  });
});

describe('CSV table', () => {
  const view = publicView(records);
  const body = () => 'BODY';

  it('columns in record-model order, each reference followed by its names, mappings split by key', () => {
    const names = tableColumns('meeting', view, body).map((c) => c.name);
    expect(names.slice(0, 8)).toEqual(['id', 'title', 'date', 'end_date', 'status', 'host', 'host_names', 'location']);
    expect(names).toContain('participants_names');
    expect(names).toEqual(expect.arrayContaining(['actions.task', 'actions.owner', 'actions.owner_names', 'actions.due', 'actions.status']));
    expect(tableColumns('meeting', view, body).find((c) => c.name === 'body')!.byDefault).toBe(false);
  });

  it('rows: lists joined with "; ", items of mappings lined up by position, private references gone', () => {
    const columns = tableColumns('meeting', view, body).filter((c) => ['id', 'participants', 'participants_names', 'actions.owner', 'actions.owner_names', 'actions.due', 'attendees_names'].includes(c.name));
    const table = buildTable(view, 'meeting', columns);
    expect(table.headers).toEqual(['id', 'participants', 'participants_names', 'attendees_names', 'actions.owner', 'actions.owner_names', 'actions.due']);
    expect(table.rows[0]).toEqual(['kickoff', 'nx; centre', 'Network X; Youth centre', 'Milan', 'nx; ; office', 'Network X; ; Office for Drugs', '2018-12-01; 2019-01-15; ']);
  });
});

describe('JSON document', () => {
  const view = publicView(records);
  const doc = jsonDocument(view, (r) => `body of ${r.id}`);

  it('the five collections, records by id, keys in record-model order, then the body', () => {
    expect(Object.keys(doc)).toEqual(['organisations', 'people', 'meetings', 'proposals', 'agreements']);
    expect(doc.organisations!.map((o) => (o as { id: string }).id)).toEqual(['centre', 'gov', 'nx', 'office']);
    expect(Object.keys(doc.meetings![0] as object)).toEqual(['id', 'title', 'date', 'end_date', 'status', 'host', 'participants', 'participant_count', 'attendees', 'outcomes', 'actions', 'proposals', 'visibility', 'body']);
    expect((doc.people as { id: string }[]).map((p) => p.id)).toEqual(['milan']);
  });

  it('--resolve adds names after each reference, inside actions too', () => {
    const resolved = jsonDocument(view, () => '', { resolve: true });
    const m = resolved.meetings![0] as Record<string, unknown>;
    expect(Object.keys(m).slice(5, 9)).toEqual(['host', 'host_name', 'participants', 'participants_names']);
    expect(m.participants_names).toEqual(['Network X', 'Youth centre']);
    expect((m.actions as object[])[0]).toEqual({ task: 'Send the minutes', owner: 'nx', owner_name: 'Network X', due: '2018-12-01', status: 'done' });
  });
});

describe('calendar entries', () => {
  it('all-day events with an exclusive end, to-dos for dated actions, UIDs from ids', () => {
    const view = publicView(records);
    const { events, todos } = calendarEntries(view, { period: {}, today: '2019-06-30' });
    expect(events.map((e) => [e.uid, e.start, e.end, e.status, e.location])).toEqual([
      ['kickoff@dossier', '2018-11-05', '2018-11-07', 'CONFIRMED', undefined],
      ['later@dossier', '2020-06-01', '2020-06-02', 'TENTATIVE', 'Online'],
    ]);
    expect(events[0]!.description).toContain('Host: Office for Drugs\nParticipants: Network X (NX), Youth centre (4 organisations in all)');
    expect(todos.map((t) => [t.uid, t.due, t.status])).toEqual([
      ['kickoff-action-1@dossier', '2018-12-01', 'COMPLETED'],
      ['kickoff-action-2@dossier', '2019-01-15', 'NEEDS-ACTION'],
    ]);
    expect(calendarEntries(view, { period: { from: '2019-01-01' }, today: '2019-06-30' }).events.map((e) => e.uid)).toEqual(['later@dossier']);
  });

  it('the newest date something happened, not a deadline', () => {
    const view = publicView(records);
    expect(newestRecordDate(view)).toBe('2021-01-01');
    expect(newestRecordDate(publicView(records.filter((r) => r.id !== 'p-late')))).toBe('2020-06-01');
  });
});

describe('Popolo document', () => {
  const view = publicView(records);
  const doc = popoloDocument(view, (r) => (r.id === 'office' ? '  The Office.\n' : ''));

  it('organisations with classification, parent, other names, links and URL sources only', () => {
    const orgs = doc.organizations as Record<string, unknown>[];
    expect(orgs.find((o) => o.id === 'office')).toEqual({
      id: 'office',
      name: 'Office for Drugs',
      other_names: [{ name: 'Канцеларија', note: 'language: sr-Cyrl' }],
      classification: 'government',
      parent_id: 'gov',
      description: 'The Office.',
      sources: [{ url: 'https://example.org/office' }],
    });
    expect(orgs.find((o) => o.id === 'nx')).toMatchObject({ other_names: [{ name: 'NX', note: 'short name' }], links: [{ url: 'https://nx.example.org', note: 'website' }] });
  });

  it('public persons; memberships person → organisation and organisation → network', () => {
    expect(doc.persons).toEqual([{ id: 'milan', name: 'Milan', email: 'milan@example.org' }]);
    expect(doc.memberships).toEqual([
      { id: 'milan:office', person_id: 'milan', organization_id: 'office', role: 'Director' },
      { id: 'centre:nx', member: { '@type': 'Organization', id: 'centre' }, organization_id: 'nx', role: 'member' },
    ]);
  });

  it('meetings as events, proposals as motions', () => {
    const events = doc.events as Record<string, unknown>[];
    expect(events[0]).toMatchObject({ id: 'kickoff', name: 'Kickoff meeting', start_date: '2018-11-05', end_date: '2018-11-06', organization_id: 'office', attendees: [{ id: 'milan', name: 'Milan' }], participant_ids: ['nx', 'centre'] });
    const motions = doc.motions as Record<string, unknown>[];
    expect(motions.find((m) => m.id === 'p-done')).toEqual({ id: 'p-done', text: 'Done one', classification: 'proposal', result: 'pass', status: 'adopted', submitted_by_ids: ['centre'], submitted_on: '2018-05-01', decided_on: '2019-02-01' });
  });
});
