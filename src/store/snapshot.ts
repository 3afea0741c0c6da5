/**
 * The whole store as of one version — a commit, the index (what the next commit would hold) or the working
 * tree — parsed and validated exactly as `validate` would, without a checkout or a temporary copy: a git
 * version is listed with one `git ls-tree` (or `git ls-files -s`) and read with one `git cat-file --batch`.
 *
 * A ParseCache shared between two snapshots parses a file that is the same on both sides once, so a diff
 * of two large versions costs one full parse plus the files that changed.
 */
import { createHash } from './hash.js';
import { diagnostic } from '../core/codes.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { typeOfFolder, type RecordType } from '../core/kinds.js';
import { FRONTMATTER_START } from '../core/locations.js';
import { checkId } from '../core/ids.js';
import { decodeUtf8, MAX_FILE_BYTES, parseRecordFile, recordWithLazyLocations } from '../core/record-file.js';
import type { Fields } from '../core/record.js';
import { parseFrontmatter } from '../core/frontmatter.js';
import type { SideRecord, StoreSide } from '../core/record-diff.js';
import { checkStore } from '../core/validate-store.js';
import { readRecordBytes } from './read.js';
import { scanRecords } from './scan.js';
import type { GitRepo, TreeEntry } from './git.js';

/** Which version of the store to load. */
export type Revision =
  | { kind: 'worktree' }
  | { kind: 'index' }
  | { kind: 'commit'; commit: string }
  /** Before the first commit: no records at all. */
  | { kind: 'empty' };

export interface Snapshot extends StoreSide {
  records: SnapshotRecord[];
  diagnostics: Diagnostic[];
}

export interface SnapshotRecord extends SideRecord {
  /** The file's lines (after any BOM), for diagnostic excerpts. */
  lines(): string[];
}

/** git's blob id of `bytes` (SHA-1 object format), so working-tree files compare with committed blobs. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Parsed files by path and content: a file that is the same in two versions is parsed once. */
export class ParseCache {
  private readonly parsed = new Map<string, SnapshotRecord>();

  record(file: string, type: RecordType, id: string, hash: string, bytes: () => Uint8Array | { tooLarge: number }): SnapshotRecord {
    const key = `${file}\0${hash}`;
    let hit = this.parsed.get(key);
    if (!hit) {
      hit = parseEntry(file, type, id, hash, bytes());
      this.parsed.set(key, hit);
    }
    return hit;
  }
}

function parseEntry(file: string, type: RecordType, id: string, hash: string, bytes: Uint8Array | { tooLarge: number }): SnapshotRecord {
  if (!(bytes instanceof Uint8Array)) {
    const record = recordWithLazyLocations(
      {
        type, id, file, fields: undefined, valid: false, bodyLine: 1, bodyOffset: 0,
        diagnostics: [...checkId(id, file), diagnostic('file/too-large', file, FRONTMATTER_START, { size: bytes.tooLarge, limit: MAX_FILE_BYTES })],
      },
      () => ({}),
    );
    return { record, hash, text: () => '', lines: () => [] };
  }
  const record = parseRecordFile(file, type, id, bytes);
  let text: string | undefined;
  const textOf = () => (text ??= decodeUtf8(bytes)?.text ?? '');
  return { record, hash, text: textOf, raw: rawFields(textOf, file), lines: () => textOf().split('\n') };
}

/** The frontmatter as written (no schema defaults), parsed on first use. */
export function rawFields(text: () => string, file: string): () => Fields | undefined {
  let raw: { data: Fields | undefined } | undefined;
  return () => (raw ??= { data: parseFrontmatter(text(), file).data }).data;
}

const AT_TOP = { line: 1, column: 1 };
const HINT_FOLDERS = 'records live in records/organisations, people, meetings, proposals or agreements';

/**
 * Which blobs under records/ are records, with the same warnings as scan.ts gives for the working tree: only
 * regular `*.md` files directly inside the five folders; dotfiles skipped quietly.
 */
