/**
 * The on-disk form of the record cache: one file (see framed-file.ts) holding a small JSON header and binary
 * columns, so a warm run allocates almost nothing per record.
 *
 *   core:  header JSON · the files, UTF-8, joined by FILE_SEPARATOR · Float64 rows of STRIDE numbers
 *          · SHA-1 of each file (20 bytes each)
 *   lazy:  fields blob · references blob · scalar fields blob (each record's JSON text, found through the
 *          end offsets in its row)
 *
 * Diagnostics and parents are in the header; records without diagnostics cost nothing there. The blobs are read
 * only by the commands that need fields or references, so a warm `validate` reads a fifth of the file.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { float64At, frame, readFramed, unframe, type Framed } from './framed-file.js';
import type { FileIdentity } from './read.js';

const MAGIC = 'DOSSIERC';
/** The numbers of a row, in order: the file's identity, flags, where its body starts, where its JSON ends in each blob. */
export const COL = { size: 0, mtimeMs: 1, ctimeMs: 2, ino: 3, flags: 4, bodyLine: 5, bodyOffset: 6, fieldsEnd: 7, refsEnd: 8, scalarsEnd: 9 } as const;
/** Numbers per row. */
export const STRIDE = 10;
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
  /**
   * The day rule diagnostics were computed for. They depend on the record, the ids with their types (the files)
   * and today: with the same files, they hold while it is the same day.
   */
  today: string;
  /** Record files, relative to the root, in scan order, joined by FILE_SEPARATOR (compared whole on a warm run). */
  files: string;
  /** Unique-id and parent-cycle diagnostics of the whole store (null when that run did not compute them). */
  storeDiagnostics: Diagnostic[] | null;
}

/** The header as stored: the files are a section of their own (UTF-8 decodes faster than JSON with a `\u0000` between each). */
interface StoredHeader extends Omit<PackHeader, 'files'> {
  /** Length of the files section in bytes. */
  filesBytes: number;
  /** Record index -> extras. */
  extra: Record<string, PackExtra>;
}

/** A decoded pack: the header parsed, the columns as views over the file's bytes, the blobs read on first use. */
export interface Pack {
  header: PackHeader;
  /** Record index -> extras; a Map, since looking up a missing key is most lookups. */
  extra: Map<number, PackExtra>;
  /** How many records; `header.files` names as many, which the reader checks when it splits them. */
  count: number;
  rows: Float64Array;
  hashes: Buffer;
  /** The fields blob, or undefined when it cannot be read back (damaged, or the file was replaced since). */
  fields(): Buffer | undefined;
  /** The references blob, likewise. */
  refs(): Buffer | undefined;
  /** The scalar fields blob (ScalarFields of each valid record, else null), likewise. */
  scalars(): Buffer | undefined;
}

/**
 * Bytes of a record: its own, or a range of a buffer (an old pack's blob). A range is a plain object, far
 * cheaper than a view per record when a save copies 10,000 unchanged records.
 */
export type PackBytes = Uint8Array | { of: Uint8Array; start: number; end: number };

const byteLength = (b: PackBytes) => ('of' in b ? b.end - b.start : b.length);

/** One record as it goes into a pack. */
export interface PackRecord {
  identity: FileIdentity;
  flags: number;
  bodyLine: number;
  bodyOffset: number;
  /** 20 bytes. */
  hash: PackBytes;
  fieldsJson: PackBytes;
  refsJson: PackBytes;
  scalarsJson: PackBytes;
  extra: PackExtra | undefined;
}

export function encodePack(header: PackHeader, records: readonly PackRecord[]): Buffer {
  const extra: Record<string, PackExtra> = {};
  records.forEach((r, i) => {
    if (r.extra) extra[i] = r.extra;
  });
  const n = records.length;
  const rows = new Float64Array(n * STRIDE);
  let fieldsEnd = 0;
  let refsEnd = 0;
  let scalarsEnd = 0;
  records.forEach((r, i) => {
    fieldsEnd += byteLength(r.fieldsJson);
    refsEnd += byteLength(r.refsJson);
    scalarsEnd += byteLength(r.scalarsJson);
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
    rows[at + COL.scalarsEnd] = scalarsEnd;
  });
  const { files, ...rest } = header;
  const filesBytes = Buffer.from(files, 'utf8');
  return frame(MAGIC, { ...rest, filesBytes: filesBytes.length, extra } satisfies StoredHeader, n, [
    filesBytes,
    Buffer.from(rows.buffer),
    ...coalesce(records.map((r) => r.hash)),
  ], [
    coalesce(records.map((r) => r.fieldsJson)),
    coalesce(records.map((r) => r.refsJson)),
    coalesce(records.map((r) => r.scalarsJson)),
  ]);
}

/**
 * Adjacent ranges of one buffer merged into one view: a save after a small change copies the old pack's blobs
 * in a few large pieces rather than one per record.
 */
function coalesce(parts: readonly PackBytes[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let of: Uint8Array | undefined;
  let start = 0;
  let end = 0;
  const flush = () => {
    if (of) out.push(of.subarray(start, end));
  };
  for (const p of parts) {
    const range = 'of' in p ? p : { of: p, start: 0, end: p.length };
    if (of && range.of === of && range.start === end) {
      end = range.end;
      continue;
    }
    flush();
    ({ of, start, end } = range);
  }
  flush();
  return out;
}

/** The pack in the file at `file`, reading its blobs only when asked; undefined when it is missing, not a pack, or damaged. */
export function readPack(file: string): Pack | undefined {
  const framed = readFramed(MAGIC, file);
  return framed && decodeFramed(framed);
}

/** The pack in `bytes` (as readPack reads a file). */
export function decodePack(bytes: Buffer): Pack | undefined {
  const framed = unframe(MAGIC, bytes);
  return framed && decodeFramed(framed);
}

function decodeFramed(framed: Framed): Pack | undefined {
  const { count: n, body } = framed;
  const stored = framed.header as StoredHeader | null;
  if (!stored || typeof stored !== 'object' || typeof stored.filesBytes !== 'number' || !stored.extra || typeof stored.extra !== 'object') return undefined;
  if (stored.storeDiagnostics !== null && !Array.isArray(stored.storeDiagnostics)) return undefined;
  const rowsAt = stored.filesBytes;
  const hashesAt = rowsAt + n * STRIDE * 8;
  if (hashesAt + n * HASH_BYTES !== body.length) return undefined;
  const files = body.toString('utf8', 0, rowsAt);
  const rows = float64At(body, rowsAt, n * STRIDE);
  // A blob is trusted only when it is exactly as long as the rows say.
  const blob = (section: number, column: number) => {
    const bytes = framed.section(section);
    return bytes && bytes.length === (n ? rows[(n - 1) * STRIDE + column]! : 0) ? bytes : undefined;
  };
  const { extra, filesBytes: _, ...rest } = stored;
  return {
    header: { ...rest, files },
    extra: new Map(Object.entries(extra).map(([k, v]) => [Number(k), v])),
    count: n,
    rows,
    hashes: body.subarray(hashesAt),
    fields: () => blob(0, COL.fieldsEnd),
    refs: () => blob(1, COL.refsEnd),
    scalars: () => blob(2, COL.scalarsEnd),
  };
}
