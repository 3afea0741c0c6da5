/**
 * `dossier log <id>`: the history of one record from git, newest first, following renames (`git log --follow`):
 * each commit's date, author and subject, and the fields it changed (the diff engine of `dossier diff`).
 * Uncommitted changes come first. For a proposal, the status timeline: each status with its date — the
 * record's own `submitted_on`/`decided_on` when it has one, else the date the status was recorded.
 */
import path from 'node:path';
import { FOLDER_OF, RECORD_TYPES, typeOfFolder } from '../core/kinds.js';
import { isValidId } from '../core/ids.js';
import { findRecord } from '../core/lookup.js';
import { escapeControl } from '../core/quote.js';
import { decodeUtf8, parseRecordFile } from '../core/record-file.js';
import { diffRecordVersions, type FieldChange, type RecordVersion } from '../core/record-diff.js';
import { recordLabel, type StoreRecord } from '../core/record.js';
import { todayOf, type Context } from '../context.js';
import { NotFoundError } from '../errors.js';
import { fieldChangeJson } from '../format/diff-json.js';
import { changeText } from '../format/diff-text.js';
import { loadStyle, type Style } from '../format/style.js';
import { readRecordBytes } from '../store/read.js';
import { rawFields } from '../store/snapshot.js';
import { cacheEnabled, loadStore } from '../store/load.js';
import { formatArg } from './args.js';
import { openRepo } from './diff.js';

export interface LogOptions {
  id: string;
  format?: string;
  root?: string;
}

type Change = 'added' | 'changed' | 'renamed' | 'removed';

interface LogEntry {
  /** null for uncommitted changes. */
  commit: string | null;
  date: string | null;
  author: string | null;
  email: string | null;
  subject: string;
  change: Change;
  path: string;
  previousPath: string | null;
  fields: FieldChange[];
  /** The record after this change (before it, when removed). */
  version: RecordVersion | undefined;
}

export interface TimelineStep {
  status: string;
  /** YYYY-MM-DD, or null when unknown (an uncommitted change without a date in the record). */
  date: string | null;
  /** Where the date comes from: the record's submitted_on/decided_on, or the commit that recorded the status. */
  source: 'record' | 'commit' | null;
  commit: string | null;
}

const DECIDED = new Set(['adopted', 'partially-adopted', 'rejected']);

function version(file: string, bytes: Uint8Array | undefined): RecordVersion | undefined {
  if (!bytes) return undefined;
  const [, folder, name] = file.split('/');
  const type = folder ? typeOfFolder(folder) : undefined;
  if (!type || !name?.endsWith('.md')) return undefined;
  const record = parseRecordFile(file, type, name.slice(0, -3), bytes);
  let text: string | undefined;
  const textOf = () => (text ??= decodeUtf8(bytes)?.text ?? '');
  return { record, text: textOf, raw: rawFields(textOf, file) };
}

const idOf = (file: string) => path.posix.basename(file, '.md');

/** The status timeline of a proposal, oldest first, from its versions oldest first. */
export function statusTimeline(entries: readonly LogEntry[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const e of entries) {
    const fields = e.change === 'removed' ? undefined : e.version?.record.fields;
    const status = typeof fields?.status === 'string' ? fields.status : undefined;
    if (!status || steps[steps.length - 1]?.status === status) continue;
    const stamped = status === 'submitted' ? fields!.submitted_on : DECIDED.has(status) ? fields!.decided_on : undefined;
    if (typeof stamped === 'string') steps.push({ status, date: stamped, source: 'record', commit: e.commit });
    else steps.push({ status, date: e.date ? e.date.slice(0, 10) : null, source: e.date ? 'commit' : null, commit: e.commit });
  }
  return steps;
}

export function timelineText(steps: readonly TimelineStep[]): string {
  return steps.map((s) => (s.source === 'record' ? `${s.status} ${s.date}` : s.source === 'commit' ? `${s.status} (recorded ${s.date})` : `${s.status} (not committed)`)).join(' → ');
}

const WORDS = { esc: escapeControl, none: '(none)', em: (s: string) => s };

function entryLines(e: LogEntry, style: Style): string[] {
  const head = e.commit ? `${style.yellow(e.commit.slice(0, 7))}  ${e.date!.slice(0, 10)}  ${escapeControl(e.author ?? '')}` : style.yellow('uncommitted changes');
  const out = [head];
  if (e.commit) out.push(`    ${escapeControl(e.subject)}`);
  if (e.change === 'added') out.push('    added');
  else if (e.change === 'removed') out.push('    removed');
  else if (e.change === 'renamed') out.push(`    renamed ${idOf(e.previousPath!)} → ${idOf(e.path)}`);
  for (const f of e.fields) {
    const text = changeText(f, WORDS, false);
    out.push(`    ${f.kind === 'format' || f.kind === 'unreadable' ? text : f.kind === 'body' ? `body ${text}` : `${f.field}: ${text}`}`);
  }
  return out;
}

