/** `dossier search <text>`: full text over every record, ranked, with a snippet per hit. */
import { escapeControl } from '../core/quote.js';
import { recordLabel } from '../core/record.js';
import type { StoreRecord } from '../core/record.js';
import { searchRecords, searchWords } from '../core/search.js';
import { cacheEnabled } from '../store/load.js';
import { SearchTextCache } from '../store/search-cache.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { formatSearchText } from '../format/search-text.js';
import { loadStyle } from '../format/style.js';
import { toJson } from '../format/structured.js';
import { readBody } from '../store/body.js';
import { formatArg, limitArg, recordTypeArg } from './args.js';
import { openStore } from './shared.js';

export interface SearchOptions {
  words: string[];
  type?: string;
  limit?: string;
  format?: string;
  root?: string;
}

/** Snippets on a terminal fill the line under the two-space indent; piped, about 100 characters. */
const PIPED_SNIPPET = 100;

export async function runSearch(opts: SearchOptions, ctx: Context): Promise<number> {
  const query = opts.words.join(' ');
  if (!query.trim()) throw new UsageError('nothing to search for', 'e.g. dossier search decriminalisation');
  const type = opts.type === undefined ? undefined : recordTypeArg(opts.type);
  const limit = limitArg(opts.limit);
  const format = formatArg(opts.format, ['table', 'json'] as const, 'table');
  const opened = openStore(ctx, opts.root);
  const { store } = opened;
  const width = ctx.io.isTTY && format === 'table' ? Math.max(40, ctx.io.columns - 2) : PIPED_SNIPPET;
  const body = (r: StoreRecord) => readBody(store.root, r);
  // With the cache on, what search needs of each record is kept by content hash: a search reads no bodies and
  // parses no fields but its hits'.
  const index = cacheEnabled(ctx.cache, ctx.env) ? SearchTextCache.open(store.root) : undefined;
  // The records that may match, when the cache can tell: only those are made (a few hundred of 10,000).
  const candidates = index?.candidates(store.files, (i) => store.contentHashAt(i), searchWords(query), store.contentHashes());
  const records = candidates ? candidates.map((i) => store.recordAt(i)).filter((r) => r.valid) : opened.records;
  const hits = searchRecords(records, query, body, { type, limit, width, index });
  index?.save(store.files);

  if (format === 'json') {
    const json = hits.map((h) => ({
      id: h.record.id,
      type: h.record.type,
      path: h.record.file,
      title: recordLabel(h.record),
      name_hits: h.nameHits,
      count: h.count,
      field: h.snippet.field,
      snippet: h.snippet.text,
      marks: h.snippet.marks,
    }));
    ctx.io.stdout.write(`${toJson(json, 2)}\n`);
    return 0;
  }
  if (hits.length === 0) {
    if (ctx.io.isTTY) ctx.io.stderr.write(`no records match "${escapeControl(query)}"\n`);
    return 0;
  }
  const style = await loadStyle(ctx.io.color);
  ctx.io.stdout.write(formatSearchText(hits, { tty: ctx.io.isTTY, style }));
  return 0;
}
