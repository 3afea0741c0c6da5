/**
 * Crash safety for changes that touch several files (rename, rm --unlink): a write-ahead journal.
 *
 * Each file is replaced atomically (store/write.ts), but a process killed between two files would leave a
 * half-made change: some references rewritten, others not. So before the first record file is touched, the whole
 * change — every file's new bytes, the hashes of the old and new bytes, the commit message and paths — is written
 * atomically to `.dossier/change.json` (ignored by git, like the lock). It is removed once the change is written and
 * its commit made or attempted. A writer that dies in between (SIGKILL, power loss, a second Ctrl-C) leaves it
 * behind; the next writing command, holding the lock, finishes the change — writes what is missing and makes the
 * commit the dead writer would have made — before doing its own. Nothing is guessed: when a file the change
 * touches is neither its old nor its new version (someone edited it since), the journal is left alone and the
 * command stops with a message saying how to finish or discard it by hand.
 *
 * The same command also removes temp files that a killed writer left in records/ folders (`.<name>.<pid>.<t>.tmp`,
 * which the scanner already skips): under the lock, no other writer can be using them.
 */
import { createHash } from './hash.js';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ChangePlan } from '../core/plan.js';
import { CliError } from '../errors.js';
import { alive, hostname, LOCK_DIR } from './lock.js';
import { fsyncDir, writeFileAtomic } from './write.js';

export const JOURNAL_FILE = 'change.json';

interface JournalChange {
  kind: 'create' | 'modify' | 'delete' | 'move';
  file: string;
  from?: string;
  /** sha256 of the bytes before (of `from` for a move); absent for a create. */
  before?: string;
  /** sha256 of the bytes after; absent for a delete. */
  after?: string;
  /** The bytes after, base64; absent for a delete. */
  bytes?: string;
}

