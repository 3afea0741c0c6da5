/**
 * What the read worker hands over, shared by both sides as types only: a value shared with the worker's entry
 * would make the bundle load that entry (and node:worker_threads, ~2.5 ms) on every run, warm ones included.
 */
import type { ReadResult } from './read.js';

/**
 * One batch: the files' bytes one after another in `buffer`, their positions and identities as numbers in
 * `meta` (both transferred, so nothing is copied or cloned per file), and the files that could not be read,
 * by their index in the batch. Structured cloning an object per file took ~15 ms of the main thread's time
 * at 10,000 files; two buffers take next to none.
 */
export interface Batch {
  /** Per file, META_STRIDE numbers: start and end in `buffer`, then size, mtimeMs, ctimeMs, ino. */
  count: number;
  buffer: ArrayBuffer;
  meta: Float64Array;
  failed: [number, Exclude<ReadResult, { ok: true }>][];
}
