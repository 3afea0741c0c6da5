import { describe, expect, it } from 'vitest';
import { find, golden, SKIPPED, useFindStore } from './find-fixture.js';

const store = useFindStore();
const search = (...args: string[]) => find(['search', ...args], store.root());

describe('dossier search on the fixture store', () => {
  it('piped: id, type, title and a plain one-line snippet a line, ranked (golden)', async () => {
    const r = search('decriminalisation');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(SKIPPED);
    expect(r.stdout.split('\n')[0]).toBe(
      'decriminalisation-proposal\tproposal\tProposal for decriminalisation\tdecriminalisation of possession for personal use',
    );
    await expect(r.stdout).toMatchFileSnapshot(golden('search-decriminalisation.tsv'));
  });

  it('is case- and diacritic-insensitive, Cyrillic included; every word must match', () => {
    const ids = (...words: string[]) => search(...words).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    expect(ids('TIMOCKI')).toEqual(['timocki-centar']);
    expect(ids('zaječar', 'youth')).toEqual(['timocki-centar']);
    expect(ids('дрога')).toEqual(['office-for-drugs']);
    expect(ids('kancelarija')).toEqual(['office-for-drugs']);
    expect(ids('harm', 'reduction', 'funding')).toEqual(['harm-reduction-services']);
    expect(ids('harm', 'nothing-like-this')).toEqual([]);
  });

  it('--type and --limit', () => {
    expect(search('decriminalisation', '--type', 'meetings').stdout).toMatch(/^2019-02-25-consultation\tmeeting\t/);
    expect(search('decriminalisation', '--limit', '1').stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('json', () => {
    const r = search('harm reduction', '--format', 'json');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits[0]).toMatchObject({
      id: 'harm-reduction-services',
      type: 'proposal',
      path: 'records/proposals/harm-reduction-services.md',
      title: 'Harm reduction services',
      name_hits: 2,
      field: 'body',
      snippet: 'Funding for harm reduction services in eastern Serbia.',
      marks: [
        [12, 16],
        [17, 26],
      ],
    });
    expect(hits.map((h: { id: string }) => h.id)).toEqual(['harm-reduction-services', 'timocki-centar']);
  });

  it('no hit is not an error', () => {
    const r = search('xylophone');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(search('xylophone', '--format', 'json').stdout)).toEqual([]);
  });

  it('escapes control characters in snippets', () => {
    expect(search('escape', 'sequence').stdout).toBe('hostile-org\torganisation\tEvil\\u001b[31m Org\\u202e\tBody with an escape \\u001b[2J sequence.\n');
  });

  it('bad flags exit 2', () => {
    expect(search('x', '--type', 'meetingz').code).toBe(2);
    expect(search('x', '--limit', '-1').code).toBe(2);
    expect(search('  ').code).toBe(2);
    expect(find(['search'], store.root()).code).toBe(2);
  });
});
