#!/usr/bin/env node
// Deterministic generator of dossier stores of any size, in the project's record model:
//   node bench/generate.js DIR N [--seed S]
// Half organisations, 30% meetings, 20% proposals (with a few people and agreements); every reference valid;
// records of 1-3 KB with Serbian names and diacritics. Same N and seed, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const dir = args[0];
const n = Number(args[1]);
const seedFlag = args.indexOf('--seed');
let seed = seedFlag === -1 ? 1 : Number(args[seedFlag + 1]);
if (!dir || !Number.isInteger(n) || n < 10) {
  console.error('usage: node bench/generate.js DIR N [--seed S]   (N >= 10)');
  process.exit(2);
}

// mulberry32: small, fast, deterministic.
function rand() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const sample = (list, k) => {
  const out = new Set();
  while (out.size < Math.min(k, list.length)) out.add(pick(list));
  return [...out];
};

const CITIES = ['Beograd', 'Novi Sad', 'Niš', 'Kragujevac', 'Subotica', 'Zaječar', 'Požarevac', 'Čačak', 'Šabac', 'Užice', 'Leskovac', 'Vršac'];
const WORDS = ['Omladinski', 'Centar', 'Udruženje', 'Mreža', 'Inicijativa', 'Savez', 'Fondacija', 'Forum', 'Sigurnost', 'Zdravlje', 'Prevencija', 'Podrška', 'Budućnost', 'Građanska', 'Ljudska prava', 'Smanjenje štete'];
const FIRST = ['Milan', 'Jelena', 'Đorđe', 'Ivana', 'Nikola', 'Marija', 'Stefan', 'Ana', 'Dušan', 'Milica', 'Žarko', 'Tijana'];
const LAST = ['Pekić', 'Jovanović', 'Petrović', 'Nikolić', 'Đurić', 'Marković', 'Ilić', 'Stojanović', 'Šarić', 'Živković'];
const KINDS = ['government', 'civil-society', 'civil-society', 'civil-society', 'network', 'international', 'donor', 'academic', 'media'];
const LOREM = 'Učesnici su razgovarali o predlozima izmena Krivičnog zakonika, smanjenju štete i saradnji organizacija civilnog društva sa državnim organima. ';

const date = (y0, y1) => `${int(y0, y1)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
const body = (min, max) => LOREM.repeat(Math.ceil(int(min, max) / LOREM.length)).slice(0, int(min, max)).trim();
const list = (key, items) => (items.length ? `${key}:\n${items.map((i) => `  - ${i}`).join('\n')}\n` : '');

const counts = { organisation: Math.floor(n * 0.5), meeting: Math.floor(n * 0.3), proposal: Math.floor(n * 0.18) };
counts.person = Math.floor((n - counts.organisation - counts.meeting - counts.proposal) / 2);
counts.agreement = n - counts.organisation - counts.meeting - counts.proposal - counts.person;

const folders = { organisation: 'organisations', person: 'people', meeting: 'meetings', proposal: 'proposals', agreement: 'agreements' };
for (const f of Object.values(folders)) mkdirSync(path.join(dir, 'records', f), { recursive: true });
const write = (type, id, text) => writeFileSync(path.join(dir, 'records', folders[type], `${id}.md`), text);

const orgs = [];
for (let i = 0; i < counts.organisation; i++) {
  const id = `org-${i}`;
  orgs.push(id);
  const name = `${pick(WORDS)} ${pick(WORDS).toLowerCase()} ${pick(CITIES)} ${i}`;
  const parent = i > 10 && rand() < 0.2 ? `parent: org-${int(0, 9)}\n` : '';
  write('organisation', id,
    `---\nname: ${name}\nshort_name: O${i}\nkind: ${pick(KINDS)}\n${parent}${list('member_of', i > 20 && rand() < 0.3 ? sample(orgs.slice(0, 20), 2) : [])}country: RS\ncity: ${pick(CITIES)}\nwebsite: https://org-${i}.example.org\nfounded: ${date(1990, 2015)}\ntags:\n  - harm-reduction\nsources:\n  - Generated for the benchmark\n---\n${body(400, 1800)}\n`);
}
const people = [];
for (let i = 0; i < counts.person; i++) {
  const id = `person-${i}`;
  people.push(id);
  write('person', id, `---\nname: ${pick(FIRST)} ${pick(LAST)}\norganisation: ${pick(orgs)}\nrole: Koordinator\nemail: person-${i}@example.org\nphone: "+381 11 ${int(100, 999)} ${int(1000, 9999)}"\n---\n${body(200, 600)}\n`);
}
const meetings = [];
const proposals = [];
for (let i = 0; i < counts.proposal; i++) proposals.push(`proposal-${i}`);
const agreements = [];
for (let i = 0; i < counts.agreement; i++) agreements.push(`agreement-${i}`);
for (let i = 0; i < counts.meeting; i++) {
  const d = date(2010, 2024);
  const id = `${d}-meeting-${i}`;
  meetings.push(id);
  const actions = rand() < 0.5
    ? `actions:\n  - task: Poslati predlog radnoj grupi ${i}\n    owner: ${pick(orgs)}\n    due: ${date(2010, 2026)}\n    status: ${pick(['open', 'done', 'dropped'])}\n`
    : '';
  write('meeting', id,
    `---\ntitle: Konsultacije o politici prema drogama ${i}\ndate: ${d}\nhost: ${pick(orgs)}\nlocation: ${pick(CITIES)}\nformat: ${pick(['in-person', 'online', 'hybrid'])}\n${list('participants', sample(orgs, int(2, 8)))}${list('agenda', ['Izmene Krivičnog zakonika', 'Akcioni plan'])}${list('outcomes', ['Predlog je ocenjen kao veoma dobar'])}${actions}${list('proposals', rand() < 0.3 ? [pick(proposals)] : [])}tags:\n  - consultation\n---\n${body(500, 2000)}\n`);
}
const STATUSES = ['draft', 'submitted', 'under-review', 'adopted', 'partially-adopted', 'rejected', 'withdrawn'];
for (let i = 0; i < counts.proposal; i++) {
  const status = pick(STATUSES);
  const submitted = status === 'draft' ? '' : `submitted_on: ${date(2010, 2018)}\n`;
  const decided = ['adopted', 'partially-adopted', 'rejected'].includes(status) ? `decided_on: ${date(2019, 2024)}\n` : '';
  write('proposal', proposals[i],
    `---\ntitle: Predlog za dekriminalizaciju ${i}\nstatus: ${status}\n${list('submitted_by', sample(orgs, int(1, 3)))}${list('submitted_to', sample(orgs, int(1, 4)))}${submitted}${decided}language:\n  - sr\ntopics:\n  - dekriminalizacija\n${list('meetings', [pick(meetings)])}---\n${body(400, 1800)}\n`);
}
for (let i = 0; i < counts.agreement; i++) {
  const parties = sample(orgs, int(2, 6));
  write('agreement', agreements[i],
    `---\ntitle: Memorandum o saradnji ${i}\nkind: memorandum-of-understanding\nsigned_on: ${date(2010, 2020)}\n${list('parties', parties)}declared_parties: ${parties.length}\n---\n${body(300, 1000)}\n`);
}
console.log(`wrote ${n} records to ${path.join(dir, 'records')}`);
