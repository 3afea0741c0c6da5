/** The stat helpers give exactly what Node's public lstat/fstat give, through the fast path and without it. */
import { execFileSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fstatPlain, inFolder, lstatFileInto, lstatPlain, resetFileStatForTests, usingFsBinding } from '../../src/store/file-stat.js';
import { tempStore } from '../helpers/store.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dossier-stat-'));
  writeFileSync(path.join(dir, 'a.md'), 'x'.repeat(1234));
  mkdirSync(path.join(dir, 'folder'));
  symlinkSync('a.md', path.join(dir, 'link.md'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DOSSIER_PUBLIC_STAT;
  resetFileStatForTests();
});

const kindOf = (st: Stats) => (st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'other');
const expected = (st: Stats) => ({ kind: kindOf(st), size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });

for (const publicOnly of [false, true]) {
  describe(publicOnly ? 'through the public API (DOSSIER_PUBLIC_STAT=1)' : 'through the fastest path available', () => {
    const setUp = () => {
      if (publicOnly) process.env.DOSSIER_PUBLIC_STAT = '1';
      resetFileStatForTests();
    };

    it('lstat gives the same kind and identity as lstatSync for a file, a folder and a link', () => {
      setUp();
      for (const name of ['a.md', 'folder', 'link.md']) {
        const p = path.join(dir, name);
        expect(lstatPlain(p), name).toEqual(expected(lstatSync(p)));
      }
      if (publicOnly) expect(usingFsBinding()).toBe(false);
    });

    it('lstat of nothing is undefined; other errors throw as lstatSync does', () => {
      setUp();
      expect(lstatPlain(path.join(dir, 'missing.md'))).toBeUndefined();
      expect(() => lstatPlain(path.join(dir, 'a.md', 'below'))).toThrow(/ENOTDIR/);
    });

    it('lstatFileInto writes a file\'s identity in place and leaves the array alone for anything else', () => {
      setUp();
      const out = new Float64Array(8).fill(-1);
      const st = lstatSync(path.join(dir, 'a.md'));
      expect(lstatFileInto(path.join(dir, 'a.md'), out, 4)).toBe('file');
      expect(Array.from(out)).toEqual([-1, -1, -1, -1, 1234, st.mtimeMs, st.ctimeMs, st.ino]);
      expect(lstatFileInto(path.join(dir, 'link.md'), out, 0)).toBe('symlink');
      expect(lstatFileInto(path.join(dir, 'folder'), out, 0)).toBe('directory');
      expect(lstatFileInto(path.join(dir, 'missing.md'), out, 0)).toBeUndefined();
      expect(Array.from(out.subarray(0, 4))).toEqual([-1, -1, -1, -1]);
    });

    it('fstat of an open file matches lstatSync', () => {
      setUp();
      const p = path.join(dir, 'a.md');
      const fd = openSync(p, 'r');
      try {
        expect(fstatPlain(fd, p)).toEqual(expected(lstatSync(p)));
      } finally {
        closeSync(fd);
      }
    });
  });
}

it('the fast path is off under Node\'s permission model, which the binding would bypass', () => {
  // The built module, in a process of its own with the permission model on.
  const built = path.resolve(import.meta.dirname, '../../dist/src/store/file-stat.js');
  const script = `import(${JSON.stringify(pathToFileURL(built).href)}).then((m) => { m.lstatPlain(${JSON.stringify(dir)}); console.log(m.usingFsBinding()); })`;
  const run = (flags: string[]) => execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  expect(run([])).toBe('true');
  expect(run(['--experimental-permission', '--allow-fs-read=*'])).toBe('false');
  expect(run(['--pending-deprecation'])).toBe('false');
});

it('the fast path is used on this Node unless turned off', () => {
  resetFileStatForTests();
  lstatPlain(dir);
  // Node 20 and 22 have the binding; if a future Node drops it, this says so rather than silently going slow.
  expect(usingFsBinding()).toBe(true);
});

describe('inFolder', () => {
  it('runs with the process in the folder and relative paths, and puts the folder back, also after a throw', () => {
    const root = tempStore({ 'records/people/a.md': 'x' });
    const dir = path.join(root, 'records/people');
    const before = process.cwd();
    expect(inFolder(dir, (prefix) => [prefix, process.cwd(), lstatPlain(`${prefix}a.md`)?.kind])).toEqual(['', realpathSync(dir), 'file']);
    expect(process.cwd()).toBe(before);
    expect(() => inFolder(dir, () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(process.cwd()).toBe(before);
  });

  it('gives absolute paths where the process cannot go', () => {
    const missing = path.join(tempStore({}), 'gone');
    const before = process.cwd();
    expect(inFolder(missing, (prefix) => prefix)).toBe(`${missing}/`);
    expect(process.cwd()).toBe(before);
  });
});
