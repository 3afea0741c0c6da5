/** `dossier validate`: every record checked, every problem located; never writes anything. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { todayOf, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { formatDiagnosticsGithub } from '../format/diagnostics-github.js';
import { formatDiagnosticsJson } from '../format/diagnostics-json.js';
import { formatDiagnosticsPretty } from '../format/diagnostics-pretty.js';
import { loadStyle } from '../format/style.js';
import { cacheEnabled, loadStore } from '../store/load.js';
import { interruptedChangeNote } from '../store/journal.js';
import { findRoot } from '../store/root.js';

export type DiagnosticsFormat = 'pretty' | 'json' | 'github';

export interface ValidateOptions {
  paths: string[];
  format?: string;
  strict: boolean;
  root?: string;
}

export function resolveDiagnosticsFormat(format: string | undefined, env: Context['env']): DiagnosticsFormat {
  const chosen = format ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  if (chosen !== 'pretty' && chosen !== 'json' && chosen !== 'github') {
    throw new UsageError(`unknown format "${chosen}"`, 'use --format pretty, json or github');
  }
  return chosen;
}

/** Limit reported files to PATHS (files or folders, relative to the working directory). */
function pathFilter(paths: string[], root: string, cwd: string): ((file: string) => boolean) | undefined {
  if (paths.length === 0) return undefined;
  const wanted = paths.map((p) => {
    const rel = path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${p} is outside the store at ${root}`);
    return rel.replace(/\/$/, '');
  });
  return (file) => wanted.some((w) => w === '' || file === w || file.startsWith(`${w}/`));
}

function sourceLines(root: string, diagnostics: readonly Diagnostic[]): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (sources.has(d.file) || d.code.startsWith('file/') || d.code === 'store/unexpected-entry') continue;
    try {
      // The excerpt needs only the first lines up to the diagnostic; the file size is already bounded.
      sources.set(d.file, readFileSync(path.join(root, d.file), 'utf8').replace(/^\ufeff/, '').split('\n'));
    } catch {
      sources.set(d.file, []);
    }
  }
  return sources;
}

export async function runValidate(opts: ValidateOptions, ctx: Context): Promise<number> {
  const format = resolveDiagnosticsFormat(opts.format, ctx.env);
  const root = findRoot(ctx.cwd, opts.root, ctx.env);
  // Only diagnostics are wanted: records are checked and let go as they are parsed.
  const store = loadStore(root, { today: todayOf(ctx), cache: cacheEnabled(ctx.cache, ctx.env), retain: false });
  const interrupted = interruptedChangeNote(root);
  if (interrupted) ctx.io.stderr.write(interrupted);
  const keep = pathFilter(opts.paths, root, ctx.cwd);
  const diagnostics = sortDiagnostics(keep ? store.diagnostics.filter((d) => keep(d.file)) : store.diagnostics);
  const records = keep ? store.files.filter(keep).length : store.files.length;
  const summary = { records, ...countDiagnostics(diagnostics) };

  if (format === 'json') ctx.io.stdout.write(formatDiagnosticsJson(diagnostics, root, summary));
  else if (format === 'github') {
    ctx.io.stdout.write(formatDiagnosticsGithub(diagnostics));
    ctx.io.stderr.write(`${summary.records} records, ${summary.errors} errors, ${summary.warnings} warnings\n`);
  } else {
    const style = await loadStyle(ctx.io.color);
    ctx.io.stdout.write(formatDiagnosticsPretty(diagnostics, sourceLines(root, diagnostics), summary, style));
  }
  if (summary.errors > 0) return 1;
  if (opts.strict && summary.warnings > 0) return 1;
  return 0;
}
