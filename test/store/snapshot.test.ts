/** Loading the store as of a commit, the index or the working tree through git plumbing, and the read-side git functions. */
import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../src/core/diagnostic.js';
import { GitRepo } from '../../src/store/git.js';
import { loadStore } from '../../src/store/load.js';
import { blobId, loadSnapshot, ParseCache } from '../../src/store/snapshot.js';
import { git, GIT_ENV, gitStore } from '../helpers/store.js';

const env = { ...process.env, ...GIT_ENV };
const today = '2020-01-01';

const ODD_STORE = {
  'records/organisations/office.md': '---\nname: Office\nkind: government\n---\nBody.\n',
  'records/organisations/broken.md': '---\nname: Broken\nkind: ngo\n---\n',
  'records/organisations/Bad Name.md': '---\nname: Bad\nkind: donor\n---\n',
  'records/meetings/m.md': '---\ntitle: M\ndate: 2019-01-01\nhost: nobody\n---\n',
  'records/meetings/notes.txt': 'not a record\n',
  'records/meetings/sub/deeper.md': '---\ntitle: Deeper\n---\n',
  'records/stuff/x.md': '---\nname: X\n---\n',
  'records/README.md': '# records\n',
  'records/people/.hidden.md': 'skipped quietly\n',
  'records/.github/x.md': 'skipped quietly\n',
  'records/people/crlf.md': '\ufeff---\r\nname: Crlf\r\n---\r\nBody\r\n',
};

const plain = (ds: readonly { file: string; code: string; line: number; message: string }[]) =>
  sortDiagnostics(ds.map((d) => ({ ...d })) as never).map((d: { file: string; code: string; line: number }) => `${d.file}:${d.line} ${d.code}`);

