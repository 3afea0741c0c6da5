/** Per-record validation: every field rule of every type, defaults, and where each diagnostic points. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import type { RecordType } from '../../src/core/kinds.js';
import type { StoreRecord } from '../../src/core/record.js';
import { checkId } from '../../src/core/ids.js';
import { fm, record } from '../helpers/records.js';

const codes = (r: StoreRecord) => r.diagnostics.map((d) => d.code);
/** `line:col code` of every diagnostic, for compact assertions. */
const where = (r: StoreRecord) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`).sort();
const only = (r: StoreRecord): Diagnostic => {
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
};

/** A minimal valid record of each type, to which a test adds or replaces lines. */
const BASE: Record<RecordType, string[]> = {
  organisation: ['name: Prevent', 'kind: civil-society'],
  person: ['name: Milan Pekić'],
  meeting: ['title: Consultation', 'date: 2019-02-25'],
  proposal: ['title: Decriminalisation', 'status: draft', 'submitted_by: [dpnsee]'],
  agreement: ['title: MoU', 'kind: memorandum-of-understanding', 'signed_on: 2018-01-10', 'parties: [a, b]'],
};
/** The base record with `extra` lines after it; `line` numbers of `extra` start at BASE.length + 2. */
const rec = (type: RecordType, ...extra: string[]) => record(type, 'x', fm(...BASE[type], ...extra));
const without = (type: RecordType, field: string, ...extra: string[]) =>
  record(type, 'x', fm(...BASE[type].filter((l) => !l.startsWith(`${field}:`)), ...extra));

describe('minimal records and defaults', () => {
  it.each(Object.keys(BASE) as RecordType[])('a minimal %s is valid', (type) => {
    const r = rec(type);
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('organisation: status defaults to active, visibility to public', () => {
    expect(rec('organisation').fields).toMatchObject({ status: 'active', visibility: 'public' });
    expect(rec('organisation', 'status: dissolved').fields!.status).toBe('dissolved');
  });

  it('person: visibility defaults to private', () => {
    expect(rec('person').fields!.visibility).toBe('private');
    expect(rec('person', 'visibility: public').fields!.visibility).toBe('public');
  });

  it('meeting: status defaults to held; action status defaults to open', () => {
    const r = rec('meeting', 'actions:', '  - task: Write', '    owner: a', '  - task: Call', '    owner: b', '    status: done');
    expect(r.valid).toBe(true);
    expect(r.fields!.status).toBe('held');
    expect(r.fields!.visibility).toBe('public');
    expect(r.fields!.actions).toEqual([
      { task: 'Write', owner: 'a', status: 'open' },
      { task: 'Call', owner: 'b', status: 'done' },
    ]);
  });

  it('proposal and agreement: visibility defaults to public', () => {
    expect(rec('proposal').fields!.visibility).toBe('public');
    expect(rec('agreement').fields!.visibility).toBe('public');
  });

  it('an invalid record keeps its raw fields (no defaults filled in)', () => {
    const r = rec('meeting', 'format: zoom');
    expect(r.valid).toBe(false);
    expect(r.fields).toEqual({ title: 'Consultation', date: '2019-02-25', format: 'zoom' });
  });
});

describe('required fields', () => {
  it.each([
    ['organisation', 'name'],
    ['person', 'name'],
    ['meeting', 'title'],
    ['meeting', 'date'],
    ['proposal', 'title'],
    ['proposal', 'submitted_by'],
    ['agreement', 'title'],
    ['agreement', 'signed_on'],
    ['agreement', 'parties'],
  ] as [RecordType, string][])('%s without %s is schema/required at 1:1', (type, field) => {
    const d = only(without(type, field));
    expect(d).toMatchObject({ code: 'schema/required', line: 1, column: 1, severity: 'error' });
    expect(d.message).toContain(`the required field \`${field}\``);
    expect(d.hint).toMatch(new RegExp(`^add \`${field}: `));
  });

  it('a missing date field gets a YYYY-MM-DD hint', () => {
    expect(only(without('meeting', 'date')).hint).toBe('add `date: YYYY-MM-DD`');
  });

  it('every missing field is reported, not only the first', () => {
    const r = record('meeting', 'm', fm('location: Belgrade'));
    expect(where(r)).toEqual(['1:1 schema/required', '1:1 schema/required']);
    expect(r.diagnostics.map((d) => d.message).sort()).toEqual([
      'a meeting is missing the required field `date`',
      'a meeting is missing the required field `title`',
    ]);
  });

  it('a blank or empty text is schema/too-small', () => {
    const d = only(rec('person', 'role: "   "'));
    expect(d).toMatchObject({ code: 'schema/too-small', line: 3, column: 7 });
    expect(d.message).toBe('`role` must not be empty');
  });

  it('an empty (null) required text is schema/type on its line, not a missing field', () => {
    const d = only(record('person', 'p', fm('name:')));
    expect(d).toMatchObject({ code: 'schema/type', line: 2, column: 6 });
    expect(d.message).toBe('`name` must be text, found nothing (null)');
  });

  it('a missing nested required key points at the list item', () => {
    const r = rec('meeting', 'actions:', '  - task: a', '    owner: x', '  - owner: z');
    const d = only(r);
    expect(d).toMatchObject({ code: 'schema/required', line: 7, column: 5 });
    expect(d.message).toBe('item 2 of `actions` is missing the required field `task`');
  });

  it('documents need a url; other_names need a name', () => {
    const a = only(rec('proposal', 'documents:', '  - title: The proposal'));
    expect(a).toMatchObject({ code: 'schema/required', line: 6, column: 5 });
    expect(a.message).toContain('`url`');
    const b = only(rec('organisation', 'other_names:', '  - lang: sr-Cyrl'));
    expect(b).toMatchObject({ code: 'schema/required', line: 5, column: 5 });
    expect(b.message).toContain('`name`');
  });
});

