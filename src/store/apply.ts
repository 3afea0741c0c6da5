/**
 * Carrying out a change plan: validate the whole would-be store in memory first, then write every file
 * atomically, then (in store/git.ts) commit. Nothing is written when the result would add an error.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { isValidId } from '../core/ids.js';
import { FOLDER_OF } from '../core/kinds.js';
import type { ChangePlan } from '../core/plan.js';
import { parseRecordFile } from '../core/record-file.js';
import type { StoreRecord } from '../core/record.js';
import { checkStore } from '../core/validate-store.js';
import { CliError } from '../errors.js';
import type { GitRepo } from './git.js';
import type { Store } from './load.js';
import { clearJournal, writeJournal } from './journal.js';
import { pauseAt } from './test-hooks.js';
import { fsyncDir, writeFileAtomic } from './write.js';

export interface PlanValidation {
  /** Errors the change would add (errors already in the store before are not counted). */
  errors: Diagnostic[];
  /** Warnings the change would add. */
  warnings: Diagnostic[];
  /** The records of the would-be store. */
  records: StoreRecord[];
}

const key = (d: Diagnostic, file = d.file) => `${file}\u0000${d.code}\u0000${d.message}`;

/**
 * Parse every changed file and run the store-wide rules on the result. A diagnostic is "new" when the
 * store before had no diagnostic with the same file, code and message, so a change may fix one of several
 * problems of a record without fixing them all, but never adds one.
 */
export function validatePlan(store: Store, plan: ChangePlan, today: string): PlanValidation {
  const replaced = new Set<string>();
  const moves = new Map<string, string>();
  for (const c of plan.changes) {
    replaced.add(c.file);
    if (c.kind === 'move') {
      replaced.add(c.from);
      moves.set(c.from, c.file);
    }
  }
  const records = store.records.filter((r) => !replaced.has(r.file));
  const changed: StoreRecord[] = [];
  for (const c of plan.changes) {
    if (c.kind === 'delete') continue;
    const r = parseRecordFile(c.file, c.type, c.id, c.bytes);
    records.push(r);
    changed.push(r);
  }
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const after = [...store.diagnostics.filter((d) => d.code === 'store/unexpected-entry')];
  for (const r of records) after.push(...r.diagnostics);
  after.push(...checkStore(records, { today }));

  const before = new Map<string, number>();
  for (const d of store.diagnostics) {
    const k = key(d, moves.get(d.file) ?? d.file);
    before.set(k, (before.get(k) ?? 0) + 1);
  }
  const fresh: Diagnostic[] = [];
  for (const d of after) {
    const n = before.get(key(d)) ?? 0;
    if (n > 0) before.set(key(d), n - 1);
    else fresh.push(d);
  }
  return { errors: fresh.filter((d) => d.severity === 'error'), warnings: fresh.filter((d) => d.severity === 'warning'), records };
}

/**
 * Paths are only ever `records/<folder>/<valid id>.md`, in a real folder: anything else is a bug (or a hostile
 * journal), refused before any write. A type folder that is a symbolic link would lead the write out of the store.
 */
export function checkedPath(root: string, file: string): string {
  const m = /^records\/([a-z]+)\/([^/]+)\.md$/.exec(file);
  const folders = Object.values(FOLDER_OF);
  if (!m || !folders.includes(m[1]!)) throw new CliError(`refusing to write ${JSON.stringify(file)}: not a record path`);
  if (!isValidId(m[2]!)) {
    throw new CliError(`refusing to write ${file}: "${m[2]}" is not a valid id`, 1, 'give the file a valid name first (`dossier validate` suggests one), then run the command again');
  }
  const abs = path.resolve(root, file);
  const records = path.resolve(root, 'records') + path.sep;
  if (!abs.startsWith(records)) throw new CliError(`refusing to write ${JSON.stringify(file)}: outside records/`);
  const folder = lstatSync(path.dirname(abs), { throwIfNoEntry: false });
  if (folder && !folder.isDirectory()) {
    throw new CliError(`refusing to write ${file}: records/${m[1]} is ${folder.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}`, 1, 'dossier never writes through links; make it a real folder');
  }
  return abs;
}

