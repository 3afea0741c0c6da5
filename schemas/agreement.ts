import * as z from 'zod';
import { commonFields, date, document, identityFields, ref, text } from './fields.js';

export const agreementKinds = ['memorandum-of-understanding', 'cooperation-agreement', 'grant', 'contract', 'other'] as const;

/** A memorandum of understanding or other agreement the network signs. */
export const agreementSchema = z
  .strictObject({
    ...identityFields(),
    title: text(),
    kind: z.enum(agreementKinds),
    signed_on: date(),
    parties: z.array(ref('organisation')).min(2),
    declared_parties: z.number().int().positive().optional(),
    valid_until: date().optional(),
    documents: z.array(document()).optional(),
    ...commonFields('public'),
  })
  .meta({ title: 'agreement', description: 'An agreement such as a memorandum of understanding (records/agreements/<id>.md).' });

export type Agreement = z.output<typeof agreementSchema>;
