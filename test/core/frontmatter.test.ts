/** Parsing a record file: frontmatter split, YAML 1.2 core, every problem a located diagnostic, nothing ever run. */
import { describe, expect, it } from 'vitest';
import { countLines, MAX_DEPTH, nestingDepth, parseFrontmatter } from '../../src/core/frontmatter.js';
import { decodeUtf8, MAX_FILE_BYTES, parseRecordFile } from '../../src/core/record-file.js';
import type { StoreRecord } from '../../src/core/record.js';
import { fm, record } from '../helpers/records.js';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
const at = (r: StoreRecord, code: string) => {
  const d = r.diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(r.diagnostics)}`);
  return d;
};
const person = (text: string) => record('person', 'p', text);

describe('YAML 1.2 core scalars', () => {
  it('reads NO and yes as strings, not booleans', () => {
    const r = person(fm('name: NO', 'role: yes'));
    expect(r.diagnostics).toEqual([]);
    expect(r.fields).toMatchObject({ name: 'NO', role: 'yes' });
  });

  it('reads an unquoted date as the string "2019-02-25"', () => {
    const r = record('meeting', 'm', fm('title: T', 'date: 2019-02-25'));
    expect(r.valid).toBe(true);
    expect(r.fields!.date).toBe('2019-02-25');
    expect(typeof r.fields!.date).toBe('string');
  });

  it('reads 007 as the integer 7 (not octal, not a string)', () => {
    const r = record('meeting', 'm', fm('title: T', 'date: 2019-02-25', 'participant_count: 007'));
    expect(r.valid).toBe(true);
    expect(r.fields!.participant_count).toBe(7);
  });

  it('reads ~ as null, which a text field rejects with schema/type', () => {
    const r = person(fm('name: P', 'role: ~'));
    expect(codes(r)).toEqual(['schema/type']);
    expect(at(r, 'schema/type')).toMatchObject({ line: 3, column: 7 });
    expect(at(r, 'schema/type').message).toContain('nothing (null)');
  });

  it('keeps on/off/y/n as strings (YAML 1.1 booleans are gone)', () => {
    const r = person(fm('name: on', 'role: off', 'phone: y'));
    expect(r.valid).toBe(true);
    expect(r.fields).toMatchObject({ name: 'on', role: 'off', phone: 'y' });
  });
});

describe('YAML features that are refused', () => {
  it('reports an anchor and an alias, each at its own position, without expanding', () => {
    const r = person(fm('name: &a P', 'role: *a'));
    expect(r.valid).toBe(false);
    expect(r.fields).toBeUndefined();
    const ds = r.diagnostics.filter((d) => d.code === 'yaml/alias');
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 10, 'YAML anchor `&a` is not allowed in a record'],
      [3, 7, 'YAML alias `*a` is not allowed in a record'],
    ]);
  });

  it('a billion-laughs alias bomb is reported quickly and never expanded', () => {
    const lines = ['name: P', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const c of 'bcdefghi') {
      lines.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = c;
    }
    const started = performance.now();
    const r = person(fm(...lines));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.fields).toBeUndefined();
    expect(new Set(codes(r))).toEqual(new Set(['yaml/alias']));
    expect(r.diagnostics.filter((d) => d.message.startsWith('YAML anchor'))).toHaveLength(9);
    expect(r.diagnostics.filter((d) => d.message.startsWith('YAML alias'))).toHaveLength(72);
  });

  it('reports tags (!!str and custom !foo)', () => {
    const a = person(fm('name: !!str P'));
    expect(codes(a)).toEqual(['yaml/tag']);
    expect(at(a, 'yaml/tag').message).toContain('`!!str`');
    expect(at(a, 'yaml/tag').line).toBe(2);
    const b = person(fm('name: P', 'role: !foo x'));
    expect(codes(b)).toEqual(['yaml/tag']);
    expect(at(b, 'yaml/tag')).toMatchObject({ line: 3 });
    expect(at(b, 'yaml/tag').message).toContain('`!foo`');
  });

  it('reports a duplicate key at the second occurrence', () => {
    const r = person(fm('name: P', 'role: a', 'name: Q'));
    expect(codes(r)).toEqual(['yaml/duplicate-key']);
    expect(at(r, 'yaml/duplicate-key')).toMatchObject({ line: 4, column: 1 });
    expect(at(r, 'yaml/duplicate-key').message).toBe('`name` appears more than once');
  });

  it('reports a duplicate key inside a nested mapping', () => {
    const r = record('meeting', 'm', fm('title: T', 'date: 2019-02-25', 'actions:', '  - task: a', '    owner: x', '    task: b'));
    expect(codes(r)).toEqual(['yaml/duplicate-key']);
    expect(at(r, 'yaml/duplicate-key').line).toBe(7);
  });

  it('reports git merge-conflict markers at the marker line', () => {
    const r = person(fm('name: P', '<<<<<<< HEAD', 'role: a', '=======', 'role: b', '>>>>>>> other'));
    expect(codes(r)).toEqual(['yaml/merge-conflict']);
    expect(at(r, 'yaml/merge-conflict')).toMatchObject({ line: 3, column: 1 });
  });

  it('reports tab indentation as a yaml/syntax error with a hint', () => {
    const r = person(fm('name: P', 'sources:', '\t- a'));
    expect(codes(r)).toEqual(['yaml/syntax']);
    expect(at(r, 'yaml/syntax')).toMatchObject({ line: 4, column: 1, message: 'YAML syntax error: tab used for indentation', hint: 'indent with spaces, not tabs' });
  });

  it('reports plain YAML syntax errors with their position', () => {
    const r = person(fm('name: [P'));
    expect(codes(r)).toEqual(['yaml/syntax']);
    expect(at(r, 'yaml/syntax').line).toBe(2);
    expect(at(r, 'yaml/syntax').message).toMatch(/^YAML syntax error: /);
    expect(at(r, 'yaml/syntax').message).not.toMatch(/at line \d+/);
  });

  it('reports a non-scalar key as yaml/key', () => {
    const r = person(fm('? [a, b]', ': 1', 'name: P'));
    expect(codes(r)).toEqual(['yaml/key']);
    expect(at(r, 'yaml/key').line).toBe(2);
  });
});

describe('frontmatter shape', () => {
  it.each([
    ['a list', fm('- a', '- b'), 'a list'],
    ['plain text', fm('just text'), 'text'],
    ['a number', fm('42'), 'a whole number'],
  ])('a frontmatter that is %s is frontmatter/not-mapping', (_label, text, found) => {
    const r = person(text);
    expect(codes(r)).toEqual(['frontmatter/not-mapping']);
    expect(at(r, 'frontmatter/not-mapping').line).toBe(2);
    expect(at(r, 'frontmatter/not-mapping').message).toContain(`found ${found}`);
  });

  it.each([
    ['no frontmatter at all', 'name: P\n'],
    ['an empty file', ''],
    ['a heading before the ---', '# Hi\n---\nname: P\n---\n'],
    ['a ---- line', '----\nname: P\n---\n'],
  ])('%s is frontmatter/missing at 1:1', (_label, text) => {
    const r = person(text);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'frontmatter/missing', line: 1, column: 1, severity: 'error' });
    expect(r.valid).toBe(false);
  });

  it.each([
    ['no closing line', '---\nname: P\n\nbody\n'],
    ['a closing line that is not exactly ---', '---\nname: P\n---x\nbody\n'],
  ])('%s is frontmatter/unterminated', (_label, text) => {
    const r = person(text);
    expect(codes(r)).toEqual(['frontmatter/unterminated']);
    expect(at(r, 'frontmatter/unterminated')).toMatchObject({ line: 1, column: 1 });
  });

  it('accepts a closing --- at the very end of the file, and trailing blanks after it', () => {
    expect(person('---\nname: P\n---').valid).toBe(true);
    expect(person('---\nname: P\n--- \nbody').valid).toBe(true);
  });

  it('an empty frontmatter is an empty record: the schema says what is missing', () => {
    const r = person('---\n---\n');
    expect(codes(r)).toEqual(['schema/required']);
    expect(r.fields).toEqual({});
  });

  it('accepts ---yaml as YAML', () => {
    const r = person('---yaml\nname: P\n---\n');
    expect(r.valid).toBe(true);
    expect(r.fields!.name).toBe('P');
  });

  it('gives the body line after the closing ---', () => {
    expect(person(fm('name: P', 'role: r') + 'body\n').bodyLine).toBe(5);
    const parsed = parseFrontmatter('---\nname: P\n---\nbody', 'f.md');
    expect(parsed.bodyLine).toBe(4);
    expect('---\nname: P\n---\nbody'.slice(parsed.bodyOffset)).toBe('body');
  });
});

describe('non-YAML front matter is refused and never run', () => {
  it.each([
    ['---js', '---js\n{a: (function(){ globalThis.__pwned = 1; return 1 })()}\n---\n', '`js`'],
    ['---JS', '---JS\n{a: (function(){ globalThis.__pwned = 1; return 1 })()}\n---\n', '`JS`'],
    ['---javascript', '---javascript\n{a: (function(){ globalThis.__pwned = 1; return 1 })()}\n---\n', '`javascript`'],
    ['--- javascript ', '--- javascript \n{a: (function(){ globalThis.__pwned = 1; return 1 })()}\n---\n', '`javascript`'],
    ['---coffee', '---coffee\na: (-> globalThis.__pwned = 1)()\n---\n', '`coffee`'],
    ['---toml', '---toml\nname = "P"\n---\n', '`toml`'],
    ['---json', '---json\n{"name": "P"}\n---\n', '`json`'],
  ])('%s is frontmatter/unsafe', (_label, text, language) => {
    delete (globalThis as Record<string, unknown>).__pwned;
    const r = person(text);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'frontmatter/unsafe', line: 1, column: 1, severity: 'error' });
    expect(r.diagnostics[0]!.message).toContain(language);
    expect(r.fields).toBeUndefined();
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it('gives the same answer twice for the same text (no gray-matter cache of a failure or a success)', () => {
    const text = '---js\n{a: 1}\n---\n';
    expect(codes(person(text))).toEqual(['frontmatter/unsafe']);
    expect(codes(person(text))).toEqual(['frontmatter/unsafe']);
    const ok = fm('name: P');
    expect(person(ok).valid).toBe(true);
    expect(person(ok).valid).toBe(true);
  });
});

describe('limits', () => {
  it("'[' repeated 10000 times is frontmatter/too-deep, without throwing", () => {
    const r = person(fm(`name: ${'['.repeat(10_000)}`));
    expect(codes(r)).toEqual(['frontmatter/too-deep']);
    expect(at(r, 'frontmatter/too-deep').message).toContain(`at most ${MAX_DEPTH}`);
  });

  it("'{' nesting and deep block lists are frontmatter/too-deep too", () => {
    expect(codes(person(fm(`name: ${'{a: '.repeat(5_000)}`)))).toEqual(['frontmatter/too-deep']);
    const block = Array.from({ length: 100 }, (_, i) => `${' '.repeat(2 * i + 2)}- `).join('\n');
    expect(codes(person(`---\nname:\n${block}x\n---\n`))).toEqual(['frontmatter/too-deep']);
  });

  it('normal records nest far below the limit, and brackets inside quotes or comments do not count', () => {
    expect(nestingDepth('name: P\nactions:\n  - task: x\n    owner: y\n')).toBeLessThan(8);
    expect(nestingDepth(`name: "${'['.repeat(500)}"\nrole: '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\n`)).toBeLessThan(4);
    expect(nestingDepth('a: [[[1]]]')).toBe(3);
  });

  it('a frontmatter over 1 MiB is frontmatter/too-large', () => {
    const r = person(fm('name: P', `role: "${'x'.repeat(1024 * 1024 + 10)}"`));
    expect(codes(r)).toEqual(['frontmatter/too-large']);
    expect(at(r, 'frontmatter/too-large')).toMatchObject({ line: 1, column: 1 });
  });

  it('a large body is fine: only the frontmatter is limited to 1 MiB', () => {
    const r = person(fm('name: P') + 'lorem ipsum\n'.repeat(200_000));
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('a file over 10 MiB is file/too-large and is not parsed', () => {
    const bytes = Buffer.alloc(MAX_FILE_BYTES + 1, 0x61);
    Buffer.from('---\nname: P\n---\n').copy(bytes);
    const r = parseRecordFile('records/people/p.md', 'person', 'p', bytes);
    expect(codes(r)).toEqual(['file/too-large']);
    expect(r.diagnostics[0]!.message).toContain(String(MAX_FILE_BYTES + 1));
    expect(r.fields).toBeUndefined();
  });
});

