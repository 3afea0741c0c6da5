/**
 * `dossier export ics`, as data: an all-day event per meeting (the record model has dates, not times of day) and a
 * to-do per follow-up action with a due date,
 * each with a UID made from ids (so a calendar that imports the file twice updates rather than duplicates),
 * and one DTSTAMP for the whole file taken from the records, never from the clock.
 */
import { Facts, type MeetingFacts } from './export-facts.js';
import { inPeriod, nextDay, overlapsPeriod, type Period } from './period.js';
import type { ExportView } from './visibility.js';

/** The domain part of every UID: `<id>@dossier`. */
export const UID_DOMAIN = 'dossier';

export interface CalendarEvent {
  uid: string;
  /** YYYY-MM-DD. */
  start: string;
  /** The day after the last day (DTEND of an all-day event is exclusive). */
  end: string;
  summary: string;
  location?: string;
  description: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export interface CalendarTodo {
  uid: string;
  /** YYYY-MM-DD. */
  due: string;
  summary: string;
  description: string;
  status: 'NEEDS-ACTION' | 'COMPLETED' | 'CANCELLED';
  /** The UID of the meeting's event. */
  relatedTo: string;
}

export interface CalendarEntries {
  events: CalendarEvent[];
  todos: CalendarTodo[];
}

const EVENT_STATUS = { held: 'CONFIRMED', planned: 'TENTATIVE', cancelled: 'CANCELLED' } as const;
const TODO_STATUS = { open: 'NEEDS-ACTION', done: 'COMPLETED', dropped: 'CANCELLED' } as const;

const shortName = (r: { name: string; shortName?: string }) => (r.shortName ? `${r.name} (${r.shortName})` : r.name);

function describeMeeting(m: MeetingFacts): string {
  const lines: string[] = [];
  if (m.host) lines.push(`Host: ${shortName(m.host)}`);
  if (m.participants.length || m.participantCount) {
    const names = m.participants.map(shortName).join(', ');
    const total = m.participantCount && m.participantCount > m.participants.length ? ` (${m.participantCount} organisations in all)` : '';
    lines.push(`Participants: ${names || 'not named'}${total}`);
  }
  if (m.attendees.length) lines.push(`Attendees: ${m.attendees.map((a) => a.name).join(', ')}`);
  if (m.format) lines.push(`Format: ${m.format}`);
  if (m.agenda.length) lines.push('', 'Agenda:', ...m.agenda.map((a) => `- ${a}`));
  if (m.outcomes.length) lines.push('', 'Outcomes:', ...m.outcomes.map((o) => `- ${o}`));
  if (m.actions.length) {
    lines.push('', 'Follow-up:');
    for (const a of m.actions) lines.push(`- ${a.task}${a.owner ? ` (${a.owner.shortName ?? a.owner.name}${a.due ? `, due ${a.due}` : ''})` : a.due ? ` (due ${a.due})` : ''} [${a.status}]`);
  }
  return lines.join('\n');
}

export function calendarEntries(view: ExportView, options: { period: Period; today: string }): CalendarEntries {
  const facts = new Facts(view, options.today);
  const meetings = facts
    .records('meeting')
    .map((r) => facts.meeting(r))
    .filter((m) => m.date !== '')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const events: CalendarEvent[] = meetings
    .filter((m) => overlapsPeriod(m.date, m.endDate, options.period))
    .map((m) => {
      const e: CalendarEvent = {
        uid: `${m.id}@${UID_DOMAIN}`,
        start: m.date,
        end: nextDay(m.endDate ?? m.date),
        summary: m.title,
        description: describeMeeting(m),
        status: EVENT_STATUS[m.status] ?? 'CONFIRMED',
      };
      if (m.location) e.location = m.location;
      else if (m.format === 'online') e.location = 'Online';
      return e;
    });
  const todos: CalendarTodo[] = meetings
    .flatMap((m) => m.actions)
    .filter((a) => a.due !== undefined && inPeriod(a.due, options.period))
    .sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : a.meeting.date < b.meeting.date ? -1 : a.meeting.date > b.meeting.date ? 1 : a.meeting.id < b.meeting.id ? -1 : a.meeting.id > b.meeting.id ? 1 : a.index - b.index))
    .map((a) => {
      const lines = [];
      if (a.owner) lines.push(`Owner: ${shortName(a.owner)}`);
      lines.push(`Agreed at: ${a.meeting.title} (${a.meeting.date})`);
      return {
        uid: `${a.meeting.id}-action-${a.index + 1}@${UID_DOMAIN}`,
        due: a.due!,
        summary: a.task,
        description: lines.join('\n'),
        status: TODO_STATUS[a.status],
        relatedTo: `${a.meeting.id}@${UID_DOMAIN}`,
      };
    });
  return { events, todos };
}

/** Date fields that say when something happened (not deadlines or expiry dates, which may lie ahead). */
const HAPPENED = ['date', 'end_date', 'submitted_on', 'decided_on', 'signed_on', 'founded'];

/** The newest date a record says something happened, as YYYY-MM-DD; the fallback DTSTAMP outside git. */
export function newestRecordDate(view: ExportView): string | undefined {
  let newest: string | undefined;
  for (const r of view.records) {
    for (const key of HAPPENED) {
      const v = r.fields?.[key];
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && (newest === undefined || v > newest)) newest = v;
    }
  }
  return newest;
}
