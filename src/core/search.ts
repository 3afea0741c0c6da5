/**
 * Full-text search over records: names, titles, every text field and the Markdown body.
 * Case- and diacritic-insensitive (`timocki` finds "Timočki", Cyrillic is transliterated), every word must
 * match somewhere in the record, and hits are ranked by how many words the name or title holds, then by
 * how often the words occur. Pure: bodies come through `readBody`, so only this command reads them.
 */
import type { RecordType } from './kinds.js';
import { fieldValues, queryableFields, resolveField, type ResolvedField } from './query.js';
import { escapeControl } from './quote.js';
import type { StoreRecord } from './record.js';
import { fold, foldWithOffsets } from './fold.js';

/** A one-line excerpt around the first match; `marks` are [start, end) ranges of the matched words in `text`. */
export interface Snippet {
  /** Where the excerpt comes from: a field name, or `body`. */
  field: string;
  text: string;
  marks: [number, number][];
}

export interface SearchHit {
  record: StoreRecord;
  /** How many of the words the name, title, short name or other names hold. */
  nameHits: number;
  /** Occurrences of all words in the whole record. */
  count: number;
  snippet: Snippet;
}

/** What search needs of a record besides its snippet, as `searchEntry` makes it: all folded. */
export interface SearchEntry {
  /** Every text field and the body, one text a line. */
  text: string;
  /** The name fields' texts, one a line. */
  names: string;
  /** The name or title (or id) hits are ordered by. */
  label: string;
}

/** What a query finds in a record: occurrences of all its words, and how many of them the names hold. */
export interface SearchMatch {
  count: number;
  nameHits: number;
  label: string;
}

/**
 * Records' search entries kept from earlier runs (a cache): `match` answers for a record it holds an entry of
 * (null when a word is missing), exactly as searching the entry's texts would, or undefined when it holds
 * none; `learn` is given the entries made for the others.
 */
export interface SearchIndex {
  match(record: StoreRecord, words: readonly string[]): SearchMatch | null | undefined;
  learn(record: StoreRecord, entry: SearchEntry): void;
}

export interface SearchOptions {
  /** Entries known from earlier runs: saves reading every body and parsing every record's fields. */
  index?: SearchIndex;
  /** Only records of this type. */
  type?: RecordType;
  limit?: number;
  /** Snippet length in characters. */
  width?: number;
}

/** Fields that name a record: a hit there ranks first. */
const NAME_FIELDS = new Set(['name', 'title', 'short_name', 'other_names.name']);

const textFieldCache = new Map<RecordType, ResolvedField[]>();

/** The text fields of a type (not references, dates, numbers or choices), in record-model order. */
function textFields(type: RecordType): ResolvedField[] {
  let fields = textFieldCache.get(type);
  if (!fields) {
    fields = queryableFields(type)
      .filter((name) => name !== 'id')
      .map((name) => resolveField(type, name))
      .filter((f) => f.kind === 'text');
    textFieldCache.set(type, fields);
  }
  return fields;
}

/** The words of a query, folded, without repeats. */
export function searchWords(query: string): string[] {
  return [...new Set(fold(query).split(/\s+/).filter(Boolean))];
}

