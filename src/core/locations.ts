/**
 * Where each value of a record sits in its file, keyed by field path (`actions.0.owner`).
 * Built while converting the YAML, so diagnostics found later (schema, references) can be
 * located without re-parsing; plain JSON, so a cache can keep it.
 */
import type { Span } from './diagnostic.js';

export interface Location {
  /** The value node. */
  value: Span;
  /** The key, when the value sits in a mapping. */
  key?: Span;
}

export type LocationIndex = Record<string, Location>;

/** The line of the opening `---`: where problems of the whole frontmatter point. */
export const FRONTMATTER_START: Span = { line: 1, column: 1 };

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * The best place to point at for `path`: the value itself or, when `at` is `key`, its key.
 * A path that does not exist (a missing field) falls back to its nearest existing parent, then to the
 * frontmatter's first line.
 */
export function locate(index: LocationIndex, path: readonly PropertyKey[], at: 'value' | 'key' = 'value'): Span {
  for (let n = path.length; n > 0; n--) {
    const loc = index[pathKey(path.slice(0, n))];
    if (loc) {
      // The exact path may prefer its key; a parent always points at its key (the field holding the missing item).
      if (n === path.length && at === 'value') return loc.value;
      return loc.key ?? loc.value;
    }
  }
  return FRONTMATTER_START;
}
