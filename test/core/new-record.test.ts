import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignmentToOp, parseAssignment } from '../../src/core/assignments.js';
import { FOLDER_OF, RECORD_TYPES } from '../../src/core/kinds.js';
import { fieldsFromOps, missingRequired, newRecordId, orderFields, renderNewRecord } from '../../src/core/new-record.js';
import { parseFrontmatter } from '../../src/core/frontmatter.js';
import { parseRecordFile } from '../../src/core/record-file.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('new record text', () => {
  it('writes every bundled record\'s frontmatter exactly as it is (keys in model order, minimal quoting, block lists)', () => {
    for (const type of RECORD_TYPES) {
      const dir = path.join(REPO_ROOT, 'records', FOLDER_OF[type]);
      for (const name of readdirSync(dir)) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        const id = name.slice(0, -3);
        const r = parseRecordFile(`records/${FOLDER_OF[type]}/${name}`, type, id, Buffer.from(text));
        const body = text.slice(r.bodyOffset);
        // The raw frontmatter (not the schema output, which fills defaults).
        const raw = parseFrontmatter(text, 'x').data!;
        expect(renderNewRecord(type, raw, body)).toBe(text);
      }
    }
  });

  it('orders keys by the record model, nested mappings too', () => {
    const fields = orderFields('meeting', { visibility: 'public', actions: [{ status: 'open', owner: 'x', task: 'T' }], date: '2019-01-01', title: 'T' });
    expect(Object.keys(fields)).toEqual(['title', 'date', 'actions', 'visibility']);
    expect(Object.keys((fields.actions as object[])[0]!)).toEqual(['task', 'owner', 'status']);
  });

  it('quotes only where YAML needs it', () => {
    const text = renderNewRecord('organisation', { name: 'Prevent: Novi Sad', kind: 'civil-society', founded: '2001-05-01', short_name: 'NO', city: 'yes', tags: ['a', 'b'] });
    expect(text).toBe('---\nname: "Prevent: Novi Sad"\nshort_name: NO\nkind: civil-society\ncity: yes\nfounded: 2001-05-01\ntags:\n  - a\n  - b\n---\n');
  });

  it('ends the body with a newline', () => {
    expect(renderNewRecord('person', { name: 'A' }, 'Body')).toBe('---\nname: A\n---\nBody\n');
  });
});

describe('new record ids', () => {
  it('slugs the name, transliterating Serbian', () => {
    expect(newRecordId('organisation', { name: 'Timočki omladinski centar' })).toBe('timocki-omladinski-centar');
    expect(newRecordId('organisation', { name: 'Канцеларија за борбу против дрога' })).toBe('kancelarija-za-borbu-protiv-droga');
  });
  it('prefixes meetings with their date', () => {
    expect(newRecordId('meeting', { title: 'Follow-up consultation', date: '2019-04-10' })).toBe('2019-04-10-follow-up-consultation');
    expect(newRecordId('meeting', { title: 'x'.repeat(200), date: '2019-04-10' })!.length).toBeLessThanOrEqual(100);
  });
  it('has none without a name', () => {
    expect(newRecordId('proposal', {})).toBeUndefined();
    expect(newRecordId('person', { name: '???' })).toBeUndefined();
  });
});

describe('fields from --set', () => {
  const ops = (type: 'meeting' | 'proposal', ...sets: string[]) => sets.map((s) => assignmentToOp(type, parseAssignment(s)));
  it('reads values as the field needs them', () => {
    expect(fieldsFromOps(ops('meeting', 'title=Follow-up: second round', 'date=2019-04-10', 'participant_count=15', 'participants+=dpnsee', 'participants+=prevent', 'actions.0.task=Send minutes', 'actions.0.owner=dpnsee'))).toEqual({
      title: 'Follow-up: second round',
      date: '2019-04-10',
      participant_count: 15,
      participants: ['dpnsee', 'prevent'],
      actions: [{ task: 'Send minutes', owner: 'dpnsee' }],
    });
  });
  it('lists what is missing', () => {
    expect(missingRequired('proposal', fieldsFromOps(ops('proposal', 'title=T'))).map((f) => f.name)).toEqual(['status', 'submitted_by']);
  });
});
