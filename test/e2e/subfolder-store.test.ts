/** A store in a subfolder of a git repository: write commands commit their files there too. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossier } from '../helpers/cli.js';
import { git, tempStore } from '../helpers/store.js';

describe('a store in a subfolder of the repository', () => {
  it('new and set commit exactly their file', () => {
    const repo = tempStore();
    const store = path.join(repo, 'store');
    mkdirSync(path.join(store, 'records/organisations'), { recursive: true });
    writeFileSync(path.join(store, 'records/organisations/office.md'), '---\nname: Office\nkind: government\n---\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
    const created = dossier(['new', 'organisation', '--set', 'name=Test Org', '--set', 'kind=other'], { cwd: store });
    expect(created.code).toBe(0);
    expect(git(repo, 'show', '--name-only', '--format=%s', 'HEAD')).toBe('organisation: add test-org\n\nstore/records/organisations/test-org.md\n');
    expect(dossier(['set', 'test-org', 'city=Niš'], { cwd: store }).code).toBe(0);
    expect(git(repo, 'show', '--name-only', '--format=%s', 'HEAD')).toBe('organisation: set city=Niš on test-org\n\nstore/records/organisations/test-org.md\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });
});
