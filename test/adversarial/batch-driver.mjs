#!/usr/bin/env node
/**
 * Test helper for the adversarial corpus (not a test itself): one spawned process that runs many dossier commands,
 * one after another, through the built CLI's `runCli`, each with its own captured output and exit code. Starting
 * Node once per case instead of once per command keeps the corpus fast; the corpus still spawns bin/dossier.js
 * for the first `validate` of every case, and the crash, concurrency and git tests spawn every write.
 *
 * Requests come on stdin, one JSON line each: { "cwd": "...", "args": [...], "tty": false, "color": false }.
 * Answers go to file descriptor 3, one JSON line each: { args, tty, color, code, stdout, stderr, ms }.
 * An exception that escapes `runCli` crashes the driver (non-zero exit, stack on stderr): the corpus reports it.
 */
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

const { runCli } = await import(new URL('../../dist/src/cli.js', import.meta.url).href);
const { memoryIO } = await import(new URL('../../dist/src/io.js', import.meta.url).href);
const answers = createWriteStream('', { fd: 3 });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const run = JSON.parse(line);
  const io = memoryIO({ isTTY: Boolean(run.tty), color: Boolean(run.color), colorErr: Boolean(run.color), columns: 100 });
  const started = Date.now();
  const code = await runCli(run.args, { cwd: run.cwd, env: process.env, io, now: () => new Date() });
  const answer = `${JSON.stringify({ args: run.args, tty: Boolean(run.tty), color: Boolean(run.color), code, stdout: io.out(), stderr: io.err(), ms: Date.now() - started })}\n`;
  if (!answers.write(answer)) await new Promise((resolve) => answers.once('drain', resolve));
}
answers.end();
