/**
 * What the commands need to know about each type's schema: field names in record-model order, which fields
 * are references and to what, enums, lists, which contact fields are private. Read from a table generated from the zod schemas
 * (schema-table.generated.ts), so that commands which only read records never load zod.
 */
import type { RecordType } from './kinds.js';
import { SCHEMA_TABLE } from './schema-table.generated.js';

/** A reference field; `*` in `path` stands for every list item (`actions.*.owner`). */
export interface RefField {
  path: string[];
  types: RecordType[];
}

export interface FieldInfo {
  name: string;
  kind: 'text' | 'date' | 'integer' | 'enum' | 'ref' | 'list' | 'object-list' | 'url' | 'email' | 'other';
  required: boolean;
  values?: readonly string[];
  refTypes?: RecordType[];
  /** For lists: the kind of the items. */
  item?: FieldInfo;
  /** For lists of mappings: their fields. */
  fields?: FieldInfo[];
}

/** The fields of a type in record-model order (without the optional `id`/`type` echo). */
const visibleFields = new Map<RecordType, FieldInfo[]>();

export function fieldsOfType(type: RecordType): FieldInfo[] {
  let fields = visibleFields.get(type);
  if (!fields) visibleFields.set(type, (fields = SCHEMA_TABLE.fields[type].filter((f) => f.name !== 'id' && f.name !== 'type')));
  return fields;
}

export function fieldInfo(type: RecordType, name: string): FieldInfo | undefined {
  return SCHEMA_TABLE.fields[type].find((f) => f.name === name);
}

/** Every reference field of a type, nested ones included. */
export function refFieldsOfType(type: RecordType): RefField[] {
  return SCHEMA_TABLE.refs[type];
}

/** The contact fields of a type that are shown only when the record is `visibility: public` (a person's email, phone). */
export function privateFieldsOfType(type: RecordType): readonly string[] {
  return SCHEMA_TABLE.privateFields[type];
}

export interface FoundReference {
  path: (string | number)[];
  id: string;
  types: RecordType[];
}

/** Every concrete (path, id) pair of references in a record's fields. */
export function referencesIn(type: RecordType, fields: Record<string, unknown>): FoundReference[] {
  const out: FoundReference[] = [];
  for (const ref of refFieldsOfType(type)) walk(fields, ref.path, 0, [], ref.types, out);
  return out;
}

function walk(value: unknown, refPath: string[], at: number, path: (string | number)[], types: RecordType[], out: FoundReference[]): void {
  if (at === refPath.length) {
    if (typeof value === 'string') out.push({ path, id: value, types });
    return;
  }
  const head = refPath[at]!;
  if (head === '*') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) walk(value[i], refPath, at + 1, [...path, i], types, out);
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, head)) {
    walk((value as Record<string, unknown>)[head], refPath, at + 1, [...path, head], types, out);
  }
}