describe('enums', () => {
  it.each([
    ['organisation', 'kind: ngo', 'kind', 3],
    ['organisation', 'status: closed', 'status', 4],
    ['meeting', 'status: done', 'status', 4],
    ['meeting', 'format: zoom', 'format', 4],
    ['proposal', 'status: sent', 'status', 3],
    ['agreement', 'kind: mou', 'kind', 3],
    ['person', 'visibility: secret', 'visibility', 3],
  ] as [RecordType, string, string, number][])('%s %s is schema/enum', (type, line, field, lineNo) => {
    const key = `${field}:`;
    const lines = BASE[type].some((l) => l.startsWith(key)) ? BASE[type].map((l) => (l.startsWith(key) ? line : l)) : [...BASE[type], line];
    const d = only(record(type, 'x', fm(...lines)));
    expect(d).toMatchObject({ code: 'schema/enum', line: lineNo, column: field.length + 3 });
    expect(d.message).toContain(`\`${field}\` must be one of`);
  });

  it('suggests the nearest value', () => {
    const d = only(record('proposal', 'x', fm('title: T', 'status: submited', 'submitted_by: [a]')));
    expect(d.hint).toBe('did you mean `submitted`?');
    expect(d.message).toContain('found "submited"');
  });

  it('every proposal status, meeting status and agreement kind from the model is accepted', () => {
    for (const s of ['draft', 'submitted', 'under-review', 'adopted', 'partially-adopted', 'rejected', 'withdrawn']) {
      expect(record('proposal', 'x', fm('title: T', `status: ${s}`, 'submitted_by: [a]')).valid).toBe(true);
    }
    for (const s of ['planned', 'held', 'cancelled']) expect(rec('meeting', `status: ${s}`).valid).toBe(true);
    for (const k of ['memorandum-of-understanding', 'cooperation-agreement', 'grant', 'contract', 'other']) {
      expect(record('agreement', 'x', fm('title: T', `kind: ${k}`, 'signed_on: 2018-01-10', 'parties: [a, b]')).valid).toBe(true);
    }
    for (const k of ['government', 'civil-society', 'network', 'international', 'donor', 'academic', 'media', 'other']) {
      expect(record('organisation', 'x', fm('name: N', `kind: ${k}`)).valid).toBe(true);
    }
  });

  it('an action status outside open/done/dropped is schema/enum at the nested value', () => {
    const d = only(rec('meeting', 'actions:', '  - task: x', '    owner: a', '    status: closed'));
    expect(d).toMatchObject({ code: 'schema/enum', line: 7, column: 13 });
    expect(d.message).toContain('`actions[0].status`');
  });
});