describe('encodings and line endings', () => {
  it('invalid UTF-8 is file/encoding at the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('---\nname: P\nrole: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n---\n')]);
    const r = parseRecordFile('records/people/p.md', 'person', 'p', bytes);
    expect(codes(r)).toEqual(['file/encoding']);
    expect(r.diagnostics[0]).toMatchObject({ line: 3, column: 1 });
    expect(r.diagnostics[0]!.message).toContain('line 3');
  });

  it('a truncated multi-byte sequence in the body is file/encoding too', () => {
    const bytes = Buffer.concat([Buffer.from('---\nname: P\n---\nline\nline\n'), Buffer.from([0xc3]), Buffer.from('\n')]);
    const r = parseRecordFile('records/people/p.md', 'person', 'p', bytes);
    expect(codes(r)).toEqual(['file/encoding']);
    expect(r.diagnostics[0]!.line).toBe(6);
  });

  it('decodeUtf8 strips and remembers a BOM', () => {
    expect(decodeUtf8(Buffer.from('\ufeff---\n'))).toEqual({ text: '---\n', bom: true });
    expect(decodeUtf8(Buffer.from('---\n'))).toEqual({ text: '---\n', bom: false });
    expect(decodeUtf8(Buffer.from([0x80]))).toBeUndefined();
  });

  it('a BOM file parses, with the opening --- on line 1', () => {
    const r = person('\ufeff---\nname: P\nrolee: x\n---\nbody\n');
    expect(codes(r)).toEqual(['schema/unknown-field']);
    expect(at(r, 'schema/unknown-field')).toMatchObject({ line: 3, column: 1 });
    expect(r.fields!.name).toBe('P');
  });

  it('a CRLF file parses with the right lines and columns', () => {
    const r = person('---\r\nname: P\r\nrolee: x\r\nrole: Acting director\r\n---\r\nbody\r\n');
    expect(codes(r)).toEqual(['schema/unknown-field']);
    expect(at(r, 'schema/unknown-field')).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 6 });
    expect(r.fields!.name).toBe('P');
    expect(r.fields!.rolee).toBe('x');
    expect(r.bodyLine).toBe(6);
  });

  it('a BOM + CRLF file is valid', () => {
    const r = person('\ufeff---\r\nname: P\r\nrole: r\r\n---\r\nbody\r\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.fields!.name).toBe('P');
  });

  it('countLines counts from 1', () => {
    expect(countLines('a\nb\nc', 0)).toBe(1);
    expect(countLines('a\nb\nc', 2)).toBe(2);
    expect(countLines('a\nb\nc', 4)).toBe(3);
  });
});

