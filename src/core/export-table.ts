/**
 * The rows of `dossier export csv <type>`: one record a row, one column per field in record-model order.
 * References are ids, each followed by a `<field>_names` column with the names; list items are joined with
 * `; `; a list of mappings (actions, documents, other names) becomes one column per key (`actions.task`,
 * `actions.owner`, `actions.owner_names`, ...), whose items line up by position.
 */
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { fieldsOfType, type FieldInfo } from './schema-info.js';
import type { ExportView } from './visibility.js';

export interface TableColumn {
  name: string;
  /** Shown unless `--fields` chooses (the body is only on request). */
  byDefault: boolean;
  cell(record: StoreRecord): string;
}

export const LIST_SEPARATOR = '; ';

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function isRef(info: FieldInfo | undefined): boolean {
  return info?.kind === 'ref';
}

/** Every column `export csv` can write for `type`, in order. */
export function tableColumns(type: RecordType, view: ExportView, body: (r: StoreRecord) => string): TableColumn[] {
  const names = (ids: unknown): string => (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).map((id) => view.label(String(id))).join(LIST_SEPARATOR);
  const columns: TableColumn[] = [{ name: 'id', byDefault: true, cell: (r) => r.id }];
  for (const info of fieldsOfType(type)) {
    const get = (r: StoreRecord) => r.fields?.[info.name];
    if (info.kind === 'object-list' && info.fields) {
      for (const sub of info.fields) {
        const values = (r: StoreRecord): unknown[] => {
          const items = get(r);
          return Array.isArray(items) ? items.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[sub.name] : undefined)) : [];
        };
        // Items line up by position: an item without this key is an empty slot, unless no item has it.
        const aligned = (vs: unknown[], f: (v: unknown) => string) => (vs.every((v) => v === undefined) ? '' : vs.map((v) => (v === undefined ? '' : f(v))).join(LIST_SEPARATOR));
        columns.push({ name: `${info.name}.${sub.name}`, byDefault: true, cell: (r) => aligned(values(r), text) });
        if (isRef(sub)) columns.push({ name: `${info.name}.${sub.name}_names`, byDefault: true, cell: (r) => aligned(values(r), (v) => view.label(String(v))) });
      }
      continue;
    }
    const ref = isRef(info) || isRef(info.item);
    columns.push({ name: info.name, byDefault: true, cell: (r) => {
      const v = get(r);
      return Array.isArray(v) ? v.map(text).join(LIST_SEPARATOR) : text(v);
    } });
    if (ref) columns.push({ name: `${info.name}_names`, byDefault: true, cell: (r) => names(get(r)) });
  }
  columns.push({ name: 'body', byDefault: false, cell: (r) => body(r) });
  return columns;
}

export interface Table {
  headers: string[];
  rows: string[][];
}

/** The rows of every record of `type` in the view (by id), with `columns` chosen from tableColumns. */
export function buildTable(view: ExportView, type: RecordType, columns: readonly TableColumn[]): Table {
  const records = view.records.filter((r) => r.type === type);
  return { headers: columns.map((c) => c.name), rows: records.map((r) => columns.map((c) => c.cell(r))) };
}
