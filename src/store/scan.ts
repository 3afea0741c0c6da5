/**
 * Which files under records/ are records: regular `*.md` files directly inside the five folders.
 * Everything else gets a warning and is never read; dotfiles (editor swap files, our temp files) are skipped quietly.
 * Each record file is lstat'ed here once: that tells links and folders apart, and its identity is what the cache
 * compares. Without the cache, the folder listing's file types do, and only other entries are lstat'ed.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
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
  /**
   * Each file's identity from lstat at scan time: size, mtimeMs, ctimeMs and ino of files[i] at 4i..4i+3.
   * Numbers in one array rather than an object per file: a warm run allocates next to nothing per record.
   */
  identities: Float64Array;
  diagnostics: Diagnostic[];
}

const AT_TOP = { line: 1, column: 1 };

function describe(st: Stats | undefined): string {
  if (!st) return 'an entry that vanished';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFile()) return 'a file';
  return 'a special file';
}

function lstat(p: string): Stats | undefined {
  return lstatSync(p, { throwIfNoEntry: false });
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names sorted by UTF-16 code units, the same order everywhere. */
function sortedNames(dir: string): string[] {
  return readdirSync(dir).sort(byCodeUnits);
}

/** Names and, when asked, which are regular files (from the listing's types, no stat), sorted as sortedNames sorts. */
function sortedEntries(dir: string, withTypes: boolean): { name: string; isFile?: boolean }[] {
  if (!withTypes) return sortedNames(dir).map((name) => ({ name }));
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => byCodeUnits(a.name, b.name))
    .map((d) => ({ name: d.name, isFile: d.isFile() }));
}

export interface ScanOptions {
  /**
   * Take each record file's identity (default true): one lstat per file, which only the cache needs. Without
   * it, the folder listing's file types tell records from everything else.
   */
  identities?: boolean;
}

export function scanRecords(root: string, options: ScanOptions = {}): ScanResult {
  const withIdentities = options.identities !== false;
  const files: RecordFileRef[] = [];
  const identities: number[] = [];
  const diagnostics: Diagnostic[] = [];
  // Plain concatenation: path.join per file is a measurable cost at 10,000 records.
  const recordsDir = `${root.replace(/[\\/]+$/, '')}/records`;
  const warn = (rel: string, what: string, hint?: string) =>
    diagnostics.push(diagnostic('store/unexpected-entry', rel, AT_TOP, { what, hint }));

  for (const folder of sortedNames(recordsDir)) {
    if (folder.startsWith('.')) continue;
    const relFolder = `records/${folder}`;
    const folderPath = `${recordsDir}/${folder}`;
    const type = typeOfFolder(folder);
    const st = lstat(folderPath);
    if (!st?.isDirectory() || !type) {
      const what = st?.isDirectory() ? `the folder ${relFolder}/` : `${describe(st)} directly in records/`;
      warn(relFolder, what, 'records live in records/organisations, people, meetings, proposals or agreements');
      continue;
    }
    for (const listed of sortedEntries(folderPath, !withIdentities)) {
      const name = listed.name;
      if (name.startsWith('.')) continue;
      const rel = `${relFolder}/${name}`;
      const absolute = `${folderPath}/${name}`;
      const isMd = name.endsWith('.md');
      if (isMd && listed.isFile) {
        files.push({ type, id: name.slice(0, -3), file: rel, absolute });
        continue;
      }
      const entry = lstat(absolute);
      if (isMd && entry?.isFile()) {
        files.push({ type, id: name.slice(0, -3), file: rel, absolute });
        identities.push(entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino);
      } else if (isMd) {
        warn(rel, `${describe(entry)} named like a record`, entry?.isSymbolicLink() ? 'links are never followed; put the record itself here' : undefined);
      } else {
        warn(rel, describe(entry), 'only `.md` files are records');
      }
    }
  }
  return { files, identities: Float64Array.from(identities), diagnostics };
}
