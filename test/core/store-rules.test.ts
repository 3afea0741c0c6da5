/** Store-wide rules over in-memory records: unique ids, references, cycles, dates, counts, warnings. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import type { StoreRecord } from '../../src/core/record.js';
import { checkStore } from '../../src/core/validate-store.js';
import { fm, record } from '../helpers/records.js';

const TODAY = '2020-01-01';
const check = (records: StoreRecord[], today = TODAY) => checkStore(records, { today });
const line = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`;
const org = (id: string, ...extra: string[]) => record('organisation', id, fm('name: X', 'kind: network', ...extra));
const meeting = (id: string, ...extra: string[]) => record('meeting', id, fm('title: T', 'date: 2019-02-25', ...extra));
const proposal = (id: string, status: string, ...extra: string[]) => record('proposal', id, fm('title: T', `status: ${status}`, 'submitted_by: [o]', ...extra));
const agreement = (id: string, ...extra: string[]) => record('agreement', id, fm('title: T', 'kind: grant', 'signed_on: 2019-01-02', 'parties: [o, o2]', ...extra));

describe('unique ids', () => {
  it('a clean store has no diagnostics', () => {
    const records = [org('o'), org('o2', 'parent: o', 'member_of: [o]'), record('person', 'p', fm('name: P', 'organisation: o')), meeting('m', 'host: o', 'participants: [o, o2]', 'attendees: [p]')];
    expect(records.every((r) => r.valid)).toBe(true);
    expect(check(records)).toEqual([]);
  });

  it('the same id in two folders is id/duplicate on both files, each naming the other', () => {
    const ds = check([org('a'), record('person', 'a', fm('name: P')), org('b')]);
    expect(ds.map(line)).toEqual(['records/organisations/a.md:1:1 error id/duplicate', 'records/people/a.md:1:1 error id/duplicate']);
    expect(ds[0]!.message).toBe('the id `a` is also used by records/people/a.md');
    expect(ds[1]!.message).toBe('the id `a` is also used by records/organisations/a.md');
  });

  it('ids that differ only in case are duplicates too', () => {
    const ds = check([org('prevent'), record('proposal', 'Prevent', fm('title: T', 'status: draft', 'submitted_by: [prevent]'))]).filter((d) => d.code === 'id/duplicate');
    expect(ds.map((d) => d.file).sort()).toEqual(['records/organisations/prevent.md', 'records/proposals/Prevent.md']);
  });

  it('three records with one id: each names the other two', () => {
    const ds = check([org('a'), record('person', 'a', fm('name: P')), meeting('a')]);
    expect(ds).toHaveLength(3);
    expect(ds.find((d) => d.file === 'records/people/a.md')!.message).toBe('the id `a` is also used by records/organisations/a.md, records/meetings/a.md');
  });
});

describe('references', () => {
  it('a missing reference is ref/missing at the value, with "did you mean"', () => {
    const ds = check([org('office-for-combating-drugs'), meeting('m', 'host: office-for-combatting-drugs')]);
    expect(ds.map(line)).toEqual(['records/meetings/m.md:4:7 error ref/missing']);
    expect(ds[0]!.message).toBe('`host` refers to `office-for-combatting-drugs`, but there is no such record');
    expect(ds[0]!.hint).toBe('did you mean `office-for-combating-drugs`?');
  });

  it('a far miss has no hint', () => {
    const ds = check([org('office-for-combating-drugs'), meeting('m', 'participants: [office-for-combating-drugs, zzz]')]);
    expect(ds.map(line)).toEqual(['records/meetings/m.md:4:44 error ref/missing']);
    expect(ds[0]!.message).toContain('`participants[1]`');
    expect(ds[0]!.hint).toBeUndefined();
  });

  it('nested references (actions[].owner) are checked and located', () => {
    const ds = check([org('o'), meeting('m', 'actions:', '  - task: t', '    owner: o', '  - task: u', '    owner: nobody-here')]);
    expect(ds.map(line)).toEqual(['records/meetings/m.md:8:12 error ref/missing']);
    expect(ds[0]!.message).toContain('`actions[1].owner`');
  });

  it('a reference to a record of the wrong type is ref/wrong-type', () => {
    const records = [
      org('o'),
      record('person', 'pp', fm('name: P', 'organisation: m')),
      meeting('m', 'host: pp', 'attendees: [o]', 'actions:', '  - task: t', '    owner: m', '  - task: u', '    owner: pp'),
    ];
    const ds = check(records);
    expect(ds.map(line).sort()).toEqual([
      'records/meetings/m.md:4:7 error ref/wrong-type',
      'records/meetings/m.md:5:13 error ref/wrong-type',
      'records/meetings/m.md:8:12 error ref/wrong-type',
      'records/people/pp.md:3:15 error ref/wrong-type',
    ]);
    const msg = (l: number) => ds.find((d) => d.file.endsWith('m.md') && d.line === l)!.message;
    expect(msg(4)).toBe('`host` must refer to an organisation, but `pp` is a person');
    expect(msg(5)).toBe('`attendees[0]` must refer to a person, but `o` is an organisation');
    expect(msg(8)).toBe('`actions[0].owner` must refer to an organisation or a person, but `m` is a meeting');
  });

  it('proposal and agreement references: submitted_to, meetings, parties, proposals, agreements', () => {
    const records = [
      org('o'),
      org('o2'),
      meeting('m', 'proposals: [p]', 'agreements: [o]'),
      proposal('p', 'draft', 'submitted_to: [m]', 'meetings: [m, nope]'),
      agreement('g'),
    ];
    const ds = check(records);
    expect(ds.map(line).sort()).toEqual([
      'records/meetings/m.md:5:14 error ref/wrong-type',
      'records/proposals/p.md:5:16 error ref/wrong-type',
      'records/proposals/p.md:6:15 error ref/missing',
    ]);
  });

  it('references in a record with schema errors are still checked', () => {
    const m = meeting('m', 'format: zoom', 'host: nope');
    expect(m.valid).toBe(false);
    expect(check([m]).map((d) => d.code)).toEqual(['ref/missing']);
  });
});

describe('organisations: self references and parent cycles', () => {
  it('an organisation that is its own parent or member is rule/self-reference', () => {
    const ds = check([org('a', 'parent: a', 'member_of: [a]')]);
    expect(ds.map(line)).toEqual(['records/organisations/a.md:4:9 error rule/self-reference', 'records/organisations/a.md:5:13 error rule/self-reference']);
    expect(ds[0]!.message).toBe('`parent` refers to the organisation itself');
    expect(ds[1]!.message).toBe('`member_of[0]` refers to the organisation itself');
  });

  it('a parent cycle is reported once per member, at its parent key value, and not for records hanging off it', () => {
    const ds = check([org('a', 'parent: b'), org('b', 'parent: c'), org('c', 'parent: a'), org('d', 'parent: a'), org('e', 'parent: d')]);
    expect(ds.map(line)).toEqual([
      'records/organisations/a.md:4:9 error rule/parent-cycle',
      'records/organisations/b.md:4:9 error rule/parent-cycle',
      'records/organisations/c.md:4:9 error rule/parent-cycle',
    ]);
    for (const d of ds) expect(d.message).toBe('`parent` makes a cycle: a → b → c → a');
  });

  it('the cycle is found once whatever record the walk starts from', () => {
    const ds = check([org('d', 'parent: b'), org('b', 'parent: c'), org('c', 'parent: b')]);
    expect(ds.map((d) => d.file)).toEqual(['records/organisations/b.md', 'records/organisations/c.md']);
    expect(ds[0]!.message).toBe('`parent` makes a cycle: b → c → b');
  });

  it('two separate cycles are both reported', () => {
    const ds = check([org('a', 'parent: b'), org('b', 'parent: a'), org('x', 'parent: y'), org('y', 'parent: x')]);
    expect(ds.map((d) => d.code)).toEqual(Array(4).fill('rule/parent-cycle'));
  });

  it('a self parent is not also a cycle; a long chain is fine', () => {
    expect(check([org('a', 'parent: a')]).map((d) => d.code)).toEqual(['rule/self-reference']);
    const chain = Array.from({ length: 2000 }, (_, i) => (i === 0 ? org('o0') : org(`o${i}`, `parent: o${i - 1}`)));
    expect(check(chain)).toEqual([]);
  });
});

describe('per-record rules', () => {
  it('end_date before date is rule/date-order at end_date; the same day is fine', () => {
    const ds = check([meeting('m', 'end_date: 2019-02-24'), meeting('n', 'end_date: 2019-02-25'), meeting('k', 'end_date: 2019-03-01')]);
    expect(ds.map(line)).toEqual(['records/meetings/m.md:4:11 error rule/date-order']);
    expect(ds[0]!.message).toBe('`end_date` (2019-02-24) is before `date` (2019-02-25)');
  });

  it('decided_on before submitted_on is rule/date-order', () => {
    const ds = check([org('o'), proposal('p', 'adopted', 'submitted_on: 2019-02-02', 'decided_on: 2019-02-01'), proposal('q', 'adopted', 'submitted_on: 2019-02-02', 'decided_on: 2019-02-02')]);
    expect(ds.map(line)).toEqual(['records/proposals/p.md:6:13 error rule/date-order']);
    expect(ds[0]!.message).toBe('`decided_on` (2019-02-01) is before `submitted_on` (2019-02-02)');
  });

  it('valid_until before signed_on is rule/date-order', () => {
    const ds = check([org('o'), org('o2'), agreement('g', 'valid_until: 2019-01-01'), agreement('h', 'valid_until: 2020-01-01')]);
    expect(ds.map(line)).toEqual(['records/agreements/g.md:6:14 error rule/date-order']);
    expect(ds[0]!.message).toBe('`valid_until` (2019-01-01) is before `signed_on` (2019-01-02)');
  });

  it('participant_count smaller than the participants listed is rule/participant-count; equal or larger is fine', () => {
    const base = [org('o'), org('o2')];
    const ds = check([...base, meeting('m', 'participants: [o, o2]', 'participant_count: 1'), meeting('n', 'participants: [o, o2]', 'participant_count: 2'), meeting('k', 'participants: [o, o2]', 'participant_count: 15')]);
    expect(ds.map(line)).toEqual(['records/meetings/m.md:5:20 error rule/participant-count']);
    expect(ds[0]!.message).toBe('`participant_count` is 1, but 2 participants are listed');
  });

  it('declared_parties different from the parties listed is a warning, at declared_parties', () => {
    const base = [org('o'), org('o2')];
    const ds = check([...base, agreement('g', 'declared_parties: 12'), agreement('h', 'declared_parties: 2')]);
    expect(ds.map(line)).toEqual(['records/agreements/g.md:6:19 warning rule/declared-parties']);
    expect(ds[0]!.message).toBe('the source declares 12 parties, 2 are listed');
    expect(ds[0]!.hint).toContain('add the missing parties');
  });

  it('a held meeting after options.today is a warning; today itself, past, planned and cancelled are fine', () => {
    const ds = check([
      record('meeting', 'future', fm('title: T', 'date: 2020-01-02')),
      record('meeting', 'past', fm('title: T', 'date: 2019-12-31', 'status: held')),
      record('meeting', 'today', fm('title: T', 'date: 2020-01-01')),
      record('meeting', 'planned', fm('title: T', 'date: 2020-01-02', 'status: planned')),
      record('meeting', 'cancelled', fm('title: T', 'date: 2020-06-01', 'status: cancelled')),
    ]);
    expect(ds.map(line)).toEqual(['records/meetings/future.md:3:7 warning rule/held-in-future']);
    expect(ds[0]!.message).toBe('the meeting is `held` but its date 2020-01-02 is after today (2020-01-01)');
    expect(ds[0]!.hint).toContain('status: planned');
    // the same store on a later day has no warning
    expect(check([record('meeting', 'future', fm('title: T', 'date: 2020-01-02'))], '2020-01-02')).toEqual([]);
  });

  it('a proposal that left draft without submitted_on is a warning at status', () => {
    const ds = check([org('o'), proposal('p', 'submitted'), proposal('d', 'draft'), proposal('u', 'under-review', 'submitted_on: 2019-01-01'), proposal('w', 'withdrawn')]);
    expect(ds.map(line)).toEqual(['records/proposals/p.md:3:9 warning rule/submitted-on-missing', 'records/proposals/w.md:3:9 warning rule/submitted-on-missing']);
    expect(ds[0]!.message).toBe('the proposal is `submitted` but has no `submitted_on` date');
  });

  it.each(['adopted', 'partially-adopted', 'rejected'])('a %s proposal without decided_on is a warning', (status) => {
    const ds = check([org('o'), proposal('p', status, 'submitted_on: 2019-01-01')]);
    expect(ds.map(line)).toEqual(['records/proposals/p.md:3:9 warning rule/decided-on-missing']);
    expect(ds[0]!.message).toBe(`the proposal is \`${status}\` but has no \`decided_on\` date`);
  });

  it('a decided proposal with neither date gets both warnings; with both dates none', () => {
    expect(check([org('o'), proposal('p', 'rejected')]).map((d) => d.code).sort()).toEqual(['rule/decided-on-missing', 'rule/submitted-on-missing']);
    expect(check([org('o'), proposal('p', 'rejected', 'submitted_on: 2019-01-01', 'decided_on: 2019-03-01')])).toEqual([]);
  });

  it('records with schema errors get no value rules (their values cannot be trusted)', () => {
    const m = meeting('m', 'end_date: 2019-02-01', 'format: zoom');
    expect(m.valid).toBe(false);
    expect(check([m])).toEqual([]);
  });
});
