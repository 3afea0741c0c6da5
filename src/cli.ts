/**
 * The composition root: the only module that touches `process`. It declares every command and flag
 * (cheap), loads a command's module only when that command runs, and maps errors to exit codes:
 * 0 ok, 1 invalid records or a failed operation, 2 usage error or unreadable store.
 */
import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import type { Context } from './context.js';
import { escapeControl } from './core/quote.js';
import { CliError, UsageError } from './errors.js';
import { colorEnabled, type IO } from './io.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

type Run = (ctx: Context) => Promise<number>;

/** The top-level commands, in the order `dossier --help` lists them. */
export const COMMANDS = ['validate', 'schema', 'list', 'show', 'search', 'actions', 'stats', 'new', 'set', 'edit', 'rm', 'rename', 'diff', 'log', 'init', 'hooks', 'export'] as const;

/**
 * Which commands to declare for `argv`: the one it names, none for a bare `--version`, else all (for help, a
 * misspelt command's suggestions, `dossier help x`). Declaring all 27 commands with their options and help
 * is ~10 ms of commander's work that a run of one command does not need.
 */
export function commandsFor(argv: readonly string[]): (name: string) => boolean {
  const named = argv.find((a) => !a.startsWith('-'));
  if (named !== undefined) return (COMMANDS as readonly string[]).includes(named) ? (name) => name === named : () => true;
  const versionOnly = argv.some((a) => a === '-v' || a === '--version') && !argv.some((a) => a === '-h' || a === '--help');
  return () => !versionOnly;
}