describe('loadSnapshot', () => {
  it('a commit, the index and the working tree give exactly what validate gives', async () => {
    const root = gitStore(ODD_STORE);
    symlinkSync('office.md', path.join(root, 'records/organisations/link.md'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'link');
    const repo = (await GitRepo.open(root, env))!;
    const expected = plain(loadStore(root, { today, cache: false }).diagnostics);
    expect(expected).toContain('records/organisations/link.md:1 store/unexpected-entry');
    expect(expected).toContain('records/meetings/sub:1 store/unexpected-entry');
    const head = (await repo.head())!;
    for (const revision of [{ kind: 'commit', commit: head }, { kind: 'index' }, { kind: 'worktree' }] as const) {
      const snapshot = await loadSnapshot(root, repo, revision, { today });
      expect(plain(snapshot.diagnostics), revision.kind).toEqual(expected);
      expect(snapshot.records.map((r) => r.record.file)).toEqual(loadStore(root, { today, cache: false }).records.map((r) => r.file));
    }
    const crlf = (await loadSnapshot(root, repo, { kind: 'commit', commit: head }, { today })).records.find((r) => r.record.id === 'crlf')!;
    expect(crlf.text().slice(crlf.record.bodyOffset)).toBe('Body\r\n');
    expect(crlf.raw!()).toEqual({ name: 'Crlf' });
  });

  it('reads the index, not the working tree; and a commit, not the index', async () => {
    const root = gitStore({ 'records/organisations/a.md': '---\nname: A\nkind: donor\n---\n' });
    writeFileSync(path.join(root, 'records/organisations/a.md'), '---\nname: A staged\nkind: donor\n---\n');
    git(root, 'add', '-A');
    writeFileSync(path.join(root, 'records/organisations/a.md'), '---\nname: A working\nkind: donor\n---\n');
    const repo = (await GitRepo.open(root, env))!;
    const name = async (revision: Parameters<typeof loadSnapshot>[2]) => (await loadSnapshot(root, repo, revision, { today })).records[0]!.record.fields!.name;
    expect(await name({ kind: 'commit', commit: (await repo.head())! })).toBe('A');
    expect(await name({ kind: 'index' })).toBe('A staged');
    expect(await name({ kind: 'worktree' })).toBe('A working');
    expect((await loadSnapshot(root, repo, { kind: 'empty' }, { today })).records).toEqual([]);
  });

  it('a file the same in two versions is parsed once (a shared ParseCache), and hashes match git\'s blob ids', async () => {
    const root = gitStore({ 'records/organisations/a.md': '---\nname: A\nkind: donor\n---\n', 'records/organisations/b.md': '---\nname: B\nkind: donor\n---\n' });
    writeFileSync(path.join(root, 'records/organisations/b.md'), '---\nname: B2\nkind: donor\n---\n');
    const repo = (await GitRepo.open(root, env))!;
    const cache = new ParseCache();
    const base = await loadSnapshot(root, repo, { kind: 'commit', commit: (await repo.head())! }, { today, cache });
    const work = await loadSnapshot(root, repo, { kind: 'worktree' }, { today, cache });
    expect(work.records[0]!.record).toBe(base.records[0]!.record);
    expect(work.records[1]!.record).not.toBe(base.records[1]!.record);
    expect(blobId(Buffer.from('---\nname: A\nkind: donor\n---\n'))).toBe(git(root, 'rev-parse', 'HEAD:records/organisations/a.md').trim());
  });

  it('a store in a folder of the repository', async () => {
    const root = gitStore({ 'store/records/organisations/a.md': '---\nname: A\nkind: donor\n---\n', 'other/records/organisations/z.md': '---\nname: Z\nkind: donor\n---\n' });
    const store = path.join(root, 'store');
    const repo = (await GitRepo.open(store, env))!;
    const snapshot = await loadSnapshot(store, repo, { kind: 'commit', commit: (await repo.head())! }, { today });
    expect(snapshot.records.map((r) => r.record.file)).toEqual(['records/organisations/a.md']);
    expect((await loadSnapshot(store, repo, { kind: 'index' }, { today })).records.map((r) => r.record.file)).toEqual(['records/organisations/a.md']);
  });
});

describe('git read functions', () => {
  it('resolveCommit, mergeBase, defaultBranch', async () => {
    const root = gitStore({ 'records/a.md': 'a\n' });
    const repo = (await GitRepo.open(root, env))!;
    expect(await repo.resolveCommit('HEAD')).toMatch(/^[0-9a-f]{40}$/);
    expect(await repo.resolveCommit('nope')).toBeUndefined();
    await expect(repo.resolveCommit('--output=x')).rejects.toThrow(/is not a revision/);
    expect(await repo.defaultBranch()).toBe('main');
    git(root, 'branch', '-m', 'main', 'trunk');
    expect(await repo.defaultBranch()).toBeUndefined();
    git(root, 'config', 'init.defaultBranch', 'trunk');
    expect(await repo.defaultBranch()).toBe('trunk');
    git(root, 'update-ref', 'refs/remotes/origin/develop', 'HEAD');
    git(root, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
    expect(await repo.defaultBranch()).toBe('origin/develop');
    const first = (await repo.head())!;
    git(root, 'commit', '-q', '--allow-empty', '-m', 'two');
    expect(await repo.mergeBase(first, 'HEAD')).toBe(first);
  });

  it('fileHistory follows a rename and gives the blobs; readObjects reads them in one process, missing ones undefined', async () => {
    const root = gitStore({ 'records/organisations/a.md': '---\nname: A\nkind: donor\ncountry: RS\ncity: Niš\n---\n' });
    renameSync(path.join(root, 'records/organisations/a.md'), path.join(root, 'records/organisations/b.md'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'move a to b');
    const repo = (await GitRepo.open(root, env))!;
    const history = await repo.fileHistory('records/organisations/b.md');
    expect(history.map((c) => [c.subject, c.status, c.previousPath, c.path])).toEqual([
      ['move a to b', 'R', 'records/organisations/a.md', 'records/organisations/b.md'],
      ['initial records', 'A', undefined, 'records/organisations/a.md'],
    ]);
    expect(history[0]!.author).toBe('Test Secretary');
    const blobs = await repo.readObjects([history[1]!.after!, '0'.repeat(40), `HEAD:records/organisations/b.md`]);
    expect(Buffer.from(blobs[0]!).toString()).toContain('name: A');
    expect(blobs[1]).toBeUndefined();
    expect(Buffer.from(blobs[2]!).toString()).toBe(Buffer.from(blobs[0]!).toString());
    expect(await repo.renamesIn([(await repo.head())!])).toEqual(new Map([[(await repo.head())!, [['records/organisations/a.md', 'records/organisations/b.md']]]]));
    expect(await repo.renamesUnder('records')).toEqual([['records/organisations/a.md', 'records/organisations/b.md']]);
  });
});
