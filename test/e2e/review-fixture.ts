/**
 * A small store and a scripted history for the review tests (diff, log): commits made through the CLI and by
 * hand, one kind of change each, tagged so tests can diff any two steps. Not a test file itself.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { dossier } from '../helpers/cli.js';
import { git, gitStore, type FileTree } from '../helpers/store.js';
import { read } from './write-helpers.js';

export const MEETING = 'records/meetings/2019-02-25-consultation.md';
export const PROPOSAL = 'records/proposals/decriminalisation.md';

export const REVIEW_FIXTURE: FileTree = {
  'records/organisations/office-for-combating-drugs.md': '---\nname: Office for Combating Drugs\nkind: government\ncountry: RS\n---\nThe Office of the Government of Serbia.\n',
  'records/organisations/dpnsee.md': '---\nname: Drug Policy Network South East Europe\nshort_name: DPNSEE\nkind: network\nwebsite: https://www.dpnsee.org\n---\n',
  'records/organisations/prevent.md': '---\nname: Prevent\nkind: civil-society\ncountry: RS\ncity: Novi Sad\n---\n',
  'records/organisations/kokoro.md': '---\nname: Kokoro\nkind: civil-society\ncountry: RS\n---\n',
  'records/people/jane-doe.md': '---\nname: Jane Doe\norganisation: prevent\nrole: Coordinator\nemail: jane@example.org\nphone: "+381 11 123 4567"\n---\n',
  'records/people/milan-pekic.md': '---\nname: Milan Pekić\norganisation: office-for-combating-drugs\nrole: Acting director\nemail: milan@example.gov.rs\nvisibility: public\n---\n',
  [MEETING]: [
    '---',
    'title: Consultation with civil society organisations',
    'date: 2019-02-25',
    'host: office-for-combating-drugs',
    'participants:',
    '  - dpnsee',
    '  - prevent',
    'participant_count: 15',
    'actions:',
    '  - task: Present civil society proposals to the Working group',
    '    owner: office-for-combating-drugs',
    '    status: open',
    'proposals:',
    '  - decriminalisation',
    '---',
    'Most of the meeting was dedicated to the Criminal Law.',
    '',
    'The Office will present the proposals.',
    '',
  ].join('\n'),
  [PROPOSAL]: '---\ntitle: Decriminalisation of drug use and possession for personal use\nstatus: submitted\nsubmitted_by:\n  - dpnsee\nsubmitted_to:\n  - office-for-combating-drugs\nsubmitted_on: 2019-02-14\n---\n',
  'records/agreements/memorandum-2018.md': '---\ntitle: Memorandum of Understanding\nkind: memorandum-of-understanding\nsigned_on: 2018-01-10\nparties:\n  - office-for-combating-drugs\n  - dpnsee\n---\n',
};

/** The steps of the history, each a tag on its commit, in order. */
export const STEPS = ['start', 'add', 'change', 'remove', 'rename', 'body-only', 'private', 'rename-by-hand', 'broken', 'fixed'] as const;
export type Step = (typeof STEPS)[number];

function ok(root: string, args: string[]): void {
  const r = dossier(args, { cwd: root });
  expect(r.code, r.stderr).toBe(0);
}

function commitByHand(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
}

function edit(root: string, file: string, change: (text: string) => string): void {
  writeFileSync(path.join(root, file), change(read(root, file)));
}

/** Like gitStore, but usable in beforeAll: the caller removes the folder. */
export const keptGitStore = (files: FileTree): string => gitStore(files, { keep: true });

/** The store with its whole scripted history; every step is tagged. Remove it with rmSync when done. */
export function reviewHistory(): string {
  const root = keptGitStore(REVIEW_FIXTURE);
  git(root, 'tag', 'start');

  // add: a meeting, through the CLI.
  ok(root, ['new', 'meeting', '--set', 'title=Follow-up consultation', '--set', 'date=2019-04-10', '--set', 'host=office-for-combating-drugs', '--set', 'participants+=dpnsee', '--body', 'A follow-up on the proposals.\n']);
  git(root, 'tag', 'add');

  // change: scalars, a list, an item of a list of mappings, through the CLI.
  ok(root, ['set', '2019-02-25-consultation', 'participants+=kokoro', 'participant_count=12', 'actions.0.status=done', 'outcomes=[The proposal was appraised as clear and evidence based]']);
  git(root, 'tag', 'change');

  // remove: an organisation, with the references to it, through the CLI.
  ok(root, ['rm', 'prevent', '--unlink']);
  git(root, 'tag', 'remove');

  // rename: through the CLI (git mv and every reference rewritten).
  ok(root, ['rename', 'dpnsee', 'drug-policy-network-see']);
  git(root, 'tag', 'rename');

  // body-only: by hand.
  edit(root, MEETING, (t) => t.replace('The Office will present the proposals.\n', 'The Office will present the proposals.\nIt will report back in April.\n'));
  commitByHand(root, 'meeting: a line on the follow-up');
  git(root, 'tag', 'body-only');

  // private: a private person's contact fields and role, a public person's email, by hand.
  edit(root, 'records/people/jane-doe.md', (t) => t.replace('jane@example.org', 'jane.doe@example.org').replace('+381 11 123 4567', '+381 11 765 4321').replace('Coordinator', 'Director'));
  edit(root, 'records/people/milan-pekic.md', (t) => t.replace('milan@example.gov.rs', 'pekic@example.gov.rs'));
  commitByHand(root, 'people: new contacts');
  git(root, 'tag', 'private');

  // rename-by-hand: a plain move (not git mv) and the references edited, as someone without dossier would.
  renameSync(path.join(root, 'records/organisations/kokoro.md'), path.join(root, 'records/organisations/kokoro-nis.md'));
  edit(root, 'records/organisations/kokoro-nis.md', (t) => t.replace('country: RS\n', 'country: RS\ncity: Niš\n'));
  edit(root, MEETING, (t) => t.replace('  - kokoro\n', '  - kokoro-nis\n'));
  commitByHand(root, 'kokoro is kokoro-nis');
  git(root, 'tag', 'rename-by-hand');

  // broken, then fixed: a wrong kind and a dangling reference.
  edit(root, 'records/organisations/kokoro-nis.md', (t) => t.replace('kind: civil-society', 'kind: ngo'));
  edit(root, PROPOSAL, (t) => t.replace('  - office-for-combating-drugs\n', '  - office-for-combating-drug\n'));
  commitByHand(root, 'break two records');
  git(root, 'tag', 'broken');
  edit(root, 'records/organisations/kokoro-nis.md', (t) => t.replace('kind: ngo', 'kind: civil-society'));
  edit(root, PROPOSAL, (t) => t.replace('  - office-for-combating-drug\n', '  - office-for-combating-drugs\n'));
  commitByHand(root, 'fix them');
  git(root, 'tag', 'fixed');
  return root;
}

/** Commit hashes out of output, so goldens do not depend on them. */
export function dehash(text: string): string {
  return text.replace(/\b[0-9a-f]{40}\b/g, '<commit>').replace(/\((?:[0-9a-f]{7})\)/g, '(<short>)');
}
