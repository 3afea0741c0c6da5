/** `dossier rename <old-id> <new-id>`: move the file and rewrite every reference to it, in one commit. */
import { isValidId, isWindowsDeviceName } from '../core/ids.js';
import { escapeControl } from '../core/quote.js';
import { planRename } from '../core/plan-rename.js';
import { buildIndex } from '../core/references.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { carryOut, fromEditError, WriteSession, type WriteFlags } from './write-shared.js';

export interface RenameOptions extends WriteFlags {
  oldId: string;
  newId: string;
  name?: string;
  /** `--keep-name [LANG]`: true (language `en`) or the language tag. */
  keepName?: string | boolean;
}

export async function runRename(opts: RenameOptions, ctx: Context): Promise<number> {
  if (!isValidId(opts.newId)) {
    throw new UsageError(`"${escapeControl(opts.newId)}" is not a valid id`, 'ids are lowercase ASCII letters and digits in hyphen-separated runs, at most 100 characters');
  }
  if (isWindowsDeviceName(opts.newId)) throw new UsageError(`"${opts.newId}" cannot be an id: Windows reserves that name, so ${opts.newId}.md could not be checked out there`, 'choose another id');
  if (opts.name !== undefined && !opts.name.trim()) throw new UsageError('--name needs some text');
  const keepLang = opts.keepName === undefined || opts.keepName === false ? undefined : opts.keepName === true ? 'en' : opts.keepName;
  if (keepLang !== undefined && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(keepLang)) throw new UsageError(`--keep-name ${keepLang}: not a language tag such as en, sr or sr-Cyrl`);

  const session = await WriteSession.open(ctx, opts, `rename ${opts.oldId}`);
  await session.lockStore();
  try {
    const record = session.record(opts.oldId);
    if (opts.newId === record.id) throw new UsageError(`${record.id} already has that id`);
    const taken = session.taken(opts.newId);
    if (taken && taken !== record) throw new CliError(`the id ${opts.newId} is taken: ${taken.file} already exists`, 1, 'choose another id');
    if (keepLang !== undefined) {
      if (record.type !== 'organisation') throw new UsageError('--keep-name is for organisations (it adds the old name to other_names)');
      if (opts.name === undefined) throw new UsageError('--keep-name keeps the previous name when --name gives a new one');
    }
    if (!record.fields && (opts.name !== undefined || keepLang !== undefined)) throw new CliError(`${record.file} cannot be read; fix it with \`dossier edit\` first`);
    const index = buildIndex(session.store.records, { mayReferTo: (id) => session.store.mayReferTo(id) });
    const sources = new Map<string, Uint8Array>([[record.file, session.readBytes(record.file)]]);
    for (const ref of index.incoming(record.id)) if (!sources.has(ref.from.file)) sources.set(ref.from.file, session.readBytes(ref.from.file));
    let planned: ReturnType<typeof planRename> | undefined;
    try {
      planned = planRename({ record, newId: opts.newId, index, sources, newName: opts.name, keepNameLang: keepLang });
    } catch (err) {
      fromEditError(err);
    }
    const moved = planned!.plan.changes[0]!;
    const lines = [`renamed ${record.file} -> ${moved.file}`, ...planned!.referringFiles.map((f) => `updated ${f}`)];
    return await carryOut(ctx, session, planned!.plan, {
      id: opts.newId,
      type: record.type,
      path: moved.file,
      lines,
      json: { from: record.id, previousPath: record.file, references: planned!.references, updated: planned!.referringFiles },
    });
  } finally {
    session.release();
  }
}
