/** `dossier stats` for people: sections of labelled counts, numbers right-aligned in one column. */
import { FOLDER_OF, RECORD_TYPES } from '../core/kinds.js';
import type { StoreStats } from '../core/stats.js';
import type { Style } from './style.js';

type Section = { title: string; total?: number; rows: [string, number][] };

export function formatStatsText(stats: StoreStats, style: Style): string {
  const sections: Section[] = [
    { title: 'Records', total: stats.records.total, rows: RECORD_TYPES.map((t) => [FOLDER_OF[t], stats.records[t]]) },
    { title: 'Proposals by status', rows: Object.entries(stats.proposalsByStatus) },
    { title: 'Meetings by year', rows: Object.entries(stats.meetingsByYear) },
    {
      title: 'Actions',
      total: stats.actions.total,
      rows: [
        ['open', stats.actions.open],
        ['overdue', stats.actions.overdue],
        ['done', stats.actions.done],
        ['dropped', stats.actions.dropped],
      ],
    },
    { title: 'Agreements by kind', rows: Object.entries(stats.agreementsByKind) },
  ];
  const labelWidth = Math.max(...sections.flatMap((s) => [s.title.length, ...s.rows.map(([l]) => l.length + 2)]));
  const numbers = sections.flatMap((s) => [s.total ?? 0, ...s.rows.map(([, n]) => n)]);
  const numberWidth = Math.max(...numbers.map((n) => String(n).length));
  const line = (label: string, n: number | undefined) =>
    n === undefined ? label : `${label.padEnd(labelWidth)}  ${String(n).padStart(numberWidth)}`;
  const out: string[] = [];
  for (const s of sections) {
    if (out.length > 0) out.push('');
    out.push(style.bold(line(s.title, s.total)));
    if (s.rows.length === 0) out.push(style.dim('  none'));
    for (const [label, n] of s.rows) out.push(n === 0 ? style.dim(line(`  ${label}`, n)) : line(`  ${label}`, n));
  }
  if (stats.skipped > 0) out.push('', `${stats.skipped} invalid record${stats.skipped === 1 ? '' : 's'} not counted; \`dossier validate\` explains why`);
  return `${out.join('\n')}\n`;
}
