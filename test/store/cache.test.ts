/**
 * The cache must never change an answer: after every kind of change made behind its back, loading with the
 * cache gives exactly the diagnostics and fields that loading without it gives.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../src/core/diagnostic.js';
import { buildIndex } from '../../src/core/references.js';
import { decodePack, encodePack, readPack } from '../../src/store/cache-pack.js';
import { namesAllRows } from '../../src/store/cache.js';
import { loadStore } from '../../src/store/load.js';
import { CachedRecord } from '../../src/store/cached-record.js';
import { scalarFieldsOf } from '../../src/core/record.js';
import { RECORD_TYPES } from '../../src/core/kinds.js';
import { tempStore } from '../helpers/store.js';

const TODAY = '2026-11-29';

const FILES = {
  'records/organisations/office.md': '---\nname: Office for Combating Drugs\nkind: government\n---\nThe Office.\n',
  'records/organisations/dpnsee.md': '---\nname: DPNSEE\nkind: network\n---\n',
  'records/organisations/prevent.md': '---\nname: Prevent\nkind: civil-society\nmember_of: [dpnsee]\n---\n',
  'records/meetings/2019-02-25-consultation.md': '---\ntitle: Consultation\ndate: 2019-02-25\nhost: office\nparticipants:\n  - dpnsee\n  - prevent\n---\nNotes.\n',
  'records/proposals/decrim.md': '---\ntitle: Decriminalisation\nstatus: submitted\nsubmitted_by: [dpnsee]\nsubmitted_to: [office]\nsubmitted_on: 2019-02-14\n---\n',
};

function snapshot(root: string, cache: boolean) {
  const store = loadStore(root, { today: TODAY, cache });
  // Backlinks through the store's hint (with the cache: a search of its references for the id).
  const index = buildIndex(store.records, { mayReferTo: (id) => store.mayReferTo(id) });
  return {
    backlinks: Object.fromEntries(store.records.map((r) => [r.id, index.incoming(r.id).map((ref) => `${ref.from.id}.${ref.field}`)])),
    diagnostics: sortDiagnostics([...store.diagnostics]),
    records: store.records.map((r) => ({ file: r.file, valid: r.valid, fields: r.fields, bodyLine: r.bodyLine, bodyOffset: r.bodyOffset })),
  };
}

/** Load with the cache (twice: the second run is warm) and without; all three must agree. */
function expectCacheAgrees(root: string) {
  const cold = snapshot(root, false);
  expect(snapshot(root, true)).toEqual(cold);
  expect(snapshot(root, true)).toEqual(cold);
  return cold;
}

function warm(files: Record<string, string> = FILES): string {
  const root = tempStore(files);
  expectCacheAgrees(root);
  return root;
}

