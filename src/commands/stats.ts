/** `dossier stats`: records per type, proposals per status, meetings per year, actions, agreements by kind. */
import { computeStats } from '../core/stats.js';
import { todayOf, type Context } from '../context.js';
import { formatStatsText } from '../format/stats-text.js';
import { loadStyle } from '../format/style.js';
import { toJson } from '../format/structured.js';
import { formatArg, todayArg } from './args.js';
import { openStore } from './shared.js';

export interface StatsOptions {
  today?: string;
  format?: string;
  root?: string;
}

export async function runStats(opts: StatsOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ['text', 'json'] as const, 'text');
  const today = todayArg(opts.today) ?? todayOf(ctx);
  const { store, records } = openStore(ctx, opts.root);
  const stats = computeStats(records, { today, skipped: store.records.length - records.length });
  if (format === 'json') {
    const json = {
      records: stats.records,
      skipped: stats.skipped,
      proposals_by_status: stats.proposalsByStatus,
      meetings_by_year: stats.meetingsByYear,
      actions: stats.actions,
      agreements_by_kind: stats.agreementsByKind,
      today,
    };
    ctx.io.stdout.write(`${toJson(json, 2)}\n`);
    return 0;
  }
  ctx.io.stdout.write(formatStatsText(stats, await loadStyle(ctx.io.color)));
  return 0;
}
