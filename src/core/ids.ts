import { diagnostic } from './codes.js';
import type { Diagnostic } from './diagnostic.js';
import { FRONTMATTER_START } from './locations.js';
import { quoteValue } from './quote.js';
import { slug } from './slug.js';

/** Id rules (record-model.md): lowercase ASCII letters and digits in hyphen-separated runs, at most 100 characters. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 100;

export function isValidId(id: string): boolean {
  return id.length <= ID_MAX_LENGTH && ID_PATTERN.test(id);
}

/**
 * Names Windows keeps for devices (`con`, `nul`, `com1`...): a file `con.md` cannot be checked out there, so no new
 * record (or rename) takes one. Existing records with such an id still validate: the record model allows them.
 */
export function isWindowsDeviceName(id: string): boolean {
  return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(id);
}

/** Validate the id from the file name. */
export function checkId(id: string, file: string): Diagnostic[] {
  if (id.length <= ID_MAX_LENGTH && ID_PATTERN.test(id)) return [];
  const reason = id.length > ID_MAX_LENGTH
    ? `it is ${id.length} characters long (at most ${ID_MAX_LENGTH})`
    : 'ids are lowercase ASCII letters and digits in hyphen-separated runs';
  const suggestion = slug(id);
  return [diagnostic('id/invalid', file, FRONTMATTER_START, { id: quoteValue(id), reason, suggestion: suggestion && suggestion !== id ? suggestion : undefined })];
}

