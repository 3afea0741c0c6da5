/**
 * Which files under records/ are records: regular `*.md` files directly inside the five folders.
 * Everything else gets a warning and is never read; dotfiles (editor swap files, our temp files) are skipped quietly.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { typeOfFolder, type RecordType } from '../core/kinds.js';

export interface RecordFileRef {
  type: RecordType;
  id: string;
  /** Relative to the root, with `/`. */
  file: string;
  absolute: string;
}

export interface ScanResult {
  files: RecordFileRef[];
  diagnostics: Diagnostic[];
}

const AT_TOP = { line: 1, column: 1 };

function describeEntry(entry: Dirent): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFile()) return 'a file';
  return 'a special file';
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function scanRecords(root: string): ScanResult {
  const files: RecordFileRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const recordsDir = path.join(root, 'records');
  const warn = (rel: string, what: string, hint?: string) =>
    diagnostics.push(diagnostic('store/unexpected-entry', rel, AT_TOP, { what, hint }));

  for (const folder of readdirSync(recordsDir, { withFileTypes: true }).sort(byName)) {
    if (folder.name.startsWith('.')) continue;
    const relFolder = `records/${folder.name}`;
    const type = typeOfFolder(folder.name);
    if (!folder.isDirectory() || !type) {
      const what = folder.isDirectory() ? `the folder ${relFolder}/` : `${describeEntry(folder)} directly in records/`;
      warn(relFolder, what, 'records live in records/organisations, people, meetings, proposals or agreements');
      continue;
    }
    for (const entry of readdirSync(path.join(recordsDir, folder.name), { withFileTypes: true }).sort(byName)) {
      if (entry.name.startsWith('.')) continue;
      const rel = `${relFolder}/${entry.name}`;
      const isMd = entry.name.endsWith('.md');
      if (isMd && entry.isFile()) {
        files.push({ type, id: entry.name.slice(0, -3), file: rel, absolute: path.join(recordsDir, folder.name, entry.name) });
      } else if (isMd) {
        warn(rel, `${describeEntry(entry)} named like a record`, entry.isSymbolicLink() ? 'links are never followed; put the record itself here' : undefined);
      } else {
        warn(rel, describeEntry(entry), 'only `.md` files are records');
      }
    }
  }
  return { files, diagnostics };
}
