import { describe, expect, it } from 'vitest';
import { findRecord } from '../../src/core/lookup.js';
import { buildIndex } from '../../src/core/references.js';
import { NotFoundError } from '../../src/errors.js';
import { fm, record } from '../helpers/records.js';

const records = [
  record('organisation', 'office-for-combating-drugs', fm('name: Office for Combating Drugs', 'kind: government')),
  record('organisation', 'office-for-cooperation-with-civil-society', fm('name: Office for Cooperation with Civil Society', 'kind: government')),
  record('organisation', 'dpnsee', fm('name: Drug Policy Network South East Europe', 'short_name: DPNSEE', 'kind: network')),
  record('organisation', 'toc', fm('name: Timočki omladinski centar', 'kind: civil-society')),
  record('agreement', 'memorandum-2018', fm('title: Memorandum with the Office', 'kind: other', 'signed_on: 2018-01-10', 'parties:', '  - dpnsee', '  - toc')),
];
const { byId } = buildIndex(records);

function miss(input: string): NotFoundError {
  try {
    findRecord(input, byId);
  } catch (err) {
    expect(err).toBeInstanceOf(NotFoundError);
    return err as NotFoundError;
  }
  throw new Error(`expected ${input} not to be found`);
}

describe('findRecord', () => {
  it('finds by id, by a name that slugs to the id, by exact name or short name', () => {
    expect(findRecord('dpnsee', byId).id).toBe('dpnsee');
    expect(findRecord('Office for Combating Drugs', byId).id).toBe('office-for-combating-drugs');
    expect(findRecord('timocki omladinski centar', byId).id).toBe('toc');
    expect(findRecord('DPNSEE', byId).id).toBe('dpnsee');
  });

  it('finds by the start of an id when only one id starts that way, a table ellipsis included', () => {
    expect(findRecord('office-for-comb', byId).id).toBe('office-for-combating-drugs');
    expect(findRecord('office-for-coop…', byId).id).toBe('office-for-cooperation-with-civil-society');
    expect(miss('office-for-co').hint).toBe('did you mean one of: office-for-combating-drugs, office-for-cooperation-with-civil-society?');
  });

  it('suggests near misses, then ids and names that contain the input', () => {
    expect(miss('dpnsae').hint).toBe('did you mean dpnsee?');
    expect(miss('office').hint).toBe('did you mean one of: office-for-combating-drugs, office-for-cooperation-with-civil-society, memorandum-2018?');
    expect(miss('memorandum with').hint).toBe('did you mean memorandum-2018?');
    expect(miss('xyzzy').hint).toBe('find it with `dossier search xyzzy`');
    expect(miss('xyzzy').exitCode).toBe(1);
  });

  it('escapes control characters in what it repeats', () => {
    expect(miss('bad\u001b[2J').message).toBe('no record has the id "bad\\u001b[2J"');
  });
});
