import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { find, golden, SKIPPED, useFindStore } from './find-fixture.js';

const store = useFindStore();
const list = (...args: string[]) => find(['list', ...args], store.root());

describe('dossier list on the fixture store', () => {
  it('table: tab-separated without a header when piped (golden)', async () => {
    const r = list('meetings');
    expect(r.code).toBe(0);
    // The invalid record is an organisation: a list of meetings skips none.
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot(golden('list-meetings.tsv'));
    const orgs = list('organisations');
    expect(orgs.stderr).toBe(SKIPPED);
    await expect(orgs.stdout).toMatchFileSnapshot(golden('list-organisations.tsv'));
  });

  it('json: an array of {id, type, path, ...fields} (golden)', async () => {
    const r = list('meetings', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Object.keys(json[0]!).slice(0, 4)).toEqual(['id', 'type', 'path', 'title']);
    await expect(r.stdout).toMatchFileSnapshot(golden('list-meetings.json'));
  });

  it('csv: RFC 4180 with a header row, references as ids (golden)', async () => {
    const r = list('meetings', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toEqual([
      ['id', 'date', 'title', 'status', 'host'],
      ['2020-06-01-online-follow-up', '2020-06-01', 'Online follow-up', 'planned', ''],
      ['2019-02-25-consultation', '2019-02-25', 'Consultation on the "new" strategy, part 1', 'held', 'office-for-drugs'],
      ['2018-11-05-kickoff', '2018-11-05', 'Kickoff meeting', 'held', 'office-for-drugs'],
    ]);
    await expect(r.stdout).toMatchFileSnapshot(golden('list-meetings.csv'));
    const orgs = list('organisations', '--where', 'kind!=civil-society', '--format', 'csv', '--fields', 'id,name,city,member_of,other_names.name');
    await expect(orgs.stdout).toMatchFileSnapshot(golden('list-organisations.csv'));
  });

  it('ndjson, yaml and ids', () => {
    const nd = list('proposals', '--format', 'ndjson').stdout.trimEnd().split('\n');
    expect(nd.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['treatment-standards', 'decriminalisation-proposal', 'harm-reduction-services']);
    expect(list('proposals', '--format', 'yaml').stdout).toMatch(/^- id: treatment-standards\n  type: proposal\n  path: records\/proposals\/treatment-standards.md\n/);
    expect(list('proposals', '--format', 'ids').stdout).toBe('treatment-standards\ndecriminalisation-proposal\nharm-reduction-services\n');
  });

  it('accepts singular, plural and American type words', () => {
    const want = list('organisations', '--format', 'ids').stdout;
    expect(list('organisation', '--format', 'ids').stdout).toBe(want);
    expect(list('organizations', '--format', 'ids').stdout).toBe(want);
    expect(list('orgs', '--format', 'ids').stdout).toBe(want);
    expect(want).not.toContain('broken');
  });

  it.each([
    [['proposals', '--where', 'status=submitted,under-review'], 'treatment-standards\ndecriminalisation-proposal\n'],
    [['meetings', '--where', 'participants=network-x', '--where', 'date>=2019'], '2019-02-25-consultation\n'],
    [['meetings', '--where', 'participants~timocki'], '2018-11-05-kickoff\n'],
    [['meetings', '--where', 'host~office'], '2019-02-25-consultation\n2018-11-05-kickoff\n'],
    [['meetings', '--where', 'host~канцеларија'], '2019-02-25-consultation\n2018-11-05-kickoff\n'],
    [['meetings', '--where', '!host'], '2020-06-01-online-follow-up\n'],
    [['meetings', '--where', 'actions.status=dropped'], '2019-02-25-consultation\n'],
    [['meetings', '--where', 'actions.owner=Ana Anić'], '2018-11-05-kickoff\n'],
    [['meetings', '--where', 'participant_count>3'], '2019-02-25-consultation\n'],
    [['meetings', '--where', 'date<2019'], '2018-11-05-kickoff\n'],
    [['organisations', '--where', 'name~TIMOČKI'], 'timocki-centar\n'],
    [['organisations', '--where', 'city=zajecar'], 'timocki-centar\n'],
    [['organisations', '--where', 'member_of=network-x', '--sort', '-name'], 'timocki-centar\nhostile-org\n'],
    [['organisations', '--where', 'kind=government', '--sort', 'name', '--limit', '1'], 'gov\n'],
    [['proposals', '--sort', 'submitted_on'], 'harm-reduction-services\ndecriminalisation-proposal\ntreatment-standards\n'],
    [['agreements', '--where', 'parties=timocki-centar'], 'mou-2018\n'],
    [['people', '--where', 'organisation~omladinski'], 'ana-anic\n'],
  ])('list %j', (args, ids) => {
    const r = list(...args, '--format', 'ids');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ids);
  });

  it('an empty result is not an error', () => {
    for (const format of ['table', 'ids', 'json', 'csv', 'ndjson', 'yaml']) {
      const r = list('meetings', '--where', 'date>2030', '--format', format);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe({ table: '', ids: '', json: '[]\n', csv: 'id,date,title,status,host\r\n', ndjson: '', yaml: '[]\n' }[format]);
    }
  });

  it('--fields chooses the columns of table and csv, and the fields of json', () => {
    expect(list('organisations', '--where', 'id=office-for-drugs', '--fields', 'name,parent,type,path').stdout).toBe(
      'Office for Drugs\tGovernment of Serbia\torganisation\trecords/organisations/office-for-drugs.md\n',
    );
    const json = JSON.parse(list('meetings', '--where', 'id~kickoff', '--fields', 'host,actions.owner,end_date', '--format', 'json').stdout);
    expect(json).toEqual([
      {
        id: '2018-11-05-kickoff',
        type: 'meeting',
        path: 'records/meetings/2018-11-05-kickoff.md',
        host: 'office-for-drugs',
        'actions.owner': ['network-x', 'ana-anic'],
        end_date: null,
      },
    ]);
  });

  it('escapes control characters in the table; json and yaml escape them losslessly; piped csv keeps them', () => {
    const tsv = list('organisations', '--where', 'id=hostile-org').stdout;
    expect(tsv).toBe('hostile-org\tEvil\\u001b[31m Org\\u202e\tcivil-society\t\t\n');
    const json = list('organisations', '--where', 'id=hostile-org', '--format', 'json').stdout;
    expect(json).toContain('"name": "Evil\\u001b[31m Org\\u202e"');
    expect((JSON.parse(json) as { name: string }[])[0]!.name).toBe('Evil\u001b[31m Org\u202e');
    const yaml = list('organisations', '--where', 'id=hostile-org', '--format', 'yaml').stdout;
    expect(yaml).toContain('name: "Evil\\e[31m Org\\u202e"');
    const csv = find(['list', 'organisations', '--where', 'id=hostile-org', '--format', 'csv', '--fields', 'name'], store.root(), { exact: true });
    expect(csv.stdout).toBe('name\r\nEvil\u001b[31m Org\u202e\r\n');
  });

  it.each([
    [['meetingz'], 'unknown record type "meetingz"', 'did you mean meeting?'],
    [['meetings', '--where', 'participant=dpnsee'], 'a meeting has no field "participant"', 'did you mean `participants`?'],
    [['meetings', '--where', 'status=hled'], '"hled" is not a possible `status`', 'did you mean held?'],
    [['meetings', '--where', 'date>2019-02-30'], '`date` is a date', 'YYYY-MM-DD'],
    [['meetings', '--where', 'host'], 'cannot read the condition "host"', '`host?`'],
    [['meetings', '--sort', '-dat'], 'a meeting has no field "dat"', 'did you mean `date`?'],
    [['meetings', '--fields', 'id,titel'], 'a meeting has no field "titel"', 'did you mean `title`?'],
    [['meetings', '--limit', 'ten'], '--limit takes a whole number', 'e.g. --limit 10'],
    [['meetings', '--format', 'xml'], "argument 'xml' is invalid", ''],
  ])('bad flags exit 2: %j', (args, message, hint) => {
    const r = list(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(hint);
  });

  it('--root on another folder', () => {
    const r = find(['list', 'meetings', '--root', store.root(), '--format', 'ids'], '/');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(4);
  });

  it('a missing store exits 2', () => {
    const r = find(['list', 'meetings', '--root', '/nonexistent-dossier-store'], '/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the store');
  });
});
