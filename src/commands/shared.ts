/** What the read commands share: open the store through the one loader, and say what was skipped. */
import { buildIndex, type RecordIndex } from '../core/references.js';
import type { RecordType } from '../core/kinds.js';
import type { StoreRecord } from '../core/record.js';
import { todayOf, type Context } from '../context.js';
import { cacheEnabled, loadStore, type Store } from '../store/load.js';
import { interruptedChangeNote } from '../store/journal.js';
import { findRoot } from '../store/root.js';

export interface OpenStore {
  store: Store;
  /** Records that parsed and passed their schema (of the type asked for, if any): the ones queries and exports see. */
  readonly records: StoreRecord[];
  index: RecordIndex;
}

/**
 * Load the store; invalid records are left out of answers, and stderr says how many and where to look.
 * The index covers every record that has fields, so references to an invalid record still resolve to its name.
 */
export function openStore(ctx: Context, rootFlag: string | undefined, options: { type?: RecordType } = {}): OpenStore {
  const root = findRoot(ctx.cwd, rootFlag, ctx.env);
  // A query of one type checks only that type's files (see LoadOptions.lazy).
  const store = loadStore(root, { today: todayOf(ctx), cache: cacheEnabled(ctx.cache, ctx.env), rules: false, lazy: options.type !== undefined });
  const interrupted = interruptedChangeNote(root);
  if (interrupted) ctx.io.stderr.write(interrupted);
  // The records this query passes over: of its type, when it has one.
  const skipped = store.invalidCount(options.type);
  if (skipped > 0) {
    ctx.io.stderr.write(`dossier: ${skipped} invalid record${skipped === 1 ? ' was' : 's were'} skipped; \`dossier validate\` explains why\n`);
  }
  // Records are made when asked for: with a type, only its own; the others only as references are looked up
  // (`show` makes a handful of 10,000).
  let records: StoreRecord[] | undefined;
  return {
    store,
    get records() {
      return (records ??= (options.type ? store.recordsOf(options.type) : store.records).filter((r) => r.valid));
    },
    index: buildIndex(() => store.records, { byId: store.byId, mayReferTo: (id) => store.mayReferTo(id) }),
  };
}
