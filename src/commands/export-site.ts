/**
 * `dossier export site [--out DIR] [--base-url URL] [--title TEXT]`: the public records as a static website —
 * a home page, organisations by kind, meetings by year, a proposals tracker, agreements, a page per public
 * record, an Atom feed and (with --base-url) a sitemap — in DIR (default `public`), replaced whole and at once.
 * Always public: the store is read through publicView, and --include-private is refused. The same records give
 * the same bytes: dates come from the records and from the last commit that touched them, never the clock.
 */
import path from 'node:path';
import { newestRecordDate } from '../core/calendar.js';
import { buildSite } from '../core/site-model.js';
import { normaliseBaseUrl } from '../core/site-paths.js';
import type { StoreRecord } from '../core/record.js';
import { publicView } from '../core/visibility.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { flatText } from '../format/doc.js';
import { siteFiles } from '../format/site.js';
import { readBody } from '../store/body.js';
import { lastRecordsCommit } from '../store/git.js';
import { FolderRefused, replaceFolder, SITE_MARKER } from '../store/site-folder.js';
import { openStore } from './shared.js';

export interface ExportSiteOptions {
  out?: string;
  baseUrl?: string;
  title?: string;
  /** Refused: the site is always public. */
  includePrivate?: boolean;
  root?: string;
}

export const DEFAULT_SITE_OUT = 'public';
export const DEFAULT_SITE_TITLE = 'Advocacy records';

/** `YYYY-MM-DDTHH:MM:SSZ` (Atom's date-time, without milliseconds). */
const atomTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export async function runExportSite(opts: ExportSiteOptions, ctx: Context): Promise<number> {
  // Every flag is checked before the store is read.
  if (opts.includePrivate) {
    throw new UsageError(
      'the site is always public: `export site` does not take --include-private',
      'private records and private people\'s contact fields are never published; for a private copy of everything, use `dossier export json --include-private`',
    );
  }
  let baseUrl: string | undefined;
  if (opts.baseUrl !== undefined) {
    baseUrl = normaliseBaseUrl(opts.baseUrl);
    if (!baseUrl) throw new UsageError(`--base-url takes the site's address as an absolute http(s) URL, not "${opts.baseUrl}"`, 'e.g. --base-url https://our-network.github.io/records/');
  }
  const title = flatText(opts.title ?? DEFAULT_SITE_TITLE).trim();
  if (!title) throw new UsageError('--title needs some text', 'e.g. --title "Drug Policy Network South East Europe"');
  const outArg = opts.out ?? DEFAULT_SITE_OUT;
  if (!outArg.trim()) throw new UsageError('--out needs a folder', `e.g. --out ${DEFAULT_SITE_OUT}`);

  const { store, records } = openStore(ctx, opts.root);
  const out = path.resolve(ctx.cwd, outArg);
  if (inside(out, path.join(store.root, 'records'))) {
    throw new UsageError(`--out ${outArg} is inside the records folder`, `write the site somewhere else, e.g. --out ${DEFAULT_SITE_OUT}`);
  }
  if (inside(store.root, out)) {
    throw new UsageError(`--out ${outArg} holds the store itself, and the site replaces its folder whole`, `write the site into a folder of its own, e.g. --out ${DEFAULT_SITE_OUT}`);
  }

  const view = publicView(records);
  const commit = lastRecordsCommit(store.root, ctx.env);
  const newest = newestRecordDate(view);
  const updated = commit ? atomTime(commit) : newest ? `${newest}T00:00:00Z` : undefined;
  const model = buildSite(view, { title, baseUrl, updated, body: (r: StoreRecord) => readBody(store.root, r) });
  let files: string[];
  try {
    // Each page is rendered as the folder writer takes it, and written before the next: one page in memory.
    files = replaceFolder(out, siteFiles(model));
  } catch (err) {
    if (err instanceof FolderRefused) {
      throw err.problem === 'not-a-folder'
        ? new CliError(`--out ${outArg} exists and is not a folder`, 1, 'choose a folder for the site, e.g. --out public')
        : new CliError(
            `--out ${outArg} is a folder that \`dossier export site\` did not write, so it was left alone`,
            1,
            `the site replaces its folder whole: choose a new or empty folder, or remove this one (a folder dossier wrote holds ${SITE_MARKER})`,
          );
    }
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : (err as Error).message;
    throw new CliError(`could not write the site to ${outArg}: ${why}`, 1, 'choose another --out folder');
  }

  const leftOut = view.leftOut.size;
  if (leftOut > 0) ctx.io.stderr.write(`note: ${leftOut} private record${leftOut === 1 ? ' is' : 's are'} not on the site\n`);
  const pages = files.filter((f) => f.endsWith('.html')).length;
  const extras = files.filter((f) => !f.endsWith('.html'));
  const shown = path.relative(ctx.cwd, out) || '.';
  ctx.io.stderr.write(`wrote ${shown}/: ${pages} pages, ${extras.join(', ')}\n`);
  if (!baseUrl) ctx.io.stderr.write(`open ${path.join(shown, 'index.html')} in a browser\n`);
  return 0;
}
