/** The search text cache: a text is made once per content, and a damaged or foreign file is never trusted. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreRecord } from '../../src/core/record.js';
import { SearchTextCache } from '../../src/store/search-cache.js';
import { tempStore } from '../helpers/store.js';

const rec = (file: string, contentHash: string) => ({ file, contentHash }) as StoreRecord;
const HASH_A = 'a'.repeat(40);
const HASH_B = 'b'.repeat(40);

function texts(root: string, records: StoreRecord[]): { made: string[]; got: string[] } {
  const cache = SearchTextCache.open(root);
  const made: string[] = [];
  const got = records.map((r) => cache.text(r, () => (made.push(r.file), `text of ${r.file} ${r.contentHash!.slice(0, 1)} čšž Ђура 😀`)));
  cache.save();
  return { made, got };
}

describe('SearchTextCache', () => {
  it('makes each text once, and again only when the content hash changes', () => {
    const root = tempStore();
    const records = [rec('records/people/a.md', HASH_A), rec('records/people/b.md', HASH_A), rec('records/people/c.md', HASH_A)];
    const first = texts(root, records);
    expect(first.made).toHaveLength(3);
    const second = texts(root, records);
    expect(second.made).toEqual([]);
    expect(second.got).toEqual(first.got);
    const changed = texts(root, [records[0]!, rec('records/people/b.md', HASH_B), records[2]!]);
    expect(changed.made).toEqual(['records/people/b.md']);
    expect(changed.got[1]).toBe('text of records/people/b.md b čšž Ђура 😀');
  });

  it('rebuilds from a damaged file, and keeps nothing of a record that is gone', () => {
    const root = tempStore();
    const records = [rec('records/people/a.md', HASH_A), rec('records/people/b.md', HASH_A)];
    texts(root, records);
    const file = path.join(root, '.dossier/cache/search.bin');
    const good = readFileSync(file);
    const bad = Buffer.from(good);
    bad[bad.length - 3] ^= 0x20;
    writeFileSync(file, bad);
    expect(texts(root, records).made).toHaveLength(2);
    expect(texts(root, [records[1]!]).made).toEqual([]);
    expect(texts(root, records).made).toEqual(['records/people/a.md']);
  });
});
