/**
 * Differential tests: whatever the zod fast path accepts, zod accepts too, with the same output (key order
 * included); whatever zod rejects, the fast path hands to zod. Records are generated from each type's fields
 * (schema-info), with valid values and near misses for every kind of field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { schemas } from '../../schemas/index.js';
import { RECORD_TYPES, type RecordType } from '../../src/core/kinds.js';
import { fieldsOfType, type FieldInfo } from '../../src/core/schema-info.js';
import { ASK_ZOD, compileCheck, fastParse } from '../../src/core/zod-fast-path.js';
import { checkRecord } from '../../src/core/validate-record.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

const WRONG: unknown[] = [null, 7, -1, 1.5, true, '', '   ', [], {}, ['x'], { a: 1 }, 'NO', '2019-02-30', 'Ђура Јакшић'];

/** Per kind of field: values zod accepts, and near misses it does not. */
const VALUES: Record<string, { valid: unknown[]; miss: unknown[] }> = {
  text: { valid: ['Office for Combating Drugs', 'Timočki omladinski centar', ' padded ', 'x'], miss: ['', ' \n '] },
  date: { valid: ['2019-02-25', '2024-02-29', '2023-12-31'], miss: ['2023-02-29', '2019-2-5', '25.02.2019.'] },
  integer: { valid: [0, 15, 3], miss: [-2, 2.5, Infinity, NaN] },
  ref: { valid: ['dpnsee', 'office-for-combating-drugs', 'org-12'], miss: ['Bad_Id', 'a--b', '-a'] },
  url: { valid: ['https://dpnsee.org/news', 'http://example.org'], miss: ['ftp://example.org', 'dpnsee.org', 'https://'] },
  email: { valid: ['office@dpnsee.org'], miss: ['not an email', 'a@b'] },
  lang: { valid: ['sr', 'sr-Latn', 'en'], miss: ['rs-latin-x', 'x'] },
  slug: { valid: ['harm-reduction', 'drug-policy'], miss: ['Harm Reduction', 'a--b'] },
  country: { valid: ['RS', 'HR'], miss: ['rs', 'SRB'] },
};

/** The schema table names the kind of most fields; these it calls text or other. */
const KIND_BY_NAME: Record<string, string> = { lang: 'lang', language: 'lang', tags: 'slug', country: 'country' };
const kindOf = (field: FieldInfo, name = field.name): string => KIND_BY_NAME[name] ?? field.kind;

/** A value zod accepts for this field. */
function validValue(field: FieldInfo): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'enum':
      return fc.constantFrom(...field.values!);
    case 'list':
      // Required lists must have an item (submitted_by, parties).
      return fc.array(validValue({ ...field.item!, name: field.name }), { minLength: field.required ? 2 : 0, maxLength: 3 });
    case 'object-list':
      return fc.array(objectOf(field.fields!), { maxLength: 2 });
    default:
      return fc.constantFrom(...VALUES[kindOf(field)]!.valid);
  }
}

/** A value zod may well reject for this field: another type, or a near miss of its own kind. */
function doubtfulValue(field: FieldInfo): fc.Arbitrary<unknown> {
  if (field.kind === 'enum') return fc.constantFrom(...WRONG, 'Held', 'unknown');
  if (field.kind === 'object-list') return fc.constantFrom(...WRONG, [null], [{}]);
  if (field.kind === 'list') return fc.constantFrom(...WRONG, [null], [''], [], ...VALUES[kindOf(field.item!, field.name)]!.miss.map((v) => [v]));
  return fc.constantFrom(...WRONG, ...VALUES[kindOf(field)]!.miss);
}

/** A valid mapping of some of `fields` (the required ones always). */
function objectOf(fields: FieldInfo[]): fc.Arbitrary<Record<string, unknown>> {
  const entries = fields.map((f) => (f.required ? validValue(f) : fc.option(validValue(f), { freq: 2, nil: undefined })).map((v) => [f.name, v] as const));
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)));
}

