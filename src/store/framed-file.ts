/**
 * The framing of dossier's binary cache files: a small JSON header and binary sections, every part checked by
 * CRC-32, so a torn or damaged file is never trusted.
 *
 *   prefix: magic (8 bytes) · u32 header length · u32 count · u32 core length · u32 CRC-32 of the core
 *           · u32 number of lazy sections k · u32 0 · k × (u32 length · u32 CRC-32)
 *   core:   header JSON, padded to 8 bytes · core sections        (read and checked when the file is opened)
 *   lazy sections                                                  (each read and checked on first use)
 *
 * A warm `validate` needs only the core (identities, flags); the records' fields, several megabytes at
 * 10,000 records, are a lazy section that only the commands that show fields read.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { fstatPlain, type FileStat } from './file-stat.js';

const FIXED = 32;
const PER_SECTION = 8;
/** More lazy sections than this is not a file we wrote. */
const MAX_LAZY = 64;

const pad8 = (n: number) => (n + 7) & ~7;

/** Running CRC-32 of the pieces in turn. Empty pieces are skipped: zlib's crc32 answers 0 for a view of an empty ArrayBuffer, whatever the running value. */
const crcOf = (pieces: readonly Uint8Array[]) => pieces.reduce((crc, piece) => (piece.byteLength ? crc32(piece, crc) : crc), 0);
const lengthOf = (pieces: readonly Uint8Array[]) => pieces.reduce((n, piece) => n + piece.byteLength, 0);

export interface Framed {
  header: unknown;
  /** The count written with the header (records, entries). */
  count: number;
  /** The core's bytes after the padded header. */
  body: Buffer;
  /** Lazy section `i`, read and checked on first use; undefined when it cannot be (damaged, or the file was replaced since). */
  section(i: number): Buffer | undefined;
}

export function frame(magic: string, header: object, count: number, core: readonly Uint8Array[], lazy: readonly (readonly Uint8Array[])[] = []): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const coreParts = [headerBytes, Buffer.alloc(pad8(headerBytes.length) - headerBytes.length), ...core];
  const prefix = Buffer.alloc(FIXED + PER_SECTION * lazy.length);
  prefix.write(magic, 0, 8, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 8);
  prefix.writeUInt32LE(count, 12);
  prefix.writeUInt32LE(lengthOf(coreParts), 16);
  prefix.writeUInt32LE(crcOf(coreParts), 20);
  prefix.writeUInt32LE(lazy.length, 24);
  lazy.forEach((parts, i) => {
    prefix.writeUInt32LE(lengthOf(parts), FIXED + PER_SECTION * i);
    prefix.writeUInt32LE(crcOf(parts), FIXED + PER_SECTION * i + 4);
  });
  // One copy of everything: the checksums ran over the pieces.
  return Buffer.concat([prefix, ...coreParts, ...lazy.flat()]);
}

/** Where bytes come from: memory, or a file read at an offset. */
type ReadAt = (offset: number, length: number) => Buffer | undefined;

function decode(magic: string, readAt: ReadAt, size: number): Framed | undefined {
  const fixed = readAt(0, FIXED);
  if (!fixed || fixed.toString('latin1', 0, 8) !== magic || fixed.readUInt32LE(28) !== 0) return undefined;
  const headerLength = fixed.readUInt32LE(8);
  const coreLength = fixed.readUInt32LE(16);
  const lazyCount = fixed.readUInt32LE(24);
  if (lazyCount > MAX_LAZY || pad8(headerLength) > coreLength) return undefined;
  const table = readAt(FIXED, PER_SECTION * lazyCount);
  const coreAt = FIXED + PER_SECTION * lazyCount;
  const core = table && readAt(coreAt, coreLength);
  if (!table || !core || crc32(core) !== fixed.readUInt32LE(20)) return undefined;
  const sections: { at: number; length: number; crc: number; bytes?: Buffer | undefined }[] = [];
  let at = coreAt + coreLength;
  for (let i = 0; i < lazyCount; i++) {
    const length = table.readUInt32LE(PER_SECTION * i);
    sections.push({ at, length, crc: table.readUInt32LE(PER_SECTION * i + 4) });
    at += length;
  }
  // Exactly as long as its parts: a truncated or extended file is not the one that was written.
  if (at !== size) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(core.toString('utf8', 0, headerLength));
  } catch {
    return undefined;
  }
  return {
    header,
    count: fixed.readUInt32LE(12),
    body: core.subarray(pad8(headerLength)),
    section(i) {
      const s = sections[i];
      if (!s) return undefined;
      if (!('bytes' in s)) {
        const bytes = readAt(s.at, s.length);
        s.bytes = bytes && (s.length === 0 || crc32(bytes) === s.crc) ? bytes : undefined;
      }
      return s.bytes;
    },
  };
}

/** The framed file in `bytes`, or undefined when it is not a `magic` file or its core is damaged. */
export function unframe(magic: string, bytes: Buffer): Framed | undefined {
  return decode(magic, (offset, length) => (offset + length <= bytes.length ? bytes.subarray(offset, offset + length) : undefined), bytes.length);
}

const sameFile = (a: FileStat, b: FileStat) => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/** Read `length` bytes at `offset` of the open file, or undefined when it holds fewer. */
function readFully(fd: number, offset: number, length: number): Buffer | undefined {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) return undefined;
    done += n;
  }
  return out;
}

/**
 * The framed file at `file`, reading only its prefix and core now; undefined when it is missing, not a `magic`
 * file, or damaged. A lazy section is read later by opening the file again: if it was replaced in between (another
 * process saved), the section is not given, and the caller does without it.
 */
export function readFramed(magic: string, file: string): Framed | undefined {
  let opened: FileStat | undefined;
  const withFile = <T>(use: (fd: number) => T): T | undefined => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const st = fstatPlain(fd, file);
      if (opened ? !sameFile(opened, st) : st.kind !== 'file') return undefined;
      opened ??= st;
      return use(fd);
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  };
  // The prefix and the core in two reads while the file is open; lazy sections each open it again.
  return withFile((fd) => {
    const fixed = readFully(fd, 0, FIXED);
    if (!fixed) return undefined;
    const coreEnd = FIXED + PER_SECTION * Math.min(fixed.readUInt32LE(24), MAX_LAZY) + fixed.readUInt32LE(16);
    const rest = coreEnd <= opened!.size ? readFully(fd, FIXED, coreEnd - FIXED) : undefined;
    if (!rest) return undefined;
    return decode(magic, (offset, length) => {
      if (offset + length <= FIXED) return fixed.subarray(offset, offset + length);
      if (offset >= FIXED && offset + length <= coreEnd) return rest.subarray(offset - FIXED, offset - FIXED + length);
      return withFile((lateFd) => readFully(lateFd, offset, length));
    }, opened!.size);
  });
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
