/**
 * Reading many record files on the second core: a worker thread reads them in order while the main thread
 * parses what has arrived, so a cold run's system calls (open, fstat, read, close for every file) overlap its
 * parsing. Synchronous for the caller: it waits on a shared counter and takes each batch with
 * receiveMessageOnPort. Whenever the worker cannot help (not built, failed, too slow) the rest is read here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { MessagePort, Worker } from 'node:worker_threads';
import { readRecordBytes, type ReadResult } from './read.js';
import type { Batch } from './read-batch.js';
import type { ReadWorkerData } from './read-worker.js';

/** Below this many files a worker costs more to start (~20 ms) than it saves. */
export const READ_AHEAD_MIN = 2000;
/** Files the main thread reads itself while the worker starts. */
const HEAD = 300;
const BATCH = 200;
/** Numbers per file in a batch's `meta` (see read-batch.ts); the worker is told, so the layout has one owner. */
const META = 6;
/** Longest wait for one batch before reading the rest here instead. */
const BATCH_TIMEOUT_MS = 5000;

const WORKER = fileURLToPath(new URL('./read-worker.js', import.meta.url));

/** node:worker_threads, loaded when a worker is started: a warm run never needs it (~3 ms). */
const threads = () => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

export interface FileReader {
  /** The next file's read result, in the order given. */
  next(): ReadResult;
  /** Stop the worker (reading is over, or abandoned). */
  close(): void;
  /** Whether a worker thread was started for these files. */
  readonly threaded: boolean;
}

/** A reader for `paths`: on a worker thread when there are enough of them and the worker is there, else here. */
export function readFiles(paths: readonly string[], min = READ_AHEAD_MIN): FileReader {
  const ahead = paths.length >= min && existsSync(WORKER) ? startWorker(paths.slice(HEAD)) : undefined;
  let i = 0;
  if (!ahead) return { next: () => readRecordBytes(paths[i++]!), close: () => undefined, threaded: false };
  return {
    threaded: true,
    next: () => {
      const result = (i >= HEAD ? ahead.take(i - HEAD) : undefined) ?? readRecordBytes(paths[i]!);
      i++;
      return result;
    },
    close: () => ahead.stop(),
  };
}

interface Ahead {
  /** The result for file `i` from the worker, or undefined when the worker gave up (read it here). */
  take(i: number): ReadResult | undefined;
  stop(): void;
}

function startWorker(paths: readonly string[]): Ahead | undefined {
  let worker: Worker;
  let port: MessagePort;
  const signal = new SharedArrayBuffer(8);
  const state = new Int32Array(signal);
  try {
    const { MessageChannel, Worker } = threads();
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(WORKER, {
      workerData: { paths: [...paths], batch: BATCH, metaStride: META, signal, port: channel.port2 } satisfies ReadWorkerData,
      transferList: [channel.port2],
    });
    worker.unref();
  } catch {
    return undefined;
  }
  let failed = false;
  let batch: Batch | undefined;
  let batchStart = 0;
  let received = 0;
  const stop = () => {
    failed = true;
    void worker.terminate();
    port.close();
  };
  const nextBatch = (): boolean => {
    while (!failed && Atomics.load(state, 0) <= received) {
      if (Atomics.load(state, 1) || Atomics.wait(state, 0, received, BATCH_TIMEOUT_MS) === 'timed-out') stop();
    }
    if (failed) return false;
    const message = threads().receiveMessageOnPort(port)?.message as Batch | undefined;
    if (!message) {
      stop();
      return false;
    }
    batch = message;
    batchStart = received * BATCH;
    received++;
    return true;
  };
  return {
    take(i) {
      if (failed) return undefined;
      if (!batch || i >= batchStart + batch.count) {
        if (!nextBatch()) return undefined;
      }
      const k = i - batchStart;
      if (k >= batch!.count) return undefined;
      const failedItem = batch!.failed.find(([index]) => index === k);
      if (failedItem) return failedItem[1];
      const m = batch!.meta;
      const at = k * META;
      return { ok: true, bytes: new Uint8Array(batch!.buffer, m[at]!, m[at + 1]! - m[at]!), identity: { size: m[at + 2]!, mtimeMs: m[at + 3]!, ctimeMs: m[at + 4]!, ino: m[at + 5]! } };
    },
    stop,
  };
}