describe('the cache gives the same answers as no cache', () => {
  it('on a clean store, and writes only inside .dossier/', () => {
    const root = warm();
    expect(statSync(path.join(root, '.dossier/cache/records.bin')).isFile()).toBe(true);
    expect(readFileSync(path.join(root, '.dossier/.gitignore'), 'utf8')).toBe('*\n');
  });

  it('after a touch (new mtime, same content)', () => {
    const root = warm();
    const file = path.join(root, FILES && 'records/organisations/dpnsee.md');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expectCacheAgrees(root);
  });

  it('after an edit that keeps the size and the mtime', () => {
    const root = warm();
    const file = path.join(root, 'records/meetings/2019-02-25-consultation.md');
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('host: office', 'host: offixe')); // same length, now a dangling reference
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const after = expectCacheAgrees(root);
    expect(after.diagnostics.map((d) => d.code)).toContain('ref/missing');
  });

  it('after an edit that breaks a record, and after fixing it again', () => {
    const root = warm();
    const file = path.join(root, 'records/organisations/prevent.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('kind: civil-society', 'kind: ngo'));
    expect(expectCacheAgrees(root).diagnostics.map((d) => d.code)).toEqual(['schema/enum']);
    writeFileSync(file, good);
    expect(expectCacheAgrees(root).diagnostics).toEqual([]);
  });

  it('after edits around parent cycles and duplicate ids, whose diagnostics a warm run may reuse', () => {
    const org = (name: string, parent?: string, before = '') => `---\n${before}name: ${name}\nkind: other\n${parent ? `parent: ${parent}\n` : ''}---\n`;
    const root = warm({
      ...FILES,
      'records/organisations/a.md': org('A', 'b'),
      'records/organisations/b.md': org('B', 'a'),
      'records/organisations/c.md': org('C'),
      'records/people/dpnsee.md': '---\nname: Not the network\n---\n',
    });
    const codes = () => expectCacheAgrees(root).diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);
    const write = (rel: string, text: string) => writeFileSync(path.join(root, rel), text);
    const start = codes();
    expect(start).toEqual(expect.arrayContaining(['records/organisations/a.md:4 rule/parent-cycle', 'records/organisations/b.md:4 rule/parent-cycle']));
    expect(start.filter((c) => c.endsWith('unique-id') || c.includes('duplicate'))).not.toEqual([]);
    // An unrelated record edited: the store-wide diagnostics stay as they were.
    write('records/organisations/c.md', org('C, renamed'));
    expect(codes()).toEqual(start);
    // A record in the cycle edited without touching its parent, its `parent:` line moved down.
    write('records/organisations/a.md', org('A', 'b', 'short_name: AA\n'));
    expect(codes()).toContain('records/organisations/a.md:5 rule/parent-cycle');
    // The cycle broken, then made again through another record.
    write('records/organisations/b.md', org('B'));
    expect(codes().some((c) => c.includes('parent-cycle'))).toBe(false);
    write('records/organisations/c.md', org('C', 'a'));
    write('records/organisations/b.md', org('B', 'c'));
    expect(codes().filter((c) => c.includes('parent-cycle'))).toHaveLength(3);
    // One of two records with the same id edited, its lines moved.
    write('records/people/dpnsee.md', '---\nshort_name: X\nname: Not the network\n---\n');
    expect(codes()).toEqual(expect.arrayContaining([expect.stringContaining('records/people/dpnsee.md')]));
  });

  it('keeps the store-wide diagnostics when a query rewrites the cache', () => {
    const root = tempStore({ ...FILES, 'records/people/dpnsee.md': '---\nname: Not the network\n---\n' });
    const pack = path.join(root, '.dossier/cache/records.bin');
    const known = () => readPack(pack)?.header.storeDiagnostics?.map((d) => d.code);
    const validated = loadStore(root, { today: TODAY, cache: true }).diagnostics;
    expect(known()).toEqual(['id/duplicate', 'id/duplicate']);
    // A body edited: the query reads that record again and saves the cache.
    const written = statSync(pack).mtimeMs;
    writeFileSync(path.join(root, 'records/organisations/office.md'), `${FILES['records/organisations/office.md']}More.\n`);
    loadStore(root, { today: TODAY, cache: true, rules: false });
    expect(statSync(pack).mtimeMs).not.toBe(written);
    expect(known()).toEqual(['id/duplicate', 'id/duplicate']);
    expect(loadStore(root, { today: TODAY, cache: true }).diagnostics).toEqual(validated);
  });

  it('validate’s way, checking each record as it is parsed and letting it go, finds the same', () => {
    const org = (name: string, parent?: string) => `---\nname: ${name}\nkind: other\n${parent ? `parent: ${parent}\n` : ''}---\n`;
    const root = tempStore({
      ...FILES,
      'records/organisations/a.md': org('A', 'b'),
      'records/organisations/b.md': org('B', 'a'),
      'records/organisations/broken.md': '---\nname: [\n---\n',
      'records/meetings/dangling.md': '---\ntitle: T\ndate: 2019-02-25\nhost: nobody\n---\n',
      'records/people/dpnsee.md': '---\nname: Not the network\n---\n',
    });
    for (const rules of [true, false]) {
      const kept = loadStore(root, { today: TODAY, cache: false, rules });
      const streamed = loadStore(root, { today: TODAY, cache: false, rules, retain: false });
      expect(streamed.diagnostics).toEqual(kept.diagnostics);
      expect(streamed.invalidCount()).toBe(kept.invalidCount());
      expect(streamed.files).toEqual(kept.files);
      // A record asked for later is read again.
      expect(streamed.records.map((r) => [r.file, r.valid, r.fields])).toEqual(kept.records.map((r) => [r.file, r.valid, r.fields]));
    }
    const codes = loadStore(root, { today: TODAY, cache: false, retain: false }).diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['rule/parent-cycle', 'id/duplicate', 'ref/missing', 'yaml/syntax']));
  });

  it('checking each file only when its record is used (a query of one type) finds the same, edits included', () => {
    const root = warm({ ...FILES, 'records/organisations/broken.md': '---\nname: Broken\n---\n' });
    const query = (lazy: boolean) => loadStore(root, { today: TODAY, cache: true, rules: false, lazy });
    const view = (store: ReturnType<typeof query>) => ({
      records: store.records.map((r) => [r.file, r.valid, r.fields, r.bodyLine]),
      diagnostics: store.diagnostics,
      invalid: [store.invalidCount(), store.invalidCount('organisation'), store.invalidCount('meeting')],
    });
    expect(view(query(true))).toEqual(view(query(false)));
    expect(query(true).invalidCount('meeting')).toBe(0);
    // An edit behind the cache's back is seen when the record is used.
    const meeting = path.join(root, 'records/meetings/2019-02-25-consultation.md');
    writeFileSync(meeting, readFileSync(meeting, 'utf8').replace('title: Consultation', 'title: Consultation on drugs'));
    const lazy = query(true);
    expect(lazy.recordsOf('meeting').map((r) => r.fields?.title)).toEqual(['Consultation on drugs']);
    // Persisting brings the whole cache up to date: a warm load then reads no file.
    const written = statSync(path.join(root, '.dossier/cache/records.bin')).mtimeMs;
    lazy.persist();
    expect(statSync(path.join(root, '.dossier/cache/records.bin')).mtimeMs).not.toBe(written);
    expect(readPack(path.join(root, '.dossier/cache/records.bin'))!.count).toBe(Object.keys(FILES).length + 1);
    expect(view(query(true))).toEqual(view(query(false)));
    expectCacheAgrees(root);
  });

  it('gives every content hash at once only when every record is unchanged', () => {
    const root = warm();
    const load = () => loadStore(root, { today: TODAY, cache: true, rules: false });
    const store = load();
    expect(store.contentHashes()).toBe(Array.from({ length: store.count }, (_, i) => store.contentHashAt(i)).join(''));
    writeFileSync(path.join(root, 'records/organisations/dpnsee.md'), '---\nname: DPNSEE, renamed\nkind: network\n---\n');
    expect(load().contentHashes()).toBeUndefined();
    expect(load().contentHashes()).toHaveLength(40 * store.count);
    expect(loadStore(root, { today: TODAY, cache: false }).contentHashes()).toBeUndefined();
  });

  it('keeps each valid record’s scalar fields apart, for queries that need no lists', () => {
    const root = warm({ ...FILES, 'records/organisations/broken.md': '---\nname: Broken\n---\n' });
    const store = loadStore(root, { today: TODAY, cache: true, rules: false });
    // Records of a type read together (a list) have them; a record made on its own (show, a search hit) reads its fields.
    const records = RECORD_TYPES.flatMap((type) => store.recordsOf(type));
    expect(records.every((r) => r instanceof CachedRecord)).toBe(true);
    for (const r of records) expect([r.file, r.scalarFields]).toEqual([r.file, r.valid ? scalarFieldsOf(r.fields!) : undefined]);
    expect(records.find((r) => r.id === 'prevent')!.scalarFields).toEqual({ values: { name: 'Prevent', kind: 'civil-society', status: 'active', visibility: 'public' }, more: ['member_of'] });
    const alone = loadStore(root, { today: TODAY, cache: true, rules: false });
    expect(alone.recordAt(0)).toBeInstanceOf(CachedRecord);
    expect(alone.recordAt(0).scalarFields).toBeUndefined();
  });

  it('after a rename, which changes the set of ids other records refer to', () => {
    const root = warm();
    renameSync(path.join(root, 'records/organisations/office.md'), path.join(root, 'records/organisations/the-office.md'));
    const after = expectCacheAgrees(root);
    expect(after.diagnostics.filter((d) => d.code === 'ref/missing')).toHaveLength(2);
  });

  it('after deleting and adding files', () => {
    const root = warm();
    rmSync(path.join(root, 'records/organisations/prevent.md'));
    expectCacheAgrees(root);
    writeFileSync(path.join(root, 'records/organisations/prevent.md'), FILES['records/organisations/prevent.md']);
    mkdirSync(path.join(root, 'records/people'));
    writeFileSync(path.join(root, 'records/people/jelena.md'), '---\nname: Jelena\norganisation: prevent\n---\n');
    expectCacheAgrees(root);
  });

  it('when today changes (held meetings in the future)', () => {
    const root = warm({ ...FILES, 'records/meetings/2026-12-01-next.md': '---\ntitle: Next\ndate: 2026-12-01\n---\n' });
    const later = loadStore(root, { today: '2026-12-02', cache: true }).diagnostics;
    expect(later).toEqual(loadStore(root, { today: '2026-12-02', cache: false }).diagnostics);
    expect(loadStore(root, { today: TODAY, cache: true }).diagnostics.map((d) => d.code)).toEqual(['rule/held-in-future']);
  });

  it('when the cache file is corrupt, truncated or from an older format', () => {
    const root = warm();
    const pack = path.join(root, '.dossier/cache/records.bin');
    const good = readFileSync(pack);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] ^= 0xff; // inside the stored fields: the checksum no longer matches
    for (const damage of [Buffer.alloc(0), good.subarray(0, 30), good.subarray(0, good.length - 1), flipped, Buffer.from('garbage'), Buffer.concat([good, Buffer.from('x')])]) {
      writeFileSync(pack, damage);
      // Identity still matches, so a damaged file that were trusted would give fields and diagnostics back.
      expectCacheAgrees(root);
    }
    // Files of an earlier cache format are ignored, and removed on the next save.
    writeFileSync(path.join(root, '.dossier/cache/index.json'), '{"format":4}');
    rmSync(pack);
    expectCacheAgrees(root);
    expect(existsSync(path.join(root, '.dossier/cache/index.json'))).toBe(false);
  });

  it('uses a pack only when it names one file per row', () => {
    const root = warm();
    const pack = decodePack(readFileSync(path.join(root, '.dossier/cache/records.bin')))!;
    const files = pack.header.files;
    expect(namesAllRows(pack, files, pack.count)).toBe(true);
    // This run's files are the pack's: their count is this run's.
    expect(namesAllRows(pack, files, pack.count + 1)).toBe(false);
    // Other files: the pack's own list is counted.
    expect(namesAllRows(pack, `${files}\0records/people/x.md`, pack.count + 1)).toBe(true);
    const one = decodePack(encodePack({ ...pack.header, files: files.split('\0').slice(1).join('\0') }, []))!;
    expect(namesAllRows(one, files, pack.count)).toBe(false);
    expect(namesAllRows(decodePack(encodePack({ ...pack.header, files: '' }, []))!, files, pack.count)).toBe(true);
  });

  it('locates diagnostics of cached records by reading the file again', () => {
    const root = warm({ ...FILES, 'records/meetings/2019-03-01-x.md': '---\ntitle: X\ndate: 2019-03-01\nhost: nobody\n---\n' });
    // Rename the target set so rule diagnostics are recomputed from cached records.
    writeFileSync(path.join(root, 'records/organisations/new.md'), '---\nname: New\nkind: other\n---\n');
    const d = snapshot(root, true).diagnostics.find((x) => x.code === 'ref/missing')!;
    expect(d).toMatchObject({ file: 'records/meetings/2019-03-01-x.md', line: 4, column: 7 });
  });
});