/** The record the user means: in the working tree, or else a removed record with that id in the history. */
async function locate(opts: LogOptions, ctx: Context, root: string, repo: Awaited<ReturnType<typeof openRepo>>['repo']) {
  const store = loadStore(root, { today: todayOf(ctx), cache: cacheEnabled(ctx.cache, ctx.env) });
  const byId = new Map<string, StoreRecord>();
  for (const r of store.records) if (!byId.has(r.id)) byId.set(r.id, r);
  // A reference to a record renamed since is named by what that record is called now.
  const renamedTo = new Map<string, string>();
  for (const [from, to] of await repo.renamesUnder('records')) if (idOf(from) !== idOf(to)) renamedTo.set(idOf(from), idOf(to));
  const label = (id: string) => {
    let current = id;
    for (let hops = 0; !byId.has(current) && renamedTo.has(current) && hops < 100; hops++) current = renamedTo.get(current)!;
    const r = byId.get(current);
    return r ? recordLabel(r) : id;
  };
  try {
    const record = findRecord(opts.id, byId);
    return { file: record.file, type: record.type, current: record, label };
  } catch (err) {
    if (!(err instanceof NotFoundError) || !isValidId(opts.id)) throw err;
    const files = RECORD_TYPES.map((t) => `records/${FOLDER_OF[t]}/${opts.id}.md`);
    const last = await repo.lastCommitOf(files);
    if (!last) throw err;
    return { file: last.file, type: typeOfFolder(last.file.split('/')[1]!)!, current: undefined, label };
  }
}

export async function runLog(opts: LogOptions, ctx: Context): Promise<number> {
  const format = formatArg(opts.format, ['text', 'json'] as const, 'text');
  const { root, repo } = await openRepo(ctx, opts.root, 'log');
  const { file, type, current, label } = await locate(opts, ctx, root, repo);

  // git prints paths from the top of the work tree; the store may sit in a folder of it.
  const prefix = path.relative(await repo.topLevel(), root).split(path.sep).filter(Boolean).map((p) => `${p}/`).join('');
  const strip = (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p);
  const history = (await repo.fileHistory(file)).map((c) => ({ ...c, path: strip(c.path), previousPath: c.previousPath && strip(c.previousPath) }));
  const oids = [...new Set(history.flatMap((c) => [c.before, c.after]).filter((o): o is string => Boolean(o)))];
  const blobs = new Map<string, Uint8Array | undefined>();
  const read = await repo.readObjects(oids);
  oids.forEach((o, i) => blobs.set(o, read[i]));

  // Records each commit renamed, so a reference rewritten for a rename reads as one.
  const renames = await repo.renamesIn(history.filter((c) => c.status !== 'A').map((c) => c.hash));
  const renamedIn = (hash: string) => new Map((renames.get(hash) ?? []).map(([from, to]) => [idOf(from), idOf(to)] as const).filter(([a, b]) => a !== b));

  const entries: LogEntry[] = [];
  for (const c of [...history].reverse()) {
    const beforePath = c.previousPath ?? c.path;
    const before = c.status === 'A' ? undefined : version(beforePath, c.before ? blobs.get(c.before) : undefined);
    const after = c.status === 'D' ? undefined : version(c.path, c.after ? blobs.get(c.after) : undefined);
    if (!before && !after) continue;
    const change: Change = !before ? 'added' : !after ? 'removed' : c.previousPath && c.previousPath !== c.path ? 'renamed' : 'changed';
    const fields = change === 'added' || change === 'removed' ? [] : diffRecordVersions(before, after, label, renamedIn(c.hash));
    entries.push({
      commit: c.hash, date: c.date, author: c.author, email: c.email, subject: c.subject, change,
      path: c.path, previousPath: change === 'renamed' ? beforePath : null, fields, version: after ?? before,
    });
  }

  // Uncommitted changes of the working tree, when it differs from the last commit.
  if (current) {
    const bytes = readRecordBytes(path.join(root, current.file));
    const now = bytes.ok ? version(current.file, bytes.bytes) : undefined;
    const last = entries[entries.length - 1];
    const lastText = last && last.change !== 'removed' ? last.version?.text().replace(/\r\n?/g, '\n') : undefined;
    if (now && now.text().replace(/\r\n?/g, '\n') !== lastText) {
      const renamed = last && last.change !== 'removed' && last.path !== current.file;
      const base = last && last.change !== 'removed' ? last.version : undefined;
      entries.push({
        commit: null, date: null, author: null, email: null, subject: 'uncommitted changes',
        change: !base ? 'added' : renamed ? 'renamed' : 'changed', path: current.file, previousPath: renamed ? last!.path : null,
        fields: base ? diffRecordVersions(base, now, label) : [], version: now,
      });
    }
  }
  if (!entries.length) throw new NotFoundError(`${file} has no history in git yet`, 'commit it first; `dossier log` reads the commits that changed it');

  const latest = entries[entries.length - 1]!;
  const id = idOf(latest.path);
  const recordName = latest.version ? recordLabel(latest.version.record) : id;
  const timeline = type === 'proposal' ? statusTimeline(entries) : undefined;
  const newestFirst = [...entries].reverse();

  if (format === 'json') {
    const doc = {
      id, type, path: latest.path, label: recordName, removed: latest.change === 'removed',
      timeline: timeline ?? null,
      commits: newestFirst.map((e) => ({
        commit: e.commit, date: e.date, author: e.author, email: e.email, subject: e.subject, change: e.change,
        path: e.path, previous_path: e.previousPath, fields: e.fields.map(fieldChangeJson),
      })),
    };
    ctx.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const style = await loadStyle(ctx.io.color);
  const out = [style.bold(escapeControl(recordName)), style.dim(`${type} ${id} · ${latest.path}${latest.change === 'removed' ? ' (removed)' : ''}`)];
  if (timeline?.length) out.push('', `status: ${timelineText(timeline)}`);
  for (const e of newestFirst) out.push('', ...entryLines(e, style));
  ctx.io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
