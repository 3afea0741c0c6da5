import { describe, expect, it } from 'vitest';
import { personPrivateFields } from '../../schemas/person.js';
import { isPrivateRecord, PERSON_CONTACT_FIELDS, publicView } from '../../src/core/visibility.js';
import { fm, record } from '../helpers/records.js';

const office = record('organisation', 'office', fm('name: Office for Drugs', 'kind: government'));
const network = record('organisation', 'network', fm('name: Network X', 'kind: network'));
const shelter = record('organisation', 'shelter', fm('name: Secret Shelter', 'kind: civil-society', 'member_of: [network]', 'visibility: private'));
const ana = record('person', 'ana', fm('name: Ana', 'organisation: network', 'email: ana@example.org', 'phone: "123"'));
const milan = record('person', 'milan', fm('name: Milan', 'organisation: office', 'email: milan@example.org', 'visibility: public'));
const meeting = record(
  'meeting',
  'm1',
  fm(
    'title: Kickoff',
    'date: 2019-01-01',
    'host: shelter',
    'participants: [network, shelter]',
    'attendees: [ana]',
    'actions:',
    '  - task: Write it up',
    '    owner: ana',
    '  - task: Send it',
    '    owner: network',
  ),
);
const secret = record('meeting', 'm2', fm('title: Secret', 'date: 2019-01-02', 'visibility: private'));

describe('publicView', () => {
  it('records are valid fixtures', () => {
    for (const r of [office, network, shelter, ana, milan, meeting, secret]) expect(r.valid, r.id).toBe(true);
  });

  it('people are private unless marked public; other records are public unless marked private', () => {
    expect(isPrivateRecord(ana)).toBe(true);
    expect(isPrivateRecord(milan)).toBe(false);
    expect(isPrivateRecord(office)).toBe(false);
    expect(isPrivateRecord(shelter)).toBe(true);
    expect(isPrivateRecord(secret)).toBe(true);
  });

  it('leaves out private records and every reference to them, single, in lists and inside actions', () => {
    const view = publicView([office, network, shelter, ana, milan, meeting, secret]);
    expect(view.records.map((r) => r.id)).toEqual(['network', 'office', 'milan', 'm1']);
    expect([...view.leftOut].sort()).toEqual(['ana', 'm2', 'shelter']);
    const m = view.byId.get('m1')!.fields!;
    expect(m.host).toBeUndefined();
    expect(m.participants).toEqual(['network']);
    expect('attendees' in m).toBe(false); // emptied lists go, rather than showing []
    expect(m.actions).toEqual([{ task: 'Write it up', status: 'open' }, { task: 'Send it', owner: 'network', status: 'open' }]);
    // A public person keeps their contact fields.
    expect(view.byId.get('milan')!.fields!.email).toBe('milan@example.org');
    // The loaded records are not changed.
    expect(meeting.fields!.host).toBe('shelter');
    expect(meeting.fields!.attendees).toEqual(['ana']);
  });

  it('--include-private keeps everything, and still drops references to records outside the view', () => {
    const view = publicView([office, network, shelter, ana, milan, meeting, secret], { includePrivate: true });
    expect(view.records).toHaveLength(7);
    expect(view.leftOut.size).toBe(0);
    expect(view.byId.get('ana')!.fields!.email).toBe('ana@example.org');
    expect(view.byId.get('m1')!.fields!.host).toBe('shelter');
    // Without the shelter record (say it was invalid), nothing refers to it.
    const partial = publicView([network, ana, meeting], { includePrivate: true });
    expect(partial.byId.get('m1')!.fields!.participants).toEqual(['network']);
    expect(partial.byId.get('m1')!.fields!.host).toBeUndefined();
  });

  it('labels are names, and unchanged records are shared, not copied', () => {
    const view = publicView([office, network]);
    expect(view.label('office')).toBe('Office for Drugs');
    expect(view.label('unknown-id')).toBe('unknown-id');
  });

  it('the contact fields are those the schema marks private', () => {
    expect([...PERSON_CONTACT_FIELDS]).toEqual([...personPrivateFields]);
  });
});
