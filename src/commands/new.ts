/** `dossier new <type>`: a new record from flags (and prompts on a terminal), validated before it is written. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemas } from '../../schemas/index.js';
import { assignmentToOp, parseAssignment } from '../core/assignments.js';
import type { EditOp } from '../core/edit.js';
import { isValidId, isWindowsDeviceName } from '../core/ids.js';
import { escapeControl } from '../core/quote.js';
import { labelField, recordPath, RECORD_TYPES, typeFromWord, typeWords, type RecordType } from '../core/kinds.js';
import { fieldsFromOps, missingRequired, newRecordId, renderNewRecord } from '../core/new-record.js';
import type { ChangePlan } from '../core/plan.js';
import type { Choice, Prompter } from '../core/prompt.js';
import type { Fields } from '../core/record.js';
import { recordLabel } from '../core/record.js';
import type { FieldInfo } from '../core/schema-info.js';
import { suggest } from '../core/suggest.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import type { Store } from '../store/load.js';
import { editUntilValid, scratchFile } from './editor-loop.js';
import { availablePrompter, carryOut, fromEditError, WriteSession, type WriteFlags } from './write-shared.js';

export interface NewOptions extends WriteFlags {
  type: string;
  id?: string;
  set: string[];
  body?: string;
  bodyFile?: string;
  edit: boolean;
}

export interface NewDeps {
  prompter?: Prompter;
}

export function resolveType(word: string): RecordType {
  const type = typeFromWord(word);
  if (type) return type;
  const near = suggest(word, typeWords());
  throw new UsageError(`unknown record type "${word}"`, near ? `did you mean \`${near}\`? The types are ${RECORD_TYPES.join(', ')}` : `the types are ${RECORD_TYPES.join(', ')}`);
}

function fieldError(type: RecordType, name: string, value: unknown): true | string {
  const shape = schemas[type].shape as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }>;
  const r = shape[name]!.safeParse(value);
  return r.success ? true : (r.error?.issues[0]?.message ?? 'not accepted');
}

/** The fewest items a required list accepts (`submitted_by` 1, `parties` 2), read from the schema. */
function minItems(type: RecordType, name: string): number {
  for (let n = 0; n <= 5; n++) if (fieldError(type, name, Array.from({ length: n }, (_, i) => `x${i}`)) === true) return n;
  return 1;
}

function refChoices(store: Store, types: readonly RecordType[]): Choice[] {
  return store.records
    .filter((r) => types.includes(r.type))
    .map((r) => ({ value: r.id, name: `${recordLabel(r)} (${r.id})` }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function askField(type: RecordType, f: FieldInfo, prompter: Prompter, store: Store): Promise<unknown> {
  const message = `${f.name.replace(/_/g, ' ')}:`;
  if (f.kind === 'enum') return prompter.select({ key: f.name, message, choices: f.values!.map((v) => ({ value: v, name: v })) });
  if (f.kind === 'ref') return prompter.pick({ key: f.name, message, choices: refChoices(store, f.refTypes!) });
  if (f.kind === 'list' && f.item?.kind === 'ref') {
    return prompter.pickMany({ key: f.name, message, choices: refChoices(store, f.item.refTypes!), min: minItems(type, f.name) });
  }
  const hint = f.kind === 'date' ? ' (YYYY-MM-DD)' : '';
  const answer = await prompter.text({ key: f.name, message: `${f.name.replace(/_/g, ' ')}${hint}:`, validate: (v) => fieldError(type, f.name, v.trim()) });
  return answer.trim();
}

function readBody(opts: NewOptions, ctx: Context): string {
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw new UsageError('give the body with --body or --body-file, not both');
  if (opts.bodyFile === undefined) return opts.body ?? '';
  try {
    return readFileSync(path.resolve(ctx.cwd, opts.bodyFile), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${opts.bodyFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export async function runNew(opts: NewOptions, ctx: Context, deps: NewDeps = {}): Promise<number> {
  const type = resolveType(opts.type);
  const body = readBody(opts, ctx);
  let ops: EditOp[] = [];
  try {
    ops = opts.set.map((s) => assignmentToOp(type, parseAssignment(s)));
  } catch (err) {
    fromEditError(err, 2);
  }
  let fields: Fields = {};
  try {
    fields = fieldsFromOps(ops);
  } catch (err) {
    fromEditError(err, 2);
  }
  if (opts.id !== undefined && !isValidId(opts.id)) {
    throw new UsageError(`"${escapeControl(opts.id)}" is not a valid id`, 'ids are lowercase ASCII letters and digits in hyphen-separated runs, at most 100 characters, e.g. `prevent-novi-sad`');
  }

  const session = await WriteSession.open(ctx, opts, `new ${type}`);
  const missing = missingRequired(type, fields);
  const prompter = deps.prompter ?? (missing.length || opts.edit ? await availablePrompter(ctx) : undefined);
  if (missing.length) {
    if (!prompter) {
      const flags = missing.map((f) => `--set ${f.name}=${f.kind === 'date' ? 'YYYY-MM-DD' : f.kind === 'enum' ? `<${f.values!.join('|')}>` : '...'}`).join(' ');
      throw new UsageError(`a ${type} needs ${missing.map((f) => f.name).join(', ')}, and there is no terminal to ask on`, `pass ${flags}`);
    }
    for (const f of missing) {
      Object.defineProperty(fields, f.name, { value: await askField(type, f, prompter, session.store), enumerable: true, writable: true, configurable: true });
    }
  }

  const id = opts.id ?? newRecordId(type, fields);
  if (!id) throw new UsageError(`cannot make an id from the ${labelField(type)}`, 'pass one with --id');
  if (!isValidId(id)) throw new UsageError(`"${escapeControl(id)}" is not a valid id`, 'pass a shorter or simpler one with --id');
  if (isWindowsDeviceName(id)) throw new UsageError(`"${id}" cannot be an id: Windows reserves that name, so ${id}.md could not be checked out there`, 'pass another with --id');
  const file = recordPath(type, id);
  const takenMessage = (other: string) => new CliError(`the id ${id} is taken: ${other} already exists`, 1, 'choose another id with --id, or change that record with `dossier set`');
  const taken = session.taken(id);
  if (taken) throw takenMessage(taken.file);

  let bytes: Uint8Array = Buffer.from(renderNewRecord(type, fields, body), 'utf8');
  const planFor = (b: Uint8Array): ChangePlan => ({ changes: [{ kind: 'create', file, type, id, bytes: b }], message: `${type}: add ${id}` });

  if (opts.edit) {
    const scratch = scratchFile(`${id}.md`, bytes);
    try {
      const edited = await editUntilValid(ctx, session, scratch, { name: `${id}.md`, initial: bytes, planFor, prompter });
      if (!edited) throw new CliError('gave up editing; nothing was written', 1);
      bytes = edited;
    } finally {
      scratch.dispose();
    }
  }

  await session.lockStore();
  try {
    const again = session.taken(id);
    if (again) throw takenMessage(again.file);
    return await carryOut(ctx, session, planFor(bytes), {
      id,
      type,
      path: file,
      lines: [`created ${file}`],
      dryRunText: Buffer.from(bytes).toString('utf8'),
    });
  } finally {
    session.release();
  }
}
