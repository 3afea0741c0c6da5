/**
 * The fixture store of the "finding things" end-to-end tests (list, show, search, actions, stats):
 * every value kind, references between all types, diacritics and Cyrillic, a value with terminal control
 * characters, a CSV-hostile title, actions open, done, dropped and overdue, and one invalid record.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { type CliResult, dossier } from '../helpers/cli.js';
import { tempStore } from '../helpers/store.js';

const md = (front: string[], body = '') => `---\n${front.join('\n')}\n---\n${body}`;

export const FIND_FIXTURE: Record<string, string> = {
  'records/organisations/gov.md': md(['name: Government of Serbia', 'kind: government', 'country: RS']),
  'records/organisations/office-for-drugs.md': md(
    [
      'name: Office for Drugs',
      'other_names:',
      '  - name: Канцеларија за борбу против дрога',
      '    lang: sr-Cyrl',
      'kind: government',
      'parent: gov',
      'country: RS',
      'city: Belgrade',
    ],
    'The Office coordinates drug policy for the Government.\n',
  ),
  'records/organisations/timocki-centar.md': md(
    ['name: Timočki omladinski centar', 'kind: civil-society', 'member_of:', '  - network-x', 'country: RS', 'city: Zaječar', 'founded: 2001-04-12'],
    'A youth centre in Zaječar working on harm reduction.\n',
  ),
  'records/organisations/network-x.md': md(['name: Network X', 'short_name: NX', 'kind: network', 'website: https://network-x.example.org'], 'A regional drug policy network.\n'),
  'records/organisations/hostile-org.md': md(['name: "Evil\\e[31m Org\\u202e"', 'kind: civil-society', 'member_of:', '  - network-x'], 'Body with an escape \u001b[2J sequence.\n'),
  'records/organisations/broken.md': md(['name: Broken Org'], 'No kind: invalid, so every query skips it.\n'),
  'records/people/ana-anic.md': md(['name: Ana Anić', 'organisation: timocki-centar', 'role: Coordinator', 'email: ana@example.org']),
  'records/meetings/2018-11-05-kickoff.md': md(
    [
      'title: Kickoff meeting',
      'date: 2018-11-05',
      'host: office-for-drugs',
      'format: in-person',
      'participants:',
      '  - timocki-centar',
      '  - network-x',
      'participant_count: 3',
      'attendees:',
      '  - ana-anic',
      'actions:',
      '  - task: Send the minutes',
      '    owner: network-x',
      '    due: 2018-12-01',
      '    status: done',
      '  - task: Draft a policy brief',
      '    owner: ana-anic',
      '    due: 2019-01-15',
    ],
    'The network met the Office for the first time.\n',
  ),
  'records/meetings/2019-02-25-consultation.md': md(
    [
      'title: \'Consultation on the "new" strategy, part 1\'',
      'date: 2019-02-25',
      'host: office-for-drugs',
      'participants:',
      '  - network-x',
      'participant_count: 12',
      'outcomes:',
      '  - The proposal for decriminalisation was welcomed.',
      'actions:',
      '  - task: Present the proposals to the working group',
      '    owner: office-for-drugs',
      '  - task: Circulate the report',
      '    owner: timocki-centar',
      '    due: 2019-04-01',
      '    status: open',
      '  - task: Translate the strategy',
      '    owner: network-x',
      '    due: 2019-03-01',
      '    status: dropped',
      'proposals:',
      '  - decriminalisation-proposal',
      'agreements:',
      '  - mou-2018',
    ],
    'Decriminalisation was the main topic. Participants discussed decriminalisation at length.\n',
  ),
  'records/meetings/2020-06-01-online-follow-up.md': md(['title: Online follow-up', 'date: 2020-06-01', 'status: planned', 'format: online']),
  'records/proposals/decriminalisation-proposal.md': md(
    [
      'title: Proposal for decriminalisation',
      'status: submitted',
      'submitted_by:',
      '  - network-x',
      'submitted_to:',
      '  - office-for-drugs',
      'submitted_on: 2019-01-20',
      'topics:',
      '  - decriminalisation of possession for personal use',
      'meetings:',
      '  - 2019-02-25-consultation',
    ],
    'Network X proposes the decriminalisation of drug use and possession for personal use.\n',
  ),
  'records/proposals/harm-reduction-services.md': md(
    [
      'title: Harm reduction services',
      'status: adopted',
      'submitted_by:',
      '  - timocki-centar',
      'submitted_to:',
      '  - gov',
      'submitted_on: 2018-05-01',
      'decided_on: 2018-10-01',
    ],
    'Funding for harm reduction services in eastern Serbia.\n',
  ),
  'records/proposals/treatment-standards.md': md(
    ['title: Treatment standards', 'status: under-review', 'submitted_by:', '  - network-x', 'submitted_to:', '  - gov', 'submitted_on: 2019-03-10'],
  ),
  'records/agreements/mou-2018.md': md(
    ['title: Memorandum of Understanding 2018', 'kind: memorandum-of-understanding', 'signed_on: 2018-01-10', 'parties:', '  - office-for-drugs', '  - network-x', '  - timocki-centar', 'valid_until: 2021-01-10'],
    'The memorandum sets out how the Office and civil society cooperate.\n',
  ),
};

/** A temp store holding the fixture for the whole test file: `root()` is its folder. */
export function useFindStore(): { root: () => string } {
  let dir = '';
  beforeAll(() => {
    dir = tempStore(FIND_FIXTURE, { keep: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { root: () => dir };
}

const STACK = /^\s+at .+[:(]\d+:\d+\)?$|node:internal/m;
export const SKIPPED = 'dossier: 1 invalid record was skipped; `dossier validate` explains why\n';

/**
 * Run the built CLI in `cwd`; every run: no stack trace, exit 0, 1 or 2, and no raw escape character
 * (no colour when piped, record values escaped), unless `exact` (piped CSV keeps values as they are).
 */
export function find(args: string[], cwd: string, options: { env?: Record<string, string | undefined>; exact?: boolean } = {}): CliResult {
  const r = dossier(args, { cwd, env: options.env });
  expect(r.stdout + r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain('internal error');
  // eslint-disable-next-line no-control-regex
  expect(options.exact ? r.stderr : r.stdout + r.stderr).not.toMatch(/\u001b|\u202e/);
  expect([0, 1, 2]).toContain(r.code);
  return r;
}

/** The golden file test/golden/query/NAME (written by `vitest -u`, compared otherwise). */
export function golden(name: string): string {
  return path.join(GOLDEN_DIR, name);
}

const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/query');
