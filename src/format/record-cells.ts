/**
 * A record's values as cells and objects: by name for people (`host` shows the Office's name), as stored
 * for machines (ids), and the `{id, type, path, ...fields}` object of the JSON formats.
 */
import type { RecordType } from '../core/kinds.js';
import { fieldValues, resolveField, type ResolvedField } from '../core/query.js';
import { escapeControl } from '../core/quote.js';
import type { StoreRecord } from '../core/record.js';

/** A column of `list`: a field path, or the record's `type` or `path`. */
export interface Column {
  name: string;
  field?: ResolvedField;
}

/** What `list` shows of each type unless `--fields` says otherwise: id, name or title, key dates and statuses. */
export const DEFAULT_COLUMNS: Readonly<Record<RecordType, readonly string[]>> = {
  organisation: ['id', 'name', 'kind', 'country', 'parent'],
  person: ['id', 'name', 'organisation', 'role'],
  meeting: ['id', 'date', 'title', 'status', 'host'],
  proposal: ['id', 'title', 'status', 'submitted_on', 'submitted_to'],
  agreement: ['id', 'title', 'kind', 'signed_on', 'valid_until'],
};

const PSEUDO = new Set(['type', 'path']);

/** Columns from `--fields a,b` (or the type's defaults); unknown fields are a usage error with a suggestion. */
export function resolveColumns(type: RecordType, names?: readonly string[]): Column[] {
  const chosen = names && names.length > 0 ? names : DEFAULT_COLUMNS[type];
  return chosen.map((name) => (PSEUDO.has(name) ? { name } : { name, field: resolveField(type, name) }));
}

/** Columns that give up width first on a narrow terminal: references, lists and long text other than the name. */
export function yieldsFirst(column: Column): boolean {
  const f = column.field;
  if (!f) return column.name === 'path';
  return f.kind === 'ref' || f.kind === 'object' || f.many || (f.kind === 'text' && f.name !== 'name' && f.name !== 'title' && f.name !== 'id');
}

/** Parse `--fields a,b c` into names. */
export function splitFieldList(flag: string | undefined): string[] | undefined {
  if (flag === undefined) return undefined;
  return flag.split(/[\s,]+/).filter(Boolean);
}

function firstText(value: unknown): string {
  if (value && typeof value === 'object') {
    const first = Object.values(value)[0];
    return typeof first === 'string' ? first : JSON.stringify(value);
  }
  return value === undefined || value === null ? '' : String(value);
}

/** A cell for people: references by name, list items joined, control characters escaped. */
export function humanCell(record: StoreRecord, column: Column, label: (id: string) => string): string {
  if (!column.field) return column.name === 'type' ? record.type : record.file;
  const field = column.field;
  const parts = fieldValues(record, field).map((v) => (field.kind === 'ref' && typeof v === 'string' ? label(v) : firstText(v)));
  return escapeControl(parts.join(field.kind === 'text' || field.kind === 'object' ? '; ' : ', '));
}

/** A cell for machines (CSV): values as stored (references as ids), list items joined with `; `, mappings as JSON. */
export function rawCell(record: StoreRecord, column: Column): string {
  if (!column.field) return column.name === 'type' ? record.type : record.file;
  return fieldValues(record, column.field)
    .map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v)))
    .join('; ');
}

/** `{id, type, path, ...fields}`; with columns, only those fields (null when absent). */
export function recordObject(record: StoreRecord, columns?: readonly Column[]): Record<string, unknown> {
  const head = { id: record.id, type: record.type, path: record.file };
  if (!columns) {
    const { id: _id, type: _type, ...fields } = record.fields ?? {};
    return { ...head, ...fields };
  }
  const out: Record<string, unknown> = { ...head };
  for (const c of columns) {
    if (!c.field || c.name === 'id') continue;
    out[c.name] = c.field.path.length === 1 ? (record.fields?.[c.name] ?? null) : fieldValues(record, c.field);
  }
  return out;
}
