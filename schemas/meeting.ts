import * as z from 'zod';
import { commonFields, date, identityFields, ref, text } from './fields.js';

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const meetingFormats = ['in-person', 'online', 'hybrid'] as const;
export const actionStatuses = ['open', 'done', 'dropped'] as const;

/** A follow-up agreed at a meeting. */
export const actionSchema = z.strictObject({
  task: text(),
  owner: ref('organisation', 'person'),
  due: date().optional(),
  status: z.enum(actionStatuses).default('open'),
});

/** A meeting or consultation. */
export const meetingSchema = z
  .strictObject({
    ...identityFields(),
    title: text(),
    date: date(),
    end_date: date().optional(),
    status: z.enum(meetingStatuses).default('held'),
    host: ref('organisation').optional(),
    location: text().optional(),
    format: z.enum(meetingFormats).optional(),
    participants: z.array(ref('organisation')).optional(),
    participant_count: z.number().int().nonnegative().optional(),
    attendees: z.array(ref('person')).optional(),
    agenda: z.array(text()).optional(),
    outcomes: z.array(text()).optional(),
    actions: z.array(actionSchema).optional(),
    proposals: z.array(ref('proposal')).optional(),
    agreements: z.array(ref('agreement')).optional(),
    ...commonFields('public'),
  })
  .meta({ title: 'meeting', description: 'A meeting or consultation (records/meetings/<id>.md).' });

export type Meeting = z.output<typeof meetingSchema>;
export type Action = z.output<typeof actionSchema>;
