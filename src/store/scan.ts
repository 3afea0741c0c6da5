/**
 * Which files under records/ are records: regular `*.md` files directly inside the five folders.
 * Everything else gets a warning and is never read; dotfiles (editor swap files, our temp files) are skipped quietly.
 * Each record file is lstat'ed here once: that tells links and folders apart, and its identity is what the cache
 * compares. Without the cache, the folder listing's file types do, and only other entries are lstat'ed.
 */
import { readdirSync } from 'node:fs';
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { typeOfFolder, type RecordType } from '../core/kinds.js';
import { inFolder, lstatFileInto, lstatPlain, type FileStat } from './file-stat.js';

export interface RecordFileRef {
  type: RecordType;
  id: string;
  /** Relative to the root, with `/`. */
  file: string;
  absolute: string;
}

export interface ScanResult {
  /** How many record files there are. */
  count: number;
  /** The record files in scan order; made on first use (a warm run that needs none of them never pays for 10,000). */
  readonly files: RecordFileRef[];
  /** The record file at scan position `i` (made once; `show` needs a handful of 10,000). */
  ref(i: number): RecordFileRef;
  /** Their paths relative to the root, joined by `\0`: what the cache compares with its own list in one go. */
  joined: string;
  /** Their ids, in scan order; made on first use. */
  readonly ids: string[];
  /** Where the files of one type are: scan positions `start` to `end` (exclusive), since each type is one folder. */
  rangeOf(type: RecordType): { start: number; end: number };
  /**
   * Each file's identity from lstat at scan time: size, mtimeMs, ctimeMs and ino of files[i] at 4i..4i+3
   * (zeros without `identities`). Numbers in one array rather than an object per file: a warm run allocates
   * next to nothing per record.
   */
  identities: Float64Array;
  diagnostics: Diagnostic[];
}

const AT_TOP = { line: 1, column: 1 };

function describe(kind: FileStat['kind'] | undefined): string {
  if (!kind) return 'an entry that vanished';
  if (kind === 'symlink') return 'a symbolic link';
  if (kind === 'directory') return 'a folder';
  if (kind === 'file') return 'a file';
  return 'a special file';
}

/** Names sorted by UTF-16 code units, the same order everywhere (the default sort's order, which is also the fastest). */
function sortedNames(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Names and which are regular files (from the listing's types, no stat), sorted as sortedNames sorts. */
function sortedEntries(dir: string): { names: string[]; isFile: Set<string> } {
  const entries = readdirSync(dir, { withFileTypes: true });
  return { names: entries.map((d) => d.name).sort(), isFile: new Set(entries.filter((d) => d.isFile()).map((d) => d.name)) };
}

export interface ScanOptions {
  /**
   * Take each record file's identity (default true): one lstat per file, which only the cache needs. Without
   * it, the folder listing's file types tell records from everything else.
   */
  identities?: boolean;
}

/** The record files of one folder: their names, in order. */
interface Group {
  type: RecordType;
  folder: string;
  names: string[];
}

export function scanRecords(root: string, options: ScanOptions = {}): ScanResult {
  const withIdentities = options.identities !== false;
  const groups: Group[] = [];
  let count = 0;
  let identities: Float64Array<ArrayBuffer> = new Float64Array(0);
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
    const st = lstatPlain(folderPath)?.kind;
    if (st !== 'directory' || !type) {
      const what = st === 'directory' ? `the folder ${relFolder}/` : `${describe(st)} directly in records/`;
      warn(relFolder, what, 'records live in records/organisations, people, meetings, proposals or agreements');
      continue;
    }
    const listing = withIdentities ? { names: sortedNames(folderPath), isFile: undefined } : sortedEntries(folderPath);
    const names: string[] = [];
    // Room for every entry of the folder at once: growing as files come copied the array a dozen times.
    if (withIdentities && identities.length < (count + listing.names.length) * 4) identities = grow(identities, (count + listing.names.length) * 4);
    inFolder(folderPath, (prefix) => {
      for (const name of listing.names) {
        if (name.startsWith('.')) continue;
        const isMd = name.endsWith('.md');
        if (isMd && listing.isFile?.has(name)) {
          names.push(name);
          continue;
        }
        const at = prefix + name;
        const kind = isMd && withIdentities ? lstatFileInto(at, identities, count * 4) : lstatPlain(at)?.kind;
        if (isMd && kind === 'file') {
          names.push(name);
          if (withIdentities) count++;
        } else if (isMd) {
          warn(`${relFolder}/${name}`, `${describe(kind)} named like a record`, kind === 'symlink' ? 'links are never followed; put the record itself here' : undefined);
        } else {
          warn(`${relFolder}/${name}`, describe(kind), 'only `.md` files are records');
        }
      }
    });
    if (!withIdentities) count += names.length;
    if (names.length) groups.push({ type, folder, names });
  }
  const joined = groups.map(({ folder, names }) => `records/${folder}/${names.join(`\0records/${folder}/`)}`).join('\0');
  let files: RecordFileRef[] | undefined;
  let ids: string[] | undefined;
  const made: RecordFileRef[] = [];
  const ref = (i: number): RecordFileRef => {
    const known = made[i];
    if (known) return known;
    let at = i;
    for (const { type, folder, names } of groups) {
      if (at < names.length) {
        const name = names[at]!;
        return (made[i] = { type, id: name.slice(0, -3), file: `records/${folder}/${name}`, absolute: `${recordsDir}/${folder}/${name}` });
      }
      at -= names.length;
    }
    throw new RangeError(`no record file at ${i}`);
  };
  return {
    count,
    joined,
    get ids() {
      return (ids ??= groups.flatMap(({ names }) => names.map((name) => name.slice(0, -3))));
    },
    rangeOf(type) {
      let start = 0;
      for (const g of groups) {
        if (g.type === type) return { start, end: start + g.names.length };
        start += g.names.length;
      }
      return { start: 0, end: 0 };
    },
    identities: withIdentities ? identities.subarray(0, count * 4) : new Float64Array(count * 4),
    diagnostics,
    ref,
    get files() {
      return (files ??= Array.from({ length: count }, (_, i) => ref(i)));
    },
  };
}

function grow(a: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(length, a.length * 2));
  bigger.set(a);
  return bigger;
}
