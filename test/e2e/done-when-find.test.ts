/** Issue 3, "Done when": the five questions on the bundled records, as a new user would ask them, text and JSON. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { find } from './find-fixture.js';

const OFFICE = 'office-for-combating-drugs';
const MEETING = '2019-02-25-consultation-with-civil-society-organisations';
const PROPOSAL = 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use';
const MEMORANDUM = 'memorandum-of-understanding-2018';
const CIVIL_SOCIETY = ['duga', 'izlazak', 'jazas-pozarevac', 'kokoro', 'nova-plus', 'prevent', 're-generation', 'timocki-omladinski-centar', 'zemlja-zivih'];

function ok(args: string[]): string {
  const r = find(args, REPO_ROOT);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const json = <T = unknown>(args: string[]): T => JSON.parse(ok([...args, '--format', 'json'])) as T;

describe('done when, on the bundled records', () => {
  it('list proposals --where status=submitted,under-review', () => {
    const args = ['list', 'proposals', '--where', 'status=submitted,under-review'];
    expect(ok(args)).toBe(
      `${PROPOSAL}\tProposal for decriminalisation of drug use and possession for personal use\tsubmitted\t\tMinistry of Justice, Working group for changes of the Criminal Law, Office for Combating Drugs, Office for Cooperation with Civil Society\n`,
    );
    expect(json<{ id: string; status: string; submitted_by: string[] }[]>(args)).toMatchObject([{ id: PROPOSAL, status: 'submitted', submitted_by: ['dpnsee'] }]);
  });

  it('show the Office: its fields by name and everything that refers to it', () => {
    const text = ok(['show', OFFICE]);
    expect(text).toMatch(/^Office for Combating Drugs\norganisation office-for-combating-drugs · records\/organisations\/office-for-combating-drugs.md\n/);
    expect(text).toContain('parent: Government of the Republic of Serbia (government-of-the-republic-of-serbia)\n');
    expect(text).toContain('Its Acting director is Milan Pekić.');
    expect(text).toContain(`  meetings, as host:\n    Consultation with civil society organisations (${MEETING})\n`);
    expect(text).toContain(`  meetings, as actions.owner:\n    Consultation with civil society organisations (${MEETING})\n`);
    expect(text).toContain(`  proposals, as submitted_to:\n    Proposal for decriminalisation of drug use and possession for personal use (${PROPOSAL})\n`);
    expect(text).toContain(`  agreements, as parties:\n    Memorandum of Understanding between the Office for Combating Drugs and civil society organisations (${MEMORANDUM})\n`);
    expect(text).toContain('  people, as organisation:\n    Milan Pekić (milan-pekic)\n');

    const page = json<{ id: string; parent: string; body: string; backlinks: { type: string; field: string; records: { id: string }[] }[] }>(['show', OFFICE]);
    expect(page).toMatchObject({ id: OFFICE, parent: 'government-of-the-republic-of-serbia' });
    expect(page.body).toContain('Milan Pekić');
    expect(page.backlinks.map((g) => [g.type, g.field, g.records.map((r) => r.id)])).toEqual([
      ['meeting', 'host', [MEETING]],
      ['meeting', 'actions.owner', [MEETING]],
      ['proposal', 'submitted_to', [PROPOSAL]],
      ['agreement', 'parties', [MEMORANDUM]],
      ['person', 'organisation', ['milan-pekic']],
    ]);
  });

  it('show the meeting: host, participants and actions by name', () => {
    const text = ok(['show', MEETING]);
    expect(text).toContain('host: Office for Combating Drugs (office-for-combating-drugs)\n');
    expect(text).toContain('  - Timočki omladinski centar (timocki-omladinski-centar)\n');
    expect(text).toContain('    owner: Office for Combating Drugs (office-for-combating-drugs)\n');
    expect(text).toContain(`  proposals, as meetings:\n    Proposal for decriminalisation of drug use and possession for personal use (${PROPOSAL})\n`);
  });

  it('search decriminalisation: the proposal first, every hit with a snippet', () => {
    const lines = ok(['search', 'decriminalisation']).trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${PROPOSAL}\tproposal\tProposal for decriminalisation of drug use and possession for personal use\t.*decriminalisation`));
    expect(lines.map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining([MEETING, 'dpnsee', OFFICE]));
    for (const line of lines) expect(line.split('\t')).toHaveLength(4);
    const hits = json<{ id: string; snippet: string }[]>(['search', 'decriminalisation']);
    expect(hits[0]!.id).toBe(PROPOSAL);
    expect(hits.every((h) => h.snippet.toLowerCase().includes('decriminalisation'))).toBe(true);
  });

  it('actions --status open: the Office owes two follow-ups from the 2019 consultation', () => {
    expect(ok(['actions', '--status', 'open'])).toBe(
      [
        "\topen\tOffice for Combating Drugs\tPresent civil society proposals, through the Office's representative, to the Working group for changes of the Criminal Law\t2019-02-25 Consultation with civil society organisations",
        '\topen\tOffice for Combating Drugs\tPropose full involvement of civil society in designing the new National Drug Strategy\t2019-02-25 Consultation with civil society organisations',
        '',
      ].join('\n'),
    );
    const actions = json<{ meeting: string; owner: string; owner_name: string; status: string; overdue: boolean }[]>(['actions', '--status', 'open']);
    expect(actions).toHaveLength(2);
    for (const a of actions) expect(a).toMatchObject({ meeting: MEETING, owner: OFFICE, owner_name: 'Office for Combating Drugs', status: 'open', overdue: false });
  });

  it('list organisations --where kind=civil-society --format csv (and json)', () => {
    const rows = parse(ok(['list', 'organisations', '--where', 'kind=civil-society', '--format', 'csv'])) as string[][];
    expect(rows[0]).toEqual(['id', 'name', 'kind', 'country', 'parent']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(CIVIL_SOCIETY);
    expect(rows).toContainEqual(['timocki-omladinski-centar', 'Timočki omladinski centar', 'civil-society', 'RS', '']);
    const orgs = json<{ id: string; kind: string }[]>(['list', 'organisations', '--where', 'kind=civil-society']);
    expect(orgs.map((o) => o.id)).toEqual(CIVIL_SOCIETY);
    expect(orgs.every((o) => o.kind === 'civil-society')).toBe(true);
  });

  it('stats, text and json', () => {
    expect(ok(['stats'])).toMatch(/^Records\s+20\n {2}organisations\s+16\n/);
    expect(json<{ records: { total: number }; proposals_by_status: Record<string, number> }>(['stats'])).toMatchObject({
      records: { total: 20, organisation: 16 },
      proposals_by_status: { submitted: 1 },
      actions: { open: 2, overdue: 0 },
      agreements_by_kind: { 'memorandum-of-understanding': 1 },
    });
  });
});
