/** `dossier schema`: the JSON Schema (draft 2020-12) of each record type, generated from the zod schemas. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { schemas } from '../../schemas/index.js';
import { RECORD_TYPES, typeFromWord, type RecordType } from '../core/kinds.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../store/write.js';

export interface SchemaOptions {
  type?: string;
  out?: string;
}

/** The JSON Schema of one type, as committed in schemas/json/<type>.schema.json. */
export function jsonSchemaText(type: RecordType): string {
  const schema = z.toJSONSchema(schemas[type], { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const withId = { $id: `https://dossier.invalid/schemas/${type}.schema.json`, ...schema };
  return `${JSON.stringify(withId, null, 2)}\n`;
}

export async function runSchema(opts: SchemaOptions, ctx: Context): Promise<number> {
  let types: readonly RecordType[] = RECORD_TYPES;
  if (opts.type) {
    const t = typeFromWord(opts.type);
    if (!t) throw new UsageError(`unknown record type "${opts.type}"`, `use one of: ${RECORD_TYPES.join(', ')}`);
    types = [t];
  }
  if (!opts.out) {
    if (types.length !== 1) throw new UsageError('name one type to print its schema, or pass --out DIR to write all of them', 'e.g. dossier schema meeting');
    ctx.io.stdout.write(jsonSchemaText(types[0]!));
    return 0;
  }
  const dir = path.resolve(ctx.cwd, opts.out);
  mkdirSync(dir, { recursive: true });
  for (const t of types) {
    const file = path.join(dir, `${t}.schema.json`);
    writeFileAtomic(file, jsonSchemaText(t));
    ctx.io.stderr.write(`wrote ${path.relative(ctx.cwd, file) || file}\n`);
  }
  return 0;
}
