/** The reference graph: backlinks and outgoing references, with and without the store's hint of candidates. */
import { describe, expect, it } from 'vitest';
import type { StoreRecord } from '../../src/core/record.js';
import { buildIndex } from '../../src/core/references.js';
import { fm, record } from '../helpers/records.js';

const records = [
  record('organisation', 'office', fm('name: Office', 'kind: government')),
  record('organisation', 'dpnsee', fm('name: DPNSEE', 'kind: network')),
  record('organisation', 'prevent', fm('name: Prevent', 'kind: civil-society', 'member_of: [dpnsee]')),
  record('meeting', '2019-02-25-consultation', fm('title: Consultation', 'date: 2019-02-25', 'host: office', 'participants: [dpnsee, prevent]')),
  record('proposal', 'decrim', fm('title: Decrim', 'status: submitted', 'submitted_by: [dpnsee]', 'submitted_to: [office]')),
];

const summary = (refs: { from: StoreRecord; field: string; path: (string | number)[]; to: string }[]) => refs.map((r) => [r.from.id, r.field, r.path.join('.'), r.to]);

describe('buildIndex', () => {
  it('gives backlinks in store order, with the field and path of each', () => {
    const index = buildIndex(records);
    expect(summary(index.incoming('dpnsee'))).toEqual([
      ['prevent', 'member_of', 'member_of.0', 'dpnsee'],
      ['2019-02-25-consultation', 'participants', 'participants.0', 'dpnsee'],
      ['decrim', 'submitted_by', 'submitted_by.0', 'dpnsee'],
    ]);
    expect(summary(index.outgoing(records[3]!))).toEqual([
      ['2019-02-25-consultation', 'host', 'host', 'office'],
      ['2019-02-25-consultation', 'participants', 'participants.0', 'dpnsee'],
      ['2019-02-25-consultation', 'participants', 'participants.1', 'prevent'],
    ]);
    expect(index.incoming('nobody')).toEqual([]);
  });

  it('with a hint, reads only the candidates it names and answers the same', () => {
    const asked: string[] = [];
    const read = new Set<string>();
    // Candidates: a superset (every record whose text mentions the id), as the cache gives them.
    const mayReferTo = (id: string) => {
      asked.push(id);
      return records.filter((r) => JSON.stringify(r.fields).includes(id)).map((r) => {
        read.add(r.id);
        return r;
      });
    };
    const hinted = buildIndex(records, { mayReferTo });
    const plain = buildIndex(records);
    for (const id of ['dpnsee', 'office', 'prevent', 'decrim', 'nobody']) {
      expect(summary(hinted.incoming(id))).toEqual(summary(plain.incoming(id)));
    }
    expect(read.has('office')).toBe(false); // refers to nothing and is mentioned only by its own name
    hinted.incoming('dpnsee');
    expect(asked.filter((id) => id === 'dpnsee')).toHaveLength(1); // remembered
    expect(summary(hinted.outgoing(records[2]!))).toEqual(summary(plain.outgoing(records[2]!)));
  });
});
