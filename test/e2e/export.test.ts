/**
 * `dossier export` end to end, on a copy of the bundled records and on the export fixture (private people and
 * records, every proposal status, actions in every state, hostile values). Outputs are compared with the golden
 * files in test/golden/export/; after a deliberate change, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run test/e2e/export.test.ts` and review the diff.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { Validator } from 'jsonschema';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { type FileTree, git, tempStore } from '../helpers/store.js';
import { bundledRecords, EXPORT_FIXTURE, HOSTILE_TITLE, PRIVATE_VALUES } from './export-fixture.js';

const GOLDEN = path.join(REPO_ROOT, 'test/golden/export');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, name).toBe(readFileSync(file, 'utf8'));
}

/** A temp git store kept for the whole file (one commit, at the fixed date of GIT_ENV). */
function keptGitStore(files: FileTree): string {
  const root = tempStore(files, { keep: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'records');
  return root;
}

const SKIPPED = 'dossier: 1 invalid record was skipped; `dossier validate` explains why\n';
const LEFT_OUT = (n: number) => `dossier: ${n} private record${n === 1 ? ' was' : 's were'} left out; --include-private includes them\n`;

let bundled = '';
let fixture = '';
beforeAll(() => {
  bundled = keptGitStore(bundledRecords());
  fixture = keptGitStore(EXPORT_FIXTURE);
});
afterAll(() => {
  for (const dir of [bundled, fixture]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run an export that must succeed; returns stdout. */
function exp(args: string[], cwd: string, stderr?: string): string {
  const r = run(['export', ...args], { cwd });
  expect(r.code, r.stderr).toBe(0);
  if (stderr !== undefined) expect(r.stderr).toBe(stderr);
  return r.stdout;
}

// ── the bundled records ──

const CONSULTATION = '2019-02-25-consultation-with-civil-society-organisations';
const PROPOSAL = 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use';

describe('golden exports of the bundled records', () => {
  it.each([
    ['report.md', ['report', '--from', '2018-01-01', '--to', '2019-12-31']],
    ['report.html', ['report', '--from', '2018-01-01', '--to', '2019-12-31', '--format', 'html']],
    ['summary-meeting.md', ['summary', CONSULTATION]],
    ['summary-meeting.html', ['summary', CONSULTATION, '--format', 'html']],
    ['summary-proposal.md', ['summary', PROPOSAL]],
    ['summary-agreement.md', ['summary', 'memorandum-of-understanding-2018']],
    ['organisations.csv', ['csv', 'organisation']],
    ['people.csv', ['csv', 'people']],
    ['meetings.csv', ['csv', 'meetings']],
    ['proposals.csv', ['csv', 'proposals']],
    ['agreements.csv', ['csv', 'agreements']],
    ['store.json', ['json']],
    ['store-resolved.json', ['json', '--resolve']],
    ['calendar.ics', ['ics']],
    ['popolo.json', ['popolo']],
  ])('%s', (name, args) => {
    golden(`bundled/${name}`, exp(args, bundled, ''));
  });

  it('the summary of the 2019 consultation tells what the news item tells, from the records alone', () => {
    const text = exp(['summary', CONSULTATION], bundled);
    for (const fact of [
      'The Office for Combating Drugs of the Government of the Republic of Serbia held a consultation with civil society organisations on 25 February 2019.',
      'In all, 15 organisations took part, among them Drug Policy Network South East Europe (DPNSEE), Nova Plus, Izlazak, Re Generation, Prevent, Duga, Timočki omladinski centar, Jazas Pozarevac, Kokoro and Zemlja živih.',
      'Proposals for amendments to the Criminal Law related to drug-related offences',
      'DPNSEE sent the “Proposal for decriminalisation of drug use and possession for personal use” to the Ministry of Justice, the Working group for changes of the Criminal Law, the Office for Combating Drugs and the Office for Cooperation with Civil Society.',
      'The proposal is available in Serbian.',
      "DPNSEE's proposal was appraised as very good, clear, concise and evidence based",
      'The Office for Combating Drugs committed to:',
      '- present civil society proposals, through the Office\'s representative, to the Working group for changes of the Criminal Law',
      '- propose full involvement of civil society in designing the new National Drug Strategy',
      'signed on 10 January 2018 by 12 parties',
    ]) {
      expect(text).toContain(fact);
    }
    // Names, not ids; dates as people write them.
    expect(text).not.toMatch(/office-for-combating-drugs|dpnsee\b|2019-02-25/);
  });

  it('the report reads as a report: headings, dates in words, names not ids', () => {
    const text = exp(['report', '--from', '2018-01-01', '--to', '2019-12-31'], bundled);
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Meetings', '## Proposals', '## Agreements', '## Follow-up actions', '## Organisations engaged']);
    expect(text).toContain('### 25 February 2019: Consultation with civil society organisations');
    expect(text).toContain('In all, 14 organisations were engaged in this period.');
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(text).not.toContain('office-for-combating-drugs');
  });

  it('two runs give the same bytes (JSON, calendar), and the DTSTAMP is the last commit', () => {
    for (const args of [['json'], ['json', '--resolve'], ['ics'], ['popolo']]) expect(exp(args, bundled)).toBe(exp(args, bundled));
    expect(exp(['ics'], bundled)).toContain('DTSTAMP:20190301T100000Z\r\n');
  });

  it('outside git the DTSTAMP is the newest date in the records, never the clock', () => {
    const root = tempStore(bundledRecords());
    expect(exp(['ics'], root)).toContain('DTSTAMP:20190225T000000Z\r\n');
  });
});

// ── the fixture ──

const FIXTURE_SUMMARIES = ['2018-11-05-kickoff', '2019-02-25-consultation', '2019-03-10-hostile', '2019-05-05-cancelled-visit', '2020-06-01-online-follow-up', 'decriminalisation-proposal', 'harm-reduction-services', 'treatment-standards', 'prison-health', 'naloxone', 'drug-courts', 'drug-checking', 'mou-2018'];

describe('golden exports of the fixture store', () => {
  it.each([
    ['report.md', ['report', '--today', '2019-06-30']],
    ['report.html', ['report', '--today', '2019-06-30', '--format', 'html']],
    ['report-2019.md', ['report', '--from', '2019', '--to', '2019', '--today', '2019-06-30']],
    ['organisations.csv', ['csv', 'organisations']],
    ['people.csv', ['csv', 'people']],
    ['meetings.csv', ['csv', 'meetings']],
    ['proposals.csv', ['csv', 'proposals']],
    ['agreements.csv', ['csv', 'agreements']],
    ['store.json', ['json']],
    ['store-resolved.json', ['json', '--resolve']],
    ['calendar.ics', ['ics']],
    ['popolo.json', ['popolo']],
  ])('%s', (name, args) => {
    golden(`fixture/${name}`, exp(args, fixture, SKIPPED + LEFT_OUT(name.endsWith('.csv') ? { 'organisations.csv': 1, 'people.csv': 2, 'meetings.csv': 1, 'proposals.csv': 1, 'agreements.csv': 1 }[name]! : 6)));
  });

  it.each(FIXTURE_SUMMARIES.flatMap((id) => [[id, 'md'], [id, 'html']] as const))('summary %s (%s)', (id, ext) => {
    golden(`fixture/summary-${id}.${ext}`, exp(['summary', id, '--format', ext === 'md' ? 'markdown' : 'html'], fixture));
  });

  it('with --include-private, everything and no count', () => {
    golden('fixture/store-private.json', exp(['json', '--include-private'], fixture, SKIPPED));
  });

  it('stderr counts only the private records the output drew on', () => {
    expect(run(['export', 'summary', '2018-11-05-kickoff'], { cwd: fixture }).stderr).toBe(SKIPPED + LEFT_OUT(2));
    expect(run(['export', 'summary', 'treatment-standards'], { cwd: fixture }).stderr).toBe(SKIPPED);
  });
});

// ── reading the exports back ──

type JsonStore = Record<string, Record<string, unknown>[]>;

describe('the calendar, read back by ical.js', () => {
  it.each([['bundled'], ['fixture']])('%s: one all-day event per meeting and one to-do per dated action, as in the records', (which) => {
    const cwd = which === 'bundled' ? bundled : fixture;
    const store = JSON.parse(exp(['json', '--resolve'], cwd)) as JsonStore;
    const text = exp(['ics'], cwd);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const meetings = store.meetings!;
    expect(events.map((e) => e.uid)).toEqual([...meetings].sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id))).map((m) => `${m.id}@dossier`));
    for (const e of events) {
      const m = meetings.find((x) => `${x.id}@dossier` === e.uid)!;
      expect(e.summary).toBe(m.title);
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(m.date);
      const end = new Date(`${(m.end_date ?? m.date) as string}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      expect(e.endDate.toString()).toBe(end.toISOString().slice(0, 10));
      expect(e.location ?? undefined).toBe((m.location as string | undefined) ?? (m.format === 'online' ? 'Online' : undefined));
      expect(e.component.getFirstPropertyValue('status')).toBe({ held: 'CONFIRMED', planned: 'TENTATIVE', cancelled: 'CANCELLED' }[m.status as string]);
      if (m.host) expect(e.description).toContain(`Host: ${m.host_name as string}`);
      for (const o of (m.outcomes as string[] | undefined) ?? []) expect(e.description).toContain(o);
    }
    const todos = calendar.getAllSubcomponents('vtodo');
    type Action = { task: string; due?: string; status: 'open' | 'done' | 'dropped'; uid: string };
    const dated = meetings.flatMap((m) => ((m.actions as Omit<Action, 'uid'>[] | undefined) ?? []).map((a, i): Action => ({ ...a, uid: `${m.id}-action-${i + 1}@dossier` }))).filter((a) => a.due);
    expect(todos.map((t) => t.getFirstPropertyValue('uid')).sort()).toEqual(dated.map((a) => a.uid).sort());
    for (const t of todos) {
      const a = dated.find((x) => x.uid === t.getFirstPropertyValue('uid'))!;
      expect(t.getFirstPropertyValue('summary')).toBe(a.task);
      expect(String(t.getFirstPropertyValue('due'))).toBe(a.due);
      expect(t.getFirstPropertyValue('status')).toBe({ open: 'NEEDS-ACTION', done: 'COMPLETED', dropped: 'CANCELLED' }[a.status]);
    }
    // RFC 5545: CRLF line ends, no line longer than 75 octets.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('the hostile title comes back exactly, newline included', () => {
    const calendar = new ICAL.Component(ICAL.parse(exp(['ics'], fixture)));
    const hostile = calendar.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === '2019-03-10-hostile@dossier')!;
    expect(hostile.getFirstPropertyValue('summary')).toBe(HOSTILE_TITLE);
  });

  it('--from/--to keep the meetings and due dates in the period', () => {
    const calendar = new ICAL.Component(ICAL.parse(exp(['ics', '--from', '2019-01-01', '--to', '2019-03-31'], fixture)));
    expect(calendar.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'))).toEqual(['2019-02-25-consultation@dossier', '2019-03-10-hostile@dossier']);
    expect(calendar.getAllSubcomponents('vtodo').map((c) => String(c.getFirstPropertyValue('due')))).toEqual(['2019-01-15', '2019-03-01']);
  });
});

/** Undo OWASP neutralisation, as a reader of the sheet would see the cell. */
const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

describe('the CSV, read back by csv-parse', () => {
  it.each([
    ['bundled', 'organisations'],
    ['bundled', 'meetings'],
    ['fixture', 'organisations'],
    ['fixture', 'people'],
    ['fixture', 'meetings'],
    ['fixture', 'proposals'],
    ['fixture', 'agreements'],
  ])('%s %s: one row per record, values and names as in the records', (which, type) => {
    const cwd = which === 'bundled' ? bundled : fixture;
    const store = JSON.parse(exp(['json', '--resolve'], cwd)) as JsonStore;
    const text = exp(['csv', type], cwd);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
    const records = store[type]!;
    expect(rows.map((r) => r.id)).toEqual(records.map((r) => r.id));
    rows.forEach((row, i) => {
      const rec = records[i]!;
      for (const [column, raw] of Object.entries(row)) {
        const cell = unneutralise(raw);
        if (column === 'id') continue;
        const [field, sub] = column.split('.') as [string, string | undefined];
        if (sub) {
          const items = (rec[field] as Record<string, unknown>[] | undefined) ?? [];
          const key = sub.replace(/_names$/, '_name');
          const values = items.map((it) => (it[key] === undefined ? '' : String(it[key])));
          expect(cell, `${rec.id as string} ${column}`).toBe(values.every((v) => v === '') ? '' : values.join('; '));
          continue;
        }
        const key = column.endsWith('_names') && !(column in rec) ? (Array.isArray(rec[column.replace(/_names$/, '')]) ? column : column.replace(/_names$/, '_name')) : column;
        const value = rec[key];
        const expected = value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
        expect(cell, `${rec.id as string} ${column}`).toBe(expected);
      }
    });
  });

  it('formula cells are neutralised; the hostile title with its newline survives quoting', () => {
    const rows = parseCsv(exp(['csv', 'meetings'], fixture), { columns: true }) as Record<string, string>[];
    const hostile = rows.find((r) => r.id === '2019-03-10-hostile')!;
    expect(hostile.title).toBe(`'${HOSTILE_TITLE}`);
    expect(hostile.host_names).toBe(`'=HYPERLINK("http://x")`);
    expect(hostile['actions.task']).toBe(`'=HYPERLINK("http://x")`);
    expect(hostile.agenda).toBe("'+plus at the start; @at the start");
    const orgs = parseCsv(exp(['csv', 'organisations'], fixture), { columns: true }) as Record<string, string>[];
    for (const row of orgs) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('--excel adds a byte order mark and nothing else; --fields chooses the columns, body on request', () => {
    const plain = exp(['csv', 'organisation'], bundled);
    const excel = exp(['csv', 'organisation', '--excel'], bundled);
    expect(excel).toBe(`\uFEFF${plain}`);
    const chosen = exp(['csv', 'meetings', '--fields', 'id,date,host_names,participants_names,body'], bundled);
    const rows = parseCsv(chosen, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'date', 'host_names', 'participants_names', 'body']);
    expect(rows[0]!.host_names).toBe('Office for Combating Drugs');
    expect(rows[0]!.body).toContain('On 25 February 2019 the Office for Combating Drugs');
  });

  it('the titles are those of the files', () => {
    const rows = parseCsv(exp(['csv', 'meetings'], fixture), { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      const text = readFileSync(path.join(fixture, 'records/meetings', `${row.id}.md`), 'utf8');
      const front = parseYaml(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as { title: string };
      expect(unneutralise(row.title!)).toBe(front.title);
    }
  });
});

// ── Popolo ──

/** The Popolo schemas: ../shared/data/popolo beside the repository, else the copy in test/fixtures/popolo. */
function popoloSchemaDir(): string {
  const shared = path.resolve(REPO_ROOT, '../shared/data/popolo');
  return existsSync(path.join(shared, 'organization.json')) ? shared : path.join(REPO_ROOT, 'test/fixtures/popolo');
}

function popoloValidator(): { v: Validator; schema: (name: string) => object } {
  const v = new Validator();
  const dir = popoloSchemaDir();
  const byName = new Map<string, object>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { id: string };
    v.addSchema(schema, schema.id);
    byName.set(file.replace(/\.json$/, ''), schema);
  }
  // Every $ref URL resolves to one of the local files: nothing is fetched.
  expect(v.unresolvedRefs).toEqual([]);
  return { v, schema: (name) => byName.get(name)! };
}

function popoloErrors(doc: Record<string, unknown[]>): string[] {
  const { v, schema } = popoloValidator();
  const errors: string[] = [];
  const collections: [string, string][] = [['organizations', 'organization'], ['persons', 'person'], ['memberships', 'membership'], ['events', 'event'], ['motions', 'motion']];
  for (const [key, name] of collections) {
    for (const item of doc[key] ?? []) {
      const result = v.validate(item, schema(name), { nestedErrors: true });
      for (const e of result.errors) errors.push(`${key} ${(item as { id: string }).id}: ${e.stack}`);
    }
  }
  return errors;
}

describe('Popolo', () => {
  it('the schemas are found (never skipped), and the copy in test/fixtures matches ../shared when both exist', () => {
    const dir = popoloSchemaDir();
    expect(existsSync(path.join(dir, 'organization.json'))).toBe(true);
    const shared = path.resolve(REPO_ROOT, '../shared/data/popolo');
    if (existsSync(shared)) {
      for (const f of readdirSync(shared).filter((x) => x.endsWith('.json'))) {
        expect(readFileSync(path.join(REPO_ROOT, 'test/fixtures/popolo', f), 'utf8'), f).toBe(readFileSync(path.join(shared, f), 'utf8'));
      }
    }
  });

  it('the validator is not vacuous: a wrong document fails', () => {
    expect(popoloErrors({ organizations: [{ id: 'x', founding_date: '10 January 2018' }], persons: [{ id: 'p', email: 'not an email' }], motions: [{ id: 'm', date: '2019-01-01' }] }).length).toBe(3);
  });

  it.each([['bundled'], ['fixture']])('%s: the export validates against the draft-03 schemas, and every id it refers to is in it', (which) => {
    const doc = JSON.parse(exp(['popolo'], which === 'bundled' ? bundled : fixture)) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(doc)).toEqual(['organizations', 'persons', 'memberships', 'events', 'motions']);
    expect(popoloErrors(doc)).toEqual([]);
    const orgs = new Set(doc.organizations!.map((o) => o.id));
    const persons = new Set(doc.persons!.map((o) => o.id));
    for (const m of doc.memberships!) {
      expect(orgs.has(m.organization_id)).toBe(true);
      if (m.person_id) expect(persons.has(m.person_id)).toBe(true);
      else expect(orgs.has((m.member as { id: string }).id)).toBe(true);
    }
    for (const o of doc.organizations!) if (o.parent_id) expect(orgs.has(o.parent_id)).toBe(true);
    for (const e of doc.events!) if (e.organization_id) expect(orgs.has(e.organization_id)).toBe(true);
  });

  it('the bundled export: organisations with parents and other names, the public person and their membership, the meeting, the proposal', () => {
    const doc = JSON.parse(exp(['popolo'], bundled)) as Record<string, Record<string, unknown>[]>;
    expect(doc.organizations).toHaveLength(16);
    expect(doc.organizations!.find((o) => o.id === 'working-group-for-changes-of-the-criminal-law')!.parent_id).toBe('ministry-of-justice');
    expect(doc.persons!.map((p) => p.name)).toEqual(['Milan Pekić']);
    expect(doc.memberships).toEqual([{ id: 'milan-pekic:office-for-combating-drugs', person_id: 'milan-pekic', organization_id: 'office-for-combating-drugs', role: 'Acting director' }]);
    expect(doc.events!.map((e) => [e.id, e.organization_id, (e.participant_ids as string[]).length])).toEqual([[CONSULTATION, 'office-for-combating-drugs', 10]]);
    expect(doc.motions!.map((m) => [m.id, m.status, m.organization_id])).toEqual([[PROPOSAL, 'submitted', 'ministry-of-justice']]);
  });
});

// ── privacy ──

describe('no private value appears in any public export', () => {
  function allPublicExports(): Record<string, string> {
    const outputs: Record<string, string> = {};
    const add = (name: string, args: string[]) => {
      outputs[name] = exp(args, fixture);
    };
    add('report.md', ['report']);
    add('report.html', ['report', '--format', 'html']);
    add('report-2019.md', ['report', '--from', '2019', '--to', '2019']);
    for (const id of FIXTURE_SUMMARIES) {
      add(`summary ${id}`, ['summary', id]);
      add(`summary ${id} html`, ['summary', id, '--format', 'html']);
    }
    for (const type of ['organisations', 'people', 'meetings', 'proposals', 'agreements']) add(`csv ${type}`, ['csv', type, '--fields', 'id,body']);
    for (const type of ['organisations', 'people', 'meetings', 'proposals', 'agreements']) add(`csv ${type} all`, ['csv', type]);
    add('json', ['json']);
    add('json --resolve', ['json', '--resolve']);
    add('ics', ['ics']);
    add('popolo', ['popolo']);
    return outputs;
  }

  it('the private values are real: --include-private shows every one of them', () => {
    const everything = exp(['json', '--include-private', '--resolve'], fixture) + exp(['ics', '--include-private'], fixture);
    for (const secret of PRIVATE_VALUES) expect(everything, secret).toContain(secret);
  });

  it('public exports of every kind and format hold none of them', () => {
    const outputs = allPublicExports();
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of PRIVATE_VALUES) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
    }
    // A public person's contact fields are public.
    expect(outputs.json).toContain('milan@drugs.example.org');
  }, 180_000); // some 50 runs of the CLI

  it('a private record has no public summary, and says so without showing it', () => {
    const r = run(['export', 'summary', '2019-04-04-secret-strategy'], { cwd: fixture });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dossier: 2019-04-04-secret-strategy is private, so it has no public summary\n');
    expect(r.stderr).not.toContain('Secret strategy session');
  });
});

// ── HTML ──

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);
const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'p', 'ul', 'li', 'em', 'strong', 'a']);

