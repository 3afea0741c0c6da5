/**
 * Calendar entries as an iCalendar file (RFC 5545): ical-generator writes the calendar and its events
 * (escaping, 75-octet line folding, CRLF); it has no to-dos, so VTODOs are written here with its own escape
 * and fold functions. Values lose control characters, which RFC 5545 text may not hold.
 */
// Named imports only: the bundle is CommonJS, and ical-generator's CommonJS build puts its default export
// (a function that does `new ICalCalendar`) on `.default`, which a CommonJS default import does not look at.
import { escape, foldLines, ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { CalendarEntries } from '../core/calendar.js';

const PRODUCT = { company: 'dossier', product: 'dossier export', language: 'EN' };

/** RFC 5545 TEXT allows no control characters but HTAB (and line breaks, which are escaped as \n). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

const basic = (date: string) => date.replace(/-/g, '');

/** `stamp` is an RFC 5545 UTC date-time (YYYYMMDDTHHMMSSZ) used as every entry's DTSTAMP. */
export function formatIcs(entries: CalendarEntries, stamp: Date, name: string): string {
  const calendar = new ICalCalendar({ prodId: PRODUCT, name });
  for (const e of entries.events) {
    calendar.createEvent({
      id: e.uid,
      start: new Date(`${e.start}T00:00:00Z`),
      end: new Date(`${e.end}T00:00:00Z`),
      allDay: true,
      stamp,
      summary: clean(e.summary),
      description: clean(e.description),
      location: e.location ? clean(e.location) : null,
      status: ICalEventStatus[e.status],
    });
  }
  const dtstamp = stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const todos = entries.todos.map((t) =>
    foldLines(
      [
        'BEGIN:VTODO',
        `UID:${escape(t.uid, false)}`,
        `DTSTAMP:${dtstamp}`,
        `DUE;VALUE=DATE:${basic(t.due)}`,
        `SUMMARY:${escape(clean(t.summary), false)}`,
        `DESCRIPTION:${escape(clean(t.description), false)}`,
        `STATUS:${t.status}`,
        `RELATED-TO:${escape(t.relatedTo, false)}`,
        'END:VTODO',
      ].join('\r\n'),
    ),
  );
  const text = calendar.toString().replace(/\r\nEND:VCALENDAR\s*$/, '');
  return [text, ...todos, 'END:VCALENDAR', ''].join('\r\n');
}