describe('__proto__ is an ordinary (unknown) key', () => {
  it('at the top level: schema/unknown-field, and Object.prototype is untouched', () => {
    const r = record('meeting', 'm', fm('__proto__:', '  polluted: 1', 'title: T', 'date: 2019-02-25'));
    expect(codes(r)).toEqual(['schema/unknown-field']);
    expect(at(r, 'schema/unknown-field')).toMatchObject({ line: 2, column: 1 });
    expect(at(r, 'schema/unknown-field').message).toContain('`__proto__`');
    expect(Object.hasOwn(r.fields!, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(r.fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('as a scalar, and inside a list item', () => {
    const a = person(fm('name: P', '__proto__: x'));
    expect(codes(a)).toEqual(['schema/unknown-field']);
    const b = record('meeting', 'm', fm('title: T', 'date: 2019-02-25', 'actions:', '  - task: x', '    owner: a', '    __proto__:', '      polluted: 1'));
    expect(codes(b)).toEqual(['schema/unknown-field']);
    expect(at(b, 'schema/unknown-field')).toMatchObject({ line: 7, column: 5 });
    expect(at(b, 'schema/unknown-field').message).toContain('`actions[0].__proto__`');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('line endings', () => {
  it('bare CR line endings (classic Mac OS) get their own diagnostic, not a misreading of the first line', () => {
    const parsed = parseFrontmatter('---\rname: Prevent\rkind: civil-society\r---\rBody.\r', 'records/organisations/prevent.md');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics.map((d) => [d.code, d.line])).toEqual([['file/line-endings', 1]]);
    expect(parsed.diagnostics[0]!.hint).toContain("tr '\\r' '\\n'");
  });

  it('CRLF is still read, and a CR inside a value is not mistaken for CR line endings', () => {
    expect(parseFrontmatter('---\r\nname: Prevent\r\nkind: civil-society\r\n---\r\n', 'x.md').data).toEqual({ name: 'Prevent', kind: 'civil-society' });
    expect(parseFrontmatter('---\nname: "a\\rb"\nkind: network\n---\n', 'x.md').diagnostics).toEqual([]);
  });
});
