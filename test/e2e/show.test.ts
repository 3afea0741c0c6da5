import { describe, expect, it } from 'vitest';
import { find, golden, SKIPPED, useFindStore } from './find-fixture.js';

const store = useFindStore();
const show = (...args: string[]) => find(['show', ...args], store.root());

describe('dossier show on the fixture store', () => {
  it('text: every field, references by name, the body, backlinks by type and field (golden)', async () => {
    const r = show('office-for-drugs');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(SKIPPED);
    expect(r.stdout).toContain('parent: Government of Serbia (gov)\n');
    await expect(r.stdout).toMatchFileSnapshot(golden('show-office.txt'));
  });

  it('text: lists of mappings with references resolved inside them', async () => {
    const r = show('2018-11-05-kickoff');
    expect(r.stdout).toContain('actions:\n  - task: Send the minutes\n    owner: Network X (network-x)\n    due: 2018-12-01\n    status: done\n');
    expect(r.stdout).toContain('attendees:\n  - Ana Anić (ana-anic)\n');
    await expect(r.stdout).toMatchFileSnapshot(golden('show-meeting.txt'));
  });

  it('json: the record, its body, resolved references and backlinks', () => {
    const r = show('network-x', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ id: 'network-x', type: 'organisation', path: 'records/organisations/network-x.md', name: 'Network X', short_name: 'NX' });
    expect(json.body).toBe('A regional drug policy network.\n');
    expect(json.references).toEqual([]);
    expect(json.backlinks.map((g: { type: string; field: string; records: { id: string }[] }) => [g.type, g.field, g.records.map((x) => x.id)])).toEqual([
      ['meeting', 'participants', ['2018-11-05-kickoff', '2019-02-25-consultation']],
      ['meeting', 'actions.owner', ['2018-11-05-kickoff', '2019-02-25-consultation']],
      ['proposal', 'submitted_by', ['decriminalisation-proposal', 'treatment-standards']],
      ['agreement', 'parties', ['mou-2018']],
      ['organisation', 'member_of', ['hostile-org', 'timocki-centar']],
    ]);
    const meeting = JSON.parse(show('2019-02-25-consultation', '--format', 'json').stdout);
    expect(meeting.references).toContainEqual({ field: 'host', id: 'office-for-drugs', type: 'organisation', name: 'Office for Drugs' });
    expect(meeting.references).toContainEqual({ field: 'actions.owner', id: 'timocki-centar', type: 'organisation', name: 'Timočki omladinski centar' });
  });

  it('a name or short name works as well as an id', () => {
    expect(show('Timočki omladinski centar').stdout).toMatch(/^Timočki omladinski centar\norganisation timocki-centar · /);
    expect(show('timocki omladinski centar').stdout).toMatch(/^Timočki omladinski centar\n/);
    expect(show('NX').stdout).toMatch(/^Network X\n/);
  });

  it('escapes control characters in names and bodies', () => {
    const r = show('hostile-org');
    expect(r.stdout).toContain('Evil\\u001b[31m Org\\u202e\n');
    expect(r.stdout).toContain('Body with an escape \\u001b[2J sequence.');
    expect(r.stdout).toContain('Nothing refers to it.');
    expect(show('network-x').stdout).toContain('  organisations, as member_of:\n    Evil\\u001b[31m Org\\u202e (hostile-org)\n');
  });

  it('an unknown id exits 1 with did-you-mean suggestions', () => {
    const r = show('ofice-for-drugs');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dossier: no record has the id "ofice-for-drugs"\nhint: did you mean office-for-drugs?\n');
    expect(show('201').stderr).toContain('hint: did you mean one of: 2018-11-05-kickoff, 2019-02-25-consultation, mou-2018?');
    expect(show('qqqq').stderr).toContain('hint: find it with `dossier search qqqq`');
  });

  it('the start of an id is enough when no other id starts that way, as cut in a table', () => {
    expect(show('decrim').stdout).toMatch(/^Proposal for decriminalisation\n/);
    expect(show('2019-02-25-consul…').stdout).toMatch(/^Consultation on the "new" strategy, part 1\n/);
  });

  it('an invalid record exits 1 and points at validate', () => {
    const r = show('broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('records/organisations/broken.md is not a valid record');
    expect(r.stderr).toContain('`dossier validate records/organisations/broken.md` explains why');
  });

  it('a bad format exits 2', () => {
    expect(show('gov', '--format', 'yaml').code).toBe(2);
  });
});
