/**
 * `dossier export json`: the whole store (what the view shows) as one document,
 * `{organisations, people, meetings, proposals, agreements}`, each record `{id, ...fields, body}`.
 * Keys follow the record model's order at every level and records are sorted by id, so the same store
 * always gives the same bytes. With `resolve`, each reference field is followed by the referenced names:
 * `host_name` after `host`, `participants_names` after `participants`, `owner_name` inside an action.
 */
import { FOLDER_OF, RECORD_TYPES } from './kinds.js';
import type { StoreRecord } from './record.js';
import { fieldsOfType, type FieldInfo } from './schema-info.js';
import type { ExportView } from './visibility.js';

export interface JsonOptions {
  resolve?: boolean;
}

function ordered(value: unknown, info: FieldInfo | undefined, view: ExportView, resolve: boolean): unknown {
  if (Array.isArray(value)) {
    const itemInfo = info?.kind === 'object-list' ? { ...info, kind: 'other' as const } : info?.item;
    return value.map((v) => ordered(v, itemInfo, view, resolve));
  }
  if (value && typeof value === 'object' && info?.fields) return orderedObject(value as Record<string, unknown>, info.fields, view, resolve);
  return value;
}

function orderedObject(obj: Record<string, unknown>, fields: readonly FieldInfo[], view: ExportView, resolve: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const info of fields) {
    if (!Object.hasOwn(obj, info.name) || obj[info.name] === undefined) continue;
    const value = obj[info.name];
    out[info.name] = ordered(value, info, view, resolve);
    if (!resolve) continue;
    if (info.kind === 'ref' && typeof value === 'string') out[`${info.name}_name`] = view.label(value);
    else if (info.item?.kind === 'ref' && Array.isArray(value)) out[`${info.name}_names`] = value.map((id) => view.label(String(id)));
  }
  // Keys the schema does not list (none in a valid record) come last, sorted, so the order stays stable.
  for (const key of Object.keys(obj).sort()) if (!(key in out) && !fields.some((f) => f.name === key) && key !== 'id' && key !== 'type') out[key] = obj[key];
  return out;
}

export function jsonRecord(record: StoreRecord, view: ExportView, body: string, options: JsonOptions = {}): Record<string, unknown> {
  return { id: record.id, ...orderedObject(record.fields ?? {}, fieldsOfType(record.type), view, options.resolve === true), body };
}

export function jsonDocument(view: ExportView, body: (r: StoreRecord) => string, options: JsonOptions = {}): Record<string, unknown[]> {
  const doc: Record<string, unknown[]> = {};
  for (const type of RECORD_TYPES) doc[FOLDER_OF[type]] = view.records.filter((r) => r.type === type).map((r) => jsonRecord(r, view, body(r), options));
  return doc;
}
