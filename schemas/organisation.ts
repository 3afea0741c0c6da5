import * as z from 'zod';
import { commonFields, country, date, email, identityFields, otherName, ref, text, url } from './fields.js';

export const organisationKinds = ['government', 'civil-society', 'network', 'international', 'donor', 'academic', 'media', 'other'] as const;
export const organisationStatuses = ['active', 'inactive', 'dissolved'] as const;

/** A government office, ministry, working group, NGO, network, donor... */
export const organisationSchema = z
  .strictObject({
    ...identityFields(),
    name: text(),
    short_name: text().optional(),
    other_names: z.array(otherName()).optional(),
    kind: z.enum(organisationKinds),
    parent: ref('organisation').optional(),
    member_of: z.array(ref('organisation')).optional(),
    country: country().optional(),
    city: text().optional(),
    website: url().optional(),
    email: email().optional(),
    founded: date().optional(),
    status: z.enum(organisationStatuses).default('active'),
    ...commonFields('public'),
  })
  .meta({ title: 'organisation', description: 'An organisation the network works with (records/organisations/<id>.md).' });

export type Organisation = z.output<typeof organisationSchema>;
