/** A record as loaded from the store. */
import type { Diagnostic } from './diagnostic.js';
import type { RecordType } from './kinds.js';
import type { LocationIndex } from './locations.js';

export type Fields = Record<string, unknown>;

export interface StoreRecord {
  type: RecordType;
  /** The file name without `.md`. */
  id: string;
  /** Relative to the store root, with `/`. */
  file: string;
  /**
   * The frontmatter after the schema (defaults filled in) when it passed, else the raw frontmatter
   * (or undefined when there is none). Read `valid` before trusting it.
   */
  fields: Fields | undefined;
  /** True when the file parsed and passed its schema: the record can be queried and exported. */
  valid: boolean;
  /** Where each value sits in the file; may be computed lazily on first read (see record-file.ts). */
  locations: LocationIndex;
  /** 1-based line of the Markdown body's first line. */
  bodyLine: number;
  /** Offset of the body in the file's text (after any BOM), so the body can be read without re-parsing. */
  bodyOffset: number;
  /** Problems of this file alone (parse and schema); store-wide rules add theirs later. */
  diagnostics: Diagnostic[];
  /**
   * The references this record holds, when already known (the cache keeps them, so the reference graph
   * can be built without reading every record's fields). Use `referencesOf`.
   */
  cachedReferences?: readonly CachedReference[];
  /** A hash of the file's bytes, when the loader computed one (with the cache on); keys derived caches. */
  contentHash?: string;
  /**
   * The top-level fields, without parsing lists and mappings, when the record can give them cheaper than
   * `fields` (the cache keeps them apart): see ScalarFields. Undefined when it cannot.
   */
  readonly scalarFields?: ScalarFields | undefined;
}

/**
 * A valid record's top-level fields whose values are text, numbers, true/false or null, in the fields' order,
 * and the names of its other top-level fields (lists, mappings). A query of a top-level field reads it here;
 * `more` says when it must read the whole fields instead.
 */
export interface ScalarFields {
  values: Fields;
  more: readonly string[];
}

/** The ScalarFields of `fields`. */
export function scalarFieldsOf(fields: Fields): ScalarFields {
  const values: Fields = {};
  const more: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object') more.push(key);
    else values[key] = value;
  }
  return { values, more };
}

/** A reference as the cache keeps it: the path inside the record, and the referenced id. */
export type CachedReference = readonly [path: readonly (string | number)[], id: string];

/** The name or title of a record, for people; falls back to the id. */
export function recordLabel(record: StoreRecord): string {
  const f = record.fields;
  const label = f?.name ?? f?.title;
  return typeof label === 'string' && label.trim() ? label : record.id;
}
