/**
 * Ids from names (record-model.md, "Files"): NFC, Serbian Cyrillic to Latin, diacritics folded,
 * lowercase, every run of other characters one hyphen.
 */
import { ID_MAX_LENGTH } from './ids.js';

// Serbian Cyrillic (plus the few Macedonian/Russian letters seen in the region's names) to Latin.
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'z', з: 'z', и: 'i', ј: 'j', к: 'k',
  л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', у: 'u',
  ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's', ѓ: 'gj', ќ: 'kj', ѕ: 'dz', й: 'j', ы: 'y', э: 'e',
  ю: 'ju', я: 'ja', ё: 'e', щ: 'sc', ъ: '', ь: '',
};

// Letters that Unicode does not decompose into a base letter plus a mark.
const SPECIAL_LATIN: Readonly<Record<string, string>> = {
  đ: 'dj', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', ı: 'i', þ: 'th', ð: 'd',
};

// Every character either table maps (all single UTF-16 code units): a regular expression finds them far faster
// than a loop over the characters of a long text.
const MAPPED = new RegExp(`[${[...Object.keys(CYRILLIC), ...Object.keys(SPECIAL_LATIN)].join('')}]`, 'g');
const mapChar = (ch: string) => CYRILLIC[ch] ?? SPECIAL_LATIN[ch]!;

/** Lowercase ASCII transliteration of `text`: "Timočki" -> "timocki", "Ђура" -> "djura". */
export function foldToAscii(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(MAPPED, mapChar).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The id made from a name: "Timočki omladinski centar" -> "timocki-omladinski-centar". */
export function slug(text: string, maxLength = ID_MAX_LENGTH): string {
  const s = foldToAscii(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= maxLength) return s;
  // Cut at a hyphen so the id stays readable, and never end on one.
  const cut = s.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : s.slice(0, maxLength)).replace(/-+$/, '');
}
