/**
 * Replacing a whole output folder at once (`dossier export site --out DIR`): every file is written into a new
 * temp folder beside DIR, then the old DIR is renamed away, the new one renamed in and the old one removed. A
 * page of a removed record does not linger, and a reader never sees half a site. The temp folders start with a
 * dot and carry the pid; leftovers of a run that crashed are removed by the next run.
 *
 * A folder is replaced only when it is empty or holds the marker file an earlier run wrote, so that
 * `--out .` or `--out ~/Documents` can never delete anything that is not a site dossier wrote.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fsyncDir } from './write.js';

/** The file that marks a folder as written by `dossier export site`. */
export const SITE_MARKER = '.dossier-site';
export const SITE_MARKER_TEXT = 'This folder is written by `dossier export site` and replaced whole on every run: keep nothing else in it.\n';

export type FolderProblem = 'not-a-folder' | 'not-ours';

export class FolderRefused extends Error {
  constructor(readonly problem: FolderProblem) {
    super(problem);
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove `.DIR.dossier-new-PID-*` and `.DIR.dossier-old-PID-*` left by runs whose process is gone. */
function removeLeftovers(parent: string, base: string): void {
  const pattern = new RegExp(`^\\.${escapeRe(base)}\\.dossier-(?:new|old)-(\\d+)-[0-9a-z]+$`);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/** What is at `target` now: nothing, an empty folder, a folder this module wrote; anything else is refused. */
function inspect(target: string): 'none' | 'empty' | 'ours' {
  let st;
  try {
    st = lstatSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
  if (!st.isDirectory()) throw new FolderRefused('not-a-folder');
  const names = readdirSync(target);
  if (names.length === 0) return 'empty';
  try {
    if (lstatSync(path.join(target, SITE_MARKER)).isFile()) return 'ours';
  } catch {
    // no marker
  }
  throw new FolderRefused('not-ours');
}

let counter = 0;
const suffix = () => `${process.pid}-${(Date.now() + counter++).toString(36)}`;

/**
 * Write `files` (relative paths with `/`) as the whole content of `target`, plus the marker file, taking each
 * file from the iterable only when the one before is written. Returns the paths written, in order. Throws
 * FolderRefused when `target` is something this must not replace, or the file system's error.
 */
export function replaceFolder(target: string, files: Iterable<readonly [string, string | Uint8Array]>): string[] {
  const parent = path.dirname(target);
  const base = path.basename(target);
  mkdirSync(parent, { recursive: true });
  removeLeftovers(parent, base);
  const before = inspect(target);

  const fresh = path.join(parent, `.${base}.dossier-new-${suffix()}`);
  mkdirSync(fresh);
  const written: string[] = [];
  try {
    const made = new Set<string>();
    for (const [rel, content] of files) {
      const parts = rel.split('/');
      // Paths come from site-paths.ts; this only guards against a bug turning into a write outside the folder.
      if (parts.some((p) => p === '' || p === '.' || p === '..') || path.isAbsolute(rel)) throw new Error(`not a site path: ${rel}`);
      const dir = parts.slice(0, -1).join('/');
      if (dir && !made.has(dir)) {
        mkdirSync(path.join(fresh, dir), { recursive: true });
        made.add(dir);
      }
      writeFileSync(path.join(fresh, rel), content, { flag: 'wx' });
      written.push(rel);
    }
    writeFileSync(path.join(fresh, SITE_MARKER), SITE_MARKER_TEXT, { flag: 'wx' });
    fsyncDir(fresh);
  } catch (err) {
    rmSync(fresh, { recursive: true, force: true });
    throw err;
  }

  if (before === 'none') {
    swapIn(fresh, target);
  } else if (before === 'empty') {
    rmdirSync(target);
    swapIn(fresh, target);
  } else {
    const old = path.join(parent, `.${base}.dossier-old-${suffix()}`);
    try {
      renameSync(target, old);
    } catch (err) {
      rmSync(fresh, { recursive: true, force: true });
      throw err;
    }
    try {
      renameSync(fresh, target);
    } catch (err) {
      // Put the old site back rather than leave nothing.
      try {
        renameSync(old, target);
      } catch {
        // the old site stays at `old`; the next run removes it
      }
      rmSync(fresh, { recursive: true, force: true });
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
  }
  fsyncDir(parent);
  return written;
}

function swapIn(fresh: string, target: string): void {
  try {
    renameSync(fresh, target);
  } catch (err) {
    rmSync(fresh, { recursive: true, force: true });
    throw err;
  }
}
