import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { find, golden, SKIPPED, useFindStore } from './find-fixture.js';

const store = useFindStore();
const actions = (...args: string[]) => find(['actions', '--today', '2019-03-01', ...args], store.root());

describe('dossier actions on the fixture store', () => {
  it('every action across meetings, by due date, owners by name (golden)', async () => {
    const r = actions();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(SKIPPED);
    expect(r.stdout).toContain('2019-01-15\topen (overdue)\tAna Anić\tDraft a policy brief\t2018-11-05 Kickoff meeting\n');
    await expect(r.stdout).toMatchFileSnapshot(golden('actions.tsv'));
  });

  it('--status, --overdue, --owner (by id or name)', () => {
    const tasks = (...args: string[]) => actions(...args, '--format', 'json').stdout;
    const taskList = (...args: string[]) => (JSON.parse(tasks(...args)) as { task: string }[]).map((a) => a.task);
    expect(taskList('--status', 'open')).toEqual(['Draft a policy brief', 'Circulate the report', 'Present the proposals to the working group']);
    expect(taskList('--status', 'done')).toEqual(['Send the minutes']);
    expect(taskList('--overdue')).toEqual(['Draft a policy brief']);
    expect(taskList('--owner', 'network-x')).toEqual(['Send the minutes', 'Translate the strategy']);
    expect(taskList('--owner', 'Ana Anić')).toEqual(['Draft a policy brief']);
    expect(taskList('--overdue', '--status', 'open', '--owner', 'network-x')).toEqual([]);
  });

  it('--today moves what is overdue', () => {
    const overdue = (today: string) => (JSON.parse(find(['actions', '--overdue', '--today', today, '--format', 'json'], store.root()).stdout) as { task: string }[]).map((a) => a.task);
    expect(overdue('2019-01-15')).toEqual([]);
    expect(overdue('2019-01-16')).toEqual(['Draft a policy brief']);
    expect(overdue('2020-01-01')).toEqual(['Draft a policy brief', 'Circulate the report']);
  });

  it('json and csv carry the meeting, the owner id and name, and the overdue flag', () => {
    const [first] = JSON.parse(actions('--overdue', '--format', 'json').stdout);
    expect(first).toEqual({
      meeting: '2018-11-05-kickoff',
      meeting_title: 'Kickoff meeting',
      meeting_date: '2018-11-05',
      path: 'records/meetings/2018-11-05-kickoff.md',
      index: 1,
      task: 'Draft a policy brief',
      owner: 'ana-anic',
      owner_name: 'Ana Anić',
      due: '2019-01-15',
      status: 'open',
      overdue: true,
    });
    const csv = parse(actions('--status', 'open', '--format', 'csv').stdout) as string[][];
    expect(csv[0]).toEqual(['meeting', 'meeting_date', 'meeting_title', 'task', 'owner', 'owner_name', 'due', 'status', 'overdue']);
    expect(csv[3]).toEqual(['2019-02-25-consultation', '2019-02-25', 'Consultation on the "new" strategy, part 1', 'Present the proposals to the working group', 'office-for-drugs', 'Office for Drugs', '', 'open', 'false']);
    expect(actions('--format', 'ndjson').stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(actions('--format', 'yaml').stdout).toMatch(/^- meeting: 2018-11-05-kickoff\n/);
  });

  it('nothing to do is not an error', () => {
    expect(actions('--owner', 'gov')).toMatchObject({ code: 0, stdout: '' });
  });

  it('an unknown owner exits 1 with a suggestion; bad flags exit 2', () => {
    const r = actions('--owner', 'ana-anicc');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hint: did you mean ana-anic?');
    expect(actions('--status', 'closed').code).toBe(2);
    expect(find(['actions', '--today', '2019-02-30'], store.root()).code).toBe(2);
    expect(actions('--overdue', '--status', 'done').code).toBe(2);
  });
});