describe('dates', () => {
  it('2019-02-30 is not a calendar day', () => {
    const d = only(rec('organisation', 'founded: 2019-02-30'));
    expect(d).toMatchObject({ code: 'schema/format', line: 4, column: 10 });
    expect(d.hint).toBe('that day does not exist in the calendar');
  });

  it('2020-02-29 is (a leap year), 2100-02-29 is not', () => {
    expect(rec('organisation', 'founded: 2020-02-29').valid).toBe(true);
    expect(rec('organisation', 'founded: 2000-02-29').valid).toBe(true);
    expect(codes(rec('organisation', 'founded: 2100-02-29'))).toEqual(['schema/format']);
  });

  it('quoted dates are accepted the same as unquoted', () => {
    expect(record('meeting', 'm', fm('title: T', 'date: "2019-02-25"')).valid).toBe(true);
  });

  it('25.02.2019 gets a hint with the ISO form', () => {
    const d = only(record('meeting', 'm', fm('title: T', 'date: 25.02.2019')));
    expect(d).toMatchObject({ code: 'schema/format', line: 3, column: 7, hint: 'write it as 2019-02-25' });
  });

  it('2019-2-5 and 2019-13-01 are schema/format', () => {
    expect(only(record('meeting', 'm', fm('title: T', 'date: 2019-2-5'))).hint).toBe('write dates as YYYY-MM-DD');
    expect(codes(record('meeting', 'm', fm('title: T', 'date: 2019-13-01')))).toEqual(['schema/format']);
  });

  it('a date written as a number is schema/type', () => {
    expect(only(record('meeting', 'm', fm('title: T', 'date: 20190225')))).toMatchObject({ code: 'schema/type', line: 3, column: 7 });
  });

  it('nested dates (actions[].due) are checked too', () => {
    const d = only(rec('meeting', 'actions:', '  - task: x', '    owner: a', '    due: 2019-02-30'));
    expect(d).toMatchObject({ code: 'schema/format', line: 7, column: 10 });
    expect(d.message).toContain('`actions[0].due`');
  });
});

describe('urls, emails, countries, languages, slugs', () => {
  it.each(['https://example.org', 'http://dpnsee.org/news?id=1', 'HTTPS://EXAMPLE.ORG/x'])('website %s is accepted', (url) => {
    expect(rec('organisation', `website: "${url}"`).valid).toBe(true);
  });

  it.each(['ftp://example.org', 'javascript:alert(1)', 'example.org', '//example.org', 'mailto:a@example.org'])('website %s is schema/format', (url) => {
    const d = only(rec('organisation', `website: "${url}"`));
    expect(d).toMatchObject({ code: 'schema/format', line: 4, column: 10 });
    expect(d.message).toContain('http:// or https://');
  });

  it('document urls are http(s) only too', () => {
    const d = only(rec('proposal', 'documents:', '  - url: ftp://x.org'));
    expect(d).toMatchObject({ code: 'schema/format', line: 6, column: 10 });
    expect(d.message).toContain('`documents[0].url`');
  });

  it('emails', () => {
    expect(rec('organisation', 'email: office@example.org').valid).toBe(true);
    expect(rec('person', 'email: milan@example.rs').valid).toBe(true);
    expect(only(rec('organisation', 'email: nope'))).toMatchObject({ code: 'schema/format', line: 4, column: 8 });
    expect(codes(rec('person', 'email: a@'))).toEqual(['schema/format']);
  });

  it('country RS is accepted; rs and SRB are not', () => {
    expect(rec('organisation', 'country: RS').valid).toBe(true);
    const d = only(rec('organisation', 'country: rs'));
    expect(d).toMatchObject({ code: 'schema/format', line: 4, column: 10 });
    expect(d.message).toContain('found "rs"');
    expect(codes(rec('organisation', 'country: SRB'))).toEqual(['schema/format']);
  });

  it('language tags sr, sr-Latn, sr-Cyrl, en, en-GB are accepted; english and sr_Latn are not', () => {
    expect(rec('proposal', 'language: [sr, sr-Latn, sr-Cyrl, en, en-GB]').valid).toBe(true);
    const r = rec('proposal', 'language: [sr, english, sr_Latn]');
    expect(where(r)).toEqual(['5:16 schema/format', '5:25 schema/format']);
    expect(r.diagnostics.map((d) => d.message.split(' must')[0])).toEqual(['`language[1]`', '`language[2]`']);
    const o = only(rec('organisation', 'other_names:', '  - name: Канцеларија', '    lang: cyrillic'));
    expect(o).toMatchObject({ code: 'schema/format', line: 6, column: 11 });
  });

  it('tags must be slugs', () => {
    expect(rec('organisation', 'tags: [harm-reduction, memorandum-2018]').valid).toBe(true);
    const r = rec('organisation', 'tags: [ok, "Harm Reduction", -x, a--b]');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['schema/format', 'schema/format', 'schema/format']);
    expect(r.diagnostics.map((d) => d.message.split(' must')[0])).toEqual(['`tags[1]`', '`tags[2]`', '`tags[3]`']);
  });

  it('references must look like ids', () => {
    const d = only(rec('meeting', 'host: Office For Drugs'));
    expect(d).toMatchObject({ code: 'schema/format', line: 4, column: 7 });
    expect(d.message).toContain('record id');
  });

  it('sources are non-empty text', () => {
    expect(rec('person', 'sources: ["DPNSEE news item (2019)", "https://example.org"]').valid).toBe(true);
    const r = rec('person', 'sources: [ok, "  "]');
    expect(r.valid).toBe(false);
    expect(r.diagnostics.every((d) => d.code === 'schema/too-small' && d.line === 3 && d.message === '`sources[1]` must not be empty')).toBe(true);
  });
});

