/**
 * Records by id, made on first use: `show` looks up one id among 10,000 records and makes only the records it
 * reads. The first record with an id in store order wins, as in a Map filled in store order.
 */
import type { StoreRecord } from './record.js';

export class RecordsById implements ReadonlyMap<string, StoreRecord> {
  #positions: Map<string, number> | undefined;

  constructor(
    /** Every record's id, in store order. */
    private readonly ids: () => readonly string[],
    /** The record at a store position (made once by the caller, and kept). */
    private readonly recordAt: (position: number) => StoreRecord,
  ) {}

  private get positions(): Map<string, number> {
    if (!this.#positions) {
      const positions = new Map<string, number>();
      this.ids().forEach((id, i) => {
        if (!positions.has(id)) positions.set(id, i);
      });
      this.#positions = positions;
    }
    return this.#positions;
  }

  get size(): number {
    return this.positions.size;
  }

  get(id: string): StoreRecord | undefined {
    const i = this.positions.get(id);
    return i === undefined ? undefined : this.recordAt(i);
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  keys(): MapIterator<string> {
    return this.positions.keys();
  }

  // Generators typed as the Map iterators the interface names (Node 20 has no iterator helpers to map with).
  values(): MapIterator<StoreRecord> {
    const { positions, recordAt } = this;
    return (function* () {
      for (const i of positions.values()) yield recordAt(i);
    })() as unknown as MapIterator<StoreRecord>;
  }

  entries(): MapIterator<[string, StoreRecord]> {
    const { positions, recordAt } = this;
    return (function* (): Generator<[string, StoreRecord]> {
      for (const [id, i] of positions) yield [id, recordAt(i)];
    })() as unknown as MapIterator<[string, StoreRecord]>;
  }

  [Symbol.iterator](): MapIterator<[string, StoreRecord]> {
    return this.entries();
  }

  forEach(callback: (record: StoreRecord, id: string, map: ReadonlyMap<string, StoreRecord>) => void, thisArg?: unknown): void {
    for (const [id, record] of this.entries()) callback.call(thisArg, record, id, this);
  }
}
