/**
 * Fuzzing the parser, the validator and `set`'s edit engine with fast-check: random bytes, random YAML-ish
 * frontmatter, and mutations of the bundled records. Properties:
 * - nothing throws (the edit engine may refuse, with an EditError and a message for people);
 * - every diagnostic is well-formed: the file it was given, a known code with its catalogue severity, a message,
 *   a line within the file, a column from 1;
 * - Object.prototype is never touched (`__proto__`, `constructor` keys);
 * - `set` then the reverse `set` (unset a field that was not there, remove an item that was added) gives the file
 *   back byte for byte.
 *
 * `npm test` runs a few hundred cases (FUZZ_RUNS, default 150 per property); `npm run fuzz` runs 20,000.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentToOp, keyOrderOf, parseAssignment, parseUnsetPath, parseValue } from '../../src/core/assignments.js';
import { CODES } from '../../src/core/codes.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { EditError, editRecordBytes, type EditOp } from '../../src/core/edit.js';
import { parseFrontmatter } from '../../src/core/frontmatter.js';
import { FOLDER_OF, RECORD_TYPES, type RecordType } from '../../src/core/kinds.js';
import { parseRecordFile } from '../../src/core/record-file.js';
import type { StoreRecord } from '../../src/core/record.js';
import { checkStore } from '../../src/core/validate-store.js';
import { REPO_ROOT } from '../helpers/cli.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** Long runs (`npm run fuzz`) need more than the default 30 s per property. */
const TIMEOUT = Math.max(30_000, RUNS * 20);
const TODAY = { today: '2019-03-01' };

// ── the bundled records ─────────────────────────────────────────────────────────────────────────────

interface Bundled {
  type: RecordType;
  id: string;
  file: string;
  bytes: Buffer;
}

const TYPE_OF_FOLDER = Object.fromEntries(Object.entries(FOLDER_OF).map(([t, f]) => [f, t as RecordType]));
const BUNDLED: Bundled[] = readdirSync(path.join(REPO_ROOT, 'records')).flatMap((folder) =>
  readdirSync(path.join(REPO_ROOT, 'records', folder))
    .filter((n) => n.endsWith('.md'))
    .map((n) => ({ type: TYPE_OF_FOLDER[folder]!, id: n.slice(0, -3), file: `records/${folder}/${n}`, bytes: readFileSync(path.join(REPO_ROOT, 'records', folder, n)) })),
);

// ── well-formed diagnostics ─────────────────────────────────────────────────────────────────────────

function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}

/** What is wrong with `d`, given the line counts of the files it may be about; undefined when nothing is. */
function malformed(d: Diagnostic, lines: ReadonlyMap<string, number>): string | undefined {
  const info = (CODES as Record<string, { severity: string }>)[d.code];
  if (!info) return `unknown code ${d.code}`;
  if (d.severity !== info.severity) return `${d.code} has severity ${d.severity}`;
  if (typeof d.message !== 'string' || !d.message.trim()) return `${d.code} has no message`;
  const max = lines.get(d.file);
  if (max === undefined) return `${d.code} is about ${d.file}, which was not given`;
  if (!Number.isInteger(d.line) || d.line < 1 || d.line > max) return `${d.code} at line ${d.line} of a ${max}-line file`;
  if (!Number.isInteger(d.column) || d.column < 1) return `${d.code} at column ${d.column}`;
  if (d.endLine !== undefined && (d.endLine < d.line || d.endLine > max)) return `${d.code} ends at line ${d.endLine}`;
  return undefined;
}

function expectWellFormed(diagnostics: readonly Diagnostic[], lines: ReadonlyMap<string, number>): void {
  const bad = diagnostics.map((d) => malformed(d, lines)).filter(Boolean);
  expect(bad).toEqual([]);
}

function expectPrototypeUntouched(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
}

/** Parse, and read the lazy parts too (locations are computed on first read). */
function parse(file: string, type: RecordType, id: string, bytes: Uint8Array): StoreRecord {
  const r = parseRecordFile(file, type, id, bytes);
  void r.locations;
  expectWellFormed(r.diagnostics, new Map([[file, lineCount(bytes)]]));
  if (r.valid) expect(r.fields).toBeDefined();
  return r;
}

// ── generators ──────────────────────────────────────────────────────────────────────────────────────

