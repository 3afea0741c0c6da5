/**
 * The on-disk form of the record cache: one file, read with one call and checked whole (CRC-32), holding a small
 * JSON header and binary columns, so a warm run allocates almost nothing per record.
 *
 *   "DOSSIERC" · u32 header length · u32 record count · u32 CRC-32 of everything after it · u32 0
 *   header JSON (padded to 8 bytes) · Float64 rows of STRIDE numbers · SHA-1 of each file (20 bytes each)
 *   fields blob · references blob (each record's JSON text, found through the end offsets in its row)
 *
 * Files, diagnostics and parents are in the header; records without diagnostics cost nothing there.
 */
import { crc32 } from 'node:zlib';
import type { Diagnostic } from '../core/diagnostic.js';
import type { FileIdentity } from './read.js';

const MAGIC = Buffer.from('DOSSIERC', 'latin1');
const PREFIX = 24;
/** Numbers per row: size, mtimeMs, ctimeMs, ino, flags, bodyLine, bodyOffset, end of fields JSON, end of references JSON. */
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

const pad8 = (n: number) => (n + 7) & ~7;

export function encodePack(header: Omit<PackHeader, 'extra'>, records: readonly PackRecord[]): Buffer {
  const extra: Record<string, PackExtra> = {};
  records.forEach((r, i) => {
    if (r.extra) extra[i] = r.extra;
  });
  const headerBytes = Buffer.from(JSON.stringify({ ...header, extra } satisfies PackHeader), 'utf8');
  const n = records.length;
  const rows = new Float64Array(n * STRIDE);
  let fieldsEnd = 0;
  let refsEnd = 0;
  records.forEach((r, i) => {
    fieldsEnd += r.fieldsJson.length;
    refsEnd += r.refsJson.length;
    rows.set([r.identity.size, r.identity.mtimeMs, r.identity.ctimeMs, r.identity.ino, r.flags, r.bodyLine, r.bodyOffset, fieldsEnd, refsEnd], i * STRIDE);
  });
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, 8);
  prefix.writeUInt32LE(n, 12);
  const body = Buffer.concat([
    headerBytes,
    Buffer.alloc(pad8(headerBytes.length) - headerBytes.length),
    Buffer.from(rows.buffer),
    ...records.map((r) => r.hash),
    ...records.map((r) => r.fieldsJson),
    ...records.map((r) => r.refsJson),
  ]);
  prefix.writeUInt32LE(crc32(body), 16);
  return Buffer.concat([prefix, body]);
}

/** The pack in `bytes`, or undefined when it is not one, is damaged, or does not hold together. */
export function decodePack(bytes: Buffer): Pack | undefined {
  if (bytes.length < PREFIX || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(20) !== 0) return undefined;
  const headerLength = bytes.readUInt32LE(8);
  const n = bytes.readUInt32LE(12);
  if (crc32(bytes.subarray(PREFIX)) !== bytes.readUInt32LE(16)) return undefined;
  const rowsAt = PREFIX + pad8(headerLength);
  const hashesAt = rowsAt + n * STRIDE * 8;
  const fieldsAt = hashesAt + n * HASH_BYTES;
  if (fieldsAt > bytes.length) return undefined;
  let header: PackHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX, PREFIX + headerLength)) as PackHeader;
  } catch {
    return undefined;
  }
  if (!header || typeof header.files !== 'string' || !header.extra || typeof header.extra !== 'object' || (header.storeDiagnostics !== null && !Array.isArray(header.storeDiagnostics))) return undefined;
  let files = header.files === '' ? 0 : 1;
  for (let at = header.files.indexOf(FILE_SEPARATOR); at !== -1; at = header.files.indexOf(FILE_SEPARATOR, at + 1)) files++;
  if (files !== n) return undefined;
  // A copy: Float64Array needs 8-byte alignment, which a Buffer's offset does not promise.
  const rows = new Float64Array(bytes.buffer.slice(bytes.byteOffset + rowsAt, bytes.byteOffset + hashesAt));
  const fieldsLength = n ? rows[(n - 1) * STRIDE + 7]! : 0;
  const refsLength = n ? rows[(n - 1) * STRIDE + 8]! : 0;
  if (fieldsAt + fieldsLength + refsLength !== bytes.length) return undefined;
  const { extra, ...rest } = header;
  return {
    header: rest,
    extra: new Map(Object.entries(extra).map(([k, v]) => [Number(k), v])),
    rows,
    hashes: bytes.subarray(hashesAt, fieldsAt),
    fields: bytes.subarray(fieldsAt, fieldsAt + fieldsLength),
    refs: bytes.subarray(fieldsAt + fieldsLength),
  };
}
