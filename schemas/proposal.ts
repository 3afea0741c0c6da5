import * as z from 'zod';
import { commonFields, date, document, identityFields, lang, ref, text } from './fields.js';

export const proposalStatuses = ['draft', 'submitted', 'under-review', 'adopted', 'partially-adopted', 'rejected', 'withdrawn'] as const;
/** Statuses that mean a decision was taken, so `decided_on` is expected. */
export const decidedStatuses = ['adopted', 'partially-adopted', 'rejected'] as const;

/** A proposal sent to a ministry or office, and what became of it. */
export const proposalSchema = z
  .strictObject({
    ...identityFields(),
    title: text(),
    status: z.enum(proposalStatuses),
    submitted_by: z.array(ref('organisation')).min(1),
    submitted_to: z.array(ref('organisation')).optional(),
    submitted_on: date().optional(),
    decided_on: date().optional(),
    language: z.array(lang()).optional(),
    documents: z.array(document()).optional(),
    topics: z.array(text()).optional(),
    meetings: z.array(ref('meeting')).optional(),
    ...commonFields('public'),
  })
  .meta({ title: 'proposal', description: 'A proposal sent to a ministry or office (records/proposals/<id>.md).' });

export type Proposal = z.output<typeof proposalSchema>;
