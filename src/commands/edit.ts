/** `dossier edit <id>`: the record in $VISUAL/$EDITOR; committed only when it changed and is valid. */
import { Buffer } from 'node:buffer';
import type { ChangePlan } from '../core/plan.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { editUntilValid, scratchFile } from './editor-loop.js';
import { availablePrompter, carryOut, WriteSession, type WriteFlags } from './write-shared.js';

export interface EditOptions extends WriteFlags {
  id: string;
}

export async function runEdit(opts: EditOptions, ctx: Context): Promise<number> {
  const session = await WriteSession.open(ctx, opts, `edit ${opts.id}`);
  const record = session.record(opts.id);
  const original = session.readBytes(record.file);
  const planFor = (bytes: Uint8Array): ChangePlan => ({
    changes: [{ kind: 'modify', file: record.file, type: record.type, id: record.id, bytes }],
    message: `${record.type}: edit ${record.id}`,
  });
  const prompter = await availablePrompter(ctx);
  const scratch = scratchFile(`${record.id}.md`, original);
  let keepScratch = false;
  try {
    const edited = await editUntilValid(ctx, session, scratch, { name: `${record.id}.md`, initial: original, planFor, prompter });
    if (!edited) throw new CliError('gave up editing; nothing was written', 1);
    if (Buffer.from(edited).equals(Buffer.from(original))) {
      ctx.io.stdout.write(opts.format === 'json' ? `${JSON.stringify({ id: record.id, type: record.type, path: record.file, committed: false, commit: null, changed: false }, null, 2)}\n` : `no changes to ${record.file}\n`);
      return 0;
    }
    await session.lockStore();
    try {
      // Someone else may have changed the record while the editor was open.
      if (!Buffer.from(session.readBytes(record.file)).equals(Buffer.from(original))) {
        keepScratch = true;
        throw new CliError(`${record.file} changed while it was being edited, so your version was not written`, 1, `it is kept in ${scratch.file}; merge it by hand`);
      }
      return await carryOut(ctx, session, planFor(edited), { id: record.id, type: record.type, path: record.file, lines: [`updated ${record.file}`], json: { changed: true } });
    } finally {
      session.release();
    }
  } finally {
    if (!keepScratch) scratch.dispose();
  }
}
