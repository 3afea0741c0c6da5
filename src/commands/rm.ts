/** `dossier rm <id>`: remove a record nothing refers to; `--unlink` also removes the references, in one commit. */
import { planRemove } from '../core/plan-remove.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { buildIndex } from '../core/references.js';
import { carryOut, fromEditError, outputFormat, WriteSession, type WriteFlags } from './write-shared.js';

export interface RmOptions extends WriteFlags {
  id: string;
  unlink: boolean;
}

export async function runRm(opts: RmOptions, ctx: Context): Promise<number> {
  const session = await WriteSession.open(ctx, opts, `rm ${opts.id}`);
  await session.lockStore();
  try {
    const record = session.record(opts.id);
    const index = buildIndex(session.store.records, { mayReferTo: (id) => session.store.mayReferTo(id) });
    const sources = new Map<string, Uint8Array>();
    for (const ref of index.incoming(record.id)) if (!sources.has(ref.from.file)) sources.set(ref.from.file, session.readBytes(ref.from.file));
    let result: ReturnType<typeof planRemove> | undefined;
    try {
      result = planRemove({ record, index, sources, unlink: opts.unlink });
    } catch (err) {
      fromEditError(err);
    }
    const byFile = new Map<string, string[]>();
    for (const r of result!.refs) {
      const fields = byFile.get(r.file) ?? [];
      if (!fields.includes(r.field)) fields.push(r.field);
      byFile.set(r.file, fields);
    }
    if (!result!.ok) {
      if (outputFormat(opts.format) === 'json') {
        ctx.io.stdout.write(`${JSON.stringify({ id: record.id, type: record.type, path: record.file, removed: false, referencedBy: [...byFile].map(([file, fields]) => ({ file, fields })) }, null, 2)}\n`);
      }
      const n = byFile.size;
      const list = [...byFile].map(([file, fields]) => `  ${file}  ${fields.join(', ')}`).join('\n');
      throw new CliError(
        `${record.id} is referred to by ${n} record${n === 1 ? '' : 's'}, so it was not removed:\n${list}`,
        1,
        `change those references first, or run \`dossier rm ${record.id} --unlink\` to remove them in the same commit`,
      );
    }
    const lines = [`removed ${record.file}`, ...[...byFile].map(([file, fields]) => `updated ${file} (${fields.join(', ')})`)];
    return await carryOut(ctx, session, result!.plan, {
      id: record.id,
      type: record.type,
      path: record.file,
      lines,
      json: { removed: true, unlinked: [...byFile].map(([file, fields]) => ({ file, fields })) },
    });
  } finally {
    session.release();
  }
}
