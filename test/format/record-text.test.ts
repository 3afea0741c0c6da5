import { describe, expect, it } from 'vitest';
import { backlinksOf } from '../../src/core/backlinks.js';
import { buildIndex } from '../../src/core/references.js';
import { searchRecords } from '../../src/core/search.js';
import { humanCell, rawCell, recordObject, resolveColumns } from '../../src/format/record-cells.js';
import { formatRecordText } from '../../src/format/record-text.js';
import { formatSearchText } from '../../src/format/search-text.js';
import { plainStyle, type Style } from '../../src/format/style.js';
import { fm, record } from '../helpers/records.js';

const office = record('organisation', 'office', fm('name: Office for Drugs', 'kind: government'));
const net = record('organisation', 'net', fm('name: "Net\\e[31m"', 'kind: network', 'member_of:', '  - office'));
const meeting = record(
  'meeting',
  'm',
  fm('title: Meeting', 'date: 2019-02-25', 'host: office', 'participants:', '  - net', 'actions:', '  - task: Do it', '    owner: office', '    due: 2019-03-01'),
);
const all = [office, net, meeting];
const index = buildIndex(all);
const marked: Style = { ...plainStyle, bold: (s) => `<b>${s}</b>`, yellow: (s) => `<y>${s}</y>`, dim: (s) => `<d>${s}</d>` };

describe('formatRecordText', () => {
  it('shows every field with references by name and id, mappings in lists, the body and the backlinks', () => {
    const text = formatRecordText(meeting, { body: '\n\nThe body.\n\n', backlinks: backlinksOf(meeting, index), label: index.label, style: plainStyle });
    expect(text).toBe(
      [
        'Meeting',
        'meeting m · records/meetings/m.md',
        '',
        'date: 2019-02-25',
        'status: held',
        'host: Office for Drugs (office)',
        'participants:',
        '  - Net\\u001b[31m (net)',
        'actions:',
        '  - task: Do it',
        '    owner: Office for Drugs (office)',
        '    due: 2019-03-01',
        '    status: open',
        'visibility: public',
        '',
        'The body.',
        '',
        'Nothing refers to it.',
        '',
      ].join('\n'),
    );
  });

  it('groups backlinks by type and field, meetings first', () => {
    const text = formatRecordText(office, { body: '', backlinks: backlinksOf(office, index), label: index.label, style: plainStyle });
    expect(text.slice(text.indexOf('Referred to by:'))).toBe(
      ['Referred to by:', '  meetings, as host:', '    Meeting (m)', '  meetings, as actions.owner:', '    Meeting (m)', '  organisations, as member_of:', '    Net\\u001b[31m (net)', ''].join('\n'),
    );
  });

  it('escapes control characters in the body, tabs expanded', () => {
    const text = formatRecordText(office, { body: 'a\tb \u001b[2J\r\nnext', backlinks: [], label: index.label, style: plainStyle });
    expect(text).toContain('\na    b \\u001b[2J\nnext\n');
  });
});

describe('cells', () => {
  it('human cells show references by name and join lists; raw cells keep ids', () => {
    const cols = resolveColumns('meeting', ['host', 'participants', 'actions.owner', 'actions', 'type', 'path']);
    expect(cols.map((c) => humanCell(meeting, c, index.label))).toEqual(['Office for Drugs', 'Net\\u001b[31m', 'Office for Drugs', 'Do it', 'meeting', 'records/meetings/m.md']);
    expect(cols.map((c) => rawCell(meeting, c))).toEqual([
      'office',
      'net',
      'office',
      '{"task":"Do it","owner":"office","due":"2019-03-01","status":"open"}',
      'meeting',
      'records/meetings/m.md',
    ]);
  });

  it('records as objects: id, type and path first, without the frontmatter echo of id and type', () => {
    const echo = record('organisation', 'echo', fm('id: echo', 'type: organisation', 'name: Echo', 'kind: other'));
    expect(recordObject(echo)).toEqual({ id: 'echo', type: 'organisation', path: 'records/organisations/echo.md', name: 'Echo', kind: 'other', status: 'active', visibility: 'public' });
  });
});

describe('formatSearchText', () => {
  const hits = searchRecords(all, 'drugs', () => '');

  it('on a terminal: title, type and id, then the snippet with the matches highlighted', () => {
    expect(formatSearchText(hits, { tty: true, style: marked })).toBe('<b>Office for Drugs</b>  <d>organisation · office</d>\n  Office for <b><y>Drugs</y></b>\n');
  });

  it('piped: tab-separated, no highlighting', () => {
    expect(formatSearchText(hits, { tty: false, style: marked })).toBe('office\torganisation\tOffice for Drugs\tOffice for Drugs\n');
  });
});