const KEYS = ['name', 'title', 'kind', 'date', 'status', 'host', 'participants', 'actions', 'task', 'owner', 'due', 'tags', 'sources', 'organisation', 'role', 'email', 'visibility', 'parent', 'member_of', 'other_names', 'lang', 'documents', 'url', '__proto__', 'constructor', 'prototype', 'toString', 'id', 'type', '<<', '? x', '"quoted"'];
const SCALARS = ['Office for Combating Drugs', 'dpnsee', 'prevent', 'NO', 'yes', 'on', '~', 'null', '007', '0x1F', '1e3', '.inf', '2019-02-25', '2019-02-30', '25.02.2019', '"q"', "'s'", '"\\e[2J"', '"\\u0000"', '"\\x9b"', '&a x', '*a', '!!js/function "f"', '!!python/object:os.system x', '!tag x', '|', '>', '[a, b]', '{a: 1}', '[', '{', ']', '- x', 'a: b', 'x #c', 'http://x.org', 'javascript:alert(1)', '../../etc/passwd', 'Timočki', 'Канцеларија', 'c\u0301', '\u202eevil', '\t', ' ', ''];
const INDENTS = ['', '  ', '    ', '\t', ' ', '      '];

/** Lines that look like frontmatter: keys, values, list items, flow and block structure, comments, markers. */
const yamlLine = fc.oneof(
  fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([i, k, v]) => `${i}${k}: ${v}`),
  fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...KEYS)).map(([i, k]) => `${i}${k}:`),
  fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...SCALARS)).map(([i, v]) => `${i}- ${v}`),
  fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([i, k, v]) => `${i}- ${k}: ${v}`),
  fc.constantFrom('# comment', '', '---', '...', '<<<<<<< HEAD', '=======', '>>>>>>> x', '%YAML 1.1', '%TAG ! tag:x,2000:', '[[[[', '{{{{', '- - - -', ': x', '? '),
  fc.string({ maxLength: 20 }),
);
const eol = fc.constantFrom('\n', '\n', '\r\n', '\r');
const opener = fc.constantFrom('---', '---', '---', '--- ', '---yaml', '---js', '--- javascript ', '---toml', '---coffee', '\ufeff---', '----', '');
const recordText = fc.tuple(opener, fc.array(yamlLine, { maxLength: 14 }), fc.constantFrom('---', '---', '--- ', '', '...'), fc.string({ maxLength: 40 }), eol).map(([open, lines, close, body, nl]) => [open, ...lines, close, body].join(nl));
const anyType = fc.constantFrom(...RECORD_TYPES);

