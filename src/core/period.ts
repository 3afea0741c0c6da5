/** A period of dates for exports (`--from`, `--to`): both ends optional and inclusive, dates as YYYY-MM-DD. */

export interface Period {
  from?: string;
  to?: string;
}

/** Dates compare as strings in YYYY-MM-DD; an undated thing is in no bounded period. */
export function inPeriod(date: string | undefined, period: Period): boolean {
  if (date === undefined) return period.from === undefined && period.to === undefined;
  return (period.from === undefined || date >= period.from) && (period.to === undefined || date <= period.to);
}

/** Does the span from `start` to `end` (or the single day `start`) touch the period? */
export function overlapsPeriod(start: string, end: string | undefined, period: Period): boolean {
  return (period.to === undefined || start <= period.to) && (period.from === undefined || (end ?? start) >= period.from);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDay(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * A period bound from what a user typed: `2019-02-25`, or a month (`2019-02`) or year (`2019`) standing for
 * its first day (`from`) or its last (`to`). Undefined when it is none of these or not a real date.
 */
export function periodBound(raw: string, end: 'from' | 'to'): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? (end === 'from' ? 1 : 12) : Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const day = m[3] === undefined ? (end === 'from' ? 1 : lastDay(year, month)) : Number(m[3]);
  if (day < 1 || day > lastDay(year, month)) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day after `date` (YYYY-MM-DD), for exclusive ends such as an all-day event's DTEND. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
