/**
 * The search cache: searching its bytes finds exactly what searching each record's text finds, an entry is made
 * once per content, and a damaged or foreign file is never trusted.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreRecord } from '../../src/core/record.js';
import { searchRecords, searchWords, type SearchEntry } from '../../src/core/search.js';
import { countPerEntry, SearchTextCache } from '../../src/store/search-cache.js';
import { fm, record } from '../helpers/records.js';
import { tempStore } from '../helpers/store.js';

const bodies = new Map<string, string>();

/** An organisation with `name` and `body`, whose content hash is that of its text (as the loader sets it). */
function org(id: string, name: string, city: string, body: string): StoreRecord {
  const text = `${fm(`name: ${JSON.stringify(name)}`, 'kind: other', `city: ${JSON.stringify(city)}`)}${body}`;
  const r = record('organisation', id, text);
  r.contentHash = createHash('sha1').update(text).digest('hex');
  bodies.set(r.file, body);
  return r;
}
const bodyOf = (r: StoreRecord) => bodies.get(r.file) ?? '';

/** One search through the cache at `root` (saved after), counting the records whose entry had to be made. */
function search(root: string, records: StoreRecord[], query: string): { hits: unknown; made: string[] } {
  const cache = SearchTextCache.open(root);
  const made: string[] = [];
  const learn = cache.learn.bind(cache);
  cache.learn = (r: StoreRecord, e: SearchEntry) => {
    made.push(r.file);
    learn(r, e);
  };
  // As the command does: only the candidates the cache names are searched, when it can name them.
  const files = records.map((r) => r.file);
  const hashAt = (i: number) => records[i]!.contentHash;
  const slow = cache.candidates(files, hashAt, searchWords(query));
  // Every hash at once, as the store gives them when every record is unchanged: the same candidates.
  const candidates = cache.candidates(files, hashAt, searchWords(query), records.map((r) => r.contentHash).join(''));
  expect(candidates).toEqual(slow);
  const hits = searchRecords(candidates ? candidates.map((i) => records[i]!) : records, query, bodyOf, { index: cache, width: 60 });
  cache.save(records.map((r) => r.file));
  return { hits, made };
}

describe('countPerEntry', () => {
  it('counts as String.indexOf counts in each entry alone: no overlaps, nothing across an end', () => {
    const entries = ['aaa', 'ab', 'a', 'ba', '', 'aab'];
    const blob = Buffer.from(entries.join(''), 'utf8');
    let end = 0;
    const ends = Float64Array.from(entries, (e) => (end += Buffer.byteLength(e)));
    expect(Array.from(countPerEntry(blob, ends, Buffer.from('aa')))).toEqual([1, 0, 0, 0, 0, 1]);
    expect(Array.from(countPerEntry(blob, ends, Buffer.from('ab')))).toEqual([0, 1, 0, 0, 0, 1]);
    expect(Array.from(countPerEntry(blob, ends, Buffer.from('ba')))).toEqual([0, 0, 0, 1, 0, 0]);
  });
});