/** Text-level mutations of a record: characters YAML cares about inserted, deleted, replaced; lines duplicated, swapped, cut. */
const MUTATION_CHARS = [' ', '\n', '\r\n', ':', '#', '-', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?', '%', '@', '`', '\t', '\u0000', '\u001b', '\ufeff', 'ž', '---', ': ', '- ', '<<', '\\'];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...MUTATION_CHARS) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...MUTATION_CHARS) }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);
type Mutation =
  | { op: 'insert' | 'replace'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate-line' | 'swap-lines' | 'truncate'; at: number }
  | { op: 'byte'; at: number; byte: number };

function mutate(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.op === 'byte') {
      b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at)]);
      continue;
    }
    const text = b.toString('utf8');
    const i = text.length ? m.at % (text.length + 1) : 0;
    const lines = text.split('\n');
    const li = m.at % lines.length;
    let out: string;
    switch (m.op) {
      case 'insert':
        out = text.slice(0, i) + m.text + text.slice(i);
        break;
      case 'delete':
        out = text.slice(0, i) + text.slice(i + m.length);
        break;
      case 'replace':
        out = text.slice(0, i) + m.text + text.slice(i + 1);
        break;
      case 'duplicate-line':
        out = [...lines.slice(0, li + 1), lines[li]!, ...lines.slice(li + 1)].join('\n');
        break;
      case 'swap-lines': {
        const l = [...lines];
        const j = (li + 1) % l.length;
        [l[li], l[j]] = [l[j]!, l[li]!];
        out = l.join('\n');
        break;
      }
      case 'truncate':
        out = text.slice(0, i);
        break;
    }
    b = Buffer.from(out, 'utf8');
  }
  return b;
}

const bundled = fc.constantFrom(...BUNDLED);
const mutated = fc.tuple(bundled, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([r, ms]) => ({ ...r, bytes: mutate(r.bytes, ms) }));

// ── properties ──────────────────────────────────────────────────────────────────────────────────────

describe('fuzz: the parser', () => {
  it('takes random bytes without throwing; diagnostics are well-formed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), anyType, (bytes, type) => {
        parse(`records/${FOLDER_OF[type]}/x.md`, type, 'x', bytes);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('takes random YAML-ish frontmatter without throwing; diagnostics are well-formed; the prototype is untouched', () => {
    fc.assert(
      fc.property(recordText, anyType, (text, type) => {
        parse(`records/${FOLDER_OF[type]}/x.md`, type, 'x', Buffer.from(text, 'utf8'));
        expectPrototypeUntouched();
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('takes mutations of the bundled records without throwing; diagnostics are well-formed', () => {
    fc.assert(
      fc.property(mutated, (r) => {
        parse(r.file, r.type, r.id, r.bytes);
        expectPrototypeUntouched();
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('gives the same answer every time for the same bytes (no state kept between files)', () => {
    fc.assert(
      fc.property(mutated, (r) => {
        const a = parseRecordFile(r.file, r.type, r.id, r.bytes);
        const b = parseRecordFile(r.file, r.type, r.id, r.bytes);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, TIMEOUT);
});

describe('fuzz: the validator', () => {
  it('checks a store of the bundled records with some of them mutated; diagnostics are well-formed', () => {
    const pick = fc.array(fc.tuple(fc.nat(BUNDLED.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(pick, (picks) => {
        const files = BUNDLED.map((r) => ({ ...r }));
        for (const [i, ms] of picks) files[i]!.bytes = mutate(files[i]!.bytes, ms);
        const records = files.map((f) => parseRecordFile(f.file, f.type, f.id, f.bytes));
        const lines = new Map(files.map((f) => [f.file, lineCount(f.bytes)]));
        expectWellFormed(checkStore(records, TODAY), lines);
        for (const r of records) expectWellFormed(r.diagnostics, lines);
        expectPrototypeUntouched();
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, TIMEOUT);
});

// ── set ─────────────────────────────────────────────────────────────────────────────────────────────

/** An assignment `set` would take, per type: fields that are absent from most records, and list fields. */
const SET_FIELDS: Record<RecordType, { scalar: string[]; list: string[] }> = {
  organisation: { scalar: ['city', 'website', 'founded', 'short_name'], list: ['tags', 'sources', 'member_of'] },
  person: { scalar: ['role', 'email', 'phone'], list: ['tags', 'sources'] },
  meeting: { scalar: ['location', 'end_date', 'format'], list: ['agenda', 'outcomes', 'participants', 'tags'] },
  proposal: { scalar: ['decided_on'], list: ['topics', 'language', 'tags', 'sources'] },
  agreement: { scalar: ['valid_until', 'declared_parties'], list: ['tags', 'sources'] },
};
const VALUE_TEXT = fc.oneof(
  fc.constantFrom('Belgrade', 'Novi Sad', 'https://example.org/a?b=c#d', '2019-02-25', 'NO', 'yes', '007', '~', 'a: b', 'x #y', '"quoted"', "'single'", '[a, b]', '{a: 1}', 'čćžšđ', 'Ђура', '-rf', '--help', 'in-person', '12', 'sr-Latn', 'harm-reduction', '\u001b[2J', '\u202eevil', '&a x', '*a', '!!str x', '|', '>'),
  fc.string({ minLength: 1, maxLength: 30 }),
);

function tryEdit(bytes: Uint8Array, ops: EditOp[], type: RecordType): { bytes: Uint8Array } | 'refused' {
  try {
    return editRecordBytes(bytes, ops, { keyOrder: keyOrderOf(type) });
  } catch (err) {
    if (err instanceof EditError) return 'refused';
    throw err;
  }
}

/** Turn `field=value` into an op as `set` does; undefined when `set` would refuse the assignment itself. */
function opOf(type: RecordType, raw: string): EditOp | undefined {
  try {
    return assignmentToOp(type, parseAssignment(raw));
  } catch (err) {
    if (err instanceof EditError) return undefined;
    throw err;
  }
}

describe('fuzz: set', () => {
  it('reads any assignment, value and --unset path without throwing anything but EditError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), anyType, (raw, type) => {
        for (const f of [() => assignmentToOp(type, parseAssignment(raw)), () => parseUnsetPath(raw), () => parseValue(raw, undefined)]) {
          try {
            f();
          } catch (err) {
            expect(err).toBeInstanceOf(EditError);
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('on a mutated record: refuses with an EditError or writes a file that parses to the value; unset restores the bytes', () => {
    fc.assert(
      fc.property(mutated, fc.nat(), VALUE_TEXT, (r, pick, value) => {
        const fields = SET_FIELDS[r.type].scalar;
        const field = fields[pick % fields.length]!;
        const op = opOf(r.type, `${field}=${value}`);
        if (!op) return;
        const edited = tryEdit(r.bytes, [op], r.type);
        if (edited === 'refused') return;
        parse(r.file, r.type, r.id, edited.bytes);
        const textBefore = Buffer.from(r.bytes).toString('utf8').replace(/^\ufeff/, '');
        const textAfter = Buffer.from(edited.bytes).toString('utf8').replace(/^\ufeff/, '');
        const before = parseFrontmatter(textBefore, r.file);
        const after = parseFrontmatter(textAfter, r.file);
        expect(after.data?.[field]).toEqual((op as { value: unknown }).value);
        // the body is never touched
        expect(textAfter.slice(after.bodyOffset)).toBe(textBefore.slice(before.bodyOffset));
        if (before.data && !Object.hasOwn(before.data, field)) {
          const back = tryEdit(edited.bytes, [{ op: 'unset', path: [field] }], r.type);
          expect(back).not.toBe('refused');
          expect(Buffer.from((back as { bytes: Uint8Array }).bytes).equals(r.bytes)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('on a bundled record: adding an item to a list and removing it gives the file back byte for byte', () => {
    fc.assert(
      fc.property(bundled, fc.nat(), fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/), (r, pick, item) => {
        const lists = SET_FIELDS[r.type].list;
        const field = lists[pick % lists.length]!;
        const add = opOf(r.type, `${field}+=${item}`);
        const remove = opOf(r.type, `${field}-=${item}`);
        if (!add || !remove) return;
        const before = parseFrontmatter(r.bytes.toString('utf8'), r.file).data!;
        if (Array.isArray(before[field]) && (before[field] as unknown[]).includes(item)) return;
        const added = tryEdit(r.bytes, [add], r.type);
        expect(added).not.toBe('refused');
        const back = tryEdit((added as { bytes: Uint8Array }).bytes, [remove], r.type);
        expect(back).not.toBe('refused');
        // a list the item created is removed with it only when the list was not there before
        if (Object.hasOwn(before, field)) expect(Buffer.from((back as { bytes: Uint8Array }).bytes).toString('utf8')).toBe(r.bytes.toString('utf8'));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('fuzz: set on mutated records, lists', () => {
  it('+= then -= on a mutated record: refused with an EditError, or the file comes back byte for byte', () => {
    fc.assert(
      fc.property(mutated, fc.nat(), fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/), (r, pick, item) => {
        const lists = SET_FIELDS[r.type].list;
        const field = lists[pick % lists.length]!;
        const add = opOf(r.type, `${field}+=${item}`);
        const remove = opOf(r.type, `${field}-=${item}`);
        if (!add || !remove) return;
        const text = Buffer.from(r.bytes).toString('utf8').replace(/^\ufeff/, '');
        const before = parseFrontmatter(text, r.file);
        const list = before.data?.[field];
        if (!Array.isArray(list) || list.includes(item)) return;
        const added = tryEdit(r.bytes, [add], r.type);
        if (added === 'refused') return;
        const after = parseFrontmatter(Buffer.from(added.bytes).toString('utf8').replace(/^\ufeff/, ''), r.file);
        expect(after.data?.[field]).toEqual([...list, item]);
        const back = tryEdit(added.bytes, [remove], r.type);
        expect(back).not.toBe('refused');
        expect(Buffer.from((back as { bytes: Uint8Array }).bytes).equals(r.bytes)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('hostile frontmatter parsed again and again in one process', () => {
  const cases: [string, string][] = [
    ['10,000 [', `---\nname: ${'['.repeat(10_000)}\n---\n`],
    ['5,000 {a: ', `---\nname: ${'{a: '.repeat(5_000)}\n---\n`],
    ['300 nested mappings', `---\nname: P\nrole:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')}\n---\n`],
    ['a line of 5,000 "- "', `---\nname: P\nsources:\n${'- '.repeat(5_000)}x\n---\n`],
    ['an alias bomb', `---\nname: P\na: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`).join('\n')}\n---\n`],
    ['a frontmatter of 1.5 MiB', `---\nname: P\nsources:\n${'  - a source with a few words in it\n'.repeat(45_000)}---\n`],
    ['20,000 list items', `---\nname: P\nsources:\n${Array.from({ length: 20_000 }, (_, i) => `  - s${i}`).join('\n')}\n---\n`],
  ];
  it.each(cases)('%s: 40 times, same diagnostics, bounded time, no growing memory', (_label, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const first = parseRecordFile('records/people/p.md', 'person', 'p', bytes);
    const expected = JSON.stringify(first.diagnostics);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      const r = parseRecordFile('records/people/p.md', 'person', 'p', bytes);
      expect(JSON.stringify(r.diagnostics)).toBe(expected);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expectWellFormed(first.diagnostics, new Map([['records/people/p.md', lineCount(bytes)]]));
  });
});
