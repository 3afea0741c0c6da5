/**
 * The framing of dossier's binary cache files: read with one call, checked whole, a small JSON header in front
 * of binary sections.
 *
 *   magic (8 bytes) · u32 header length · u32 count · u32 CRC-32 of everything after the prefix · u32 0
 *   header JSON, padded to 8 bytes · sections
 */
import { crc32 } from 'node:zlib';

const PREFIX = 24;

const pad8 = (n: number) => (n + 7) & ~7;

export interface Unframed {
  header: unknown;
  /** The count written with the header (records, entries). */
  count: number;
  /** The bytes after the padded header. */
  body: Buffer;
}

export function frame(magic: string, header: object, count: number, sections: readonly Uint8Array[]): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const body = [headerBytes, Buffer.alloc(pad8(headerBytes.length) - headerBytes.length), ...sections];
  const prefix = Buffer.alloc(PREFIX);
  prefix.write(magic, 0, 8, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 8);
  prefix.writeUInt32LE(count, 12);
  // The checksum runs over the pieces in turn, so the file is put together (copied) once. Empty pieces are
  // skipped: zlib's crc32 answers 0 for a view of an empty ArrayBuffer, whatever the running value.
  prefix.writeUInt32LE(body.reduce((crc, piece) => (piece.byteLength ? crc32(piece, crc) : crc), 0), 16);
  return Buffer.concat([prefix, ...body]);
}

/** The header and sections of `bytes`, or undefined when they are not a `magic` file or are damaged. */
export function unframe(magic: string, bytes: Buffer): Unframed | undefined {
  if (bytes.length < PREFIX || bytes.toString('latin1', 0, 8) !== magic || bytes.readUInt32LE(20) !== 0) return undefined;
  const headerLength = bytes.readUInt32LE(8);
  if (PREFIX + pad8(headerLength) > bytes.length || crc32(bytes.subarray(PREFIX)) !== bytes.readUInt32LE(16)) return undefined;
  try {
    const header: unknown = JSON.parse(bytes.toString('utf8', PREFIX, PREFIX + headerLength));
    return { header, count: bytes.readUInt32LE(12), body: bytes.subarray(PREFIX + pad8(headerLength)) };
  } catch {
    return undefined;
  }
}

/** A Float64Array copy of `length` numbers at `offset` (a Buffer's own offset need not be 8-byte aligned). */
export function float64At(bytes: Buffer, offset: number, length: number): Float64Array {
  const start = bytes.byteOffset + offset;
  return new Float64Array(bytes.buffer.slice(start, start + length * 8));
}

/** Count of `separator`-joined items in `joined` ('' holds none). */
export function countJoined(joined: string, separator: string): number {
  let n = joined === '' ? 0 : 1;
  for (let at = joined.indexOf(separator); at !== -1; at = joined.indexOf(separator, at + 1)) n++;
  return n;
}