describe('SearchTextCache', () => {
  it('finds exactly what a search without it finds, on its first run and from the file after (property)', () => {
    const piece = fc.constantFrom('ab', 'ba', 'a', 'č', 'ć', 'Ђура', 'dž', '😀', ' ', '\n', 'x y', 'Č');
    const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 6 }), fc.array(piece, { minLength: 1, maxLength: 3 }), (rows, q) => {
        const root = tempStore();
        const records = rows.map(([name, city, body], i) => {
          return org(`o${i}`, name || `n${i}`, city, body);
        });
        const query = q.join('');
        const plain = searchRecords(records, query, bodyOf, { width: 60 });
        const first = search(root, records, query);
        expect(first.hits).toEqual(plain);
        const second = search(root, records, query);
        expect(second.made).toEqual([]);
        expect(second.hits).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('makes each entry once, and again only when the content changes', () => {
    const root = tempStore();
    const records = ['a', 'b', 'c'].map((id) => org(id, `Org ${id}`, 'Niš', 'harm reduction'));
    expect(search(root, records, 'harm').made).toHaveLength(3);
    expect(search(root, records, 'reduction').made).toEqual([]);
    const changed = [records[0]!, org('b', 'Org b', 'Niš', 'harm reduction, changed'), records[2]!];
    expect(search(root, changed, 'harm').made).toEqual(['records/organisations/b.md']);
    expect(search(root, changed, 'changed').made).toEqual([]);
  });

  it('names as candidates the records holding every word, and those it has no current entry for', () => {
    const root = tempStore();
    const records = [org('a', 'A', 'x', 'harm reduction'), org('b', 'B', 'x', 'harm'), org('c', 'C', 'x', 'reduction')];
    search(root, records, 'harm');
    const cache = SearchTextCache.open(root);
    const files = records.map((r) => r.file);
    expect(cache.candidates(files, (i) => records[i]!.contentHash, ['harm', 'reduction'])).toEqual([0]);
    // b changed since: its entry is out of date, so it is a candidate whatever it holds.
    const changed = [...records.slice(0, 1), org('b', 'B', 'x', 'other'), records[2]!];
    expect(cache.candidates(files, (i) => changed[i]!.contentHash, ['harm', 'reduction'])).toEqual([0, 1]);
    // Given every hash at once: taken whole when they are the stored ones, else record by record.
    const all = (rs: StoreRecord[]) => rs.map((r) => r.contentHash).join('');
    expect(cache.candidates(files, (i) => records[i]!.contentHash, ['harm', 'reduction'], all(records))).toEqual([0]);
    expect(SearchTextCache.open(root).candidates(files, (i) => changed[i]!.contentHash, ['harm', 'reduction'], all(changed))).toEqual([0, 1]);
    // A store with a record the cache never saw, in another order.
    const more = [org('d', 'D', 'x', 'nothing'), ...records];
    expect(cache.candidates(more.map((r) => r.file), (i) => more[i]!.contentHash, ['reduction'])).toEqual([0, 1, 3]);
  });

  it('gives back each label exactly, in any script, from one decoding of all of them', () => {
    const root = tempStore();
    const names = ['Ђурђевак 😀 centar', 'Zaječar 𝄞 forum', 'plain', 'ĐŽ 中文 network', '😀😀'];
    const records = names.map((name, i) => org(`o${i}`, name, 'x', 'harm reduction'));
    // The labels as made from each record (folded), while the cache learns them.
    const first = SearchTextCache.open(root);
    const made = new Map<string, string>();
    const learn = first.learn.bind(first);
    first.learn = (r: StoreRecord, e: SearchEntry) => {
      made.set(r.file, e.label);
      learn(r, e);
    };
    searchRecords(records, 'harm', bodyOf, { index: first });
    first.save(records.map((r) => r.file));
    expect(made.size).toBe(names.length);
    const cache = SearchTextCache.open(root);
    expect(records.map((r) => cache.match(r, ['harm'])?.label)).toEqual(records.map((r) => made.get(r.file)));
    expect([...made.values()].some((l) => /[\u{10000}-\u{10ffff}]/u.test(l))).toBe(true);
  });

  it('never stores a text with a lone surrogate: such a record is searched as text each time', () => {
    const root = tempStore();
    const odd = org('odd', 'Odd \ud800 one', 'x', 'harm');
    expect(search(root, [odd], 'harm').made).toEqual(['records/organisations/odd.md']);
    expect(search(root, [odd], 'harm').made).toEqual(['records/organisations/odd.md']);
  });

  it('rebuilds from a damaged file, and keeps nothing of a record that is gone', () => {
    const root = tempStore();
    const records = [org('a', 'A', 'x', 'harm'), org('b', 'B', 'x', 'harm')];
    search(root, records, 'harm');
    const file = path.join(root, '.dossier/cache/search.bin');
    const good = readFileSync(file);
    const bad = Buffer.from(good);
    bad[bad.length - 3] ^= 0x20;
    writeFileSync(file, bad);
    expect(search(root, records, 'harm').made).toHaveLength(2);
    expect(search(root, [records[1]!], 'harm').made).toEqual([]);
    expect(search(root, records, 'harm').made).toEqual(['records/organisations/a.md']);
  });
});
