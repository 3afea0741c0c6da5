/**
 * A store large enough that the CLI reads it on a worker thread (store/read-ahead.ts) and uses every cache path:
 * the answers must be the same as the in-process loader's, which reads on the main thread.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../src/core/diagnostic.js';
import { loadStore } from '../../src/store/load.js';
import { READ_AHEAD_MIN } from '../../src/store/read-ahead.js';
import { dossier } from '../helpers/cli.js';
import { tempStore } from '../helpers/store.js';

const TODAY = new Date().toISOString().slice(0, 10);

describe('a store of 2,600 records', () => {
  it('validates the same on a worker thread, cold, warm and after changes, as in process', () => {
    const root = tempStore();
    execFileSync(process.execPath, ['bench/generate.js', root, '2600', '--seed', '7'], { stdio: 'ignore' });
    expect(2600).toBeGreaterThan(READ_AHEAD_MIN);
    // Problems in files spread through the store, so diagnostics come from every part of the read order.
    const orgs = path.join(root, 'records/organisations');
    writeFileSync(path.join(orgs, 'org-3.md'), '---\nname: [unclosed\n---\n');
    writeFileSync(path.join(orgs, 'org-1200.md'), readFileSync(path.join(orgs, 'org-1200.md'), 'utf8').replace(/^kind: .*$/m, 'kind: ngo'));
    appendFileSync(path.join(root, 'records/people/person-5.md'), '\u00ff');
    writeFileSync(path.join(root, 'records/meetings/zz-last.md'), '---\ntitle: Last\ndate: 2019-02-30\nhost: nobody\n---\n');

    const expected = () => sortDiagnostics(loadStore(root, { today: TODAY, cache: false }).diagnostics);
    const cli = (...args: string[]) => {
      const r = dossier(['validate', '--format', 'json', ...args], { cwd: root });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).diagnostics;
    };
    const want = expected();
    expect(want.map((d) => d.file)).toEqual(expect.arrayContaining(['records/organisations/org-3.md', 'records/organisations/org-1200.md', 'records/meetings/zz-last.md']));
    expect(cli('--no-cache')).toEqual(want);
    expect(cli()).toEqual(want); // cold, building the cache (on the worker)
    expect(cli()).toEqual(want); // warm

    writeFileSync(path.join(orgs, 'org-3.md'), '---\nname: Fixed\nkind: network\n---\n');
    const fixed = expected();
    expect(cli()).toEqual(fixed);
    expect(cli('--no-cache')).toEqual(fixed);
  });
});