/** A record of `type`: valid, or with one change that may break it (a value, a missing field, an unknown key). */
const record = (type: RecordType) => {
  const fields = fieldsOfType(type);
  const change = fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: 0, max: fields.length - 1 }).chain((i) => doubtfulValue(fields[i]!).map((v) => ({ key: fields[i]!.name, value: v }))),
    fc.integer({ min: 0, max: fields.length - 1 }).map((i) => ({ key: fields[i]!.name, value: undefined })),
    fc.constantFrom('unknown_field', 'Name', 'id', 'type', 'constructor').map((key) => ({ key, value: 'x' })),
    fc.constantFrom('id', 'type').map((key) => ({ key, value: 7 })),
  );
  return fc.tuple(objectOf(fields), change, fc.boolean()).map(([data, c, reverse]) => {
    if (c) {
      if (c.value === undefined) delete data[c.key];
      else data[c.key] = c.value;
    }
    return reverse ? Object.fromEntries(Object.entries(data).reverse()) : data;
  });
};

const exact = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v === undefined ? '<undefined>' : v));

/** The fast path agrees with zod on `data`; returns whether it decided (did not ask zod). */
function agrees(type: RecordType, data: unknown): boolean {
  const fast = fastParse(schemas[type], data);
  const reference = schemas[type].safeParse(data, { jitless: true });
  if (fast === ASK_ZOD) return false;
  expect(reference.success).toBe(true);
  // Key order and keys holding undefined included, which toEqual alone would let pass.
  expect(exact(fast)).toBe(exact(reference.data));
  expect(fast).toEqual(reference.data);
  return true;
}

describe('zod fast path agrees with zod', () => {
  for (const type of RECORD_TYPES) {
    it(`on generated ${type} records, valid and not`, () => {
      let decided = 0;
      let total = 0;
      fc.assert(
        fc.property(record(type), (data) => {
          total++;
          if (agrees(type, data)) decided++;
        }),
        { numRuns: RUNS },
      );
      // The fast path must actually take the valid ones, or it saves nothing.
      expect(decided).toBeGreaterThan(total / 4);
    });
  }

  it('fills defaults in zod’s key order and leaves absent optionals out', () => {
    const data = { visibility: 'private', kind: 'network', name: 'DPNSEE' };
    const out = fastParse(schemas.organisation, data) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['name', 'kind', 'status', 'visibility']);
    expect(out).toEqual({ name: 'DPNSEE', kind: 'network', status: 'active', visibility: 'private' });
    expect(data).toEqual({ visibility: 'private', kind: 'network', name: 'DPNSEE' });
  });

  it('asks zod for anything doubtful', () => {
    const org = { name: 'DPNSEE', kind: 'network' };
    expect(fastParse(schemas.organisation, { ...org, city: undefined })).toBe(ASK_ZOD);
    expect(fastParse(schemas.organisation, { ...org, nickname: 'x' })).toBe(ASK_ZOD);
    expect(fastParse(schemas.organisation, Object.assign(Object.create({ city: 'Niš' }), org))).toBe(ASK_ZOD);
    expect(fastParse(schemas.organisation, [org])).toBe(ASK_ZOD);
    expect(fastParse(schemas.organisation, null)).toBe(ASK_ZOD);
    expect(fastParse(schemas.meeting, { title: 'T', date: '2019-02-25', actions: [{ task: 'x', owner: 'dpnsee', extra: 1 }] })).toBe(ASK_ZOD);
  });

  it('leaves schemas with checks of their own, and kinds it does not walk, to zod', () => {
    const short = compileCheck(z.array(z.string()).min(2));
    expect(short(['a'])).toBe(ASK_ZOD);
    expect(short(['a', 'b'])).toEqual(['a', 'b']);
    // A non-strict object strips unknown keys: zod's own run does that.
    const loose = compileCheck(z.object({ a: z.string() }));
    expect(loose({ a: 'x', b: 1 })).toEqual({ a: 'x' });
    const refined = compileCheck(z.strictObject({ a: z.string() }).refine((o) => o.a !== 'no'));
    expect(refined({ a: 'no' })).toBe(ASK_ZOD);
    expect(compileCheck(z.string().optional().default('d'))(undefined)).toBe('d');
    expect(compileCheck(z.string().default('d').optional())(undefined)).toBe(z.string().default('d').optional().parse(undefined));
  });

  it('gives checkRecord the same result with and without it', () => {
    const data = { title: 'Consultation', date: '2019-02-25', participants: ['dpnsee'] };
    const check = checkRecord('meeting', 'consultation', 'records/meetings/consultation.md', data, () => ({}));
    expect(check).toEqual({ fields: schemas.meeting.parse(data), valid: true, diagnostics: [] });
    const bad = checkRecord('meeting', 'consultation', 'records/meetings/consultation.md', { ...data, date: '2019-02-30' }, () => ({}));
    expect(bad.valid).toBe(false);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['schema/format']);
  });
});
