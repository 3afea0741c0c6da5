/** In-memory records for core tests. */
import { parseRecordFile } from '../../src/core/record-file.js';
import type { RecordType } from '../../src/core/kinds.js';
import { FOLDER_OF } from '../../src/core/kinds.js';
import type { StoreRecord } from '../../src/core/record.js';

/** Frontmatter text from lines: `fm('name: X', 'kind: network')`. */
export function fm(...lines: string[]): string {
  return `---\n${lines.join('\n')}\n---\n`;
}

/** Parse `text` as the record `records/<folder>/<id>.md`. */
export function record(type: RecordType, id: string, text: string): StoreRecord {
  return parseRecordFile(`records/${FOLDER_OF[type]}/${id}.md`, type, id, Buffer.from(text, 'utf8'));
}
