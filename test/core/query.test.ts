import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileWhere,
  defaultSort,
  fieldValues,
  parseSort,
  parseWhere,
  queryRecords,
  resolveField,
  sortRecords,
} from '../../src/core/query.js';
import { scalarFieldsOf, type StoreRecord } from '../../src/core/record.js';
import { buildIndex } from '../../src/core/references.js';
import { UsageError } from '../../src/errors.js';
import { fm, record } from '../helpers/records.js';

const office = record(
  'organisation',
  'office-for-combating-drugs',
  fm('name: Office for Combating Drugs', 'other_names:', '  - name: Канцеларија за борбу против дрога', '    lang: sr-Cyrl', 'kind: government'),
);
const dpnsee = record('organisation', 'dpnsee', fm('name: Drug Policy Network South East Europe', 'short_name: DPNSEE', 'kind: network'));
const toc = record('organisation', 'timocki-omladinski-centar', fm('name: Timočki omladinski centar', 'kind: civil-society', 'city: Zaječar', 'founded: 2001-04-12'));
const prevent = record('organisation', 'prevent', fm('name: Prevent', 'kind: civil-society', 'city: Novi Sad'));
const ana = record('person', 'ana-anic', fm('name: Ana Anić', 'organisation: timocki-omladinski-centar'));

const m2018 = record(
  'meeting',
  'kickoff',
  fm(
    'title: Kickoff',
    'date: 2018-11-05',
    'host: office-for-combating-drugs',
    'participants:',
    '  - dpnsee',
    '  - timocki-omladinski-centar',
    'participant_count: 9',
    'actions:',
    '  - task: Send the minutes',
    '    owner: dpnsee',
    '    status: done',
    '  - task: Draft a brief',
    '    owner: ana-anic',
    '    due: 2019-01-15',
  ),
);
const m2019 = record(
  'meeting',
  'consultation',
  fm('title: Consultation', 'date: 2019-02-25', 'host: office-for-combating-drugs', 'participants:', '  - prevent', 'participant_count: 12', 'tags:', '  - memorandum-2018'),
);
const m2020 = record('meeting', 'follow-up', fm('title: Follow-up', 'date: 2020-06-01', 'status: planned'));
const meetings = [m2018, m2019, m2020];
const orgs = [office, dpnsee, toc, prevent];
const all = [...orgs, ana, ...meetings];
const index = buildIndex(all);
const TODAY = '2019-03-01';

function ids(records: StoreRecord[]): string[] {
  return records.map((r) => r.id);
}

function where(type: 'meeting' | 'organisation' | 'person', ...exprs: string[]): string[] {
  const test = compileWhere(type, exprs, { today: TODAY, lookup: index.byId });
  return ids(all.filter((r) => r.type === type && test(r)));
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseWhere', () => {
  it.each([
    ['status=held', 'status', '=', ['held']],
    ['status!=held', 'status', '!=', ['held']],
    ['date>2019-01-01', 'date', '>', ['2019-01-01']],
    ['date>=2019', 'date', '>=', ['2019']],
    ['date<2019', 'date', '<', ['2019']],
    ['date<=2019-02', 'date', '<=', ['2019-02']],
    ['name~timocki', 'name', '~', ['timocki']],
    ['kind=network,government', 'kind', '=', ['network', 'government']],
    ['host?', 'host', '?', []],
    ['!host', 'host', '!', []],
    ['actions.status=open', 'actions.status', '=', ['open']],
    ['  status = held ', 'status', '=', ['held']],
    ['title=a\\,b,c', 'title', '=', ['a,b', 'c']],
    ['title~x=y', 'title', '~', ['x=y']],
  ])('%s', (expr, field, op, values) => {
    expect(parseWhere(expr)).toMatchObject({ field, op, values });
  });

  it.each(['', '=x', 'status', 'status=', 'kind=a,,b', '!', '?', 'a b=c'])('rejects %j', (expr) => {
    usageError(() => parseWhere(expr));
  });

  it('suggests `field?` for a bare field name', () => {
    expect(usageError(() => parseWhere('host')).hint).toContain('`host?`');
  });

  it('suggests `!field` for an empty value', () => {
    expect(usageError(() => parseWhere('host=')).hint).toContain('`!host`');
  });
});

