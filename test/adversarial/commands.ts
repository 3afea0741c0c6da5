/**
 * The one list of commands the adversarial suite runs on every case (not a test file itself). When a command or an
 * export kind is added to dossier, add it here: the corpus test fails while `dossier export --help` lists a kind
 * this file does not know.
 */
import { spawnSync } from 'node:child_process';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { dossierEnv, SINGULAR, TYPES } from './harness.js';

type Ids = Record<(typeof TYPES)[number], string[]>;

/**
 * Every export kind, with the arguments to run it on a case (private records included: more values rendered).
 * `scratch` is a folder outside the store for exports that write files (`site`); the corpus reads them back.
 */
export const EXPORTS: Record<string, (ids: Ids, scratch: string) => string[]> = {
  report: () => ['export', 'report', '--include-private', '--today', '2019-03-01'],
  summary: (ids) => ['export', 'summary', '--include-private', '--', ids.meetings[0] ?? ids.proposals[0] ?? ids.agreements[0] ?? 'no-such-record'],
  csv: (ids) => ['export', 'csv', TYPES.find((t) => ids[t].length) ?? 'organisations', '--include-private'],
  json: () => ['export', 'json', '--resolve', '--include-private'],
  ics: () => ['export', 'ics', '--include-private'],
  popolo: () => ['export', 'popolo'],
  site: (_ids, scratch) => ['export', 'site', '--out', `${scratch}/site`, '--title', 'Adversarial'],
};

/** Where an export wrote its files (read back and checked like output), or undefined when it printed to stdout. */
export function exportOutDir(args: readonly string[]): string | undefined {
  return args[0] === 'export' && args[1] === 'site' ? args[args.indexOf('--out') + 1] : undefined;
}

/** The export kinds the built CLI has: the sub-commands `dossier export --help` lists; [] while there is no export. */
export function builtExportKinds(): string[] {
  const r = spawnSync(process.execPath, [BIN, 'export', '--help'], { cwd: REPO_ROOT, env: dossierEnv(), encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0 || !/Commands:/.test(r.stdout)) return [];
  const section = r.stdout.slice(r.stdout.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((k) => k !== 'help');
}

/**
 * The read-only commands run on a case: validate, list per type, show per id, search, actions, stats, diff, log, and
 * every built export. (`new`, `set`, `rename`, `rm`, `edit` are the corpus's writes; `schema`, `init` and `hooks` read
 * no record.)
 */
export function readCommands(ids: Ids, extra: { show?: string[]; search?: string[] }, exportKinds: readonly string[], scratch: string, showCap = Infinity): string[][] {
  const commands: string[][] = [['validate', '--format', 'json'], ['validate']];
  for (const t of TYPES) commands.push(['list', t]);
  const own = TYPES.flatMap((t) => ids[t]).slice(0, showCap);
  for (const id of [...own, ...(extra.show ?? [])]) {
    commands.push(['show', '--', id]);
    if (id.startsWith('-')) commands.push(['show', id]); // as a user would type it: an option to commander
  }
  for (const word of extra.search ?? ['e']) commands.push(['search', '--', word]);
  commands.push(['actions'], ['stats']);
  // history: the case's store is committed on top of an empty commit, so the diff shows every record as added
  for (const format of ['text', 'markdown', 'json']) commands.push(['diff', 'HEAD~1', 'HEAD', '--format', format]);
  const first = own.find((id) => id !== 'dpnsee') ?? own[0];
  if (first) commands.push(['log', '--', first]);
  for (const kind of exportKinds) if (EXPORTS[kind]) commands.push(EXPORTS[kind](ids, scratch));
  return commands;
}

/** A `set` that any record of the type takes, and the command that undoes it when the field was not there before. */
export function defaultSet(type: (typeof TYPES)[number], id: string): { field: string; set: string[]; undo: string[] } {
  const set = (a: string) => ['set', '--', id, a];
  switch (SINGULAR[type]) {
    case 'organisation':
      return { field: 'city', set: set('city=Novi Sad'), undo: ['set', '--unset', 'city', '--', id] };
    case 'person':
      return { field: 'role', set: set('role=Coordinator'), undo: ['set', '--unset', 'role', '--', id] };
    case 'meeting':
      return { field: 'location', set: set('location=Belgrade'), undo: ['set', '--unset', 'location', '--', id] };
    case 'proposal':
      return { field: 'topics', set: set('topics+=harm reduction'), undo: set('topics-=harm reduction') };
    default:
      return { field: 'valid_until', set: set('valid_until=2030-01-01'), undo: ['set', '--unset', 'valid_until', '--', id] };
  }
}
