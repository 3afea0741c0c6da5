/** Finding a record from what a user typed: its id or its name; else "did you mean". */
import { NotFoundError } from '../errors.js';
import { escapeControl } from './quote.js';
import type { StoreRecord } from './record.js';
import { foldToAscii, slug } from './slug.js';
import { suggest } from './suggest.js';

const MAX_SUGGESTIONS = 5;

/**
 * The record `input` names: its id, its name, title or short name ("Office for Combating Drugs", "DPNSEE"),
 * or the start of its id when no other id starts the same way; NotFoundError with suggestions otherwise.
 */
export function findRecord(input: string, byId: ReadonlyMap<string, StoreRecord>): StoreRecord {
  const exact = byId.get(input) ?? byId.get(slug(input)) ?? byName(input, byId) ?? byPrefix(input, byId);
  if (exact) return exact;
  throw new NotFoundError(`no record has the id "${escapeControl(input)}"`, suggestionHint(input, byId));
}

/** The one record whose name, title or short name is `input` (case and diacritics aside); one pass, only on a miss. */
function byName(input: string, byId: ReadonlyMap<string, StoreRecord>): StoreRecord | undefined {
  const wanted = foldToAscii(input).trim();
  if (!wanted) return undefined;
  let found: StoreRecord | undefined;
  for (const r of byId.values()) {
    const f = r.fields;
    const names = [f?.name, f?.title, f?.short_name].filter((n): n is string => typeof n === 'string');
    if (!names.some((n) => foldToAscii(n).trim() === wanted)) continue;
    if (found) return undefined; // ambiguous: let the suggestions list both
    found = r;
  }
  return found;
}

/**
 * The one record whose id starts with `input`, so that an id cut short in a table (`proposal-for-decrim…`)
 * still finds its record, as git does with hashes.
 */
function byPrefix(input: string, byId: ReadonlyMap<string, StoreRecord>): StoreRecord | undefined {
  const prefix = input.replace(/…$/, '');
  if (prefix.length < 3) return undefined;
  let found: StoreRecord | undefined;
  for (const [id, r] of byId) {
    if (!id.startsWith(prefix)) continue;
    if (found) return undefined;
    found = r;
  }
  return found;
}

function suggestionHint(input: string, byId: ReadonlyMap<string, StoreRecord>): string {
  const candidates: string[] = [];
  const close = suggest(input, byId.keys());
  if (close) candidates.push(close);
  // Records whose id or name contains what was typed (`show office` lists the offices).
  const needle = slug(input);
  const folded = foldToAscii(input).trim();
  if (needle) {
    // Ids first (they are what `show` takes), then names.
    const add = (test: (r: StoreRecord) => boolean) => {
      for (const r of byId.values()) {
        if (candidates.length >= MAX_SUGGESTIONS) return;
        if (!candidates.includes(r.id) && test(r)) candidates.push(r.id);
      }
    };
    add((r) => r.id.startsWith(needle));
    add((r) => r.id.includes(needle));
    add((r) => {
      const name = r.fields?.name ?? r.fields?.title;
      return folded !== '' && typeof name === 'string' && foldToAscii(name).includes(folded);
    });
  }
  if (candidates.length === 1) return `did you mean ${candidates[0]}?`;
  if (candidates.length > 1) return `did you mean one of: ${candidates.join(', ')}?`;
  return `find it with \`dossier search ${escapeControl(input)}\``;
}
