import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatCsv } from '../../src/format/csv.js';
import { formatStructured } from '../../src/format/structured.js';
import { plainStyle } from '../../src/format/style.js';
import { displayWidth, fitWidths, formatTable, truncate } from '../../src/format/table.js';

describe('formatTable', () => {
  const rows = [
    ['dpnsee', 'Drug Policy Network South East Europe', 'network'],
    ['toc', 'Timočki omladinski centar', 'civil-society'],
  ];

  it('is tab-separated without a header when not a terminal, nothing cut', () => {
    expect(formatTable(['id', 'name', 'kind'], rows, { tty: false, columns: 10, style: plainStyle })).toBe(
      'dpnsee\tDrug Policy Network South East Europe\tnetwork\ntoc\tTimočki omladinski centar\tcivil-society\n',
    );
  });

  it('aligns columns under an upper-case header on a terminal, no trailing spaces', () => {
    expect(formatTable(['id', 'name', 'kind'], rows, { tty: true, columns: 100, style: plainStyle })).toBe(
      [
        'ID      NAME                                   KIND',
        'dpnsee  Drug Policy Network South East Europe  network',
        'toc     Timočki omladinski centar              civil-society',
        '',
      ].join('\n'),
    );
  });

  it('cuts the widest columns to the terminal width', () => {
    const out = formatTable(['id', 'name', 'kind'], rows, { tty: true, columns: 40, style: plainStyle });
    for (const line of out.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(out).toMatch(/Drug Policy[^\n]*…/);
    expect(out).toContain('civil-society');
  });

  it('paints a cell without breaking the alignment', () => {
    const red = (s: string) => `<${s}>`;
    const out = formatTable(['a', 'b'], [[{ text: 'x', paint: red }, 'y'], ['long', 'z']], { tty: true, columns: 80, style: plainStyle });
    expect(out).toBe('A     B\n<x>     y\nlong  z\n');
  });
});

describe('fitWidths', () => {
  it('keeps natural widths when they fit', () => {
    expect(fitWidths([5, 10, 3], 30)).toEqual([5, 10, 3]);
  });

  it('cuts only the widest columns to a common cap, using all the room', () => {
    expect(fitWidths([5, 40, 30], 50)).toEqual([5, 23, 22]);
  });

  it('columns that yield first get half the cap, down to a floor', () => {
    const widths = fitWidths([30, 40, 40], 80, [false, false, true]);
    expect(widths.reduce((a, b) => a + b)).toBe(80);
    expect(widths[2]).toBeLessThan(widths[1]!);
    expect(widths[2]).toBeGreaterThanOrEqual(16);
  });
});

describe('truncate and displayWidth', () => {
  it('counts combining marks as nothing', () => {
    expect(displayWidth('Timoc\u030cki')).toBe(7);
    expect(truncate('Timočki omladinski', 8)).toBe('Timočki…');
    expect(truncate('short', 8)).toBe('short');
  });
});

describe('formatCsv', () => {
  it('is RFC 4180: header, CRLF, quotes doubled, commas and newlines quoted', () => {
    const csv = formatCsv(['id', 'title'], [['a', 'Consultation on the "new" strategy, part 1'], ['b', 'two\nlines']]);
    expect(csv).toBe('id,title\r\na,"Consultation on the ""new"" strategy, part 1"\r\nb,"two\nlines"\r\n');
    expect(parse(csv)).toEqual([
      ['id', 'title'],
      ['a', 'Consultation on the "new" strategy, part 1'],
      ['b', 'two\nlines'],
    ]);
  });

  it('on a terminal, shows control characters escaped', () => {
    expect(formatCsv(['name'], [['Evil\u001b[31m']], { terminal: true })).toBe('name\r\nEvil\\u001b[31m\r\n');
  });

  it('an empty result is the header alone', () => {
    expect(formatCsv(['id'], [])).toBe('id\r\n');
  });
});

describe('formatStructured', () => {
  const objects = [{ id: 'a', list: ['x'] }, { id: 'b', date: '2019-02-25' }];

  it('json is an array, ndjson one object a line, yaml a sequence', () => {
    expect(JSON.parse(formatStructured(objects, 'json'))).toEqual(objects);
    expect(formatStructured(objects, 'ndjson')).toBe('{"id":"a","list":["x"]}\n{"id":"b","date":"2019-02-25"}\n');
    expect(formatStructured(objects, 'yaml')).toBe('- id: a\n  list:\n    - x\n- id: b\n  date: 2019-02-25\n');
  });

  it('escapes terminal-steering characters so that they read back unchanged', () => {
    const tricky = [{ name: 'a\u001bb\u009bc\u202ed\ne' }];
    const json = formatStructured(tricky, 'json');
    expect(json).toContain('"a\\u001bb\\u009bc\\u202ed\\ne"');
    expect(JSON.parse(json)).toEqual(tricky);
    const nd = formatStructured(tricky, 'ndjson');
    expect(JSON.parse(nd)).toEqual(tricky[0]);
    const yaml = formatStructured(tricky, 'yaml');
    expect(yaml).toBe('- name: "a\\eb\\u009bc\\u202ed\\ne"\n');
    expect(parseYaml(yaml)).toEqual(tricky);
  });

  it('empty results are an empty array', () => {
    expect(formatStructured([], 'json')).toBe('[]\n');
    expect(formatStructured([], 'ndjson')).toBe('');
    expect(formatStructured([], 'yaml')).toBe('[]\n');
  });
});
