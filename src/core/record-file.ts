/**
 * One file's bytes to a StoreRecord with its own diagnostics: decoding, frontmatter, id, schema.
 * Pure and deterministic, so its result can be cached per file content.
 */
import { diagnostic } from './codes.js';
import { FRONTMATTER_START, type LocationIndex } from './locations.js';
import { countLines, parseFrontmatter } from './frontmatter.js';
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { checkId } from './ids.js';
import { MAX_FILE_BYTES } from './limits.js';

type CheckRecord = typeof import('./validate-record.js').checkRecord;
let checkRecordFn: CheckRecord | undefined;

/**
 * The schema check loads zod, so it is loaded on first use: a warm run whose records all come from the cache
 * never needs it. (Node >= 20.19 can `require` an ES module.) Where the compiled module is not beside this one —
 * the test runner works from the TypeScript sources — a setup file registers it instead.
 */
function checkRecord(...args: Parameters<CheckRecord>): ReturnType<CheckRecord> {
  checkRecordFn ??= (createRequire(import.meta.url)('./validate-record.js') as typeof import('./validate-record.js')).checkRecord;
  return checkRecordFn(...args);
}

export function registerRecordChecker(check: CheckRecord): void {
  checkRecordFn = check;
}

export { MAX_FILE_BYTES } from './limits.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface DecodedText {
  text: string;
  /** True when the file starts with a UTF-8 byte order mark (kept on edit). */
  bom: boolean;
}

/** Strict UTF-8 decoding; undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): DecodedText | undefined {
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
  } catch {
    return undefined;
  }
}

const NL_DASHES = Buffer.from('\n---');

/**
 * The bytes up to and including the line that closes the frontmatter: the first `\n---` after the opening line,
 * as the splitter finds it, and the rest of that line. Everything the frontmatter parser looks at is in there,
 * and offsets into it are offsets into the whole text.
 */
export function headBytes(bytes: Uint8Array): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const firstLineEnd = buf.indexOf(10);
  if (firstLineEnd === -1) return bytes;
  const close = buf.indexOf(NL_DASHES, firstLineEnd);
  if (close === -1) return bytes;
  const lineEnd = buf.indexOf(10, close + 1);
  return lineEnd === -1 ? bytes : bytes.subarray(0, lineEnd + 1);
}

/** Line of the first byte that is not valid UTF-8, for the diagnostic. */
function firstBadLine(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  return bad === -1 ? 1 : countLines(lenient, bad);
}

/**
 * A record whose `locations` are computed on first read: positions cost as much as parsing again, and only
 * records with a problem need them. The accessor lives on the prototype, so it is not enumerable:
 * serialising a record never triggers the parse.
 */
class LazyRecord implements StoreRecord {
  type: RecordType;
  id: string;
  file: string;
  valid: boolean;
  bodyLine: number;
  bodyOffset: number;
  diagnostics: StoreRecord['diagnostics'];
  contentHash?: string;
  #references: (() => StoreRecord['cachedReferences']) | undefined;
  #referencesValue: StoreRecord['cachedReferences'];
  #compute: () => LocationIndex;
  #locations: LocationIndex | undefined;
  #fields: StoreRecord['fields'];
  #fieldsSource: (() => StoreRecord['fields']) | undefined;

  constructor(base: Omit<StoreRecord, 'locations' | 'fields'> & { fields?: StoreRecord['fields'] }, compute: () => LocationIndex, fieldsSource?: () => StoreRecord['fields']) {
    this.type = base.type;
    this.id = base.id;
    this.file = base.file;
    this.#fields = base.fields;
    this.#fieldsSource = fieldsSource;
    this.valid = base.valid;
    this.bodyLine = base.bodyLine;
    this.bodyOffset = base.bodyOffset;
    this.diagnostics = base.diagnostics;
    this.#compute = compute;
  }

  /** Records from the cache read their fields on first use: validating an unchanged store never needs them. */
  get fields(): StoreRecord['fields'] {
    if (this.#fieldsSource) {
      this.#fields = this.#fieldsSource();
      this.#fieldsSource = undefined;
    }
    return this.#fields;
  }

  set fields(value: StoreRecord['fields']) {
    this.#fields = value;
    this.#fieldsSource = undefined;
  }

  get locations(): LocationIndex {
    return (this.#locations ??= this.#compute());
  }

  set locations(value: LocationIndex) {
    this.#locations = value;
  }

  /** References known without reading fields (from the cache); undefined when they must come from fields. */
  get cachedReferences(): StoreRecord['cachedReferences'] {
    if (this.#references) {
      this.#referencesValue = this.#references();
      this.#references = undefined;
    }
    return this.#referencesValue;
  }

  /** Where cached references come from (read lazily). */
  referenceSource(source: () => StoreRecord['cachedReferences']): void {
    this.#references = source;
  }

  /** Replace how locations are computed (before the first read). */
  locationSource(compute: () => LocationIndex): void {
    this.#compute = compute;
  }

  /** Plain data for JSON: the getters are on the prototype and would be left out. */
  toJSON(): Omit<StoreRecord, 'locations'> {
    const { type, id, file, fields, valid, bodyLine, bodyOffset, diagnostics } = this;
    return { type, id, file, fields, valid, bodyLine, bodyOffset, diagnostics };
  }
}

export function recordWithLazyLocations(
  base: Omit<StoreRecord, 'locations' | 'fields'> & { fields?: StoreRecord['fields'] },
  compute: () => LocationIndex,
  fieldsSource?: () => StoreRecord['fields'],
): LazyRecord {
  return new LazyRecord(base, compute, fieldsSource);
}

export function parseRecordFile(file: string, type: RecordType, id: string, bytes: Uint8Array): StoreRecord {
  const record = recordWithLazyLocations(
    { type, id, file, fields: undefined, valid: false, bodyLine: 1, bodyOffset: 0, diagnostics: checkId(id, file) },
    () => ({}),
  );
  if (bytes.length > MAX_FILE_BYTES) {
    record.diagnostics.push(diagnostic('file/too-large', file, FRONTMATTER_START, { size: bytes.length, limit: MAX_FILE_BYTES }));
    return record;
  }
  if (!isUtf8(bytes)) {
    const line = firstBadLine(bytes);
    record.diagnostics.push(diagnostic('file/encoding', file, { line, column: 1 }, { badLine: line }));
    return record;
  }
  // Only the frontmatter is parsed: decoding the body too would only make garbage (it is read when a command needs it).
  // The bytes are known to be UTF-8 and the head ends at a line break, so a plain decode is exact.
  const head = headBytes(bytes);
  const headText = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  const parsed = parseFrontmatter(headText.charCodeAt(0) === 0xfeff ? headText.slice(1) : headText, file);
  record.locationSource(parsed.locations);
  record.bodyLine = parsed.bodyLine;
  record.bodyOffset = parsed.bodyOffset;
  record.diagnostics.push(...parsed.diagnostics);
  if (!parsed.data) return record;
  const checked = checkRecord(type, id, file, parsed.data, parsed.locations);
  record.fields = checked.fields;
  record.diagnostics.push(...checked.diagnostics);
  record.valid = checked.valid && record.diagnostics.every((d) => d.severity !== 'error');
  return record;
}