function countIn(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

interface Text {
  field: string;
  text: string;
  folded: string;
}

function textsOf(record: StoreRecord, body: string, only?: ReadonlySet<string>): Text[] {
  const out: Text[] = [];
  for (const field of textFields(record.type)) {
    if (only && !only.has(field.name)) continue;
    for (const v of fieldValues(record, field)) {
      if (typeof v === 'string') out.push({ field: field.name, text: v, folded: fold(v) });
    }
  }
  if (body.trim()) out.push({ field: 'body', text: body, folded: fold(body) });
  return out;
}

const joinFolded = (texts: readonly Text[]) => texts.map((t) => t.folded).join('\n');

/**
 * Everything search looks at in a record, folded, one text a line: the text fields and the body, the names,
 * and the label. Words never contain a line break, so counting in a joined text counts in each text.
 */
export function searchEntry(record: StoreRecord, body: string): SearchEntry {
  const texts = textsOf(record, body);
  return { text: joinFolded(texts), names: joinFolded(texts.filter((t) => NAME_FIELDS.has(t.field))), label: labelOf(record) };
}

function labelOf(record: StoreRecord): string {
  return fold(String(record.fields?.name ?? record.fields?.title ?? record.id));
}

/** An excerpt of about `width` characters of `source` around the first match, on one line, with the matches marked. */
export function makeSnippet(field: string, source: string, words: readonly string[], width = 100): Snippet {
  const line = escapeControl(source.replace(/\s+/g, ' ').trim());
  const { folded, from } = foldWithOffsets(line);
  const origin = (i: number) => (from ? from[i]! : i);
  const ranges: [number, number][] = [];
  for (const w of words) {
    for (let at = folded.indexOf(w); at !== -1; at = folded.indexOf(w, at + w.length)) {
      ranges.push([origin(at), origin(at + w.length)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  if (line.length <= width) return { field, text: line, marks: merge(ranges) };

  // Work in code units for the marks but never cut a surrogate pair: cut on spaces.
  const first = ranges[0]?.[0] ?? 0;
  const firstEnd = ranges[0]?.[1] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(line.length, start + width);
  if (end === line.length) start = Math.max(0, end - width);
  if (start > 0) {
    const space = line.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > start && space >= firstEnd) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < line.length ? '…' : '';
  const text = `${prefix}${line.slice(start, end)}${suffix}`;
  const shift = prefix.length - start;
  const marks = merge(ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift] as [number, number]));
  return { field, text, marks };
}

function merge(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Search `records` for every word of `query`; `readBody` gives a record's Markdown body. */
export function searchRecords(
  records: readonly StoreRecord[],
  query: string,
  readBody: (record: StoreRecord) => string,
  options: SearchOptions = {},
): SearchHit[] {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const width = options.width ?? 100;
  const found: { record: StoreRecord; nameHits: number; count: number; label: string; texts?: Text[] }[] = [];
  for (const record of records) {
    if (!record.valid || (options.type && record.type !== options.type)) continue;
    const known = options.index?.match(record, words);
    if (known === null) continue;
    if (known) {
      found.push({ record, ...known });
      continue;
    }
    const texts = textsOf(record, readBody(record));
    const hay = joinFolded(texts);
    const names = texts.filter((t) => NAME_FIELDS.has(t.field));
    const label = labelOf(record);
    options.index?.learn(record, { text: hay, names: joinFolded(names), label });
    let count = 0;
    let all = true;
    for (const w of words) {
      const n = countIn(hay, w);
      if (n === 0) {
        all = false;
        break;
      }
      count += n;
    }
    if (!all) continue;
    const nameHits = words.filter((w) => names.some((t) => t.folded.includes(w))).length;
    found.push({ record, nameHits, count, label, texts });
  }
  found.sort((a, b) => b.nameHits - a.nameHits || b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.record.id < b.record.id ? -1 : 1));
  const shown = options.limit === undefined ? found : found.slice(0, options.limit);
  // Snippets only for the hits shown: they are the costly part (and may need the body).
  return shown.map((h) => {
    const texts = h.texts ?? textsOf(h.record, readBody(h.record));
    return { record: h.record, nameHits: h.nameHits, count: h.count, snippet: makeSnippet(...excerptOf(texts, words), words, width) };
  });
}

/** The excerpt comes from where most words meet outside the name (the name is shown anyway), else the name. */
function excerptOf(texts: readonly Text[], words: readonly string[]): [string, string] {
  let excerpt: Text | undefined;
  let bestWords = 0;
  for (const t of texts) {
    if (NAME_FIELDS.has(t.field)) continue;
    const n = words.filter((w) => t.folded.includes(w)).length;
    if (n > bestWords) {
      excerpt = t;
      bestWords = n;
    }
  }
  excerpt ??= texts.find((t) => NAME_FIELDS.has(t.field) && words.some((w) => t.folded.includes(w))) ?? texts[0]!;
  return [excerpt.field, excerpt.text];
}
