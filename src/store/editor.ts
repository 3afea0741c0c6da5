/** Opening a file in the user's editor ($VISUAL, else $EDITOR), as git does: through the shell, so `code --wait` works. */
import { spawnSync } from 'node:child_process';
import { CliError } from '../errors.js';

export function editorCommand(env: Record<string, string | undefined>): string {
  const editor = env.VISUAL?.trim() || env.EDITOR?.trim();
  if (!editor) throw new CliError('no editor configured', 1, 'set $VISUAL or $EDITOR, e.g. `export EDITOR=nano`');
  return editor;
}

/** Run the editor on `file` and wait for it to close. The file name is passed as an argument, never spliced into the command. */
export function openInEditor(file: string, env: Record<string, string | undefined>): void {
  const editor = editorCommand(env);
  const result = spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
  if (result.error) throw new CliError(`could not start the editor (${editor}): ${result.error.message}`);
  if (result.status !== 0) throw new CliError(`the editor (${editor}) exited with status ${result.status ?? result.signal}; nothing was written`);
}