/** Check what must (not) exist before anything is written, so a plan never fails halfway for that. */
export function checkPlanTargets(root: string, plan: ChangePlan): void {
  for (const c of plan.changes) {
    const abs = checkedPath(root, c.file);
    if ((c.kind === 'create' || c.kind === 'move') && existsSync(abs)) throw new CliError(`${c.file} already exists`);
    if (c.kind === 'move') {
      checkedPath(root, c.from);
      if (!existsSync(path.join(root, c.from))) throw new CliError(`${c.from} does not exist any more`);
    }
  }
}

export interface WriteOptions {
  /** The command, for the journal (`rename dpnsee x`). */
  command: string;
  /** The commit that will follow, for the journal: a crashed change is finished with it. */
  commit?: { message: string; paths: string[] };
}

/** The permission bits of an existing file, kept when it is rewritten. */
const modeOf = (abs: string) => lstatSync(abs).mode & 0o7777;

/**
 * Write the plan: first its journal (store/journal.ts), then each file atomically (temp file, fsync, rename),
 * folders fsynced. A move goes through `git mv` inside a work tree, so the index knows it. If a write fails, the
 * files written so far are put back. The journal stays until the caller has committed (or not).
 */
export async function writePlan(root: string, plan: ChangePlan, git: GitRepo | undefined, options: WriteOptions = { command: 'write' }): Promise<void> {
  checkPlanTargets(root, plan);
  writeJournal(root, plan, options.command, options.commit);
  pauseAt('after-journal');
  const undo: (() => void)[] = [];
  const dirs = new Set<string>();
  const atomic = { beforeRename: () => pauseAt('after-temp-write') };
  try {
    for (const [i, c] of plan.changes.entries()) {
      if (i > 0) pauseAt('between-files');
      const abs = checkedPath(root, c.file);
      dirs.add(path.dirname(abs));
      switch (c.kind) {
        case 'create':
          mkdirSync(path.dirname(abs), { recursive: true });
          checkedPath(root, c.file); // the folder just made is a real one
          writeFileAtomic(abs, c.bytes, atomic);
          undo.push(() => rmSync(abs, { force: true }));
          break;
        case 'modify': {
          const old = readFileSync(abs);
          const mode = modeOf(abs);
          writeFileAtomic(abs, c.bytes, { ...atomic, mode });
          undo.push(() => writeFileAtomic(abs, old, { mode }));
          break;
        }
        case 'delete': {
          const old = readFileSync(abs);
          const mode = modeOf(abs);
          rmSync(abs);
          undo.push(() => writeFileAtomic(abs, old, { mode }));
          break;
        }
        case 'move': {
          const from = checkedPath(root, c.from);
          const old = readFileSync(from);
          const mode = modeOf(from);
          if (git) await git.move(c.from, c.file);
          else renameSync(from, abs);
          undo.push(() => {
            rmSync(abs, { force: true });
            writeFileAtomic(from, old, { mode });
          });
          if (!Buffer.from(c.bytes).equals(old)) writeFileAtomic(abs, c.bytes, { ...atomic, mode });
          break;
        }
      }
    }
  } catch (err) {
    let restored = true;
    for (const u of undo.reverse()) {
      try {
        u();
      } catch {
        restored = false;
      }
    }
    if (restored) clearJournal(root);
    throw new CliError(
      restored
        ? `could not write the change, nothing was kept: ${err instanceof Error ? err.message : String(err)}`
        : `could not write the change, and could not put every file back: ${err instanceof Error ? err.message : String(err)}`,
      1,
      restored ? undefined : 'the next dossier command that writes will finish the change from .dossier/change.json',
    );
  }
  for (const d of dirs) fsyncDir(d);
}
