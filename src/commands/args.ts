/** Checking the flag values the read commands share; each failure is a usage error (exit 2) with a hint. */
import { FOLDER_OF, RECORD_TYPES, typeFromWord, typeWords, type RecordType } from '../core/kinds.js';
import { suggest } from '../core/suggest.js';
import { UsageError } from '../errors.js';

/** The type a CLI word names, or a usage error with the accepted words and a suggestion. */
export function recordTypeArg(word: string): RecordType {
  const type = typeFromWord(word);
  if (type) return type;
  const guess = suggest(word, typeWords());
  throw new UsageError(
    `unknown record type "${word}"`,
    `${guess ? `did you mean ${guess}? ` : ''}use one of: ${RECORD_TYPES.map((t) => FOLDER_OF[t]).join(', ')}`,
  );
}

/** `--limit N`: a whole number, 0 or more. */
export function limitArg(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--limit takes a whole number, 0 or more, not "${raw}"`, 'e.g. --limit 10');
  return Number(raw);
}

export function formatArg<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`unknown format "${raw}"`, `use --format ${allowed.join(', ')}`);
}

/** `--today YYYY-MM-DD`: a real calendar date, or undefined for the clock's today. */
export function todayArg(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== raw) throw new UsageError(`--today takes a date as YYYY-MM-DD, not "${raw}"`, 'e.g. --today 2019-03-01');
  return raw;
}