export interface Journal {
  version: 1;
  pid: number;
  host: string;
  since: string;
  command: string;
  /** The commit to make once the files are written; absent with --no-commit or outside git. */
  commit?: { message: string; paths: string[] };
  changes: JournalChange[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function journalPath(root: string): string {
  return path.join(root, LOCK_DIR, JOURNAL_FILE);
}

function hashOf(abs: string): string | undefined {
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return undefined;
  if (!st.isFile()) return `not a file`;
  return sha256(readFileSync(abs));
}

/** Write the journal of `plan` (called under the lock, before any record file is touched). */
export function writeJournal(root: string, plan: ChangePlan, command: string, commit: Journal['commit']): void {
  const changes: JournalChange[] = plan.changes.map((c) => {
    switch (c.kind) {
      case 'create':
        return { kind: 'create', file: c.file, after: sha256(c.bytes), bytes: Buffer.from(c.bytes).toString('base64') };
      case 'modify':
        return { kind: 'modify', file: c.file, before: hashOf(path.join(root, c.file)), after: sha256(c.bytes), bytes: Buffer.from(c.bytes).toString('base64') };
      case 'delete':
        return { kind: 'delete', file: c.file, before: hashOf(path.join(root, c.file)) };
      case 'move':
        return { kind: 'move', file: c.file, from: c.from, before: hashOf(path.join(root, c.from)), after: sha256(c.bytes), bytes: Buffer.from(c.bytes).toString('base64') };
    }
  });
  const journal: Journal = { version: 1, pid: process.pid, host: hostname(), since: new Date().toISOString(), command, commit, changes };
  const dir = path.join(root, LOCK_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(journalPath(root), JSON.stringify(journal));
  fsyncDir(dir);
}

export function clearJournal(root: string): void {
  rmSync(journalPath(root), { force: true });
  fsyncDir(path.join(root, LOCK_DIR));
}

/**
 * For read commands: a note when a writer died in the middle of a change (its journal is still there), so that a store
 * left half-changed is explained. Reads nothing but the journal's existence; never writes.
 */
export function interruptedChangeNote(root: string): string | undefined {
  if (!existsSync(journalPath(root))) return undefined;
  return `note: a change was interrupted before it was finished (${path.join(LOCK_DIR, JOURNAL_FILE)}); the next dossier command that writes will finish it\n`;
}

const DISCARD_HINT = (root: string) =>
  `to discard it instead, delete ${journalPath(root)} and put the files back with \`git checkout -- records\` (and \`git clean -n records\` to see new files)`;

function readJournal(root: string): Journal | undefined {
  const file = journalPath(root);
  if (!existsSync(file)) return undefined;
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch (err) {
    throw new CliError(`${file} holds an interrupted change but cannot be read (${err instanceof Error ? err.message : String(err)})`, 1, `check the files under records/ by hand (\`git status\`), then delete ${file}`);
  }
  const ok = journal && journal.version === 1 && Array.isArray(journal.changes) && typeof journal.command === 'string' &&
    journal.changes.every((c) => c && typeof c.file === 'string' && ['create', 'modify', 'delete', 'move'].includes(c.kind) && (c.kind === 'delete' || typeof c.bytes === 'string') && (c.kind !== 'move' || typeof c.from === 'string'));
  if (!ok) throw new CliError(`${file} holds an interrupted change in a form this dossier does not know`, 1, `check the files under records/ by hand (\`git status\`), then delete ${file}`);
  return journal;
}

/** Whether a file is in one of the states the journal allows (its old or its new version). */
function inExpectedState(root: string, c: JournalChange): boolean {
  const now = hashOf(path.join(root, c.file));
  switch (c.kind) {
    case 'create':
      return now === undefined || now === c.after;
    case 'modify':
      return now === c.before || now === c.after;
    case 'delete':
      return now === undefined || now === c.before;
    case 'move': {
      const from = hashOf(path.join(root, c.from!));
      return (from === undefined || from === c.before) && (now === undefined || now === c.before || now === c.after);
    }
  }
}

export interface Recovery {
  command: string;
  pid: number;
  /** Every file of the change. */
  files: string[];
  /** The files this run had to write or remove (none when the dead writer had written everything). */
  finished: string[];
  commit?: { message: string; paths: string[] };
}

/**
 * Finish the change a dead writer left in the journal (called under the lock). `checkPath` turns a record path
 * into an absolute one, refusing anything that is not `records/<folder>/<id>.md`. Returns what was finished, or
 * undefined when there was nothing to finish; the caller makes the commit.
 */
export function finishInterruptedChange(root: string, checkPath: (file: string) => string): Recovery | undefined {
  const journal = readJournal(root);
  if (!journal) return undefined;
  if (journal.host === hostname() && journal.pid === process.pid) return undefined; // our own, in progress
  if (journal.host === hostname() && alive(journal.pid)) {
    throw new CliError(`process ${journal.pid} (\`dossier ${journal.command}\`) seems to be in the middle of a change`, 1, `wait for it to finish; if no dossier is running, run the command again`);
  }
  // Every path is checked before any file is looked at: a damaged or planted journal never leads outside records/.
  for (const c of journal.changes) {
    checkPath(c.file);
    if (c.kind === 'move') checkPath(c.from!);
  }
  const stale = journal.changes.filter((c) => !inExpectedState(root, c));
  if (stale.length) {
    throw new CliError(
      `an interrupted change (\`dossier ${journal.command}\`, process ${journal.pid}, ${journal.since}) cannot be finished: ${stale.map((c) => c.file).join(', ')} changed since`,
      1,
      `finish it by hand or discard it; ${DISCARD_HINT(root)}`,
    );
  }
  const dirs = new Set<string>();
  const finished: string[] = [];
  for (const c of journal.changes) {
    const abs = checkPath(c.file);
    dirs.add(path.dirname(abs));
    if (c.kind === 'delete') {
      if (existsSync(abs)) {
        rmSync(abs, { force: true });
        finished.push(c.file);
      }
      continue;
    }
    const bytes = Buffer.from(c.bytes!, 'base64');
    if (sha256(bytes) !== c.after) throw new CliError(`${journalPath(root)} is damaged (the new bytes of ${c.file} do not match their hash)`, 1, DISCARD_HINT(root));
    if (hashOf(abs) !== c.after) {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileAtomic(abs, bytes);
      finished.push(c.file);
    }
    if (c.kind === 'move') {
      const from = checkPath(c.from!);
      if (existsSync(from)) {
        rmSync(from, { force: true });
        finished.push(c.from!);
      }
      dirs.add(path.dirname(from));
    }
  }
  for (const d of dirs) fsyncDir(d);
  const files = [...new Set(journal.changes.flatMap((c) => (c.from ? [c.from, c.file] : [c.file])))].sort();
  return { command: journal.command, pid: journal.pid, files, finished: finished.sort(), commit: journal.commit };
}

const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * Remove temp files of processes that no longer exist from the records/ folders and .dossier/ (called under the
 * lock). A live process's temp file is left alone: a reader may be saving the cache. Links and folders are never
 * followed or removed.
 */
export function removeStaleTempFiles(root: string): string[] {
  const removed: string[] = [];
  const sweep = (dir: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = TEMP_FILE.exec(name);
      if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
      const abs = path.join(dir, name);
      if (!lstatSync(abs, { throwIfNoEntry: false })?.isFile()) continue;
      rmSync(abs, { force: true });
      removed.push(`${rel}/${name}`);
    }
  };
  const records = path.join(root, 'records');
  let folders: string[] = [];
  try {
    folders = readdirSync(records);
  } catch {
    // no records/ folder: nothing to sweep
  }
  for (const folder of folders) {
    const abs = path.join(records, folder);
    if (lstatSync(abs, { throwIfNoEntry: false })?.isDirectory()) sweep(abs, `records/${folder}`);
  }
  sweep(path.join(root, LOCK_DIR), LOCK_DIR);
  sweep(path.join(root, LOCK_DIR, 'cache'), `${LOCK_DIR}/cache`);
  return removed;
}
