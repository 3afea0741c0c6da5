/** The schema of each record type: the single source of truth for records, JSON Schema and commands. */
import type * as z from 'zod';
import { agreementSchema } from './agreement.js';
import type { RecordType } from './fields.js';
import { meetingSchema } from './meeting.js';
import { organisationSchema } from './organisation.js';
import { personPrivateFields, personSchema } from './person.js';
import { proposalSchema } from './proposal.js';

export const schemas: Record<RecordType, z.ZodObject> = {
  organisation: organisationSchema,
  person: personSchema,
  meeting: meetingSchema,
  proposal: proposalSchema,
  agreement: agreementSchema,
};

/**
 * Per type, the contact fields that are never shown unless the record is `visibility: public`: exports drop them,
 * diffs say only that they changed. Only people have any.
 */
export const privateFields: Record<RecordType, readonly string[]> = {
  organisation: [],
  person: personPrivateFields,
  meeting: [],
  proposal: [],
  agreement: [],
};

export type { RecordType } from './fields.js';
export { REF_META_KEY } from './fields.js';
