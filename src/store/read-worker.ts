/**
 * The worker thread of read-ahead.ts: reads record files in order, in batches, and hands each batch over in one
 * transferred buffer. It only reads (through the same safe reader as the main thread); it never parses.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Batch } from './read-batch.js';
import { readRecordBytes, type ReadResult } from './read.js';

export interface ReadWorkerData {
  paths: string[];
  batch: number;
  /** Numbers per file in a batch's `meta`, as the main thread reads them. */
  metaStride: number;
  /** Int32 [batches posted, failed]: the main thread waits on it with Atomics.wait. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

function post(port: MessagePort, results: ReadResult[], stride: number): void {
  let size = 0;
  for (const r of results) if (r.ok) size += r.bytes.length;
  const buffer = new ArrayBuffer(size);
  const view = new Uint8Array(buffer);
  const meta = new Float64Array(results.length * stride);
  const failed: Batch['failed'] = [];
  let at = 0;
  results.forEach((r, i) => {
    if (!r.ok) {
      failed.push([i, r]);
      return;
    }
    view.set(r.bytes, at);
    meta.set([at, at + r.bytes.length, r.identity.size, r.identity.mtimeMs, r.identity.ctimeMs, r.identity.ino], i * stride);
    at += r.bytes.length;
  });
  port.postMessage({ count: results.length, buffer, meta, failed } satisfies Batch, [buffer, meta.buffer]);
}

if (parentPort) {
  const { paths, batch, signal, port, metaStride } = workerData as ReadWorkerData;
  const state = new Int32Array(signal);
  try {
    for (let start = 0; start < paths.length; start += batch) {
      post(port, paths.slice(start, start + batch).map((p) => readRecordBytes(p)), metaStride);
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
    }
  } catch {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 0);
  }
}