function classify(entries: readonly TreeEntry[]): { files: { entry: TreeEntry; type: RecordType; id: string }[]; diagnostics: Diagnostic[] } {
  const files: { entry: TreeEntry; type: RecordType; id: string }[] = [];
  const warned = new Map<string, Diagnostic>();
  const warn = (rel: string, what: string, hint?: string) => {
    if (!warned.has(rel)) warned.set(rel, diagnostic('store/unexpected-entry', rel, AT_TOP, { what, hint }));
  };
  for (const entry of entries) {
    const parts = entry.path.split('/');
    if (parts[0] !== 'records' || parts.length < 2) continue;
    if (parts.slice(1).some((p) => p.startsWith('.'))) continue;
    const describe = entry.mode === '120000' ? 'a symbolic link' : entry.mode === '160000' ? 'a folder' : 'a file';
    if (parts.length === 2) {
      warn(entry.path, `${describe} directly in records/`, HINT_FOLDERS);
      continue;
    }
    const relFolder = `records/${parts[1]}`;
    const type = typeOfFolder(parts[1]!);
    if (!type) {
      warn(relFolder, `the folder ${relFolder}/`, HINT_FOLDERS);
      continue;
    }
    if (parts.length > 3) {
      warn(parts.slice(0, 3).join('/'), 'a folder', 'only `.md` files are records');
      continue;
    }
    const name = parts[2]!;
    const isMd = name.endsWith('.md');
    const regular = entry.mode === '100644' || entry.mode === '100755';
    if (isMd && regular) files.push({ entry, type, id: name.slice(0, -3) });
    else if (isMd) warn(entry.path, `${describe} named like a record`, entry.mode === '120000' ? 'links are never followed; put the record itself here' : undefined);
    else warn(entry.path, describe, 'only `.md` files are records');
  }
  // The order scan.ts gives: by folder, then by name.
  const key = (p: string) => p.split('/').slice(1);
  files.sort((a, b) => compareParts(key(a.entry.path), key(b.entry.path)));
  return { files, diagnostics: [...warned.values()] };
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

async function loadFromGit(repo: GitRepo, entries: TreeEntry[], cache: ParseCache): Promise<{ records: SnapshotRecord[]; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = classify(entries);
  // Sizes: ls-tree gives them; for the index one `cat-file --batch-check` does, so a huge blob is never read.
  const missingSizes = files.filter((f) => f.entry.size === undefined);
  if (missingSizes.length) {
    const sizes = await repo.objectSizes(missingSizes.map((f) => f.entry.oid));
    missingSizes.forEach((f, i) => (f.entry.size = sizes[i] ?? 0));
  }
  const toRead = [...new Set(files.filter((f) => f.entry.size! <= MAX_FILE_BYTES).map((f) => f.entry.oid))];
  const blobs = new Map<string, Uint8Array>();
  const read = await repo.readObjects(toRead);
  toRead.forEach((oid, i) => blobs.set(oid, read[i] ?? new Uint8Array()));
  const records = files.map(({ entry, type, id }) =>
    cache.record(entry.path, type, id, entry.oid, () => (entry.size! > MAX_FILE_BYTES ? { tooLarge: entry.size! } : blobs.get(entry.oid)!)),
  );
  return { records, diagnostics };
}

function loadWorktree(root: string, cache: ParseCache): { records: SnapshotRecord[]; diagnostics: Diagnostic[] } {
  // No identities: nothing here is cached by file identity, so the listing's file types do without an lstat each.
  const scan = scanRecords(root, { identities: false });
  const records: SnapshotRecord[] = [];
  for (const ref of scan.files) {
    const read = readRecordBytes(ref.absolute);
    if (read.ok) {
      records.push(cache.record(ref.file, ref.type, ref.id, blobId(read.bytes), () => read.bytes));
      continue;
    }
    const d = 'size' in read
      ? diagnostic('file/too-large', ref.file, FRONTMATTER_START, { size: read.size, limit: MAX_FILE_BYTES })
      : diagnostic('file/unreadable', ref.file, FRONTMATTER_START, { reason: read.error });
    const record = recordWithLazyLocations({ type: ref.type, id: ref.id, file: ref.file, fields: undefined, valid: false, bodyLine: 1, bodyOffset: 0, diagnostics: [d] }, () => ({}));
    records.push({ record, hash: `unreadable:${ref.file}`, text: () => '', lines: () => [] });
  }
  return { records, diagnostics: scan.diagnostics };
}

export interface SnapshotOptions {
  /** YYYY-MM-DD, for date rules. */
  today: string;
  /** Share parsed files with another snapshot. */
  cache?: ParseCache;
}

/** Load and validate the store at `root` as of `revision`; `repo` is needed for every revision but the working tree. */
export async function loadSnapshot(root: string, repo: GitRepo | undefined, revision: Revision, options: SnapshotOptions): Promise<Snapshot> {
  const cache = options.cache ?? new ParseCache();
  let loaded: { records: SnapshotRecord[]; diagnostics: Diagnostic[] };
  if (revision.kind === 'empty') loaded = { records: [], diagnostics: [] };
  else if (revision.kind === 'worktree') loaded = loadWorktree(root, cache);
  else {
    if (!repo) throw new Error('a git revision needs a repository');
    const entries = revision.kind === 'index' ? await repo.listIndex('records') : await repo.listTree(revision.commit, 'records');
    loaded = await loadFromGit(repo, entries, cache);
  }
  const records = loaded.records.map((r) => r.record);
  const diagnostics = [...loaded.diagnostics];
  for (const r of records) diagnostics.push(...r.diagnostics);
  diagnostics.push(...checkStore(records, { today: options.today }));
  return { records: loaded.records, diagnostics };
}

/** Lines of every file a diagnostic points at, for excerpts. */
export function snapshotSources(snapshot: Snapshot, diagnostics: readonly Diagnostic[]): Map<string, string[]> {
  const byFile = new Map(snapshot.records.map((r) => [r.record.file, r] as const));
  const out = new Map<string, string[]>();
  for (const d of diagnostics) if (!out.has(d.file)) out.set(d.file, byFile.get(d.file)?.lines() ?? []);
  return out;
}
