/**
 * Value types of the record model (record-model.md, "Value types"), as zod schemas.
 * Every record schema is built from these, so a rule changes in one place.
 */
import * as z from 'zod';
import { ID_PATTERN } from '../src/core/ids.js';
import type { RecordType } from '../src/core/kinds.js';

export type { RecordType };

/** Metadata key that marks a field as a reference; read by the validator and the reference graph. */
export const REF_META_KEY = 'x-dossier-ref';


/** A non-empty string (surrounding white space does not count). */
export const text = () =>
  z.string().min(1).refine((s) => s.length === 0 || s.trim().length > 0, { message: 'must not be empty', params: { code: 'empty' } });

/** `YYYY-MM-DD`, a real calendar date. Quoted or not, YAML 1.2 core reads it as a string. */
export const date = () => z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD' });

/** An absolute http(s) URL. */
export const url = () => z.url({ protocol: /^https?$/, hostname: z.regexes.domain });

export const email = () => z.email();

/** A BCP 47 language tag such as `sr`, `sr-Latn`, `sr-Cyrl`, `en`. */
export const lang = () =>
  z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})*$/, 'a BCP 47 language tag such as sr, sr-Latn or en');

/** ISO 3166-1 alpha-2, uppercase. */
export const country = () => z.string().regex(/^[A-Z]{2}$/, 'a two-letter uppercase ISO 3166-1 country code such as RS');

/** A lowercase hyphenated slug (tags, ids). */
export const slug = () => z.string().regex(ID_PATTERN, 'a lowercase slug such as harm-reduction');

/** The id of an existing record of one of `types`; existence is checked store-wide. */
export const ref = (...types: RecordType[]) =>
  z
    .string()
    .regex(ID_PATTERN, 'a record id such as office-for-combating-drugs')
    .meta({ [REF_META_KEY]: types, description: `the id of ${types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ')} record` });

/** `{name, lang}` — another name of an organisation, e.g. its Serbian Cyrillic name. */
export const otherName = () => z.strictObject({ name: text(), lang: lang() });

/** A document: url required, title and language optional. */
export const document = () => z.strictObject({ url: url(), title: text().optional(), lang: lang().optional() });

/** Fields common to every type, written last in a record. */
export const commonFields = (defaultVisibility: 'public' | 'private') => ({
  tags: z.array(slug()).optional(),
  sources: z.array(text()).optional(),
  visibility: z.enum(['public', 'private']).default(defaultVisibility),
});

/** `id:` and `type:` may repeat what the file path says; the store rules check they match. */
export const identityFields = () => ({
  id: z.string().optional(),
  type: z.string().optional(),
});
