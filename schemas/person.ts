import * as z from 'zod';
import { commonFields, email, identityFields, ref, text } from './fields.js';

/** Contact fields that public exports drop unless the person is `visibility: public`. */
export const personPrivateFields = ['email', 'phone'] as const;

/** A person at an organisation. People are private unless marked public. */
export const personSchema = z
  .strictObject({
    ...identityFields(),
    name: text(),
    organisation: ref('organisation').optional(),
    role: text().optional(),
    email: email().optional(),
    phone: text().optional(),
    ...commonFields('private'),
  })
  .meta({ title: 'person', description: 'A person at an organisation (records/people/<id>.md); private by default.' });

export type Person = z.output<typeof personSchema>;
