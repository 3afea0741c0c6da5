/**
 * Differential tests: the fast paths must give exactly what the reference implementations give.
 * - fastParseYaml (or its refusal) vs the `yaml` package, over generated record-like YAML and mutations of it;
 * - splitFrontmatter vs gray-matter's own split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseYaml, resolvePlain } from '../../src/core/fast-yaml.js';
import { parseYamlWithPackage, splitFrontmatter, splitWithGrayMatter } from '../../src/core/frontmatter.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** The fast parser may refuse anything, but whatever it accepts it must read exactly as the `yaml` package does. */
function agrees(src: string): boolean {
  const fast = fastParseYaml(src);
  if (fast === undefined) return true;
  const reference = parseYamlWithPackage(src);
  expect(reference.diagnostics).toEqual([]);
  expect(fast).toEqual(reference.data);
  // toEqual treats NaN as equal and -0/+0 as different: both fine; also compare key order.
  expect(Object.keys(fast)).toEqual(Object.keys(reference.data ?? {}));
  return true;
}

const SCALARS = [
  'Office for Combating Drugs', 'Timočki omladinski centar', 'NO', 'yes', 'on', 'true', 'False', 'null', '~', 'Null',
  '007', '0o17', '0x1F', '1e3', '-1', '+12', '.5', '1.', '.inf', '-.Inf', '.NaN', '2019-02-25', '2019-02-30', '12:30',
  'a: b', 'a:b', 'x #y', '"quoted"', "'single'", '"esc\\"aped"', "'it''s'", '[a, b]', '[]', '[ a ,b ]', '[a, [b]]', '{a: 1}',
  '- x', '? x', '&anchor x', '*alias', '!!str 3', '!tag x', '|', '>', '@at', '`tick', '%pct', 'DPNSEE\'s proposal', 'a, b',
  'tab\there', 'trailing ', '', 'čćžšđ Ђура', '"unterminated', "'unterminated", '[unterminated', 'a]', 'http://x.org/a?b=c#d',
  'TRUE', 'FALSE', 'NULL', 'tRuE', 'nul', 'n', 'f', 'T', 'Zagreb', 'Ünal', '\u00a0x', 'x\u00a0',
];
const KEYS = ['name', 'title', 'kind', 'date', 'participants', 'actions', 'task', 'owner', 'due', 'status', '__proto__', 'constructor', 'yes', 'null', 'a-b', '1x', 'x y'];

const scalar = fc.constantFrom(...SCALARS);
const key = fc.constantFrom(...KEYS);
const flowList = fc.array(fc.constantFrom('dpnsee', 'prevent', '007', 'NO', 'a b', 'x:y', '"q"', ''), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`);
const itemMap = fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 });
const block = fc.array(
  fc.oneof(
    fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
    fc.tuple(key, flowList).map(([k, v]) => `${k}: ${v}`),
    fc.tuple(key, fc.array(scalar, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '  ')).map(([k, vs, ind]) => `${k}:\n${vs.map((v) => `${ind}- ${v}`).join('\n')}`),
    fc.tuple(key, fc.array(itemMap, { minLength: 1, maxLength: 2 })).map(([k, items]) => `${k}:\n${items.map((kv) => kv.map(([ik, iv], i) => `${i ? '    ' : '  - '}${ik}: ${iv}`).join('\n')).join('\n')}`),
    key.map((k) => `${k}:`),
  ),
  { minLength: 1, maxLength: 8 },
).map((lines) => `\n${lines.join('\n')}`);

describe('fast YAML parser agrees with the yaml package', () => {
  it('on generated record-like frontmatter', () => {
    fc.assert(fc.property(block, agrees), { numRuns: RUNS });
  });

  it('on mutations: characters inserted, deleted or replaced anywhere', () => {
    const mutation = fc.tuple(block, fc.nat(), fc.constantFrom(' ', '\n', ':', '#', '-', '"', "'", '[', ']', ',', '\t', '\r', '  ', '- ', 'x', '\u00a0', '\u3000', '\u2028', '\ufeff', '\n\u00a0'), fc.constantFrom('insert', 'delete', 'replace'));
    fc.assert(
      fc.property(mutation, ([src, at, ch, op]) => {
        const i = at % (src.length + 1);
        const mutated = op === 'insert' ? src.slice(0, i) + ch + src.slice(i) : op === 'delete' ? src.slice(0, i) + src.slice(i + 1) : src.slice(0, i) + ch + src.slice(i + 1);
        return agrees(mutated);
      }),
      { numRuns: RUNS },
    );
  });

  it('resolves every YAML 1.2 core scalar form like the yaml package', () => {
    for (const s of SCALARS.filter((x) => /^[^\s"'[{&*!|>@`%?-]/.test(x) && !x.includes(': ') && !x.includes(' #') && x === x.trim() && !x.includes('\t'))) {
      const reference = parseYamlWithPackage(`\nk: ${s}`);
      if (reference.diagnostics.length) continue;
      expect([s, resolvePlain(s)]).toEqual([s, reference.data!.k]);
    }
  });

  it('parses the plain shape of real records', () => {
    expect(fastParseYaml('\ntitle: Consultation\ndate: 2019-02-25\nparticipants:\n  - dpnsee\n  - prevent\nactions:\n  - task: Present\n    owner: office\ncount: 15')).toEqual({
      title: 'Consultation', date: '2019-02-25', participants: ['dpnsee', 'prevent'], actions: [{ task: 'Present', owner: 'office' }], count: 15,
    });
    expect(fastParseYaml('\n# a comment\ntitle: x')).toBeUndefined();
    const proto = fastParseYaml('\n__proto__: x')!;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });
});

describe('the hand split agrees with gray-matter', () => {
  const lines = fc.array(fc.constantFrom('---', '----', '--- ', '---js', '--- javascript ', '---yaml', 'a: 1', '', ' ---', '---x', '\r', 'text'), { minLength: 1, maxLength: 6 });
  it('on generated files starting with ---', () => {
    fc.assert(
      fc.property(lines, fc.constantFrom('\n', '\r\n'), (ls, eol) => {
        const text = `---${ls.join(eol)}${eol}`;
        if (text.startsWith('----')) return true;
        const mine = splitFrontmatter(text);
        const theirs = splitWithGrayMatter(text);
        if (theirs === undefined) return mine.language !== '' && mine.language.toLowerCase() !== 'yaml';
        expect(theirs.matter).toBe(mine.matter);
        expect(theirs.language).toBe(mine.language || 'yaml');
        return true;
      }),
      { numRuns: RUNS },
    );
  });
});
