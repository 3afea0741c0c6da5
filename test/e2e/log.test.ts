/** `dossier log` end to end on the scripted history: across renames (CLI and by hand), a proposal's timeline, JSON. */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/e2e.js';
import { gitStore } from '../helpers/store.js';
import { REVIEW_FIXTURE, reviewHistory } from './review-fixture.js';

let root: string;

beforeAll(() => {
  root = reviewHistory();
  return () => rmSync(root, { recursive: true, force: true });
});

interface LogJson {
  id: string;
  path: string;
  removed: boolean;
  timeline: { status: string; date: string | null; source: string | null }[] | null;
  commits: { commit: string | null; subject: string; change: string; path: string; previous_path: string | null; author: string | null; fields: { field: string; kind: string }[] }[];
}

const logJson = (id: string, cwd = root) => JSON.parse(run(['log', id, '--format', 'json'], { cwd }).stdout) as LogJson;

describe('log', () => {
  it('follows a rename made by hand: the history before the move is there, and the move is one entry', () => {
    const r = run(['log', 'kokoro-nis'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Kokoro\norganisation kokoro-nis · records\/organisations\/kokoro-nis\.md\n\n/);
    const entries = r.stdout.split('\n\n').slice(1);
    expect(entries.map((e) => e.split('\n')[1]?.trim())).toEqual(['fix them', 'break two records', 'kokoro is kokoro-nis', 'initial records']);
    expect(entries[2]).toContain('    renamed kokoro → kokoro-nis\n    city: (none) → Niš');
    expect(entries[0]).toContain('    kind: ngo → civil-society');
    expect(entries[0]).toMatch(/^[0-9a-f]{7}  2019-03-01  Test Secretary\n/);
  });

  it('follows a rename made with `dossier rename`, and a reference rewritten for a rename reads as one', () => {
    const d = logJson('drug-policy-network-see');
    expect(d.commits.map((c) => c.change)).toEqual(['renamed', 'added']);
    expect(d.commits[0]).toMatchObject({ previous_path: 'records/organisations/dpnsee.md', path: 'records/organisations/drug-policy-network-see.md', subject: 'organisation: rename dpnsee -> drug-policy-network-see (4 references updated)' });
    const meeting = run(['log', '2019-02-25-consultation'], { cwd: root }).stdout;
    expect(meeting).toContain('    participants: dpnsee → drug-policy-network-see (renamed)\n');
    expect(meeting).toContain('    participants: added Kokoro\n    participant_count: 15 → 12\n');
    expect(meeting).toContain('    body changed (+1/-0 lines)\n');
  });

  it('a proposal has its status timeline, with the record\'s own dates where it has them', () => {
    const r = gitStore(REVIEW_FIXTURE);
    expect(run(['set', 'decriminalisation', 'status=under-review'], { cwd: r, env: { GIT_AUTHOR_DATE: '2019-02-25T12:00:00Z', GIT_COMMITTER_DATE: '2019-02-25T12:00:00Z' } }).code).toBe(0);
    expect(run(['set', 'decriminalisation', 'status=adopted', '--on', '2019-06-01'], { cwd: r }).code).toBe(0);
    const text = run(['log', 'decriminalisation'], { cwd: r }).stdout;
    expect(text).toContain('\nstatus: submitted 2019-02-14 → under-review (recorded 2019-02-25) → adopted 2019-06-01\n');
    expect(text).toContain('    status: under-review → adopted\n    decided_on: (none) → 2019-06-01\n');
    expect(logJson('decriminalisation', r).timeline).toEqual([
      { status: 'submitted', date: '2019-02-14', source: 'record', commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { status: 'under-review', date: '2019-02-25', source: 'commit', commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { status: 'adopted', date: '2019-06-01', source: 'record', commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
    ]);
  });

  it('uncommitted changes come first; a private person\'s contact fields are only "changed"', () => {
    const r = gitStore(REVIEW_FIXTURE);
    writeFileSync(path.join(r, 'records/people/jane-doe.md'), '---\nname: Jane Doe\norganisation: prevent\nrole: Coordinator\nemail: other@example.org\nphone: "+381 11 123 4567"\n---\n');
    const text = run(['log', 'jane-doe'], { cwd: r }).stdout;
    expect(text).toContain('\n\nuncommitted changes\n    email: changed (private)\n\n');
    expect(text).not.toContain('other@example.org');
    expect(logJson('jane-doe', r).commits[0]).toMatchObject({ commit: null, change: 'changed' });
  });

  it('a removed record still has its history; an unknown id exits 1 with a suggestion; no git exits 2', () => {
    const d = logJson('prevent');
    expect(d).toMatchObject({ id: 'prevent', removed: true });
    expect(d.commits.map((c) => c.change)).toEqual(['removed', 'added']);
    const unknown = run(['log', 'kokoro-ni'], { cwd: root }); // the start of an id finds it
    expect(unknown.code).toBe(0);
    const none = run(['log', 'no-such-record'], { cwd: root });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^dossier: no record has the id "no-such-record"/);
    expect(run(['log', 'x', '--format', 'yaml'], { cwd: root }).code).toBe(2);
  });

  it('a record not committed yet says so', () => {
    const r = gitStore(REVIEW_FIXTURE);
    writeFileSync(path.join(r, 'records/organisations/duga.md'), '---\nname: Duga\nkind: civil-society\n---\n');
    const d = logJson('duga', r);
    expect(d.commits).toMatchObject([{ commit: null, change: 'added' }]);
  });
});

