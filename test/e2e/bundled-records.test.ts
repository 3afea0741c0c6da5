/** The repository's own records/: every record validates, and they hold what issue 2 (item 8) asks for. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';
import { type JsonReport, runJson } from '../helpers/e2e.js';

const FOLDERS = ['organisations', 'people', 'meetings', 'proposals', 'agreements'] as const;
type Folder = (typeof FOLDERS)[number];

interface Bundled {
  folder: Folder;
  id: string;
  file: string;
  fields: Record<string, unknown>;
  body: string;
}

function readBundled(): Bundled[] {
  const out: Bundled[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(REPO_ROOT, 'records', folder);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const text = readFileSync(path.join(dir, name), 'utf8').replace(/^\ufeff/, '');
      const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`records/${folder}/${name} has no frontmatter`);
      const fields = parse(m[1]!, { version: '1.2', schema: 'core' }) as Record<string, unknown>;
      out.push({ folder, id: name.slice(0, -3), file: `records/${folder}/${name}`, fields, body: m[2]! });
    }
  }
  return out;
}

let records: Bundled[];
let report: JsonReport;
let code: number;

beforeAll(() => {
  records = readBundled();
  ({ code, report } = runJson(['validate'], { cwd: REPO_ROOT }));
});

const byId = (id: string) => records.find((r) => r.id === id);
const of = (folder: Folder) => records.filter((r) => r.folder === folder);

describe('bundled records', () => {
  it('every record validates with 0 errors (exit 0), run in the repo root', () => {
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.errors).toBe(0);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.records).toBe(records.length);
    expect(report.root).toBe(REPO_ROOT);
  });

  it('has records of every type, each citing its source', () => {
    for (const folder of FOLDERS) expect(of(folder).length).toBeGreaterThan(0);
    for (const r of records) {
      expect(Array.isArray(r.fields.sources), r.file).toBe(true);
      expect((r.fields.sources as unknown[]).length, r.file).toBeGreaterThan(0);
    }
  });

  it('the 2018 memorandum declares 12 parties and lists the 11 it names, all organisations', () => {
    const mou = of('agreements').find((r) => r.fields.kind === 'memorandum-of-understanding' && String(r.fields.signed_on).startsWith('2018'));
    expect(mou).toBeDefined();
    expect(mou!.fields.declared_parties).toBe(12);
    const parties = mou!.fields.parties as string[];
    expect(parties).toHaveLength(11);
    expect(new Set(parties).size).toBe(11);
    expect(parties).toContain('office-for-combating-drugs');
    expect(parties).toContain('dpnsee');
    for (const p of parties) expect(byId(p)?.folder, p).toBe('organisations');
    // the validator records the gap as a warning, not an error
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: mou!.file, severity: 'warning', code: 'rule/declared-parties', message: 'the source declares 12 parties, 11 are listed' }));
  });

  it('the 25 February 2019 consultation has participant_count 15, its participants, agenda, outcomes and actions', () => {
    const meeting = of('meetings').find((r) => r.fields.date === '2019-02-25');
    expect(meeting).toBeDefined();
    expect(meeting!.fields.participant_count).toBe(15);
    const participants = meeting!.fields.participants as string[];
    expect(participants.length).toBeGreaterThan(0);
    expect(participants.length).toBeLessThanOrEqual(15);
    for (const p of participants) expect(byId(p)?.folder, p).toBe('organisations');
    expect(byId(meeting!.fields.host as string)?.folder).toBe('organisations');
    expect((meeting!.fields.agenda as string[]).length).toBeGreaterThan(0);
    expect((meeting!.fields.outcomes as string[]).length).toBeGreaterThan(0);
    const actions = meeting!.fields.actions as { task: string; owner: string }[];
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(byId(a.owner), a.owner).toBeDefined();
  });

  it('the decriminalisation proposal was submitted by DPNSEE to 4 bodies', () => {
    const proposal = of('proposals').find((r) => /decriminali[sz]ation/i.test(String(r.fields.title)));
    expect(proposal).toBeDefined();
    expect(proposal!.fields.submitted_by).toContain('dpnsee');
    const to = proposal!.fields.submitted_to as string[];
    expect(to).toHaveLength(4);
    expect(new Set(to).size).toBe(4);
    for (const t of to) expect(byId(t)?.folder, t).toBe('organisations');
    expect(to.map((t) => String(byId(t)!.fields.name))).toEqual(expect.arrayContaining([expect.stringMatching(/Ministry of Justice/), expect.stringMatching(/Office for Combating Drugs/)]));
  });

  it('Milan Pekić is the acting director of the Office for Combating Drugs', () => {
    const milan = of('people').find((r) => r.fields.name === 'Milan Pekić');
    expect(milan).toBeDefined();
    expect(milan!.id).toBe('milan-pekic');
    expect(String(milan!.fields.role)).toMatch(/^acting director$/i);
    expect(milan!.fields.organisation).toBe('office-for-combating-drugs');
  });

  it('the offices, the ministry and the working groups are organisations', () => {
    const names = of('organisations').map((r) => String(r.fields.name));
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/Office for Combating Drugs/), expect.stringMatching(/Ministry of Justice/)]));
    expect(names.filter((n) => /working group/i.test(n)).length).toBeGreaterThanOrEqual(2);
  });
});
