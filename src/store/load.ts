/**
 * Loading a store: scan, read and parse every record, then run the store-wide rules.
 * The one loader every command uses, so validation and queries always agree.
 */
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { FRONTMATTER_START } from '../core/locations.js';
import { MAX_FILE_BYTES, parseRecordFile } from '../core/record-file.js';
import type { StoreRecord } from '../core/record.js';
import { checkStore } from '../core/validate-store.js';
import { readRecordBytes } from './read.js';
import { scanRecords, type RecordFileRef } from './scan.js';

export interface Store {
  root: string;
  records: StoreRecord[];
  /** Every diagnostic: scan warnings, per-file problems and store-wide rules. */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** YYYY-MM-DD, for date rules. */
  today: string;
}

export function loadRecord(ref: RecordFileRef): StoreRecord {
  const read = readRecordBytes(ref.absolute);
  if (read.ok) return parseRecordFile(ref.file, ref.type, ref.id, read.bytes);
  const record: StoreRecord = { type: ref.type, id: ref.id, file: ref.file, fields: undefined, valid: false, locations: {}, bodyLine: 1, bodyOffset: 0, diagnostics: [] };
  record.diagnostics.push(
    'size' in read
      ? diagnostic('file/too-large', ref.file, FRONTMATTER_START, { size: read.size, limit: MAX_FILE_BYTES })
      : diagnostic('file/unreadable', ref.file, FRONTMATTER_START, { reason: read.error }),
  );
  return record;
}

export function loadStore(root: string, options: LoadOptions): Store {
  const scan = scanRecords(root);
  const records = scan.files.map(loadRecord);
  const diagnostics = [...scan.diagnostics];
  for (const r of records) diagnostics.push(...r.diagnostics);
  diagnostics.push(...checkStore(records, options));
  return { root, records, diagnostics };
}
