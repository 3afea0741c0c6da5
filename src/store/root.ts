/** Finding the store root: `--root`, else DOSSIER_ROOT, else the nearest ancestor with a `records/` folder. */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** records/ must be a real folder: a symlink could lead anywhere, and nothing outside the root is ever read. */
function checkRecordsFolder(root: string): string {
  const records = path.join(root, 'records');
  if (lstatSync(records).isSymbolicLink()) {
    throw new UsageError(`cannot read the store: ${records} is a symbolic link`, 'dossier never follows links out of the store; make records/ a real folder');
  }
  return root;
}

export function findRoot(cwd: string, flag: string | undefined, env: Record<string, string | undefined>): string {
  const explicit = flag ?? (env.DOSSIER_ROOT || undefined);
  if (explicit !== undefined) {
    const root = path.resolve(cwd, explicit);
    if (!isDirectory(root)) throw new UsageError(`cannot read the store: ${root} is not a folder`, 'pass the folder that holds records/ with --root');
    if (!isDirectory(path.join(root, 'records'))) {
      throw new UsageError(`cannot read the store: ${root} has no records/ folder`, 'create one with `dossier init`, or pass the right folder with --root');
    }
    return checkRecordsFolder(root);
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (isDirectory(path.join(dir, 'records'))) return checkRecordsFolder(dir);
    if (path.dirname(dir) === dir) break;
  }
  throw new UsageError(`no store found: neither ${cwd} nor any folder above it has a records/ folder`, 'run dossier inside a store, or pass --root DIR (or set DOSSIER_ROOT)');
}
