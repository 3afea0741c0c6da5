import { describe, expect, it } from 'vitest';
import { planRemove } from '../../src/core/plan-remove.js';
import { planRename } from '../../src/core/plan-rename.js';
import { buildIndex } from '../../src/core/references.js';
import { fm, record } from '../helpers/records.js';

const org = fm('name: Prevent', 'kind: civil-society');
const meeting = fm('title: Consultation  # the one in February', 'date: 2019-02-25', 'host: office', 'participants:', '  - prevent', '  - other', 'actions:', '  - task: T', '    owner: prevent');
const files = {
  'records/organisations/prevent.md': org,
  'records/organisations/office.md': fm('name: Office', 'kind: government'),
  'records/organisations/other.md': fm('name: Other', 'kind: network', 'member_of: [prevent]'),
  'records/meetings/m.md': meeting,
};
const records = [record('organisation', 'prevent', org), record('organisation', 'office', files['records/organisations/office.md']), record('organisation', 'other', files['records/organisations/other.md']), record('meeting', 'm', meeting)];
const sources = new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('planRename', () => {
  it('moves the file and rewrites each reference in place', () => {
    const { plan, references, referringFiles } = planRename({ record: records[0]!, newId: 'prevent-novi-sad', index: buildIndex(records), sources, newName: 'Prevent Novi Sad', keepNameLang: 'en' });
    expect(references).toBe(3);
    expect(referringFiles).toEqual(['records/organisations/other.md', 'records/meetings/m.md']);
    expect(plan.message).toBe('organisation: rename prevent -> prevent-novi-sad (3 references updated)');
    const [move, other, m] = plan.changes;
    expect(move).toMatchObject({ kind: 'move', from: 'records/organisations/prevent.md', file: 'records/organisations/prevent-novi-sad.md' });
    expect(text((move as { bytes: Uint8Array }).bytes)).toBe(fm('name: Prevent Novi Sad', 'other_names: [{name: Prevent, lang: en}]', 'kind: civil-society').replace('other_names: [{name: Prevent, lang: en}]', 'other_names:\n  - name: Prevent\n    lang: en'));
    expect(text((other as { bytes: Uint8Array }).bytes)).toBe(fm('name: Other', 'kind: network', 'member_of: [prevent-novi-sad]'));
    expect(text((m as { bytes: Uint8Array }).bytes)).toBe(meeting.replace('  - prevent\n', '  - prevent-novi-sad\n').replace('owner: prevent', 'owner: prevent-novi-sad'));
  });
});

describe('planRemove', () => {
  it('refuses while references exist, listing file and field', () => {
    const r = planRemove({ record: records[0]!, index: buildIndex(records), sources, unlink: false });
    expect(r.ok).toBe(false);
    expect(r.refs.map((x) => `${x.file} ${x.field}`)).toEqual(['records/organisations/other.md member_of', 'records/meetings/m.md participants', 'records/meetings/m.md actions.owner']);
  });
  it('with unlink removes list items and unsets single references', () => {
    const r = planRemove({ record: records[0]!, index: buildIndex(records), sources, unlink: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.message).toBe('organisation: remove prevent (3 references removed)');
    expect(r.plan.changes.map((c) => c.kind)).toEqual(['modify', 'modify', 'delete']);
    expect(text((r.plan.changes[0] as { bytes: Uint8Array }).bytes)).toBe(fm('name: Other', 'kind: network'));
    expect(text((r.plan.changes[1] as { bytes: Uint8Array }).bytes)).toBe(meeting.replace('  - prevent\n', '').replace('    owner: prevent\n', ''));
  });
  it('removes a record nothing refers to', () => {
    const r = planRemove({ record: records[3]!, index: buildIndex(records), sources, unlink: false });
    expect(r.ok && r.plan.changes).toEqual([{ kind: 'delete', file: 'records/meetings/m.md', type: 'meeting', id: 'm' }]);
  });
});
