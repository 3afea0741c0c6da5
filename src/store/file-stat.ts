/**
 * lstat and fstat as plain numbers, for the scan and the reader, which stat every record file.
 *
 * Node 20's `lstatSync` builds a `Stats` object with four `Date`s for each call: at 10,000 files that is a third
 * of the scan. Node's own fs binding returns the same numbers in one reused array, so this module uses it when it
 * can: only when it exists, when the permission model is off (the binding does not check it), when deprecation
 * warnings were not asked for, and when it gives the same answer as `lstatSync` on a first check. Otherwise it
 * falls back to the public API, with the same results.
 */
import { fstatSync, lstatSync, type Stats } from 'node:fs';
import type { FileIdentity } from './read.js';

/** What the scan and the reader need of a stat. */
export interface FileStat extends FileIdentity {
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

type StatArray = Float64Array;
interface FsBinding {
  lstat(path: string, bigint: boolean, req: undefined, throwIfNoEntry: boolean): StatArray | undefined;
  fstat(fd: number, bigint: boolean, req: undefined, throwIfNoEntry: boolean): StatArray | undefined;
}

// Positions in the binding's array (node/src/node_file.h, FsStatsOffset).
const MODE = 1;
const INO = 7;
const SIZE = 8;
const MTIME_SEC = 12;
const MTIME_NSEC = 13;
const CTIME_SEC = 14;
const CTIME_NSEC = 15;

const S_IFMT = 0o170000;
const KIND: Record<number, FileStat['kind']> = { 0o100000: 'file', 0o040000: 'directory', 0o120000: 'symlink' };

/** As Node computes `mtimeMs` from a timespec, so the numbers are identical. */
const ms = (sec: number, nsec: number) => sec * 1e3 + nsec / 1e6;

function fromArray(a: StatArray): FileStat {
  return {
    kind: KIND[a[MODE]! & S_IFMT] ?? 'other',
    size: a[SIZE]!,
    mtimeMs: ms(a[MTIME_SEC]!, a[MTIME_NSEC]!),
    ctimeMs: ms(a[CTIME_SEC]!, a[CTIME_NSEC]!),
    ino: a[INO]!,
  };
}

function fromStats(st: Stats): FileStat {
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'other';
  return { kind, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

const same = (a: FileStat | undefined, b: FileStat | undefined) =>
  !!a && !!b && a.kind === b.kind && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

let binding: FsBinding | null | undefined;

/** Node's fs binding when it is safe to use here, checked once against `lstatSync` on `probe` (a path that exists). */
function fastBinding(probe: string): FsBinding | null {
  if (binding !== undefined) return binding;
  binding = null;
  const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (process.env.DOSSIER_PUBLIC_STAT === '1' || 'permission' in process || /--(pending|throw|trace)-deprecation/.test(options)) return binding;
  try {
    const candidate = (process as unknown as { binding(name: string): FsBinding }).binding('fs');
    if (typeof candidate?.lstat !== 'function' || typeof candidate.fstat !== 'function') return binding;
    const got = candidate.lstat(probe, false, undefined, false);
    if (got instanceof Float64Array && same(fromArray(got), fromStats(lstatSync(probe)))) binding = candidate;
  } catch {
    // Not there, or not as this Node version was known to have it: the public API does the job.
  }
  return binding;
}

/** lstat of `path`, or undefined when nothing is there. Other errors throw, as `lstatSync` does. */
export function lstatPlain(path: string): FileStat | undefined {
  const fast = fastBinding(path);
  if (fast) {
    const a = fast.lstat(path, false, undefined, false);
    return a ? fromArray(a) : undefined;
  }
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st ? fromStats(st) : undefined;
}

/**
 * lstat of `path` written into `out` at `at..at+3` (size, mtimeMs, ctimeMs, ino) without allocating, when it
 * is a regular file; otherwise its kind (or undefined when nothing is there) and `out` is left alone.
 */
export function lstatFileInto(path: string, out: Float64Array, at: number): FileStat['kind'] | undefined {
  const fast = fastBinding(path);
  if (!fast) {
    const st = lstatPlain(path);
    if (st?.kind === 'file') writeIdentity(st, out, at);
    return st?.kind;
  }
  const a = fast.lstat(path, false, undefined, false);
  if (!a) return undefined;
  const kind = KIND[a[MODE]! & S_IFMT] ?? 'other';
  if (kind === 'file') {
    out[at] = a[SIZE]!;
    out[at + 1] = ms(a[MTIME_SEC]!, a[MTIME_NSEC]!);
    out[at + 2] = ms(a[CTIME_SEC]!, a[CTIME_NSEC]!);
    out[at + 3] = a[INO]!;
  }
  return kind;
}

function writeIdentity(st: FileIdentity, out: Float64Array, at: number): void {
  out[at] = st.size;
  out[at + 1] = st.mtimeMs;
  out[at + 2] = st.ctimeMs;
  out[at + 3] = st.ino;
}

/**
 * `fn` with the process in folder `dir`, given '' as the prefix of paths in it; when the process cannot change
 * folder (a worker thread, a folder that went away) `fn` gets `dir/` and works with absolute paths. The kernel
 * then walks one path component per lstat instead of six: ~30% less time for 10,000 files. The process's folder
 * is always put back, also when `fn` throws.
 */
export function inFolder<T>(dir: string, fn: (prefix: string) => T): T {
  let back: string;
  try {
    back = process.cwd();
    process.chdir(dir);
  } catch {
    return fn(`${dir}/`);
  }
  try {
    return fn('');
  } finally {
    process.chdir(back);
  }
}

/** fstat of an open file. `probe` is its path, for the one-time check of the fast path. */
export function fstatPlain(fd: number, probe: string): FileStat {
  const fast = fastBinding(probe);
  if (fast) {
    const a = fast.fstat(fd, false, undefined, false);
    if (a) return fromArray(a);
  }
  return fromStats(fstatSync(fd));
}

/** For tests: whether the fast path is in use (after a first call), and a way to check the fallback. */
export function usingFsBinding(): boolean {
  return !!binding;
}

export function resetFileStatForTests(): void {
  binding = undefined;
}
