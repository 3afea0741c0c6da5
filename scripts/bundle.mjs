#!/usr/bin/env node
// The second half of `npm run build`: bundles tsc's output (dist/src) into dist/cli, which bin/dossier.js runs.
// Why: Node 20 loads ES modules file by file, and zod alone is about a hundred files: requiring the record
// checker took ~90 ms unbundled and ~23 ms with zod bundled into it. Every run that validates a record pays
// that (a cold run, a warm run with one changed file, every write); commander, which every run loads, is
// bundled in too. The commands stay lazily loaded (each dynamic import is a chunk); other packages stay
// external, loaded from node_modules by the commands that use them. The entries besides the CLI are modules loaded by path at run time, which must sit beside the
// chunks: the record checker (required on first use, so warm runs never load zod) and the read worker.
// The bundle is CommonJS (a package.json in dist/cli says so, and one in bin/ for the launcher): Node 20 loads
// CommonJS synchronously, without starting its ES module loader, and a run took ~10-20 ms less. A code-key file
// beside the chunks, a hash of them all, is what the cache keys on (one read instead of a stat per chunk).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repo, 'dist/src');
const out = path.join(repo, 'dist/cli');
const builtins = new Set(builtinModules);
/** Packages bundled in rather than loaded from node_modules. */
const INLINE = /^(zod|commander)(\/|$)/;

/**
 * commander requires node:child_process when it loads, for executable subcommands, which dossier has none of:
 * with its streams, net and dgram that is ~4 ms of every run. The require is made on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process-in-commander',
  transform(code, id) {
    if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager)) throw new Error(`${id}: commander no longer loads child_process as expected; update scripts/bundle.mjs`);
    return code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

rmSync(out, { recursive: true, force: true });
await build({
  plugins: [lazyChildProcess],
  input: {
    cli: path.join(src, 'cli.js'),
    'validate-record': path.join(src, 'core/validate-record.js'),
    'read-worker': path.join(src, 'store/read-worker.js'),
  },
  platform: 'node',
  external: (id) => builtins.has(id) || id.startsWith('node:') || (!id.startsWith('.') && !path.isAbsolute(id) && !INLINE.test(id)),
  logLevel: 'warn',
  output: {
    dir: out,
    format: 'cjs',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});

writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
const key = createHash('sha1');
for (const name of readdirSync(out).sort()) key.update(name).update('\0').update(readFileSync(path.join(out, name))).update('\0');
writeFileSync(path.join(out, 'code-key'), `${key.digest('hex')}\n`);
