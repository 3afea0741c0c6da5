/**
 * Reading on a worker thread gives exactly what reading on the main thread gives, file by file and in order.
 * The worker only exists compiled (dist/), so this drives the built module, as the CLI does.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordBytes } from '../../src/store/read.js';
import { tempStore } from '../helpers/store.js';

const built = (await import(path.resolve('dist/src/store/read-ahead.js'))) as typeof import('../../src/store/read-ahead.js');

const normal = (r: ReturnType<typeof readRecordBytes>) => (r.ok ? { ok: true, bytes: Buffer.from(r.bytes).toString('latin1'), identity: r.identity } : r);

describe('readFiles on a worker thread', () => {
  it('gives every file, missing ones, folders and links as the main thread does, in order', () => {
    const root = tempStore();
    const dir = path.join(root, 'records/people');
    mkdirSync(dir, { recursive: true });
    const paths: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const file = path.join(dir, `p${i}.md`);
      // Sizes from empty to a few kilobytes, bytes of every value.
      writeFileSync(file, Buffer.from(Array.from({ length: (i * 37) % 5000 }, (_, k) => (k * 7 + i) % 256)));
      paths.push(file);
    }
    symlinkSync(paths[0]!, path.join(dir, 'link.md'));
    mkdirSync(path.join(dir, 'folder.md'));
    paths.splice(500, 0, path.join(dir, 'missing.md'), path.join(dir, 'link.md'), path.join(dir, 'folder.md'));

    const reader = built.readFiles(paths, 1);
    expect(reader.threaded).toBe(true);
    const got = paths.map(() => normal(reader.next()));
    reader.close();
    expect(got).toEqual(paths.map((p) => normal(readRecordBytes(p))));
    expect(got[500]).toMatchObject({ ok: false, error: 'ENOENT' });
    expect(got[501]).toMatchObject({ ok: false, error: 'ELOOP' });
    expect(got[502]).toMatchObject({ ok: false });
  });

  it('reads on the main thread below the threshold, and for an empty list', () => {
    const reader = built.readFiles([], 1);
    reader.close();
    const root = tempStore({ 'records/people/a.md': 'x' });
    const small = built.readFiles([path.join(root, 'records/people/a.md')]);
    expect(small.threaded).toBe(false);
    expect(normal(small.next())).toMatchObject({ ok: true, bytes: 'x' });
    small.close();
  });
});