describe('integers and list sizes', () => {
  it('participant_count must be a whole number', () => {
    expect(rec('meeting', 'participant_count: 15').valid).toBe(true);
    const d = only(rec('meeting', 'participant_count: 1.5'));
    expect(d).toMatchObject({ code: 'schema/type', line: 4, column: 20 });
    expect(d.message).toContain('a whole number');
    expect(codes(rec('meeting', 'participant_count: "15"'))).toEqual(['schema/type']);
    expect(only(rec('meeting', 'participant_count: -1'))).toMatchObject({ code: 'schema/too-small', line: 4, column: 20 });
  });

  it('declared_parties must be a positive whole number', () => {
    expect(rec('agreement', 'declared_parties: 12').valid).toBe(true);
    expect(codes(rec('agreement', 'declared_parties: 2.5'))).toEqual(['schema/type']);
    expect(codes(rec('agreement', 'declared_parties: -3'))).toEqual(['schema/too-small']);
    expect(codes(rec('agreement', 'declared_parties: 0'))).toEqual(['schema/too-small']);
  });

  it('proposal submitted_by needs at least one organisation', () => {
    const d = only(record('proposal', 'x', fm('title: T', 'status: draft', 'submitted_by: []')));
    expect(d).toMatchObject({ code: 'schema/too-small', line: 4, column: 15 });
    expect(d.message).toBe('`submitted_by` must list at least 1 item (found 0)');
  });

  it('agreement parties needs at least two', () => {
    const d = only(record('agreement', 'x', fm('title: T', 'kind: grant', 'signed_on: 2019-01-01', 'parties: [a]')));
    expect(d).toMatchObject({ code: 'schema/too-small', line: 5, column: 10 });
    expect(d.message).toBe('`parties` must list at least 2 items (found 1)');
  });

  it('a list field given a single value is schema/type with a list hint', () => {
    const d = only(rec('meeting', 'participants: dpnsee'));
    expect(d).toMatchObject({ code: 'schema/type', line: 4, column: 15 });
    expect(d.message).toBe('`participants` must be a list, found text "dpnsee"');
    expect(d.hint).toBe('write a list: `participants: [dpnsee]`');
  });

  it('a mapping where text is expected is schema/type', () => {
    const d = only(rec('person', 'role:', '  title: x'));
    expect(d).toMatchObject({ code: 'schema/type', line: 4, column: 3 });
    expect(d.message).toContain('found a mapping');
  });
});

describe('unknown fields', () => {
  it('a near miss gets "did you mean"', () => {
    const d = only(rec('meeting', 'participant: [a]'));
    expect(d).toMatchObject({ code: 'schema/unknown-field', line: 4, column: 1, endLine: 4, endColumn: 12, hint: 'did you mean `participants`?' });
    expect(d.message).toBe('`participant` is not a field of a meeting');
  });

  it('a far miss lists the fields', () => {
    const d = only(rec('person', 'favourite_colour: blue'));
    expect(d.hint).toBe('the fields are: name, organisation, role, email, phone, tags, sources, visibility');
  });

  it('keys that YAML 1.1 would read as booleans or numbers are unknown fields named as written', () => {
    const r = rec('person', 'yes: 1', 'on: 2', '123: 3');
    expect(r.diagnostics.map((d) => d.message).sort()).toEqual([
      '`123` is not a field of a person',
      '`on` is not a field of a person',
      '`yes` is not a field of a person',
    ]);
  });

  it('an unknown nested key points at the key inside the list item, with a suggestion from the item fields', () => {
    const r = rec('meeting', 'actions:', '  - task: a', '    owner: x', '  - task: b', '    owener: y');
    expect(where(r)).toEqual(['7:5 schema/required', '8:5 schema/unknown-field']);
    const d = r.diagnostics.find((x) => x.code === 'schema/unknown-field')!;
    expect(d.message).toBe('`actions[1].owener` is not a field of item 2 of `actions`');
    expect(d.hint).toBe('did you mean `owner`?');
    const missing = r.diagnostics.find((x) => x.code === 'schema/required')!;
    // owner is missing in item 2: the diagnostic points at that list item (line 7), not at the frontmatter start
    expect(missing.message).toBe('item 2 of `actions` is missing the required field `owner`');
  });
});

