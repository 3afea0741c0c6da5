import { describe, expect, it } from 'vitest';
import type { StoreRecord } from '../../src/core/record.js';
import { makeSnippet, searchRecords, searchWords } from '../../src/core/search.js';
import { fm, record } from '../helpers/records.js';

const bodies = new Map<string, string>();
function withBody(r: StoreRecord, body: string): StoreRecord {
  bodies.set(r.id, body);
  return r;
}
const readBody = (r: StoreRecord) => bodies.get(r.id) ?? '';

const proposal = withBody(
  record('proposal', 'decrim', fm('title: Proposal for decriminalisation', 'status: submitted', 'submitted_by:', '  - net')),
  'The network proposes decriminalisation of drug use.',
);
const meeting = withBody(
  record('meeting', 'consultation', fm('title: Consultation', 'date: 2019-02-25', 'outcomes:', '  - Decriminalisation was discussed.')),
  'Decriminalisation, decriminalisation and again DECRIMINALISATION.',
);
const org = withBody(record('organisation', 'toc', fm('name: Timočki omladinski centar', 'kind: civil-society', 'city: Zaječar')), 'A youth centre.');
const office = withBody(
  record('organisation', 'office', fm('name: Office for Drugs', 'other_names:', '  - name: Канцеларија за борбу против дрога', '    lang: sr-Cyrl', 'kind: government')),
  'Coordinates drug policy.',
);
const net = withBody(record('organisation', 'net', fm('name: Network', 'short_name: NX', 'kind: network')), 'Mentions the office for drugs.');
const records = [proposal, meeting, org, office, net];

const ids = (query: string, options = {}) => searchRecords(records, query, readBody, options).map((h) => h.record.id);

describe('searchWords', () => {
  it('folds case and diacritics and drops repeats', () => {
    expect(searchWords('  Timočki   TIMOCKI centar ')).toEqual(['timocki', 'centar']);
    expect(searchWords('дрога')).toEqual(['droga']);
    expect(searchWords('   ')).toEqual([]);
  });
});

describe('searchRecords', () => {
  it('is case- and diacritic-insensitive, over names, text fields and bodies', () => {
    expect(ids('timocki')).toEqual(['toc']);
    expect(ids('ZAJECAR')).toEqual(['toc']);
    expect(ids('youth')).toEqual(['toc']);
    expect(ids('kancelarija')).toEqual(['office']);
    expect(ids('канцеларија')).toEqual(['office']);
  });

  it('wants every word', () => {
    expect(ids('drug policy')).toEqual(['office']);
    expect(ids('decriminalisation network')).toEqual(['decrim']);
    expect(ids('decriminalisation nowhere')).toEqual([]);
  });

  it('ranks name and title hits first, then frequency', () => {
    // The proposal's title holds the word; the meeting has it more often, but only in the body and outcomes.
    expect(ids('decriminalisation')).toEqual(['decrim', 'consultation']);
    const hits = searchRecords(records, 'decriminalisation', readBody);
    expect(hits.map((h) => [h.nameHits, h.count])).toEqual([
      [1, 2],
      [1 - 1, 4],
    ]);
    // The office's name holds "office" and "drugs"; the network's body only mentions them.
    expect(ids('office drugs')).toEqual(['office', 'net']);
  });

  it('does not search references, dates or choices', () => {
    const plain = [
      record('organisation', 'zxq-org', fm('name: Plain', 'kind: government')),
      record('proposal', 'plain-proposal', fm('title: Plain proposal', 'status: submitted', 'submitted_by:', '  - zxq-org', 'submitted_on: 2019-02-25')),
    ];
    const found = (q: string) => searchRecords(plain, q, () => '').map((h) => h.record.id);
    expect(found('plain')).toEqual(['zxq-org', 'plain-proposal']);
    expect(found('zxq')).toEqual([]);
    expect(found('2019-02-25')).toEqual([]);
    expect(found('submitted')).toEqual([]);
    expect(found('government')).toEqual([]);
  });

  it('filters by type and limits', () => {
    expect(ids('decriminalisation', { type: 'meeting' })).toEqual(['consultation']);
    expect(ids('decriminalisation', { limit: 1 })).toEqual(['decrim']);
    expect(ids('')).toEqual([]);
  });

  it('takes the snippet from where the words are, not the title', () => {
    const [hit] = searchRecords(records, 'decriminalisation', readBody);
    expect(hit!.snippet.field).toBe('body');
    expect(hit!.snippet.text).toBe('The network proposes decriminalisation of drug use.');
    expect(hit!.snippet.marks).toEqual([[21, 38]]);
  });

  it('falls back to the name when only the name matches', () => {
    const [hit] = searchRecords(records, 'omladinski', readBody);
    expect(hit!.snippet).toEqual({ field: 'name', text: 'Timočki omladinski centar', marks: [[8, 18]] });
  });
});

describe('makeSnippet', () => {
  it('marks the original characters, diacritics and all', () => {
    const s = makeSnippet('city', 'Zaječar', ['zajecar'], 100);
    expect(s.marks).toEqual([[0, 7]]);
    expect(s.text.slice(0, 7)).toBe('Zaječar');
  });

  it('maps marks through transliteration that changes length', () => {
    const s = makeSnippet('name', 'Ђурђевак и Љиљана', ['ljiljana']);
    const [[start, end]] = s.marks as [[number, number]];
    expect(s.text.slice(start, end)).toBe('Љиљана');
  });

  it('is one line, cut around the first match with ellipses, never longer than asked', () => {
    const long = `${'word '.repeat(50)}\n\nthe needle is here\n${'more '.repeat(50)}`;
    const s = makeSnippet('body', long, ['needle'], 60);
    expect(s.text).not.toContain('\n');
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect([...s.text].length).toBeLessThanOrEqual(62);
    const [[a, b]] = s.marks as [[number, number]];
    expect(s.text.slice(a, b)).toBe('needle');
  });

  it('escapes terminal control characters', () => {
    const s = makeSnippet('body', 'bad \u001b[2J news', ['news'], 100);
    expect(s.text).toBe('bad \\u001b[2J news');
    const [[a, b]] = s.marks as [[number, number]];
    expect(s.text.slice(a, b)).toBe('news');
  });

  it('merges overlapping marks', () => {
    expect(makeSnippet('t', 'banana', ['ana', 'nan'], 100).marks).toEqual([[1, 5]]);
  });
});

describe('fold', () => {
  it('its ASCII fast path agrees with foldToAscii', async () => {
    const fc = await import('fast-check');
    const { fold } = await import('../../src/core/fold.js');
    const { foldToAscii } = await import('../../src/core/slug.js');
    fc.assert(fc.property(fc.string(), (s) => fold(s) === foldToAscii(s)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => fold(s) === foldToAscii(s)));
  });
});