describe('resolveField', () => {
  it('knows kinds, lists and dotted paths', () => {
    expect(resolveField('meeting', 'date')).toMatchObject({ kind: 'date', many: false });
    expect(resolveField('meeting', 'participants')).toMatchObject({ kind: 'ref', many: true });
    expect(resolveField('meeting', 'participant_count')).toMatchObject({ kind: 'integer' });
    expect(resolveField('meeting', 'status')).toMatchObject({ kind: 'enum', values: ['planned', 'held', 'cancelled'] });
    expect(resolveField('meeting', 'actions')).toMatchObject({ kind: 'object', many: true });
    expect(resolveField('meeting', 'actions.owner')).toMatchObject({ kind: 'ref', many: true, path: ['actions', 'owner'] });
    expect(resolveField('organisation', 'id')).toMatchObject({ kind: 'text' });
  });

  it('an unknown field is a usage error listing the fields with a did-you-mean', () => {
    const err = usageError(() => resolveField('meeting', 'participant'));
    expect(err.message).toBe('a meeting has no field "participant"');
    expect(err.hint).toMatch(/^did you mean `participants`\? fields: id, title, date, /);
    expect(err.hint).toContain('actions.owner');
    expect(err.exitCode).toBe(2);
  });

  it('an unknown sub-field lists the sub-fields', () => {
    const err = usageError(() => resolveField('meeting', 'actions.stat'));
    expect(err.message).toBe('`actions` has no field "stat"');
    expect(err.hint).toBe('did you mean `actions.status`? fields: actions.task, actions.owner, actions.due, actions.status');
  });

  it('a dot after a field without sub-fields is a usage error', () => {
    expect(usageError(() => resolveField('meeting', 'host.name')).hint).toContain('actions.status');
  });

  it('says "an" before organisation and agreement', () => {
    expect(usageError(() => resolveField('organisation', 'x')).message).toBe('an organisation has no field "x"');
  });
});

describe('fieldValues', () => {
  it('flattens lists and lists of mappings', () => {
    expect(fieldValues(m2018, resolveField('meeting', 'participants'))).toEqual(['dpnsee', 'timocki-omladinski-centar']);
    expect(fieldValues(m2018, resolveField('meeting', 'actions.status'))).toEqual(['done', 'open']);
    expect(fieldValues(m2018, resolveField('meeting', 'actions.due'))).toEqual(['2019-01-15']);
    expect(fieldValues(m2020, resolveField('meeting', 'host'))).toEqual([]);
  });

  it('reads top-level fields from a record’s scalar fields when it has them, and lists from its fields', () => {
    const withScalars = (r: StoreRecord, scalars = scalarFieldsOf(r.fields!)): StoreRecord => ({
      type: r.type, id: r.id, file: r.file, fields: r.fields, valid: r.valid, bodyLine: r.bodyLine, bodyOffset: r.bodyOffset, diagnostics: r.diagnostics, locations: {}, scalarFields: scalars,
    });
    expect(scalarFieldsOf(m2018.fields!).more).toEqual(['participants', 'actions']);
    // Used: a projection that disagrees with the fields is what the query sees.
    const odd = withScalars(m2018, { values: { ...scalarFieldsOf(m2018.fields!).values, date: '2031-01-01' }, more: ['participants', 'actions'] });
    expect(fieldValues(odd, resolveField('meeting', 'date'))).toEqual(['2031-01-01']);
    expect(fieldValues(odd, resolveField('meeting', 'participants'))).toEqual(['dpnsee', 'timocki-omladinski-centar']);
    // And it gives what the fields give, for every field of every record, and the same answers to queries.
    const projected = all.map((r) => (r.valid ? withScalars(r) : r));
    for (const [k, r] of projected.entries()) {
      for (const name of ['id', 'name', 'title', 'date', 'host', 'kind', 'status', 'city', 'participant_count', 'founded', 'participants', 'actions.status', 'other_names.name']) {
        let field;
        try {
          field = resolveField(r.type, name);
        } catch {
          continue;
        }
        expect([r.id, name, fieldValues(r, field)]).toEqual([r.id, name, fieldValues(all[k]!, field)]);
      }
    }
    const lookup = buildIndex(projected).byId;
    for (const where of [['date>=2019-01-01'], ['host=office-for-combating-drugs'], ['participant_count>5'], ['!host'], ['title~kick']]) {
      expect(ids(queryRecords(projected, 'meeting', { today: TODAY, where }, lookup))).toEqual(ids(queryRecords(all, 'meeting', { today: TODAY, where }, index.byId)));
    }
  });
});

