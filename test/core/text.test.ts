/** Text helpers of the core: slug (ids from names), safe quoting of values, "did you mean". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN, isValidId } from '../../src/core/ids.js';
import { describeType, escapeControl, quoteValue } from '../../src/core/quote.js';
import { foldToAscii, slug } from '../../src/core/slug.js';
import { editDistance, suggest } from '../../src/core/suggest.js';

describe('slug', () => {
  it.each([
    ['Timočki omladinski centar', 'timocki-omladinski-centar'],
    ['Канцеларија за борбу против дрога', 'kancelarija-za-borbu-protiv-droga'],
    ['Zemlja živih', 'zemlja-zivih'],
    ['Milan Pekić', 'milan-pekic'],
    ['Đorđe Đukić', 'djordje-djukic'],
    ['ĐURĐEVDAN', 'djurdjevdan'],
    ['Ђорђе', 'djordje'],
    ['Љубљана Њујорк Џеп', 'ljubljana-njujork-dzep'],
    ['Ćuprija Šabac Žabalj Čačak', 'cuprija-sabac-zabalj-cacak'],
    ['  --Hello,  World!!  ', 'hello-world'],
    ['Drug Policy Network South East Europe (DPNSEE)', 'drug-policy-network-south-east-europe-dpnsee'],
    ['JAZAS Požarevac', 'jazas-pozarevac'],
  ])('%s -> %s', (name, id) => {
    expect(slug(name)).toBe(id);
    expect(isValidId(slug(name))).toBe(true);
  });

  it('normalises to NFC first: a decomposed č folds like a composed one', () => {
    expect(slug('Timoc\u030cki')).toBe('timocki');
    expect(slug('e\u0301cole')).toBe('ecole');
  });

  it('foldToAscii gives what a character-by-character transliteration gives (it uses one regular expression)', () => {
    // The straightforward definition, kept here as the reference.
    const CYRILLIC: Record<string, string> = {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'z', з: 'z', и: 'i', ј: 'j', к: 'k',
      л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', у: 'u',
      ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's', ѓ: 'gj', ќ: 'kj', ѕ: 'dz', й: 'j', ы: 'y', э: 'e',
      ю: 'ju', я: 'ja', ё: 'e', щ: 'sc', ъ: '', ь: '',
    };
    const SPECIAL: Record<string, string> = { đ: 'dj', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', ı: 'i', þ: 'th', ð: 'd' };
    const reference = (text: string) => {
      let out = '';
      for (const ch of text.normalize('NFC').toLowerCase()) out += CYRILLIC[ch] ?? SPECIAL[ch] ?? ch;
      return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    };
    const letters = fc.constantFrom(...'aZ ,.-ĐđŽžČčĆćŠšÅåßÆØœŁıÞðЂЉЊЋЏЖжщЪьЁёйЙЮяİ\u0301\u0308\ud83d\ude00😀x1'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string({ unit: letters, maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
      expect(foldToAscii(text)).toBe(reference(text));
    }), { numRuns: 2000 });
  });

  it('foldToAscii transliterates and lowercases without touching punctuation', () => {
    expect(foldToAscii('Ђура, Đura!')).toBe('djura, djura!');
  });

  it('a name with nothing transliterable gives an empty slug', () => {
    expect(slug('日本')).toBe('');
    expect(slug('---')).toBe('');
  });

  it('is cut to at most 100 characters, at a hyphen, never ending on one', () => {
    const words = slug('word '.repeat(40));
    expect(words.length).toBeLessThanOrEqual(100);
    expect(words.length).toBeGreaterThan(90);
    expect(words).toMatch(ID_PATTERN);
    expect(words.endsWith('-')).toBe(false);
    expect(words.split('-').every((w) => w === 'word')).toBe(true);

    const oneWord = slug('a'.repeat(150));
    expect(oneWord).toBe('a'.repeat(100));

    expect(slug('abc '.repeat(40))).toBe(Array(25).fill('abc').join('-'));
  });

  it('a shorter maximum is honoured', () => {
    expect(slug('Timočki omladinski centar', 12)).toBe('timocki');
    expect(slug('Timočki omladinski centar', 20)).toBe('timocki-omladinski');
  });
});

describe('quoteValue and escapeControl', () => {
  it('quotes strings and escapes control characters, ANSI escapes and bidi overrides', () => {
    expect(quoteValue('a\u001b[31mred\u0007\n\t\r')).toBe('"a\\u001b[31mred\\u0007\\n\\t\\r"');
    expect(quoteValue('\u202eevil')).toBe('"\\u202eevil"');
    expect(escapeControl('\u009b\u007f')).toBe('\\u009b\\u007f');
    expect(escapeControl('Timočki – Канцеларија')).toBe('Timočki – Канцеларија');
  });

  it('cuts long strings to 80 characters with an ellipsis, counting code points', () => {
    expect(quoteValue('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
    expect(quoteValue('x'.repeat(81))).toBe(`"${'x'.repeat(79)}…"`);
    const astral = quoteValue('😀'.repeat(100));
    expect([...astral.slice(1, -1)]).toHaveLength(80);
    expect(astral).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone surrogate from a cut
  });

  it('escapes after cutting, so an escape is never cut in half', () => {
    const q = quoteValue(`${'x'.repeat(78)}\u001b[2J`);
    expect(q).toBe(`"${'x'.repeat(78)}\\u001b…"`);
  });

  it('describes non-strings by kind', () => {
    expect(quoteValue(null)).toBe('null');
    expect(quoteValue(undefined)).toBe('null');
    expect(quoteValue(7)).toBe('7');
    expect(quoteValue(false)).toBe('false');
    expect(quoteValue([1, 2])).toBe('a list');
    expect(quoteValue({ a: 1 })).toBe('a mapping');
    expect(describeType(1.5)).toBe('a number');
    expect(describeType(2)).toBe('a whole number');
    expect(describeType('s')).toBe('text');
    expect(describeType(null)).toBe('nothing (null)');
    expect(describeType(true)).toBe('true/false');
  });
});

describe('editDistance and suggest', () => {
  it('computes the optimal string alignment distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1); // a transposition is one edit
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('participant', 'participants')).toBe(1);
  });

  it('gives up past max with max + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('abc', 'abd', 2)).toBe(1);
  });

  it('suggests the closest candidate for a typo', () => {
    const fields = ['participants', 'participant_count', 'attendees', 'agenda'];
    expect(suggest('participant', fields)).toBe('participants');
    expect(suggest('atendees', fields)).toBe('attendees');
    expect(suggest('nme', ['name', 'role'])).toBe('name');
    expect(suggest('office-for-combatting-drugs', ['office-for-combating-drugs', 'dpnsee'])).toBe('office-for-combating-drugs');
  });

  it('is case-insensitive and returns the candidate as written', () => {
    expect(suggest('NAME', ['name'])).toBe('name');
    expect(suggest('name', ['Name'])).toBe('Name');
  });

  it('falls back to a prefix match of 3+ characters', () => {
    expect(suggest('partic', ['agenda', 'participants'])).toBe('participants');
  });

  it('suggests nothing for a far miss', () => {
    expect(suggest('xyzzy', ['name', 'role'])).toBeUndefined();
    expect(suggest('favourite_colour', ['name', 'organisation', 'role'])).toBeUndefined();
    expect(suggest('abc', [])).toBeUndefined();
  });
});
