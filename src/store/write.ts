/** Atomic writes: a temp file in the same folder, fsync, rename. A reader sees the old file or the new one, never half. */
import { closeSync, constants, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Temp files start with a dot so the scanner skips them, and carry the pid so a crashed run's leftovers are recognisable. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

export interface AtomicWriteOptions {
  /** Permission bits of the new file (a rewritten record keeps its own); default 0644 less the umask. */
  mode?: number;
  /** Runs once the temp file is written and synced, before the rename (the crash tests pause there). */
  beforeRename?: () => void;
  /**
   * fsync the data before the rename (default true). Caches skip it: after a crash they may find the new name
   * with lost data, which their checksum rejects, and they are rebuilt.
   */
  sync?: boolean;
}

export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const tmp = tempPathFor(file);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    if (options.mode !== undefined) fchmodSync(fd, options.mode & 0o7777);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    if (options.sync !== false) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    options.beforeRename?.();
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** fsync a folder, so a rename or unlink in it survives a crash; a no-op where folders cannot be opened. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems do not allow it; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
