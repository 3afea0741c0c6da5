/** Reading one record file safely: never through a symlink, never more than the size limit. */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../core/limits.js';
import { fstatPlain } from './file-stat.js';

/** What identifies a file's version without reading it (what the cache compares). */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export type ReadResult = { ok: true; bytes: Uint8Array; identity: FileIdentity } | { ok: false; size: number } | { ok: false; error: string };

export function readRecordBytes(absolute: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NOFOLLOW: a file swapped for a symlink after the scan is refused, not followed.
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    return { ok: false, error: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  try {
    const stat = fstatPlain(fd, absolute);
    if (stat.kind !== 'file') return { ok: false, error: 'not a regular file' };
    if (stat.size > limit) return { ok: false, size: stat.size };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, bytes: bytes.subarray(0, read), identity: { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino } };
  } catch (err) {
    return { ok: false, error: (err as NodeJS.ErrnoException).code ?? String(err) };
  } finally {
    closeSync(fd);
  }
}
