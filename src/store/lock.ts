/**
 * One writer at a time: `.dossier/lock` in the store, created with O_EXCL and holding the writer's pid.
 * A second writer waits a few seconds, then fails with a clear message. A lock left by a process that no
 * longer exists (on this machine) is taken over. `.dossier/` ignores itself, so git never sees the lock.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CliError } from '../errors.js';

let os: typeof import('node:os') | undefined;

/** This machine's name. node:os is loaded on first use (~2 ms), which a read-only run never makes. */
export function hostname(): string {
  os ??= createRequire(import.meta.url)('node:os') as typeof import('node:os');
  return os.hostname();
}

export interface Lock {
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  command?: string;
}

export const LOCK_DIR = '.dossier';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process with this pid exists on this machine. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

function ensureDir(root: string): string {
  const dir = path.join(root, LOCK_DIR);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  } catch {
    // already there
  }
  return dir;
}

/**
 * Create `file` holding `info`, unless it exists. The content is written to a file of this process's own first
 * and hard-linked into place (link, like O_EXCL, fails when the name exists): a process killed at any moment
 * leaves either no lock or a whole one, never an empty lock that the next writer cannot tell from a live one.
 * Where hard links are not supported, the file is created with O_EXCL and then written.
 */
function tryCreate(file: string, info: LockInfo): boolean {
  const own = `${file}.${process.pid}.tmp`;
  writeFileSync(own, JSON.stringify(info), { mode: 0o644 });
  try {
    linkSync(own, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  } finally {
    rmSync(own, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Take over a lock whose process is gone. The takeover itself is guarded by a second O_EXCL file, so two
 * waiting writers cannot both remove it (and one remove the other's fresh lock).
 */
function takeOverStale(file: string): void {
  const info = readInfo(file);
  let stale: boolean;
  if (info) stale = info.host === hostname() && !alive(info.pid);
  else {
    // Unreadable or half-written: stale only when it is old (a writer may be between open and write).
    try {
      stale = Date.now() - statSync(file).mtimeMs > 10_000;
    } catch {
      return;
    }
  }
  if (!stale) return;
  const guard = `${file}.takeover`;
  try {
    if (Date.now() - statSync(guard).mtimeMs > 10_000) rmSync(guard, { force: true });
  } catch {
    // no guard yet
  }
  if (!tryCreate(guard, { pid: process.pid, host: hostname(), since: new Date().toISOString() })) return;
  try {
    const again = readInfo(file);
    if (JSON.stringify(again) === JSON.stringify(info)) {
      const aside = `${file}.stale.${process.pid}`;
      renameSync(file, aside);
      rmSync(aside, { force: true });
    }
  } catch {
    // someone else dealt with it
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Acquire the store's write lock, waiting up to `timeoutMs`. */
export async function acquireLock(root: string, options: { timeoutMs?: number; command?: string } = {}): Promise<Lock> {
  const file = path.join(ensureDir(root), 'lock');
  const timeout = options.timeoutMs ?? 5000;
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: options.command };
  const deadline = Date.now() + timeout;
  for (;;) {
    if (tryCreate(file, info)) break;
    takeOverStale(file);
    if (tryCreate(file, info)) break;
    if (Date.now() >= deadline) {
      const holder = readInfo(file);
      const who = holder ? `dossier process ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}${holder.command ? ` (${holder.command})` : ''}, since ${holder.since}` : 'another dossier process';
      throw new CliError(
        `the store is locked by ${who}; gave up after ${Math.round(timeout / 1000)} s`,
        1,
        `try again when it has finished; if no dossier is running, delete ${path.join(root, LOCK_DIR, 'lock')}`,
      );
    }
    await sleep(100);
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const current = readInfo(file);
      if (current && current.pid === process.pid && current.since === info.since) rmSync(file, { force: true });
    },
  };
}
