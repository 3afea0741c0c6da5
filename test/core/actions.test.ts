import { describe, expect, it } from 'vitest';
import { collectActions, isOverdue, selectActions } from '../../src/core/actions.js';
import { computeStats } from '../../src/core/stats.js';
import { fm, record } from '../helpers/records.js';

const older = record(
  'meeting',
  'older',
  fm(
    'title: Older',
    'date: 2018-11-05',
    'actions:',
    '  - task: Undated',
    '    owner: org-a',
    '  - task: Overdue',
    '    owner: person-b',
    '    due: 2019-01-15',
    '  - task: Done late',
    '    owner: org-a',
    '    due: 2018-12-01',
    '    status: done',
  ),
);
const newer = record(
  'meeting',
  'newer',
  fm(
    'title: Newer',
    'date: 2019-02-25',
    'actions:',
    '  - task: Due today',
    '    owner: org-a',
    '    due: 2019-03-01',
    '  - task: Dropped',
    '    owner: person-b',
    '    due: 2019-01-01',
    '    status: dropped',
    '  - task: Also undated',
    '    owner: org-a',
  ),
);
const invalid = record('meeting', 'invalid', fm('title: No date', 'actions:', '  - task: Hidden', '    owner: org-a'));
const proposal = record('proposal', 'p', fm('title: P', 'status: adopted', 'submitted_by:', '  - org-a', 'decided_on: 2019-01-01'));
const agreement = record('agreement', 'a', fm('title: A', 'kind: grant', 'signed_on: 2019-01-01', 'parties:', '  - org-a', '  - org-c'));
const TODAY = '2019-03-01';

describe('actions', () => {
  it('overdue = open with a due date before today', () => {
    expect(isOverdue('open', '2019-02-28', TODAY)).toBe(true);
    expect(isOverdue('open', TODAY, TODAY)).toBe(false);
    expect(isOverdue('open', undefined, TODAY)).toBe(false);
    expect(isOverdue('done', '2018-01-01', TODAY)).toBe(false);
    expect(isOverdue('dropped', '2018-01-01', TODAY)).toBe(false);
  });

  it('collects every action of every valid meeting, status defaulting to open', () => {
    const all = collectActions([older, newer, invalid, proposal], TODAY);
    expect(all.map((a) => [a.meeting.id, a.index, a.task, a.status, a.overdue])).toEqual([
      ['older', 0, 'Undated', 'open', false],
      ['older', 1, 'Overdue', 'open', true],
      ['older', 2, 'Done late', 'done', false],
      ['newer', 0, 'Due today', 'open', false],
      ['newer', 1, 'Dropped', 'dropped', false],
      ['newer', 2, 'Also undated', 'open', false],
    ]);
  });

  it('orders by due date (undated last), then oldest meeting, then position', () => {
    const sorted = selectActions(collectActions([newer, older], TODAY), { today: TODAY });
    expect(sorted.map((a) => a.task)).toEqual(['Done late', 'Dropped', 'Overdue', 'Due today', 'Undated', 'Also undated']);
  });

  it('filters by status, overdue and owner', () => {
    const all = collectActions([older, newer], TODAY);
    expect(selectActions(all, { today: TODAY, status: 'open' }).map((a) => a.task)).toEqual(['Overdue', 'Due today', 'Undated', 'Also undated']);
    expect(selectActions(all, { today: TODAY, overdue: true }).map((a) => a.task)).toEqual(['Overdue']);
    expect(selectActions(all, { today: TODAY, owner: 'person-b' }).map((a) => a.task)).toEqual(['Dropped', 'Overdue']);
    expect(selectActions(all, { today: TODAY, status: 'done', owner: 'person-b' })).toEqual([]);
  });
});

describe('computeStats', () => {
  it('counts valid records per type, proposals, meetings per year, actions and agreements', () => {
    const stats = computeStats([older, newer, invalid, proposal, agreement], { today: TODAY });
    expect(stats.records).toEqual({ organisation: 0, person: 0, meeting: 2, proposal: 1, agreement: 1, total: 4 });
    expect(stats.skipped).toBe(1);
    expect(stats.proposalsByStatus).toMatchObject({ draft: 0, submitted: 0, adopted: 1 });
    expect(Object.keys(stats.proposalsByStatus)).toEqual(['draft', 'submitted', 'under-review', 'adopted', 'partially-adopted', 'rejected', 'withdrawn']);
    expect(stats.meetingsByYear).toEqual({ 2018: 1, 2019: 1 });
    expect(stats.actions).toEqual({ open: 4, done: 1, dropped: 1, overdue: 1, total: 6 });
    expect(stats.agreementsByKind).toEqual({ 'memorandum-of-understanding': 0, 'cooperation-agreement': 0, grant: 1, contract: 0, other: 0 });
  });

  it('an empty store counts zeroes', () => {
    const stats = computeStats([], { today: TODAY });
    expect(stats.records.total).toBe(0);
    expect(stats.meetingsByYear).toEqual({});
    expect(stats.actions.total).toBe(0);
  });
});
