/** `dossier show <id>`: one record, every field with references by name, the body, and what refers to it. */
import { backlinksOf } from '../core/backlinks.js';
import { findRecord } from '../core/lookup.js';
import { recordLabel } from '../core/record.js';
import type { Context } from '../context.js';
import { NotFoundError } from '../errors.js';
import { recordObject } from '../format/record-cells.js';
import { formatRecordText } from '../format/record-text.js';
import { loadStyle } from '../format/style.js';
import { toJson } from '../format/structured.js';
import { readBody } from '../store/body.js';
import { formatArg } from './args.js';
import { openStore } from './shared.js';

export interface ShowOptions {
  id: string;
  format?: string;
  root?: string;
}

export async function runShow(opts: ShowOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ['text', 'json'] as const, 'text');
  const { store, index } = openStore(ctx, opts.root);
  const record = findRecord(opts.id, index.byId);
  if (!record.valid) {
    throw new NotFoundError(`${record.file} is not a valid record, so it cannot be shown`, `\`dossier validate ${record.file}\` explains why`);
  }
  const body = readBody(store.root, record);
  const backlinks = backlinksOf(record, index);

  if (format === 'json') {
    const ref = (id: string) => ({ id, type: index.byId.get(id)?.type ?? null, name: index.label(id) });
    const json = {
      ...recordObject(record),
      body,
      references: index.outgoing(record).map((r) => ({ field: r.field, ...ref(r.to) })),
      backlinks: backlinks.map((g) => ({
        type: g.type,
        field: g.field,
        records: g.records.map((r) => ({ id: r.id, type: r.type, name: recordLabel(r), path: r.file })),
      })),
    };
    ctx.io.stdout.write(`${toJson(json, 2)}\n`);
    return 0;
  }
  const style = await loadStyle(ctx.io.color);
  ctx.io.stdout.write(formatRecordText(record, { body, backlinks, label: index.label, style }));
  return 0;
}