describe('locations', () => {
  it('top-level values, nested list items and nested keys', () => {
    const r = record(
      'meeting',
      'm',
      fm(
        'title: T', // 2
        'date: 2019-02-25', // 3
        'host: Bad Host', // 4
        'actions:', // 5
        '  - task: x', // 6
        '    owner: a', // 7
        '  - task: y', // 8
        '    owner: Bad Id', // 9
        '    bogus: 1', // 10
        'participant_count: 1.5', // 11
      ),
    );
    expect(where(r)).toEqual(['10:5 schema/unknown-field', '11:20 schema/type', '4:7 schema/format', '9:12 schema/format'].sort());
    const owner = r.diagnostics.find((d) => d.line === 9)!;
    expect(owner.message).toContain('`actions[1].owner`');
    expect(owner).toMatchObject({ endLine: 9, endColumn: 18 });
  });

  it('a nested list of scalars points at the item', () => {
    const r = rec('meeting', 'participants:', '  - dpnsee', '  - Not An Id', '  - prevent');
    expect(only(r)).toMatchObject({ code: 'schema/format', line: 6, column: 5 });
  });

  it('the whole record is reported in one pass: several problems, several diagnostics', () => {
    const r = record('organisation', 'o', fm('name: A', 'kind: ngo', 'country: rs', 'website: ftp://x.org', 'email: nope', 'founded: 2019-02-30'));
    expect(where(r)).toEqual(['3:7 schema/enum', '4:10 schema/format', '5:10 schema/format', '6:8 schema/format', '7:10 schema/format'].sort());
  });
});

describe('ids', () => {
  it('a valid file name has no id diagnostic', () => {
    expect(checkId('timocki-omladinski-centar', 'f')).toEqual([]);
    expect(checkId('2019-02-25-consultation', 'f')).toEqual([]);
    expect(checkId('a'.repeat(100), 'f')).toEqual([]);
  });

  it.each([
    ['Bad_Name', 'bad-name'],
    ['Prevent NS', 'prevent-ns'],
    ['a--b', 'a-b'],
    ['-a', 'a'],
  ])('%s is id/invalid with a rename hint', (id, suggestion) => {
    const r = record('person', id, fm('name: P'));
    const d = only(r);
    expect(d).toMatchObject({ code: 'id/invalid', line: 1, column: 1, hint: `rename the file to \`${suggestion}.md\`` });
    expect(r.valid).toBe(false);
  });

  it('an id over 100 characters is id/invalid', () => {
    const d = only(record('person', 'a'.repeat(101), fm('name: P')));
    expect(d.code).toBe('id/invalid');
    expect(d.message).toContain('101 characters');
    expect(d.message).toContain('…'); // the id is quoted, cut to ~80 characters
  });

  it('id: and type: may repeat the path; when they differ it is id/mismatch at the value', () => {
    expect(rec('person', 'id: x', 'type: person').valid).toBe(true);
    const r = rec('person', 'id: y', 'type: meeting');
    expect(where(r)).toEqual(['3:5 id/mismatch', '4:7 id/mismatch']);
    expect(r.diagnostics[0]!.message).toBe('`id: "y"` does not match the file, which makes it `x`');
    expect(r.diagnostics[1]!.message).toBe('`type: "meeting"` does not match the file, which makes it a person');
    expect(r.valid).toBe(false);
  });
});

describe('message safety', () => {
  it('control characters and ANSI escapes in values are escaped in messages', () => {
    const d = only(rec('person', 'email: "bad\\e[2J\\u0007"'));
    expect(d.message).toContain('"bad\\u001b[2J\\u0007"');
    // eslint-disable-next-line no-control-regex
    expect(d.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('long values are quoted to about 80 characters', () => {
    const d = only(rec('person', `email: "${'x'.repeat(500)}"`));
    expect(d.message.length).toBeLessThan(200);
    expect(d.message).toContain('…"');
  });
});
