/**
 * The "Done when" of the review-and-history issue, as a new user would go through it, on a copy of the bundled
 * records: set a proposal adopted, read the pull-request diff, the proposal's history, then a new store made by init.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { run } from '../helpers/e2e.js';
import { gitStore } from '../helpers/store.js';
import { bundledRecords } from './write-helpers.js';

const PROPOSAL = 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use';

describe('Done when: review and history', () => {
  it('set → diff HEAD~1 --format markdown → log → init → validate → new', () => {
    const root = gitStore(bundledRecords());
    expect(run(['set', PROPOSAL, 'status=adopted', '--on', '2019-06-01'], { cwd: root }).code).toBe(0);

    const md = run(['diff', 'HEAD~1', '--format', 'markdown'], { cwd: root });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Changes to the records: 1 changed\n\n`HEAD~1` \([0-9a-f]{7}\) → working tree\n\n### Proposals\n\n/);
    expect(md.stdout).toContain(
      '**Changed** Proposal for decriminalisation of drug use and possession for personal use (`proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use`)\n\n' +
        '| field | change |\n| --- | --- |\n| `status` | submitted → adopted |\n| `decided_on` | *(none)* → 2019-06-01 |\n',
    );
    expect(md.stdout).toContain('### Validation\n\nNo errors introduced, 0 fixed; HEAD has 0 errors, 2 warnings (BASE: 0 errors, 2 warnings).\n');

    // The whole example: a meeting added, the proposal adopted, an organisation renamed.
    expect(run(['new', 'meeting', '--set', 'title=Follow-up consultation', '--set', 'date=2019-04-10', '--set', 'host=office-for-combating-drugs'], { cwd: root }).code).toBe(0);
    expect(run(['rename', 'dpnsee', 'drug-policy-network-see'], { cwd: root }).code).toBe(0);
    const all = run(['diff', 'HEAD~3', '--format', 'markdown'], { cwd: root }).stdout;
    expect(all).toContain('## Changes to the records: 1 added, 1 renamed, 1 changed\n');
    expect(all).toContain('**Added** Follow-up consultation (`2019-04-10-follow-up-consultation`)\n\n| field | value |\n| --- | --- |\n| `date` | 2019-04-10 |\n| `host` | Office for Combating Drugs |\n');
    expect(all).toContain('**Renamed** Drug Policy Network South East Europe: `dpnsee` → `drug-policy-network-see` (3 references updated)\n');
    expect(all).toContain('| `status` | submitted → adopted |\n| `decided_on` | *(none)* → 2019-06-01 |\n');

    const log = run(['log', PROPOSAL], { cwd: root });
    expect(log.code).toBe(0);
    expect(log.stdout).toContain('\nstatus: submitted (recorded 2019-03-01) → adopted 2019-06-01\n');
    expect(log.stdout).toContain('    proposal: set status=adopted on proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use\n    status: submitted → adopted\n    decided_on: (none) → 2019-06-01\n');

    const parent = mkdtempSync(path.join(tmpdir(), 'dossier-done-when-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const store = path.join(parent, 'new-store');
    expect(run(['init', store]).code).toBe(0);
    expect(run(['validate', '--root', store])).toMatchObject({ code: 0, stdout: '0 records, 0 errors, 0 warnings\n' });
    const created = run(['new', 'organisation', '--root', store, '--set', 'name=Drug Policy Network South East Europe', '--set', 'short_name=DPNSEE', '--set', 'kind=network']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created records\/organisations\/drug-policy-network-south-east-europe\.md\ncommitted [0-9a-f]{7} organisation: add drug-policy-network-south-east-europe\n$/);
    expect(run(['validate', '--root', store]).stdout).toBe('1 record, 0 errors, 0 warnings\n');
    expect(run(['diff', 'HEAD~1', '--root', store]).stdout).toContain('1 added\n');
  });

  it('every new command has help with examples', () => {
    for (const args of [['diff'], ['log'], ['init'], ['hooks'], ['hooks', 'install'], ['hooks', 'uninstall']]) {
      const r = run([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Examples:\n  $ dossier ');
    }
  });
});
