/** Counts over a store, for `dossier stats`: one pass over the records. */
import { ACTION_STATUSES, collectActions, type ActionStatus } from './actions.js';
import { RECORD_TYPES, type RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { fieldInfo } from './schema-info.js';

export interface StoreStats {
  /** Valid records per type (every type present, zero included). */
  records: Record<RecordType, number> & { total: number };
  /** Invalid records, left out of every other count. */
  skipped: number;
  /** Every proposal status of the record model, in its order. */
  proposalsByStatus: Record<string, number>;
  /** Meetings per year of their date, oldest first. */
  meetingsByYear: Record<string, number>;
  actions: Record<ActionStatus, number> & { overdue: number; total: number };
  /** Every agreement kind of the record model, in its order. */
  agreementsByKind: Record<string, number>;
}

function zeroes(type: RecordType, field: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of fieldInfo(type, field)?.values ?? []) out[v] = 0;
  return out;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function computeStats(records: readonly StoreRecord[], options: { today: string; skipped?: number }): StoreStats {
  const perType = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<RecordType, number>;
  const proposalsByStatus = zeroes('proposal', 'status');
  const agreementsByKind = zeroes('agreement', 'kind');
  const years: Record<string, number> = {};
  let total = 0;
  for (const r of records) {
    if (!r.valid) continue;
    total++;
    perType[r.type]++;
    const f = r.fields ?? {};
    if (r.type === 'proposal' && typeof f.status === 'string') bump(proposalsByStatus, f.status);
    if (r.type === 'agreement' && typeof f.kind === 'string') bump(agreementsByKind, f.kind);
    if (r.type === 'meeting' && typeof f.date === 'string') bump(years, f.date.slice(0, 4));
  }
  const meetingsByYear: Record<string, number> = {};
  for (const y of Object.keys(years).sort()) meetingsByYear[y] = years[y]!;

  const actions = { ...(Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>), overdue: 0, total: 0 };
  for (const a of collectActions(records, options.today)) {
    actions[a.status]++;
    actions.total++;
    if (a.overdue) actions.overdue++;
  }
  return {
    records: { ...perType, total },
    skipped: options.skipped ?? records.filter((r) => !r.valid).length,
    proposalsByStatus,
    meetingsByYear,
    actions,
    agreementsByKind,
  };
}
