import { describe, expect, it } from 'vitest';
import { find, golden, SKIPPED, useFindStore } from './find-fixture.js';

const store = useFindStore();

describe('dossier stats on the fixture store', () => {
  it('text (golden)', async () => {
    const r = find(['stats', '--today', '2019-03-01'], store.root());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(SKIPPED);
    await expect(r.stdout).toMatchFileSnapshot(golden('stats.txt'));
  });

  it('json', () => {
    const r = find(['stats', '--today', '2019-03-01', '--format', 'json'], store.root());
    expect(JSON.parse(r.stdout)).toEqual({
      records: { organisation: 5, person: 1, meeting: 3, proposal: 3, agreement: 1, total: 13 },
      skipped: 1,
      proposals_by_status: { draft: 0, submitted: 1, 'under-review': 1, adopted: 1, 'partially-adopted': 0, rejected: 0, withdrawn: 0 },
      meetings_by_year: { 2018: 1, 2019: 1, 2020: 1 },
      actions: { open: 3, done: 1, dropped: 1, overdue: 1, total: 5 },
      agreements_by_kind: { 'memorandum-of-understanding': 1, 'cooperation-agreement': 0, grant: 0, contract: 0, other: 0 },
      today: '2019-03-01',
    });
  });

  it('bad flags exit 2', () => {
    expect(find(['stats', '--format', 'csv'], store.root()).code).toBe(2);
    expect(find(['stats', '--today', 'tomorrow'], store.root()).code).toBe(2);
  });
});
