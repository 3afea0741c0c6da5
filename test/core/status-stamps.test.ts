import { describe, expect, it } from 'vitest';
import type { EditOp } from '../../src/core/edit.js';
import { stampStatus } from '../../src/core/status-stamps.js';

const to = (status: string): EditOp[] => [{ op: 'set', path: ['status'], value: status }];
const base = { date: '2019-06-01', explicitDate: false, force: false };

describe('proposal status stamps', () => {
  it('leaving draft stamps submitted_on', () => {
    expect(stampStatus({ ...base, fields: { status: 'draft' }, ops: to('submitted') })).toEqual({ ok: true, ops: [{ op: 'set', path: ['submitted_on'], value: '2019-06-01' }], notes: ['submitted_on set to 2019-06-01'] });
  });
  it('a decision stamps decided_on, and a jump from draft both', () => {
    expect(stampStatus({ ...base, fields: { status: 'submitted', submitted_on: '2019-01-01' }, ops: to('adopted') })).toMatchObject({ ok: true, ops: [{ path: ['decided_on'], value: '2019-06-01' }] });
    const jump = stampStatus({ ...base, fields: { status: 'draft' }, ops: to('rejected') });
    expect(jump.ok && jump.ops.map((o) => o.path[0])).toEqual(['submitted_on', 'decided_on']);
  });
  it('keeps a date already there unless --on is given, and a date set in the same command', () => {
    expect(stampStatus({ ...base, fields: { status: 'under-review', decided_on: '2019-02-02' }, ops: to('adopted') })).toMatchObject({ ok: true, ops: [] });
    expect(stampStatus({ ...base, explicitDate: true, fields: { status: 'under-review', decided_on: '2019-02-02' }, ops: to('adopted') })).toMatchObject({ ok: true, ops: [{ path: ['decided_on'] }] });
    expect(stampStatus({ ...base, fields: { status: 'draft' }, ops: [...to('submitted'), { op: 'set', path: ['submitted_on'], value: '2019-01-05' }] })).toMatchObject({ ok: true, ops: [] });
  });
  it('refuses a move backwards unless forced, and says why', () => {
    const r = stampStatus({ ...base, fields: { status: 'adopted', decided_on: '2019-03-03' }, ops: to('draft') });
    expect(r).toEqual({ ok: false, message: 'status adopted → draft moves the proposal backwards (it was decided on 2019-03-03)', hint: 'if that is what happened, run the command again with --force' });
    expect(stampStatus({ ...base, force: true, fields: { status: 'adopted', decided_on: '2019-03-03' }, ops: to('draft') })).toMatchObject({ ok: true, ops: [] });
  });
  it('does nothing without a status change', () => {
    expect(stampStatus({ ...base, fields: { status: 'draft' }, ops: [{ op: 'set', path: ['title'], value: 'x' }] })).toEqual({ ok: true, ops: [], notes: [] });
  });
});
