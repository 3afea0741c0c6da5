/**
 * One file's bytes to a StoreRecord with its own diagnostics: decoding, frontmatter, id, schema.
 * Pure and deterministic, so its result can be cached per file content.
 */
import { diagnostic } from './codes.js';
import { FRONTMATTER_START } from './locations.js';
import { countLines, parseFrontmatter } from './frontmatter.js';
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { checkId, checkRecord } from './validate-record.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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

/** Line of the first byte that is not valid UTF-8, for the diagnostic. */
function firstBadLine(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  return bad === -1 ? 1 : countLines(lenient, bad);
}

export function parseRecordFile(file: string, type: RecordType, id: string, bytes: Uint8Array): StoreRecord {
  const record: StoreRecord = { type, id, file, fields: undefined, valid: false, locations: {}, bodyLine: 1, bodyOffset: 0, diagnostics: checkId(id, file) };
  if (bytes.length > MAX_FILE_BYTES) {
    record.diagnostics.push(diagnostic('file/too-large', file, FRONTMATTER_START, { size: bytes.length, limit: MAX_FILE_BYTES }));
    return record;
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded) {
    const line = firstBadLine(bytes);
    record.diagnostics.push(diagnostic('file/encoding', file, { line, column: 1 }, { badLine: line }));
    return record;
  }
  const parsed = parseFrontmatter(decoded.text, file);
  record.locations = parsed.locations;
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
