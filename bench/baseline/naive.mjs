#!/usr/bin/env node
// The baseline dossier is measured against: what a user would write by hand — gray-matter + zod, then a
// reference check. Same schemas as dossier, no cache, no tricks.   node bench/baseline/naive.mjs STORE
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import jsyaml from 'js-yaml'; // gray-matter's own YAML parser
import { schemas } from '../../dist/schemas/index.js';

const root = process.argv[2] ?? '.';
const FOLDERS = { organisations: 'organisation', people: 'person', meetings: 'meeting', proposals: 'proposal', agreements: 'agreement' };
const REFS = {
  organisation: ['parent', 'member_of'],
  person: ['organisation'],
  meeting: ['host', 'participants', 'attendees', 'proposals', 'agreements', 'actions.owner'],
  proposal: ['submitted_by', 'submitted_to', 'meetings'],
  agreement: ['parties'],
};

const records = [];
let errors = 0;
for (const [folder, type] of Object.entries(FOLDERS)) {
  const dir = path.join(root, 'records', folder);
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    continue;
  }
  for (const name of names) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(dir, name);
    // JSON schema: dates stay strings, as the record model wants (gray-matter's default would make Date objects).
    const { data } = matter(readFileSync(file, 'utf8'), { engines: { yaml: (s) => jsyaml.safeLoad(s, { schema: jsyaml.JSON_SCHEMA }) } });
    const result = schemas[type].safeParse(data);
    if (!result.success) {
      errors += result.error.issues.length;
      for (const issue of result.error.issues) console.log(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    records.push({ id: name.slice(0, -3), type, file, data: result.success ? result.data : data });
  }
}
const ids = new Set(records.map((r) => r.id));
const values = (data, field) => {
  const [head, tail] = field.split('.');
  const v = data[head];
  if (tail) return Array.isArray(v) ? v.map((x) => x?.[tail]) : [];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};
for (const r of records) {
  for (const field of REFS[r.type]) {
    for (const id of values(r.data, field)) {
      if (typeof id === 'string' && !ids.has(id)) {
        errors++;
        console.log(`${r.file}: ${field}: unknown reference ${id}`);
      }
    }
  }
}
console.log(`${records.length} records, ${errors} errors`);
process.exitCode = errors ? 1 : 0;
