/**
 * A new record's id and text: keys in the record model's order (the order of the zod shapes), strings
 * quoted only where YAML needs it, lists in block style, the body after the closing `---`.
 */
import { applyOpsToData } from './data-ops.js';
import type { EditOp } from './edit.js';
import { ID_MAX_LENGTH } from './ids.js';
import { labelField, type RecordType } from './kinds.js';
import type { Fields } from './record.js';
import { fieldInfo, fieldsOfType, type FieldInfo } from './schema-info.js';
import { slug } from './slug.js';
import { renderMapping } from './yaml-render.js';

/** The id a new record gets from its name or title; meetings are prefixed with their date. */
export function newRecordId(type: RecordType, fields: Fields): string | undefined {
  const label = fields[labelField(type)];
  if (typeof label !== 'string' || !label.trim()) return undefined;
  if (type === 'meeting' && typeof fields.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(fields.date)) {
    const rest = slug(label, ID_MAX_LENGTH - 11);
    return rest ? `${fields.date}-${rest}` : fields.date;
  }
  return slug(label) || undefined;
}

function orderMapping(value: Record<string, unknown>, fields: readonly FieldInfo[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = fields?.map((f) => f.name) ?? [];
  const keys = [...names.filter((n) => Object.hasOwn(value, n)), ...Object.keys(value).filter((k) => !names.includes(k))];
  for (const k of keys) {
    const info = fields?.find((f) => f.name === k);
    const v = value[k];
    Object.defineProperty(out, k, { value: orderValue(v, info), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function orderValue(v: unknown, info: FieldInfo | undefined): unknown {
  if (Array.isArray(v)) return v.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? orderMapping(item as Record<string, unknown>, info?.fields) : item));
  if (v && typeof v === 'object') return orderMapping(v as Record<string, unknown>, info?.fields);
  return v;
}

/** Fields in record-model order, nested mappings too (`actions`: task, owner, due, status). */
export function orderFields(type: RecordType, fields: Fields): Fields {
  return orderMapping(fields, [{ name: 'id', kind: 'text', required: false }, { name: 'type', kind: 'text', required: false }, ...fieldsOfType(type)]);
}

/** The full text of a new record. */
export function renderNewRecord(type: RecordType, fields: Fields, body = ''): string {
  const yaml = renderMapping(orderFields(type, fields));
  const text = body === '' || body.endsWith('\n') ? body : `${body}\n`;
  return `---\n${yaml}---\n${text}`;
}

/** Build the fields of a new record from `--set` operations (dotted paths and `+=` work as in `set`). */
export function fieldsFromOps(ops: readonly EditOp[]): Fields {
  return applyOpsToData({}, ops);
}

/** Required top-level fields that are still missing. */
export function missingRequired(type: RecordType, fields: Fields): FieldInfo[] {
  return fieldsOfType(type).filter((f) => f.required && (fields[f.name] === undefined || fields[f.name] === null || (Array.isArray(fields[f.name]) && (fields[f.name] as unknown[]).length === 0)));
}

export { fieldInfo };