describe('conditions', () => {
  it('= on an enum, with schema defaults applied', () => {
    expect(where('meeting', 'status=held')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'status=planned,cancelled')).toEqual(['follow-up']);
  });

  it('!= is the opposite of =, records without the field included', () => {
    expect(where('meeting', 'status!=held')).toEqual(['follow-up']);
    expect(where('meeting', 'host!=office-for-combating-drugs')).toEqual(['follow-up']);
  });

  it('an unknown enum value is a usage error with a suggestion', () => {
    const err = usageError(() => where('meeting', 'status=hled'));
    expect(err.hint).toBe('did you mean held? one of: planned, held, cancelled');
  });

  it('dates compare as dates; a year or a month is the whole period', () => {
    expect(where('meeting', 'date>2018-11-05')).toEqual(['consultation', 'follow-up']);
    expect(where('meeting', 'date>=2018-11-05')).toEqual(['kickoff', 'consultation', 'follow-up']);
    expect(where('meeting', 'date<2019')).toEqual(['kickoff']);
    expect(where('meeting', 'date<=2019')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'date>2019')).toEqual(['follow-up']);
    expect(where('meeting', 'date=2019-02')).toEqual(['consultation']);
    expect(where('meeting', 'date=2019,2020')).toEqual(['consultation', 'follow-up']);
    expect(where('meeting', 'date>=2019-01', 'date<2019-03')).toEqual(['consultation']);
  });

  it('`today` is the given today', () => {
    expect(where('meeting', 'date<today')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'date>=today')).toEqual(['follow-up']);
  });

  it('a bad date is a usage error', () => {
    for (const expr of ['date>2019-02-30', 'date<19-02-01', 'date=2019-13', 'date>=last week']) {
      expect(usageError(() => where('meeting', expr)).hint).toContain('YYYY-MM-DD');
    }
  });

  it('integers compare as numbers, not as text', () => {
    // As text "12" < "9"; as numbers 12 > 9.
    expect(where('meeting', 'participant_count>10')).toEqual(['consultation']);
    expect(where('meeting', 'participant_count<10')).toEqual(['kickoff']);
    expect(where('meeting', 'participant_count=9,12')).toEqual(['kickoff', 'consultation']);
    usageError(() => where('meeting', 'participant_count>ten'));
  });

  it('< and > on text, choices or references are usage errors', () => {
    expect(usageError(() => where('meeting', 'title>a')).message).toContain('`title` is text');
    expect(usageError(() => where('meeting', 'status>a')).message).toContain('a choice');
    expect(usageError(() => where('meeting', 'host<a')).message).toContain('a reference');
  });

  it('~ is a case- and diacritic-insensitive substring', () => {
    expect(where('organisation', 'name~timocki')).toEqual(['timocki-omladinski-centar']);
    expect(where('organisation', 'name~TIMOČKI')).toEqual(['timocki-omladinski-centar']);
    expect(where('organisation', 'city~zajecar')).toEqual(['timocki-omladinski-centar']);
    expect(where('organisation', 'name~network,prevent')).toEqual(['dpnsee', 'prevent']);
    expect(where('organisation', 'other_names.name~канцеларија')).toEqual(['office-for-combating-drugs']);
    expect(where('organisation', 'other_names.name~kancelarija')).toEqual(['office-for-combating-drugs']);
  });

  it('= on text ignores case and diacritics but wants the whole value', () => {
    expect(where('organisation', 'city=novi sad')).toEqual(['prevent']);
    expect(where('organisation', 'city=Zajecar')).toEqual(['timocki-omladinski-centar']);
    expect(where('organisation', 'city=novi')).toEqual([]);
  });

  it('= and ~ on a list match any element', () => {
    expect(where('meeting', 'participants=dpnsee')).toEqual(['kickoff']);
    expect(where('meeting', 'participants=dpnsee,prevent')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'participants!=dpnsee')).toEqual(['consultation', 'follow-up']);
    expect(where('meeting', 'tags=memorandum-2018')).toEqual(['consultation']);
    expect(where('meeting', 'tags~memo')).toEqual(['consultation']);
  });

  it('a reference also matches the referenced record by name, short name or other name', () => {
    expect(where('meeting', 'host~office')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'host=Office for Combating Drugs')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'host~дрога')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', 'participants~timočki')).toEqual(['kickoff']);
    expect(where('meeting', 'participants=DPNSEE')).toEqual(['kickoff']);
    expect(where('person', 'organisation~omladinski')).toEqual(['ana-anic']);
    expect(where('meeting', 'host~nowhere')).toEqual([]);
  });

  it('dotted paths reach into lists of mappings', () => {
    expect(where('meeting', 'actions.status=open')).toEqual(['kickoff']);
    expect(where('meeting', 'actions.status=dropped')).toEqual([]);
    expect(where('meeting', 'actions.owner~ana')).toEqual(['kickoff']);
    expect(where('meeting', 'actions.due<2019-02')).toEqual(['kickoff']);
    expect(where('meeting', 'actions.task~brief')).toEqual(['kickoff']);
  });

  it('a list of mappings as a whole is only tested for presence', () => {
    expect(where('meeting', 'actions?')).toEqual(['kickoff']);
    expect(where('meeting', '!actions')).toEqual(['consultation', 'follow-up']);
    expect(usageError(() => where('meeting', 'actions=open')).hint).toContain('actions.status');
  });

  it('present and absent', () => {
    expect(where('meeting', 'host?')).toEqual(['kickoff', 'consultation']);
    expect(where('meeting', '!host')).toEqual(['follow-up']);
    expect(where('meeting', '!actions.due')).toEqual(['consultation', 'follow-up']);
    expect(where('organisation', 'city?', '!founded')).toEqual(['prevent']);
  });

  it('the id is a field too', () => {
    expect(where('meeting', 'id~kick')).toEqual(['kickoff']);
    expect(where('meeting', 'id=consultation')).toEqual(['consultation']);
  });

  it('several conditions are ANDed', () => {
    expect(where('meeting', 'host?', 'date>=2019')).toEqual(['consultation']);
    expect(where('meeting', 'host?', 'date>=2021')).toEqual([]);
  });
});

