/** RecordsById: a Map of records by id whose records are made only when looked up. */
import { describe, expect, it } from 'vitest';
import { RecordsById } from '../../src/core/records-by-id.js';
import type { StoreRecord } from '../../src/core/record.js';
import { fm, record } from '../helpers/records.js';

const records = [
  record('organisation', 'dpnsee', fm('name: DPNSEE', 'kind: network')),
  record('person', 'ana', fm('name: Ana')),
  // The same id again, in another folder: the first in store order wins, as in a Map filled in order.
  record('meeting', 'dpnsee', fm('title: T', 'date: 2019-02-25')),
];

function lazy(): { map: RecordsById; made: number[] } {
  const made: number[] = [];
  const map = new RecordsById(() => records.map((r) => r.id), (i) => {
    made.push(i);
    return records[i]!;
  });
  return { map, made };
}

describe('RecordsById', () => {
  it('makes only the records looked up', () => {
    const { map, made } = lazy();
    expect(map.get('ana')).toBe(records[1]);
    expect(map.has('dpnsee')).toBe(true);
    expect(map.get('nobody')).toBeUndefined();
    expect(made).toEqual([1]);
  });

  it('answers as a Map filled in store order would', () => {
    const { map } = lazy();
    const eager = new Map<string, StoreRecord>();
    for (const r of records) if (!eager.has(r.id)) eager.set(r.id, r);
    expect(map.size).toBe(eager.size);
    expect(map.get('dpnsee')).toBe(records[0]);
    expect([...map.keys()]).toEqual([...eager.keys()]);
    expect([...map.values()]).toEqual([...eager.values()]);
    expect([...map.entries()]).toEqual([...eager.entries()]);
    expect([...map]).toEqual([...eager]);
    const seen: string[] = [];
    map.forEach((r, id, m) => {
      expect(m).toBe(map);
      seen.push(`${id}:${r.type}`);
    });
    expect(seen).toEqual(['dpnsee:organisation', 'ana:person']);
  });
});
