/**
 * The worker thread of read-ahead.ts: reads record files in order, in batches, and hands each batch over in one
 * transferred buffer. It only reads (through the same safe reader as the main thread); it never parses.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { readRecordBytes, type ReadResult } from './read.js';

export interface ReadWorkerData {
  paths: string[];
  batch: number;
  /** Int32 [batches posted, failed]: the main thread waits on it with Atomics.wait. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

/** A read result whose bytes are at [start, end) of the batch's buffer. */
export type BatchItem = Exclude<ReadResult, { ok: true }> | { ok: true; start: number; end: number; identity: Extract<ReadResult, { ok: true }>['identity'] };

export interface Batch {
  items: BatchItem[];
  buffer: ArrayBuffer;
}

function post(port: MessagePort, results: ReadResult[]): void {
  let size = 0;
  for (const r of results) if (r.ok) size += r.bytes.length;
  const buffer = new ArrayBuffer(size);
  const view = new Uint8Array(buffer);
  let at = 0;
  const items = results.map((r): BatchItem => {
    if (!r.ok) return r;
    view.set(r.bytes, at);
    at += r.bytes.length;
    return { ok: true, start: at - r.bytes.length, end: at, identity: r.identity };
  });
  port.postMessage({ items, buffer } satisfies Batch, [buffer]);
}

if (parentPort) {
  const { paths, batch, signal, port } = workerData as ReadWorkerData;
  const state = new Int32Array(signal);
  try {
    for (let start = 0; start < paths.length; start += batch) {
      post(port, paths.slice(start, start + batch).map((p) => readRecordBytes(p)));
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
    }
  } catch {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 0);
  }
}
