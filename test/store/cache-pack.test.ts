/** The cache file format: what goes in comes back out, and a damaged file is never taken for a good one. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COL, decodePack, encodePack, FILE_SEPARATOR, FLAG_VALID, readPack, STRIDE, type PackRecord } from '../../src/store/cache-pack.js';

const diag = { file: 'records/people/a.md', line: 2, column: 1, severity: 'error' as const, code: 'schema/required', message: 'm' };

function record(n: number, extra?: PackRecord['extra']): PackRecord {
  return {
    identity: { size: 100 + n, mtimeMs: 1_700_000_000_000.5 + n, ctimeMs: 1_700_000_000_001.25 + n, ino: 4_000_000_000 + n },
    flags: n % 2 ? FLAG_VALID : 0,
    bodyLine: 5 + n,
    bodyOffset: 40 + n,
    hash: Buffer.alloc(20, n),
    fieldsJson: Buffer.from(JSON.stringify({ name: `Org ${n}`, city: 'Niš' })),
    refsJson: Buffer.from(JSON.stringify([[['member_of', 0], `net-${n}`]])),
    scalarsJson: Buffer.from(JSON.stringify({ values: { name: `Org ${n}`, city: 'Niš' }, more: ['member_of'] })),
    extra,
  };
}

const header = (n: number) => ({
  format: 7, key: 'k', today: '2026-11-29',
  files: Array.from({ length: n }, (_, i) => `records/organisations/o${i}.md`).join(FILE_SEPARATOR),
  storeDiagnostics: null,
});

describe('encodePack / decodePack', () => {
  it('round-trips every column, blob and extra', () => {
    const records = [record(0), record(1, { d: [diag], p: 'parent-org' }), record(2, { r: [] })];
    const pack = decodePack(encodePack(header(3), records))!;
    expect(pack.header).toEqual(header(3));
    expect(pack.count).toBe(3);
    expect(Array.from(pack.rows.subarray(STRIDE, 2 * STRIDE))).toEqual([101, 1_700_000_000_001.5, 1_700_000_000_002.25, 4_000_000_001, FLAG_VALID, 6, 41, expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(pack.hashes.subarray(20, 40)).toEqual(Buffer.alloc(20, 1));
    expect(pack.extra.get(1)).toEqual({ d: [diag], p: 'parent-org' });
    expect(pack.extra.has(0)).toBe(false);
    const fieldsEnd = (i: number) => pack.rows[i * STRIDE + COL.fieldsEnd]!;
    expect(JSON.parse(pack.fields()!.toString('utf8', fieldsEnd(1), fieldsEnd(2)))).toEqual({ name: 'Org 2', city: 'Niš' });
    const refsEnd = (i: number) => pack.rows[i * STRIDE + COL.refsEnd]!;
    expect(JSON.parse(pack.refs()!.toString('utf8', 0, refsEnd(0)))).toEqual([[['member_of', 0], 'net-0']]);
    const scalarsEnd = (i: number) => pack.rows[i * STRIDE + COL.scalarsEnd]!;
    expect(JSON.parse(pack.scalars()!.toString('utf8', scalarsEnd(0), scalarsEnd(1)))).toEqual({ values: { name: 'Org 1', city: 'Niš' }, more: ['member_of'] });
  });

  it('holds an empty store', () => {
    const pack = decodePack(encodePack(header(0), []))!;
    expect(pack.header.files).toBe('');
    expect(pack.rows.length).toBe(0);
  });

  it('refuses damaged, truncated, extended and foreign files', () => {
    const good = encodePack(header(2), [record(0), record(1)]);
    expect(decodePack(good)).toBeDefined();
    for (let at = 0; at < good.length; at += 7) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x01;
      // The core is checked when the pack is opened; each blob when it is first asked for.
      const pack = decodePack(bad);
      expect(pack === undefined || pack.fields() === undefined || pack.refs() === undefined || pack.scalars() === undefined, `byte ${at} flipped`).toBe(true);
    }
    expect(decodePack(good.subarray(0, good.length - 1))).toBeUndefined();
    expect(decodePack(Buffer.concat([good, Buffer.from([0])]))).toBeUndefined();
    expect(decodePack(Buffer.alloc(0))).toBeUndefined();
    expect(decodePack(Buffer.from('{"format":4,"entries":{}}'))).toBeUndefined();
  });

  it('reads a file\'s blobs only when asked, and not from a file replaced in between', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-pack-'));
    try {
      const file = path.join(dir, 'records.bin');
      writeFileSync(file, encodePack(header(2), [record(0), record(1)]));
      const kept = readPack(file)!;
      const replaced = readPack(file)!;
      expect(JSON.parse(kept.fields()!.toString('utf8', 0, kept.rows[7]!))).toEqual({ name: 'Org 0', city: 'Niš' });
      // Another process saves the same bytes under a new inode: `replaced` has not read its blobs yet.
      writeFileSync(`${file}.tmp`, readFileSync(file));
      renameSync(`${file}.tmp`, file);
      expect(replaced.fields()).toBeUndefined();
      expect(replaced.refs()).toBeUndefined();
      expect(kept.fields()).toBeDefined();
      expect(readPack(file)!.refs()).toBeDefined();
      writeFileSync(file, readFileSync(file).subarray(0, 100));
      expect(readPack(file)).toBeUndefined();
      expect(readPack(path.join(dir, 'missing.bin'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how many rows it has, for the reader to check the file list against (see cache.test.ts)', () => {
    expect(decodePack(encodePack({ ...header(3) }, [record(0), record(1)]))!.count).toBe(2);
  });
});
