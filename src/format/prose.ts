/**
 * Writing English prose from record values: dates as "25 February 2019", lists as "a, b and c", counts,
 * organisation names with their article and acronym, language names. Shared by the report and the summary.
 */
import type { NamedRef } from '../core/export-facts.js';
import type { Inline } from './doc.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): { y: string; m: string; d: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return { y: match[1]!, m: MONTHS[Number(match[2]) - 1] ?? match[2]!, d: Number(match[3]) };
}

/** "25 February 2019" (the date as given when it is not YYYY-MM-DD). */
export function longDate(date: string): string {
  const p = parts(date);
  return p ? `${p.d} ${p.m} ${p.y}` : date;
}

/** "25–26 February 2019", "30 November – 2 December 2019", "30 December 2019 – 2 January 2020". */
export function dateRange(start: string, end: string | undefined): string {
  const a = parts(start);
  const b = end ? parts(end) : undefined;
  if (!a || !b || end === start) return longDate(start);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${b.m} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`;
  return `${longDate(start)} – ${longDate(end!)}`;
}

/** "1 meeting", "2 meetings". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Inline pieces joined as "a, b and c" (no serial comma, as the secretariat writes). */
export function joinAnd(items: readonly Inline[][], last = ' and '): Inline[] {
  const out: Inline[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? last : ', ');
    out.push(...item);
  });
  return out;
}

/** Words joined as "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** First letter in upper case (sentence start). */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** First letter in lower case, unless the first word is an acronym or a name ("DPNSEE", "McX"). */
export function lowerFirst(text: string): string {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  if (first.length > 1 && /[A-Z]/.test(first.slice(1))) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Words that take "the" when an organisation's name starts with them: "the Office for Combating Drugs". */
const ARTICLE_WORDS = new Set([
  'administration', 'agency', 'assembly', 'board', 'bureau', 'chamber', 'commission', 'committee', 'council', 'court',
  'department', 'directorate', 'embassy', 'european', 'government', 'institute', 'ministry', 'municipality', 'national',
  'office', 'parliament', 'secretariat', 'united', 'working',
]);

function takesArticle(name: string): boolean {
  const first = /^[^\s]+/.exec(name)?.[0]?.toLowerCase() ?? '';
  return ARTICLE_WORDS.has(first);
}

/**
 * Names organisations and people in running text: the first mention of an organisation with an acronym is
 * "Drug Policy Network South East Europe (DPNSEE)", later ones "DPNSEE"; government bodies and the like get
 * "the". One Namer per document.
 */
export class Namer {
  private readonly mentioned = new Set<string>();

  /** The name in running text; `start` capitalises a leading "the". */
  name(ref: NamedRef, options: { start?: boolean; article?: boolean } = {}): string {
    let text: string;
    if (ref.shortName && this.mentioned.has(ref.id)) text = ref.shortName;
    else text = ref.shortName ? `${ref.name} (${ref.shortName})` : ref.name;
    this.mentioned.add(ref.id);
    if (options.article !== false && ref.type === 'organisation' && takesArticle(ref.name) && text !== ref.shortName) {
      text = `${options.start ? 'The' : 'the'} ${text}`;
    }
    return text;
  }

  /** The name as a list entry: full name and acronym, no article. */
  entry(ref: NamedRef): string {
    this.mentioned.add(ref.id);
    return ref.shortName ? `${ref.name} (${ref.shortName})` : ref.name;
  }

  /** Several names as "a, b and c". */
  names(refs: readonly NamedRef[], options: { start?: boolean } = {}): string {
    return joinWords(refs.map((r, i) => this.name(r, { start: options.start && i === 0 })));
  }
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return undefined;
  }
})();

/** "Serbian", "Serbian (Cyrillic)" for a BCP 47 tag; the tag itself when it is unknown. */
export function languageName(tag: string): string {
  try {
    const name = languageNames?.of(tag);
    if (name && name.toLowerCase() !== tag.toLowerCase() && !name.toLowerCase().startsWith(tag.split('-')[0]!.toLowerCase() + ' ')) return name;
  } catch {
    // not a well-formed tag: fall through
  }
  return tag;
}

/** Words for enum values: "memorandum-of-understanding" → "memorandum of understanding". */
export function words(value: string): string {
  return value.replace(/-/g, ' ');
}
