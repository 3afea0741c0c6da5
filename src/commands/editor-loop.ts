/** `new --edit` and `edit`: open the editor on a scratch copy until the record is valid or the user gives up. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChangePlan } from '../core/plan.js';
import type { Prompter } from '../core/prompt.js';
import type { Context } from '../context.js';
import { validatePlan } from '../store/apply.js';
import { openInEditor } from '../store/editor.js';
import { showDiagnostics, type WriteSession } from './write-shared.js';

export interface EditLoopOptions {
  /** The file name the editor shows (`<id>.md`). */
  name: string;
  initial: Uint8Array;
  planFor: (bytes: Uint8Array) => ChangePlan;
  prompter: Prompter | undefined;
}

export interface Scratch {
  file: string;
  dispose(): void;
}

/** A scratch copy outside the store, so a half-edited record is never seen by other commands or git. */
export function scratchFile(name: string, bytes: Uint8Array): Scratch {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-edit-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The edited bytes once they validate, or undefined when the user gives up (or cannot be asked). */
export async function editUntilValid(ctx: Context, session: WriteSession, scratch: Scratch, opts: EditLoopOptions): Promise<Uint8Array | undefined> {
  for (;;) {
    openInEditor(scratch.file, ctx.env);
    const bytes = readFileSync(scratch.file);
    const plan = opts.planFor(bytes);
    const v = validatePlan(session.store, plan, session.today);
    if (v.errors.length === 0) return bytes;
    ctx.io.stderr.write(await showDiagnostics(ctx, session.root, plan, v.errors, 1));
    const again = opts.prompter ? await opts.prompter.confirm({ key: 'reopen', message: 'The record has errors. Open it in the editor again?', default: true }) : false;
    if (!again) return undefined;
  }
}