describe('sort and limit', () => {
  it('defaults: newest first for meetings, by name for organisations', () => {
    expect(defaultSort('meeting')).toEqual(['-date', 'title']);
    expect(ids(queryRecords(all, 'meeting', { today: TODAY }, index.byId))).toEqual(['follow-up', 'consultation', 'kickoff']);
    expect(ids(queryRecords(all, 'organisation', { today: TODAY }, index.byId))).toEqual([
      'dpnsee',
      'office-for-combating-drugs',
      'prevent',
      'timocki-omladinski-centar',
    ]);
  });

  it('sorts by a field, descending with -, missing values last', () => {
    const by = (...specs: string[]) => ids(sortRecords(meetings, parseSort('meeting', specs), index.byId));
    expect(by('date')).toEqual(['kickoff', 'consultation', 'follow-up']);
    expect(by('-participant_count')).toEqual(['consultation', 'kickoff', 'follow-up']);
    expect(by('participant_count')).toEqual(['kickoff', 'consultation', 'follow-up']);
    expect(by('status,-date')).toEqual(['consultation', 'kickoff', 'follow-up']);
    expect(by('status', '-date')).toEqual(['consultation', 'kickoff', 'follow-up']);
  });

  it('sorts references by the referenced name, integers as numbers', () => {
    const people = [
      record('person', 'b', fm('name: B', 'organisation: timocki-omladinski-centar')),
      record('person', 'a', fm('name: A', 'organisation: prevent')),
      record('person', 'c', fm('name: C', 'organisation: dpnsee')),
    ];
    expect(ids(sortRecords(people, parseSort('person', ['organisation']), index.byId))).toEqual(['c', 'a', 'b']);
  });

  it('breaks ties key by key, as sorting on every key at once would (property)', () => {
    // Later keys are computed only for ties; the order must be the one full keys give.
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: fc.option(fc.constantFrom('2019-01-01', '2019-02-25', '2020-03-01'), { nil: undefined }), title: fc.constantFrom('a', 'B', 'č', 'c'), status: fc.constantFrom('held', 'planned') }), { maxLength: 12 }),
        fc.constantFrom(['-date', 'title'], ['status', '-date', 'title'], ['title', 'date'], ['-title']),
        (rows, specs) => {
          const recs = rows.map((r, i) => record('meeting', `m${i}`, fm(`title: ${r.title}`, ...(r.date ? [`date: ${r.date}`] : []), `status: ${r.status}`)));
          const keys = parseSort('meeting', specs);
          const full = (m: StoreRecord) => keys.map((k) => {
            const v = fieldValues(m, k.field)[0];
            return typeof v === 'string' && k.field.kind !== 'date' ? v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase() : (v as string | undefined);
          });
          const expected = [...recs].sort((a, b) => {
            const x = full(a);
            const y = full(b);
            for (let i = 0; i < keys.length; i++) {
              if (x[i] === y[i]) continue;
              if (x[i] === undefined) return 1;
              if (y[i] === undefined) return -1;
              const c = x[i]! < y[i]! ? -1 : 1;
              return keys[i]!.descending ? -c : c;
            }
            return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
          });
          expect(ids(sortRecords(recs, keys, index.byId))).toEqual(ids(expected));
        },
      ),
    );
  });

  it('sorts text without regard to case and diacritics', () => {
    const named = ['Zeta', 'čačak', 'Ćuprija', 'beta'].map((name, i) => record('organisation', `o${i}`, fm(`name: ${name}`, 'kind: other')));
    const sorted = sortRecords(named, parseSort('organisation', ['name']), index.byId);
    expect(sorted.map((r) => r.fields?.name)).toEqual(['beta', 'čačak', 'Ćuprija', 'Zeta']);
  });

  it('an unknown sort field is a usage error; a list of mappings cannot be a key', () => {
    expect(usageError(() => parseSort('meeting', ['-dat'])).hint).toContain('did you mean `date`?');
    expect(usageError(() => parseSort('meeting', ['actions'])).hint).toContain('actions.due');
  });

  it('limits after sorting', () => {
    expect(ids(queryRecords(all, 'meeting', { today: TODAY, limit: 1 }, index.byId))).toEqual(['follow-up']);
    expect(ids(queryRecords(all, 'meeting', { today: TODAY, limit: 0 }, index.byId))).toEqual([]);
  });

  it('leaves out invalid records and other types', () => {
    const invalid = record('meeting', 'broken', fm('title: No date'));
    expect(invalid.valid).toBe(false);
    expect(ids(queryRecords([...all, invalid], 'meeting', { today: TODAY, where: ['title?'] }, index.byId))).not.toContain('broken');
  });
});

describe('performance', () => {
  it('filters and sorts 10,000 records quickly', () => {
    const many: StoreRecord[] = [];
    for (let i = 0; i < 10_000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      many.push({ ...m2019, id: `m${i}`, fields: { ...m2019.fields, date: `20${10 + (i % 10)}-02-${day}`, participants: ['prevent', 'dpnsee'] } });
    }
    const started = performance.now();
    const found = queryRecords(many, 'meeting', { today: TODAY, where: ['participants~timocki,network', 'date>=2015'], sort: ['-date'] }, index.byId);
    expect(found.length).toBe(5000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
