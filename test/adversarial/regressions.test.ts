/** Bugs the adversarial work found, each pinned where it was fixed. */
import { chmodSync, copyFileSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editRecordText } from '../../src/core/edit.js';
import { checkedPath } from '../../src/store/apply.js';
import { loadStore } from '../../src/store/load.js';
import { git, gitStore, tempStore, writeTree } from '../helpers/store.js';
import { bundledRecords, read } from '../e2e/write-helpers.js';
import { spawnDossier } from './harness.js';

describe('set on a record whose body starts with a `---` rule (src/core/edit.ts, frontmatterRegion)', () => {
  it('edits the frontmatter, not the rule: before, it failed ("not a mapping of fields")', () => {
    const text = '---\nname: X\nkind: network\n---\n---\nA body that starts with a rule.\n';
    expect(editRecordText(text, [{ op: 'set', path: ['city'], value: 'Y' }]).text).toBe('---\nname: X\nkind: network\ncity: Y\n---\n---\nA body that starts with a rule.\n');
  });

  it('with an empty frontmatter, the field goes into it: before, it went into the body', () => {
    const text = '---\n---\n---\ntitle: in the body\n---\n';
    expect(editRecordText(text, [{ op: 'set', path: ['city'], value: 'Y' }]).text).toBe('---\ncity: Y\n---\n---\ntitle: in the body\n---\n');
  });

  it('with CRLF and a closing line at the very end', () => {
    expect(editRecordText('---\r\nname: X\r\n---', [{ op: 'set', path: ['city'], value: 'Y' }]).text).toBe('---\r\nname: X\r\ncity: Y\r\n---');
  });
});

describe('unsetting the only field (src/core/edit.ts, documentEdit)', () => {
  it('leaves the frontmatter empty, as before the field was set: before, it wrote `{}`', () => {
    const set = editRecordText('---\n---\nbody\n', [{ op: 'set', path: ['city'], value: 'Belgrade' }]).text;
    expect(editRecordText(set, [{ op: 'unset', path: ['city'] }]).text).toBe('---\n---\nbody\n');
  });
});

describe('the cache when two processes save at once (src/store/cache.ts)', () => {
  it('never serves an older save\'s fields for a newer file: before, an older version\'s fields were shown', () => {
    const root = tempStore({ 'records/organisations/x.md': '---\nname: Old Name\nkind: network\n---\n' });
    const file = path.join(root, 'records/organisations/x.md');
    const today = { today: '2019-03-01' };
    expect(loadStore(root, today).records[0]!.fields!.name).toBe('Old Name');
    // process A's save (of the old version) ...
    const saved = path.join(root, 'cache-of-a.bin');
    copyFileSync(path.join(root, '.dossier/cache/records.bin'), saved);
    // ... process B's save of the new version ...
    writeFileSync(file, '---\nname: New Name\nkind: network\n---\n');
    expect(loadStore(root, today).records[0]!.fields!.name).toBe('New Name');
    // ... and A's cache lands last (one file, written whole: it can only be all A's or all B's)
    copyFileSync(saved, path.join(root, '.dossier/cache/records.bin'));
    expect(loadStore(root, today).records[0]!.fields!.name).toBe('New Name');
  });
});

describe('writing through a symbolic link (src/store/apply.ts, checkedPath)', () => {
  it('refuses a type folder that is a link (it would have written outside the store)', () => {
    const outside = tempStore();
    const root = tempStore();
    symlinkSync(path.join(outside, 'records'), path.join(root, 'records/agreements'));
    expect(() => checkedPath(root, 'records/agreements/x.md')).toThrow('refusing to write records/agreements/x.md: records/agreements is a symbolic link');
    expect(checkedPath(root, 'records/people/x.md')).toBe(path.join(root, 'records/people/x.md'));
  });

  it('says which id is not valid, rather than "not a record path"', () => {
    const root = tempStore();
    expect(() => checkedPath(root, 'records/people/-rf.md')).toThrow('refusing to write records/people/-rf.md: "-rf" is not a valid id');
    expect(() => checkedPath(root, 'records/../x.md')).toThrow('not a record path');
  });
});

describe('a record\'s file mode (src/store/apply.ts, src/store/write.ts)', () => {
  it('is kept when set rewrites it: before, 0755 became 0644 and the commit held a mode change', async () => {
    const root = gitStore(bundledRecords());
    const file = path.join(root, 'records/organisations/dpnsee.md');
    chmodSync(file, 0o755);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'executable, for the test');
    const r = await spawnDossier(['set', 'dpnsee', 'city=Belgrade'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o755);
    expect(git(root, 'show', '--format=', '--summary', 'HEAD')).toBe('');
  });
});

describe('control characters in what set writes into git (src/commands/set.ts)', () => {
  it('are escaped in the commit subject, which `git log` shows raw', async () => {
    const root = gitStore(bundledRecords());
    const r = await spawnDossier(['set', 'dpnsee', 'city=a\u001b[2Jb'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(git(root, 'log', '-1', '--format=%s')).toBe('organisation: set city=a\\u001b[2Jb on dpnsee\n');
    expect(read(root, 'records/organisations/dpnsee.md')).toContain('city: "a\\e[2Jb"');
  });
});

describe('Windows device names (src/core/ids.ts, new and rename)', () => {
  it('are refused as new ids, and still valid on existing records', async () => {
    const root = gitStore(bundledRecords());
    mkdirSync(path.join(root, 'records/organisations'), { recursive: true });
    const r = await spawnDossier(['new', 'organisation', '--set', 'name=Con', '--set', 'kind=other'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dossier: "con" cannot be an id: Windows reserves that name, so con.md could not be checked out there\nhint: pass another with --id\n');
  });
});

describe('dossier diff on hostile records (src/format/diff-text.ts, diff-markdown.ts)', () => {
  const files = {
    'records/organisations/dpnsee.md': '---\nname: DPNSEE\nkind: network\n---\n',
    'records/meetings/m.md': '---\ntitle: T\ndate: 2019-02-25\nactions:\n  - task: A\n    owner: dpnsee\n    __proto__: {polluted: yes}\n---\n',
    'records/people/k.md': '---\nname: K\n"rolee\\e[2J": x\n---\n',
    'records/people/red\u001b[31m.md': '---\nname: Bad File Name\n---\n',
  };

  it('a `__proto__` key in a list item: before, an internal error ("s is not iterable"); keys and file names escaped', async () => {
    const root = gitStore({});
    writeTree(root, files);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'hostile');
    for (const format of ['text', 'markdown', 'json']) {
      const r = await spawnDossier(['diff', 'HEAD~1', 'HEAD', '--format', format], { cwd: root });
      expect(r.stderr, format).not.toContain('internal error');
      expect([0, 1], format).toContain(r.code);
      // keys and ids from file names are shown escaped: before, `rolee` and `red` reached the terminal raw
      if (format !== 'json') expect(r.stdout, format).not.toMatch(/\u001b/); // eslint-disable-line no-control-regex
    }
  });
});
