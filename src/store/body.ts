/** Reading a record's Markdown body on demand: loading parses only what validation needs. */
import path from 'node:path';
import { decodeUtf8 } from '../core/record-file.js';
import type { StoreRecord } from '../core/record.js';
import { readRecordBytes } from './read.js';

/** The body of `record` (empty when the file cannot be read any more). */
export function readBody(root: string, record: StoreRecord): string {
  const read = readRecordBytes(path.join(root, record.file));
  if (!read.ok) return '';
  const decoded = decodeUtf8(read.bytes);
  return decoded ? decoded.text.slice(record.bodyOffset) : '';
}
