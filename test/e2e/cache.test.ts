/** Read commands answer the same with and without the cache, also after files change behind its back. */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossier } from '../helpers/cli.js';
import { tempStore } from '../helpers/store.js';

const FILES = {
  'records/organisations/office.md': '---\nname: Office for Combating Drugs\nkind: government\n---\nThe Office held consultations.\n',
  'records/organisations/dpnsee.md': '---\nname: DPNSEE\nkind: network\n---\nA network for harm reduction.\n',
  'records/meetings/2019-02-25-consultation.md': '---\ntitle: Consultation\ndate: 2019-02-25\nhost: office\nparticipants:\n  - dpnsee\n---\nDecriminalisation was discussed.\n',
};

const COMMANDS = [
  ['search', 'decriminalisation', '--format', 'json'],
  ['search', 'harm', '--format', 'json'],
  ['show', 'office', '--format', 'json'],
  ['list', 'meetings', '--format', 'json'],
  ['validate', '--format', 'json'],
];

function agree(root: string): void {
  for (const args of COMMANDS) {
    const cold = dossier(['--no-cache', ...args], { cwd: root });
    const warm1 = dossier(args, { cwd: root });
    const warm2 = dossier(args, { cwd: root });
    expect({ args, ...warm1 }).toEqual({ args, ...cold });
    expect({ args, ...warm2 }).toEqual({ args, ...cold });
  }
}

describe('cache equivalence for read commands', () => {
  it('on a fresh store and after edits, including one that keeps size and mtime', () => {
    const root = tempStore(FILES);
    agree(root);
    const file = path.join(root, 'records/organisations/dpnsee.md');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('harm reduction', 'decriminalisat'));
    utimesSync(file, before.atime, before.mtime);
    agree(root);
    writeFileSync(path.join(root, 'records/meetings/2019-02-25-consultation.md'), FILES['records/meetings/2019-02-25-consultation.md'].replace('host: office', 'host: dpnsee'));
    agree(root);
  });
});
