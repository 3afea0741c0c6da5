/**
 * The on-disk form of the record cache: one file, read with one call and checked whole (see framed-file.ts),
 * holding a small JSON header and binary columns, so a warm run allocates almost nothing per record.
 *
 *   header JSON · Float64 rows of STRIDE numbers · SHA-1 of each file (20 bytes each)
 *   fields blob · references blob (each record's JSON text, found through the end offsets in its row)
 *
 * Files, diagnostics and parents are in the header; records without diagnostics cost nothing there.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { countJoined, float64At, frame, unframe } from './framed-file.js';
import type { FileIdentity } from './read.js';

const MAGIC = 'DOSSIERC';
/** The numbers of a row, in order: the file's identity, flags, where its body starts, where its JSON ends in each blob. */
export const COL = { size: 0, mtimeMs: 1, ctimeMs: 2, ino: 3, flags: 4, bodyLine: 5, bodyOffset: 6, fieldsEnd: 7, refsEnd: 8 } as const;
/** Numbers per row. */
export const STRIDE = 9;
export const HASH_BYTES = 20;
/** Between file names in the header: the one character no file name can hold. */
export const FILE_SEPARATOR = '\0';

export const FLAG_VALID = 1;
/** Written within the racy window of its change: identity alone does not prove it unchanged. */
export const FLAG_RACY = 2;
/** The rule diagnostics are known (possibly none). */
export const FLAG_RULES = 4;

/** Per-record extras, only for records that have any. */
export interface PackExtra {
  /** Problems of the file alone. */
  d?: Diagnostic[];
  /** Rule diagnostics, when known and not empty. */
  r?: Diagnostic[];
  /** `parent` of an organisation. */
  p?: string;
}

export interface PackHeader {
  format: number;
  /** Changes with dossier's code and schemas. */
  key: string;
  /** The context rule diagnostics were computed in. */
  rulesContext: string;
  /** Record files, relative to the root, in scan order, joined by FILE_SEPARATOR (compared whole on a warm run). */
  files: string;
  /** Record index -> extras. */
  extra: Record<string, PackExtra>;
  /** Unique-id and parent-cycle diagnostics of the whole store (null when that run did not compute them). */
  storeDiagnostics: Diagnostic[] | null;
}

/** A decoded pack: the header parsed, the columns as views over the file's bytes. */
export interface Pack {
  header: Omit<PackHeader, 'extra'>;
  /** Record index -> extras; a Map, since looking up a missing key is most lookups. */
  extra: Map<number, PackExtra>;
  rows: Float64Array;
  hashes: Buffer;
  fields: Buffer;
  refs: Buffer;
}

/** One record as it goes into a pack. */
export interface PackRecord {
  identity: FileIdentity;
  flags: number;
  bodyLine: number;
  bodyOffset: number;
  /** 20 bytes. */
  hash: Uint8Array;
  fieldsJson: Uint8Array;
  refsJson: Uint8Array;
  extra: PackExtra | undefined;
}

export function encodePack(header: Omit<PackHeader, 'extra'>, records: readonly PackRecord[]): Buffer {
  const extra: Record<string, PackExtra> = {};
  records.forEach((r, i) => {
    if (r.extra) extra[i] = r.extra;
  });
  const n = records.length;
  const rows = new Float64Array(n * STRIDE);
  let fieldsEnd = 0;
  let refsEnd = 0;
  records.forEach((r, i) => {
    fieldsEnd += r.fieldsJson.length;
    refsEnd += r.refsJson.length;
    const at = i * STRIDE;
    rows[at + COL.size] = r.identity.size;
    rows[at + COL.mtimeMs] = r.identity.mtimeMs;
    rows[at + COL.ctimeMs] = r.identity.ctimeMs;
    rows[at + COL.ino] = r.identity.ino;
    rows[at + COL.flags] = r.flags;
    rows[at + COL.bodyLine] = r.bodyLine;
    rows[at + COL.bodyOffset] = r.bodyOffset;
    rows[at + COL.fieldsEnd] = fieldsEnd;
    rows[at + COL.refsEnd] = refsEnd;
  });
  return frame(MAGIC, { ...header, extra } satisfies PackHeader, n, [
    Buffer.from(rows.buffer),
    ...coalesce(records.map((r) => r.hash)),
    ...coalesce(records.map((r) => r.fieldsJson)),
    ...coalesce(records.map((r) => r.refsJson)),
  ]);
}

/**
 * Adjacent views of one buffer merged into one: a save after a small change copies the old pack's blobs in a
 * few large pieces rather than one per record.
 */
function coalesce(parts: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let run: Uint8Array | undefined;
  let runEnd = 0;
  const flush = () => {
    if (run) out.push(runEnd === run.byteOffset + run.byteLength ? run : new Uint8Array(run.buffer, run.byteOffset, runEnd - run.byteOffset));
  };
  for (const p of parts) {
    if (run && run.buffer === p.buffer && runEnd === p.byteOffset) {
      runEnd += p.byteLength;
      continue;
    }
    flush();
    run = p;
    runEnd = p.byteOffset + p.byteLength;
  }
  flush();
  return out;
}

/** The pack in `bytes`, or undefined when it is not one, is damaged, or does not hold together. */
export function decodePack(bytes: Buffer): Pack | undefined {
  const framed = unframe(MAGIC, bytes);
  if (!framed) return undefined;
  const { count: n, body } = framed;
  const header = framed.header as PackHeader | null;
  if (!header || typeof header !== 'object' || typeof header.files !== 'string' || !header.extra || typeof header.extra !== 'object') return undefined;
  if ((header.storeDiagnostics !== null && !Array.isArray(header.storeDiagnostics)) || countJoined(header.files, FILE_SEPARATOR) !== n) return undefined;
  const hashesAt = n * STRIDE * 8;
  const fieldsAt = hashesAt + n * HASH_BYTES;
  if (fieldsAt > body.length) return undefined;
  const rows = float64At(body, 0, n * STRIDE);
  const fieldsLength = n ? rows[(n - 1) * STRIDE + COL.fieldsEnd]! : 0;
  const refsLength = n ? rows[(n - 1) * STRIDE + COL.refsEnd]! : 0;
  if (fieldsAt + fieldsLength + refsLength !== body.length) return undefined;
  const { extra, ...rest } = header;
  return {
    header: rest,
    extra: new Map(Object.entries(extra).map(([k, v]) => [Number(k), v])),
    rows,
    hashes: body.subarray(hashesAt, fieldsAt),
    fields: body.subarray(fieldsAt, fieldsAt + fieldsLength),
    refs: body.subarray(fieldsAt + fieldsLength),
  };
}