/** A small structural check of an HTML5 page: doctype, known elements properly nested, quoted attributes, no handlers, entities well formed. */
function htmlProblems(page: string): string[] {
  const problems: string[] = [];
  if (!page.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')) problems.push('does not start with doctype, html lang and charset');
  const body = page.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|>/g)) {
    if (m[0] === '<' || m[0] === '>') {
      problems.push(`bare ${m[0]} at ${m.index}`);
      continue;
    }
    const [, close, name, attrs] = m as unknown as [string, string, string, string];
    const tag = name.toLowerCase();
    if (!ALLOWED.has(tag)) problems.push(`element <${tag}>`);
    if (/\son[a-z]+=/i.test(attrs)) problems.push(`event handler on <${tag}>`);
    for (const href of attrs.matchAll(/href="([^"]*)"/g)) if (!/^(https?:|mailto:)/.test(href[1]!)) problems.push(`href ${href[1]}`);
    if (VOID.has(tag)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}> closes the wrong element`);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  for (const m of body.matchAll(/&[^;\s]*;?/g)) if (!/^&(amp|lt|gt|quot|#39);$/.test(m[0])) problems.push(`entity ${m[0]}`);
  return problems;
}

describe('HTML pages', () => {
  it.each([
    ['bundled report', ['report', '--format', 'html'], 'bundled'],
    ['bundled summary', ['summary', CONSULTATION, '--format', 'html'], 'bundled'],
    ['fixture report', ['report', '--format', 'html'], 'fixture'],
    ...FIXTURE_SUMMARIES.map((id) => [`fixture summary ${id}`, ['summary', id, '--format', 'html'], 'fixture'] as [string, string[], string]),
  ])('%s: well formed, self-contained, no script, every value escaped', (_name, args, which) => {
    const page = exp(args as string[], which === 'bundled' ? bundled : fixture);
    expect(htmlProblems(page)).toEqual([]);
    expect(page).not.toMatch(/<script|href="(?!https?:|mailto:)|<img|<link|\ssrc=/i);
    expect(page).toContain('</html>\n');
  });

  it('the structure check catches what it should', () => {
    expect(htmlProblems('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n</head><body><p><b>x</p></body></html>')).toEqual(['element <b>', '</p> closes the wrong element', '</body> closes the wrong element', '</html> closes the wrong element', 'unclosed: html']);
  });

  it('the hostile values are shown as text', () => {
    const page = exp(['summary', '2019-03-10-hostile', '--format', 'html'], fixture);
    expect(page).toContain('<h1>=HYPERLINK(&quot;http://x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; | pipes | second line</h1>');
    expect(page).toContain('<li>[a link](javascript:alert(1))</li>');
    expect(page).toContain('<li>javascript:alert(1)</li>');
  });
});

// ── --out, errors, help ──

describe('--out, errors and help', () => {
  it('--out replaces an existing file atomically (a new file, not rewritten in place) and leaves no temp file', () => {
    const root = tempStore(bundledRecords());
    const out = path.join(root, 'orgs.csv');
    writeFileSync(out, 'old content\n');
    linkSync(out, path.join(root, 'old-link.csv'));
    const r = run(['export', 'csv', 'organisation', '--excel', '--out', 'orgs.csv'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wrote orgs.csv\n');
    expect(readFileSync(out, 'utf8')).toBe(exp(['csv', 'organisation', '--excel'], root));
    expect(readFileSync(path.join(root, 'old-link.csv'), 'utf8')).toBe('old content\n');
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--out FILE.html writes HTML unless --format says otherwise', () => {
    const root = tempStore(bundledRecords());
    expect(run(['export', 'report', '--out', 'report.html'], { cwd: root }).code).toBe(0);
    expect(readFileSync(path.join(root, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(run(['export', 'report', '--out', 'report.htm', '--format', 'markdown'], { cwd: root }).code).toBe(0);
    expect(readFileSync(path.join(root, 'report.htm'), 'utf8')).toMatch(/^# Activity report/);
  });

  it.each([
    [['export', 'csv', 'organisation', '--out', 'missing/orgs.csv'], 1, 'dossier: could not write missing/orgs.csv: its folder does not exist\n'],
    [['export', 'summary', 'dpnsee'], 2, 'dossier: dpnsee is an organisation; a summary is made of a meeting, a proposal or an agreement\n'],
    [['export', 'summary', 'consultaton'], 1, 'dossier: no record has the id "consultaton"\n'],
    [['export', 'report', '--from', '2019-02-30'], 2, 'dossier: --from takes a date as YYYY-MM-DD (or a year or month: 2019, 2019-02), not "2019-02-30"\n'],
    [['export', 'report', '--from', '2020', '--to', '2019'], 2, 'dossier: --from 2020 is after --to 2019\n'],
    [['export', 'report', '--format', 'pdf'], 2, 'dossier: option \'-f, --format <format>\' argument \'pdf\' is invalid. Allowed choices are markdown, html.\n'],
    [['export', 'csv', 'meetings', '--fields', 'id,hostt'], 2, 'dossier: meeting has no column "hostt"; did you mean host?\n'],
    [['export', 'csv', 'meeting-notes'], 2, 'dossier: unknown record type "meeting-notes"\n'],
    [['export', 'json', '--out', 'records/people/x.md'], 2, 'dossier: --out records/people/x.md is inside the records folder\n'],
    [['export', 'repor'], 2, 'dossier: unknown export "repor"; did you mean report?\n'],
    [['export'], 2, 'dossier: say what to export: report, summary, csv, json, ics, popolo or site\n'],
    [['export', 'summary'], 2, "dossier: missing required argument 'id'\n"],
    [['export', 'report', '--today', 'tomorrow'], 2, 'dossier: --today takes a date as YYYY-MM-DD, not "tomorrow"\n'],
  ])('%j exits %i', (args, code, firstLine) => {
    const r = run(args, { cwd: bundled });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    // The first line of stderr; a case may give only its start.
    expect(`${r.stderr.split('\n')[0]}\n`.startsWith(firstLine), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/\nhint: /);
  });

  it('help lists the kinds with examples', () => {
    const r = run(['export', '--help'], { cwd: bundled });
    expect(r.code).toBe(0);
    for (const kind of ['report', 'summary', 'csv', 'json', 'ics', 'popolo']) expect(r.stdout).toMatch(new RegExp(`^  ${kind}\\b`, 'm'));
    expect(r.stdout).toContain('$ dossier export csv organisation --excel --out orgs.csv');
    const csv = run(['export', 'csv', '--help'], { cwd: bundled });
    expect(csv.stdout).toContain('--excel');
    expect(csv.stdout).toContain("OWASP");
  });
});