export function buildProgram(ctx: Context, run: (task: Run) => void, wants: (name: string) => boolean = () => true): Command {
  const program = new Command('dossier')
    .description('Records of a civil-society network\'s advocacy work — organisations, people, meetings, proposals, agreements — as Markdown files in git.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .option('--no-cache', 'do not read or write the cache in .dossier/ (also DOSSIER_NO_CACHE=1)')
    .hook('preAction', (root) => {
      if (root.opts().cache === false) ctx.cache = false;
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      outputError: () => {}, // cli.ts prints usage errors itself, uniformly
    });

  if (wants('validate')) program
    .command('validate')
    .description('check every record: schema, references, store-wide rules; exit 1 on errors')
    .argument('[paths...]', 'only report problems in these files or folders (store-wide rules still see the whole store)')
    .addOption(new Option('-f, --format <format>', 'output format (default: github when GITHUB_ACTIONS=true, else pretty)').choices(['pretty', 'json', 'github']))
    .option('--strict', 'treat warnings as errors (exit 1)', false)
    .option('--root <dir>', 'the store (default: $DOSSIER_ROOT, else the nearest folder above with records/)')
    .addHelpText('after', examples([
      'dossier validate',
      'dossier validate records/meetings --strict',
      'dossier validate --format json | jq .errors',
      'dossier validate --format github   # in GitHub Actions',
    ]))
    .action((paths: string[], o: { format?: string; strict: boolean; root?: string }) =>
      run(async (c) => (await import('./commands/validate.js')).runValidate({ paths, format: o.format, strict: o.strict, root: o.root }, c)));

  if (wants('schema')) program
    .command('schema')
    .description('print or write the JSON Schema (draft 2020-12) of each record type')
    .argument('[type]', 'one record type (organisation, person, meeting, proposal, agreement)')
    .option('-o, --out <dir>', 'write <type>.schema.json files into this folder')
    .addHelpText('after', examples(['dossier schema meeting', 'dossier schema --out schemas/json']))
    .action((type: string | undefined, o: { out?: string }) =>
      run(async (c) => (await import('./commands/schema.js')).runSchema({ type, out: o.out }, c)));

  // ── finding things: list, show, search, actions, stats ──
  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  const rootOption = () => new Option('--root <dir>', 'the store (default: $DOSSIER_ROOT, else the nearest folder above with records/)');

  if (wants('list')) program
    .command('list')
    .description('list the records of one type, filtered, sorted, as a table, JSON, CSV...')
    .argument('<type>', 'organisations, people, meetings, proposals or agreements (singular works too)')
    .option('-w, --where <expr>', 'keep records where EXPR holds; repeat to AND: field=v, field!=v, field>v (>=, <, <=), field~text, field=a,b, field?, !field', collect)
    .option('-s, --sort <field>', 'sort by FIELD, -FIELD for descending; repeat or comma-separate for ties; by default newest first, or by name', collect)
    .option('-n, --limit <n>', 'show at most N records')
    .option('--fields <list>', 'columns to show, comma-separated (e.g. id,name,city); for json/ndjson/yaml, the fields to include')
    .addOption(new Option('-f, --format <format>', 'output format; table is tab-separated when piped (default: table)').choices(['table', 'json', 'ndjson', 'csv', 'yaml', 'ids']))
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier list proposals --where status=submitted,under-review',
      "dossier list meetings --where participants=dpnsee --where 'date>=2019'",
      'dossier list organisations --where name~timocki',
      'dossier list meetings --where host~office --sort -date --limit 5',
      'dossier list meetings --where actions.status=open --fields id,date,actions.task',
      'dossier list organisations --where kind=civil-society --format csv',
      'dossier list agreements --where parties=dpnsee --format json',
      "dossier list people --where '!organisation' --format ids",
    ]) + `
Conditions compare by the field's kind: dates as dates (a year or month is the whole period, \`today\`
is today), whole numbers as numbers, references by id or by the referenced record's name, text and ~
case- and diacritic-insensitively. On a list, = and ~ match any item; dotted paths reach into lists
of mappings (actions.owner, documents.url). != is the opposite of = (records without the field match).
Quote conditions that hold > < ! ? or spaces, so that the shell leaves them alone.
`)
    .action((type: string, o: { where?: string[]; sort?: string[]; limit?: string; fields?: string; format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/list.js')).runList({ ...o, type, where: o.where ?? [], sort: o.sort ?? [] }, c)));

  if (wants('show')) program
    .command('show')
    .description('show one record: every field, references by name, the body, and what refers to it')
    .argument('<id>', 'the record\'s id (its file name without .md), or its exact name')
    .addOption(new Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier show office-for-combating-drugs',
      'dossier show "Office for Combating Drugs"',
      'dossier show memorandum-of-understanding-2018 --format json | jq .backlinks',
    ]))
    .action((id: string, o: { format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/show.js')).runShow({ id, ...o }, c)));

  if (wants('search')) program
    .command('search')
    .description('full-text search over names, titles, text fields and bodies; every word must match')
    .argument('<text...>', 'words to find (case and diacritics do not matter)')
    .option('-t, --type <type>', 'only records of this type')
    .option('-n, --limit <n>', 'show at most N hits')
    .addOption(new Option('-f, --format <format>', 'output format; table is tab-separated when piped (default: table)').choices(['table', 'json']))
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier search decriminalisation',
      'dossier search timocki',
      'dossier search harm reduction --type organisation',
      'dossier search memorandum --format json --limit 3',
    ]))
    .action((words: string[], o: { type?: string; limit?: string; format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/search.js')).runSearch({ words, ...o }, c)));

  if (wants('actions')) program
    .command('actions')
    .description('follow-up actions agreed at meetings: owner, due date, status; overdue = open and past due')
    .addOption(new Option('--status <status>', 'only actions with this status').choices(['open', 'done', 'dropped']))
    .option('--overdue', 'only open actions with a due date before today', false)
    .option('--owner <id>', 'only actions owned by this organisation or person')
    .option('--today <date>', 'take this date (YYYY-MM-DD) as today, for scripts and tests')
    .addOption(new Option('-f, --format <format>', 'output format; table is tab-separated when piped (default: table)').choices(['table', 'json', 'ndjson', 'csv', 'yaml']))
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier actions --status open',
      'dossier actions --overdue',
      'dossier actions --owner office-for-combating-drugs --format json',
      'dossier actions --overdue --today 2019-06-30 --format csv',
    ]))
    .action((o: { status?: string; overdue: boolean; owner?: string; today?: string; format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/actions.js')).runActions(o, c)));

  if (wants('stats')) program
    .command('stats')
    .description('counts: records per type, proposals per status, meetings per year, open and overdue actions, agreements by kind')
    .option('--today <date>', 'take this date (YYYY-MM-DD) as today, for overdue actions')
    .addOption(new Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .addOption(rootOption())
    .addHelpText('after', examples(['dossier stats', 'dossier stats --format json | jq .proposals_by_status']))
    .action((o: { today?: string; format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/stats.js')).runStats(o, c)));

  // ── changing records: new, set, edit, rm, rename ──

  const collectAll = (value: string, previous: string[]) => [...previous, value];
  type WriteFlagValues = { commit: boolean; message?: string; branch?: string; root?: string; format?: string; dryRun?: boolean };
  const writeFlags = (o: WriteFlagValues) => ({ commit: o.commit, message: o.message, branch: o.branch, root: o.root, format: o.format, dryRun: o.dryRun });
  const withWriteOptions = (cmd: Command, dryRun = true) => {
    cmd
      .option('--no-commit', 'write the files but do not commit them')
      .option('-m, --message <msg>', 'the commit message (default: one describing the change)')
      .option('-b, --branch <name>', 'switch to this branch first, creating it if needed (refused when uncommitted changes would come along)')
      .addOption(new Option('-f, --format <format>', 'output: pretty for people, json for scripts').choices(['pretty', 'json']))
      .option('--root <dir>', 'the store (default: $DOSSIER_ROOT, else the nearest folder above with records/)');
    if (dryRun) cmd.option('-n, --dry-run', 'show what would change; write nothing');
    return cmd;
  };

  if (wants('new')) withWriteOptions(
    program
      .command('new')
      .description('create a record from --set flags (asking for missing required fields on a terminal), validate it, write it and commit it')
      .argument('<type>', 'organisation, person, meeting, proposal or agreement')
      .option('--id <id>', 'the id (default: made from the name or title; meetings get their date in front)')
      .option('-s, --set <field=value>', 'a field; repeat for more (field+=value adds to a list, dotted paths reach list items)', collectAll, [])
      .option('--body <text>', 'the Markdown body')
      .option('--body-file <file>', 'read the Markdown body from a file')
      .option('-e, --edit', 'open the new record in $VISUAL/$EDITOR before it is written', false),
  )
    .addHelpText('after', examples([
      'dossier new meeting --set title="Follow-up consultation" --set date=2019-04-10 --set host=office-for-combating-drugs',
      'dossier new organisation --set name="Prevent" --set kind=civil-society --set country=RS',
      'dossier new proposal --set title="Harm reduction funding" --set status=draft --set submitted_by+=dpnsee --edit',
      'dossier new person --set name="Milan Pekić" --dry-run',
    ]))
    .action((type: string, o: WriteFlagValues & { id?: string; set: string[]; body?: string; bodyFile?: string; edit: boolean }) =>
      run(async (c) => (await import('./commands/new.js')).runNew({ ...writeFlags(o), type, id: o.id, set: o.set, body: o.body, bodyFile: o.bodyFile, edit: o.edit }, c)));

  if (wants('set')) withWriteOptions(
    program
      .command('set')
      .description('change fields of a record in place (comments, order and quoting kept; one line per field) and commit it')
      .argument('<id>', 'the record')
      .argument('[assignments...]', 'field=value (a YAML flow value: [a, b] is a list), field+=value, field-=value; dotted paths such as actions.0.status=done')
      .option('-u, --unset <field>', 'remove a field; repeat for more', collectAll, [])
      .option('--on <date>', 'the date a proposal\'s status change happened (default: today), for submitted_on/decided_on')
      .option('--force', 'allow moving a proposal\'s status backwards', false),
  )
    .addHelpText('after', examples([
      'dossier set 2019-04-10-follow-up-consultation participants+=dpnsee',
      'dossier set proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use status=adopted --on 2019-06-01',
      'dossier set 2019-02-25-consultation-with-civil-society-organisations actions.0.status=done',
      'dossier set dpnsee website=https://www.dpnsee.org --unset city',
    ]))
    .action((id: string, assignments: string[], o: WriteFlagValues & { unset: string[]; on?: string; force: boolean }) =>
      run(async (c) => (await import('./commands/set.js')).runSet({ ...writeFlags(o), id, assignments, unset: o.unset, on: o.on, force: o.force }, c)));

  if (wants('edit')) withWriteOptions(
    program
      .command('edit')
      .description('open a record in $VISUAL/$EDITOR; validate it after, and commit it only if it changed and is valid')
      .argument('<id>', 'the record'),
    false,
  )
    .addHelpText('after', examples(['dossier edit dpnsee', 'EDITOR="code --wait" dossier edit memorandum-of-understanding-2018 --branch mou-fixes']))
    .action((id: string, o: WriteFlagValues) => run(async (c) => (await import('./commands/edit.js')).runEdit({ ...writeFlags(o), id }, c)));

  if (wants('rm')) withWriteOptions(
    program
      .command('rm')
      .description('remove a record; refused while other records refer to it, unless --unlink removes those references too')
      .argument('<id>', 'the record')
      .option('--unlink', 'also remove every reference to it (in the same commit)', false),
  )
    .addHelpText('after', examples(['dossier rm milan-pekic', 'dossier rm kokoro --unlink --dry-run']))
    .action((id: string, o: WriteFlagValues & { unlink: boolean }) => run(async (c) => (await import('./commands/rm.js')).runRm({ ...writeFlags(o), id, unlink: o.unlink }, c)));

  if (wants('rename')) withWriteOptions(
    program
      .command('rename')
      .description('change a record\'s id: move its file (git mv) and rewrite every reference to it, in one commit')
      .argument('<old-id>', 'the record')
      .argument('<new-id>', 'its new id')
      .option('--name <text>', 'also give it a new name (or title)')
      .option('--keep-name [lang]', 'organisations: keep the previous name in other_names (language tag, default en)'),
  )
    .addHelpText('after', examples([
      'dossier rename dpnsee drug-policy-network-south-east-europe',
      'dossier rename office-for-combating-drugs office-on-drugs-policy --name "Office on Drugs Policy" --keep-name',
    ]))
    .action((oldId: string, newId: string, o: WriteFlagValues & { name?: string; keepName?: string | boolean }) =>
      run(async (c) => (await import('./commands/rename.js')).runRename({ ...writeFlags(o), oldId, newId, name: o.name, keepName: o.keepName }, c)));

  // ── review and history: diff, log, init, hooks ──

  if (wants('diff')) program
    .command('diff')
    .description('what a change does to the records: added, removed, renamed and changed records, field by field, and the errors it introduces or fixes')
    .argument('[base]', 'the version before (default: the merge-base with the default branch, or HEAD on it)')
    .argument('[head]', 'the version after (default: the working tree)')
    .addOption(new Option('-f, --format <format>', 'text for people, markdown for a pull request or $GITHUB_STEP_SUMMARY, json for scripts (default: text)').choices(['text', 'markdown', 'json']))
    .option('--fail-on-errors', 'exit 1 when the change introduces validation errors', false)
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier diff                      # this branch against the default branch, uncommitted changes included',
      'dossier diff HEAD~1               # what the last commit and uncommitted changes did',
      'dossier diff main my-branch --format markdown',
      'dossier diff "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"',
      'dossier diff HEAD~3 HEAD --format json | jq .summary',
    ]) + `
References are shown by name, lists as additions and removals, the body as lines added and removed;
the email and phone of people who are not public are only said to have changed. A record moved to a
new id, with the references to it rewritten (dossier rename), is one rename. Exit 0 whatever changed,
unless --fail-on-errors and the change introduces errors (exit 1).
`)
    .action((base: string | undefined, head: string | undefined, o: { format?: string; failOnErrors: boolean; root?: string }) =>
      run(async (c) => (await import('./commands/diff.js')).runDiff({ base, head, format: o.format, failOnErrors: o.failOnErrors, root: o.root }, c)));

  if (wants('log')) program
    .command('log')
    .description('the history of one record from git, following renames: who changed what, when; a status timeline for proposals')
    .argument('<id>', 'the record\'s id (also a removed record\'s), or its exact name')
    .addOption(new Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .addOption(rootOption())
    .addHelpText('after', examples([
      'dossier log proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use',
      'dossier log dpnsee',
      'dossier log memorandum-of-understanding-2018 --format json | jq \'.commits[].subject\'',
    ]))
    .action((id: string, o: { format?: string; root?: string }) =>
      run(async (c) => (await import('./commands/log.js')).runLog({ id, ...o }, c)));

  if (wants('init')) program
    .command('init')
    .description('make a new, valid, empty store: records/ folders, README, CI workflow, pull-request template, package.json, git init and a first commit')
    .argument('[dir]', 'the folder (created if needed; default: the current folder)')
    .option('--force', 'overwrite the files init writes when they exist (nothing else is touched)', false)
    .option('--dossier-spec <spec>', 'the dossier dependency in package.json: a version, a range or a git URL (default: this dossier\'s version)')
    .option('--no-commit', 'write the files, do not commit them')
    .addOption(new Option('-f, --format <format>', 'output: pretty for people, json for scripts').choices(['pretty', 'json']))
    .addHelpText('after', examples([
      'dossier init new-store',
      'dossier init . --dossier-spec github:our-network/dossier#v0.1.0',
      'dossier init --force    # rewrite README, workflow and templates in an existing store',
    ]))
    .action((dir: string | undefined, o: { force: boolean; dossierSpec?: string; commit: boolean; format?: string }) =>
      run(async (c) => (await import('./commands/init.js')).runInit({ dir, force: o.force, dossierSpec: o.dossierSpec, commit: o.commit, format: o.format }, c)));

  if (wants('hooks')) {
    const hooks = program
      .command('hooks')
      .description('a git pre-commit hook that validates the staged records and blocks a commit that would make them invalid')
      .action(() => run(async () => {
        throw new UsageError('say what to do with the hook: `dossier hooks install` or `dossier hooks uninstall`', 'see `dossier hooks --help`');
      }));
    hooks
      .command('install')
      .description('add the pre-commit hook (kept beside any hook already there; honours core.hooksPath)')
      .addOption(rootOption())
      .addHelpText('after', examples(['dossier hooks install', 'git commit --no-verify   # skip the check once']))
      .action((o: { root?: string }) => run(async (c) => (await import('./commands/hooks.js')).runHooks({ action: 'install', root: o.root }, c)));
    hooks
      .command('uninstall')
      .description('remove what `hooks install` added, and nothing else')
      .addOption(rootOption())
      .addHelpText('after', examples(['dossier hooks uninstall']))
      .action((o: { root?: string }) => run(async (c) => (await import('./commands/hooks.js')).runHooks({ action: 'uninstall', root: o.root }, c)));
    hooks
      .command('run-pre-commit', { hidden: true })
      .description('what the hook runs: validate the staged records; exit 1 on errors')
      .addOption(rootOption())
      .action((o: { root?: string }) => run(async (c) => (await import('./commands/hooks.js')).runHooks({ action: 'run-pre-commit', root: o.root }, c)));
    hooks.addHelpText('after', examples(['dossier hooks install', 'dossier hooks uninstall']));
  }

  // ── exports ──

  type ExportFlagValues = { out?: string; includePrivate?: boolean; root?: string };
  const runExport = (o: ExportFlagValues & Record<string, unknown>, kind: string, extra: Record<string, unknown> = {}) =>
    run(async (c) => {
      const m = await import('./commands/export.js');
      return m.runExport({ ...o, ...extra, kind: kind as (typeof m.EXPORT_KINDS)[number] }, c);
    });
  const withExportOptions = (cmd: Command) =>
    cmd
      .option('-o, --out <file>', 'write to FILE (an existing one is replaced atomically) instead of stdout')
      .option('--include-private', 'also export private records and private people\'s contact fields', false)
      .addOption(rootOption());
  const periodOptions = (cmd: Command) =>
    cmd
      .option('--from <date>', 'from this date (YYYY-MM-DD; a year or month is its first day)')
      .option('--to <date>', 'up to this date, inclusive (YYYY-MM-DD; a year or month is its last day)');
  const proseFormat = () => new Option('-f, --format <format>', 'markdown or a self-contained HTML page (default: html when --out ends in .html, else markdown)').choices(['markdown', 'html']);

  const exportKinds = ['report', 'summary', 'csv', 'json', 'ics', 'popolo', 'site'];
  if (wants('export')) {
    const exporter = program
      .command('export')
      .usage('<kind> [options]')
      .description('the records for the outside world: an activity report, a meeting summary, CSV, JSON, a calendar, Popolo, a static website; public records only unless --include-private')
      .argument('[kind]', 'report, summary, csv, json, ics, popolo or site')
      .action((kind: string | undefined) =>
        run(async () => {
          const guess = kind === undefined ? undefined : (await import('./core/suggest.js')).suggest(kind, exportKinds);
          throw new UsageError(kind === undefined ? 'say what to export: report, summary, csv, json, ics, popolo or site' : `unknown export "${kind}"${guess ? `; did you mean ${guess}?` : ''}`, 'see `dossier export --help`');
        }),
      )
      .addHelpText('after', examples([
        'dossier export report --from 2018-01-01 --to 2019-12-31',
        'dossier export summary 2019-02-25-consultation-with-civil-society-organisations --format html --out consultation.html',
        'dossier export csv organisation --excel --out orgs.csv',
        'dossier export json --resolve > store.json',
        'dossier export ics --out meetings.ics',
        'dossier export popolo > popolo.json',
        'dossier export site --out public --base-url https://our-network.github.io/records/',
      ]));

    withExportOptions(periodOptions(exporter.command('report').description('an activity report for a period: meetings, proposals, agreements, follow-up actions, organisations engaged')))
      .addOption(proseFormat())
      .option('--today <date>', 'take this date (YYYY-MM-DD) as today, for overdue actions')
      .addHelpText('after', examples([
        'dossier export report --from 2018-01-01 --to 2019-12-31',
        'dossier export report --from 2019 --to 2019 --format html --out report-2019.html',
        'dossier export report   # everything in the records',
      ]))
      .action((o: ExportFlagValues & { from?: string; to?: string; format?: string; today?: string }) => runExport(o, 'report'));

    withExportOptions(
      exporter
        .command('summary')
        .description('a publishable summary of one meeting, proposal or agreement, with the related records woven in')
        .argument('<id>', 'the meeting, proposal or agreement (its id, exact title, or the start of its id)'),
    )
      .addOption(proseFormat())
      .addHelpText('after', examples([
        'dossier export summary 2019-02-25-consultation-with-civil-society-organisations',
        'dossier export summary memorandum-of-understanding-2018 --format html --out mou.html',
      ]))
      .action((id: string, o: ExportFlagValues & { format?: string }) => runExport(o, 'summary', { id }));

    withExportOptions(
      exporter
        .command('csv')
        .description('one record type as CSV (RFC 4180, UTF-8): a row per record, references as ids plus <field>_names, lists joined with "; "')
        .argument('<type>', 'organisations, people, meetings, proposals or agreements (singular works too)'),
    )
      .option('--fields <list>', 'the columns, comma-separated (default: every field; `body` only on request)')
      .option('--excel', 'start with a byte order mark, so that Excel reads accented letters right', false)
      .addHelpText('after', examples([
        'dossier export csv organisation --excel --out orgs.csv',
        'dossier export csv meetings --fields id,date,title,host_names,participants_names',
        'dossier export csv proposals --fields id,title,status,submitted_by_names',
      ]) + `
  Cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return)
  get a leading ' (OWASP's advice), which spreadsheets do not display.
  `)
      .action((type: string, o: ExportFlagValues & { fields?: string; excel: boolean }) => runExport(o, 'csv', { type }));

    withExportOptions(exporter.command('json').description('the whole store as one JSON document {organisations, people, meetings, proposals, agreements}, byte-stable'))
      .option('--resolve', 'add the names of referenced records (host_name, participants_names, ...)', false)
      .addHelpText('after', examples(['dossier export json > store.json', 'dossier export json --resolve | jq \'.meetings[0].participants_names\'']))
      .action((o: ExportFlagValues & { resolve: boolean }) => runExport(o, 'json'));

    withExportOptions(periodOptions(exporter.command('ics').description('an iCalendar file: an all-day event per meeting, a to-do per follow-up action with a due date')))
      .addHelpText('after', examples(['dossier export ics --out meetings.ics', 'dossier export ics --from 2019 --out meetings-2019.ics']))
      .action((o: ExportFlagValues & { from?: string; to?: string }) => runExport(o, 'ics'));

    withExportOptions(exporter.command('popolo').description('organisations, people, memberships, meetings (events) and proposals (motions) as Popolo JSON'))
      .addHelpText('after', examples(['dossier export popolo > popolo.json', 'dossier export popolo --out popolo.json']))
      .action((o: ExportFlagValues) => runExport(o, 'popolo'));

    exporter
      .command('site')
      .description('the public records as a static website: home page, organisations, meetings, proposals tracker, a page per record, Atom feed; never private records')
      .option('-o, --out <dir>', 'the folder to write (default: public); replaced whole, so it must be new, empty, or a site dossier wrote')
      .option('--base-url <url>', "the site's address (https://...), for canonical links and sitemap.xml; pages link to each other relatively either way")
      .option('--title <text>', "the site's name, in the header and the feed (default: Advocacy records)")
      .addOption(new Option('--include-private').hideHelp())
      .addOption(rootOption())
      .addHelpText('after', examples([
        'dossier export site',
        'dossier export site --title "Drug Policy Network South East Europe" --out public',
        'dossier export site --base-url https://our-network.github.io/records/',
      ]) + `
  The site works from any folder and from file://: open public/index.html. Re-running on the same records
  writes the same bytes; pages of removed records disappear. Private records, and the email and phone of
  people not marked public, never appear in a page, a file name or a link.
  `)
      .action((o: { out?: string; baseUrl?: string; title?: string; includePrivate?: boolean; root?: string }) => runExport(o, 'site'));
  }

  return program;
}

function processIO(env: Record<string, string | undefined>): IO {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    stdout: { write: (s) => void process.stdout.write(s) },
    stderr: { write: (s) => void process.stderr.write(s) },
    isTTY,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    color: colorEnabled(isTTY, env),
    colorErr: colorEnabled(Boolean(process.stderr.isTTY), env),
    columns: process.stdout.columns || 100,
  };
}

/** Messages quote file names and arguments, which may hold terminal control characters: those are shown escaped. */
const safe = (text: string) => text.split('\n').map(escapeControl).join('\n');

function reportError(err: unknown, ctx: Context): number {
  if (err instanceof CliError) {
    if (err.message) ctx.io.stderr.write(`dossier: ${safe(err.message)}\n`);
    if (err.hint) ctx.io.stderr.write(`hint: ${safe(err.hint)}\n`);
    return err.exitCode;
  }
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return 0; // --help, --version
    ctx.io.stderr.write(`dossier: ${safe(err.message.replace(/^error: /, ''))}\n`);
    ctx.io.stderr.write('hint: see `dossier --help`\n');
    return 2;
  }
  ctx.io.stderr.write(`dossier: internal error: ${safe(err instanceof Error ? err.message : String(err))}\n`);
  if (ctx.env.DOSSIER_DEBUG === '1' && err instanceof Error && err.stack) ctx.io.stderr.write(`${err.stack}\n`);
  else ctx.io.stderr.write('hint: run again with DOSSIER_DEBUG=1 to see where it happened, and report it\n');
  return 1;
}

/** Run dossier with `argv` (without node and the script) in `ctx`; resolves to the exit code. */
export async function runCli(argv: string[], ctx: Context): Promise<number> {
  let task: Run | undefined;
  const program = buildProgram(ctx, (t) => {
    task = t;
  }, commandsFor(argv));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return task ? await task(ctx) : 0;
  } catch (err) {
    return reportError(err, ctx);
  }
}

export function main(argv: string[]): void {
  const env = process.env;
  // A closed pipe (`dossier list | head -1`) is a normal end, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const ctx: Context = { cwd: process.cwd(), env, io: processIO(env), now: () => new Date() };
  runCli(argv, ctx).then(
    (code) => exitWhenWritten(code),
    (err: unknown) => exitWhenWritten(reportError(err, ctx)),
  );
}

/**
 * Exit as soon as the command is done and its output is written. Left to itself, Node first waits for the
 * optimising compiles V8 has queued on background threads, which after a query over 10,000 records is ~20 ms
 * of nothing. Every command has finished its work (and awaited its git processes) when runCli resolves.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  // Where output is asynchronous (a pipe on macOS), an empty write's callback runs once what came before is out.
  Promise.all(pending.map((s) => new Promise<void>((resolve) => s.write('', () => resolve())))).then(() => process.exit());
}
