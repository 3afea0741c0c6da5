/**
 * Reading field facts out of the zod schemas. Used by `npm run generate` to write schema-table.generated.ts
 * (so commands never load zod just to know the fields) and by the test that keeps that table in sync.
 */
import * as z from 'zod';
import { privateFields, REF_META_KEY, schemas } from '../../schemas/index.js';
import type { RecordType } from './kinds.js';
import { RECORD_TYPES } from './kinds.js';
import type { FieldInfo, RefField } from './schema-info.js';

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodDefault) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else return { inner: s, optional };
  }
}

function refTypesOf(schema: z.ZodType): RecordType[] | undefined {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const types = meta?.[REF_META_KEY];
  return Array.isArray(types) ? (types as RecordType[]) : undefined;
}

function describe(name: string, schema: z.ZodType): FieldInfo {
  const { inner, optional } = unwrap(schema);
  const info: FieldInfo = { name, kind: 'other', required: !optional };
  const refTypes = refTypesOf(inner);
  if (refTypes) return { ...info, kind: 'ref', refTypes };
  if (inner instanceof z.ZodEnum) return { ...info, kind: 'enum', values: inner.options as string[] };
  if (inner instanceof z.ZodNumber) return { ...info, kind: 'integer' };
  if (inner instanceof z.ZodArray) {
    const item = describe(name, inner.element as z.ZodType);
    if (inner.element instanceof z.ZodObject) return { ...info, kind: 'object-list', item, fields: fieldsOf(inner.element) };
    return { ...info, kind: 'list', item };
  }
  const format = (inner as { format?: string | null }).format;
  if (format === 'date') return { ...info, kind: 'date' };
  if (format === 'url') return { ...info, kind: 'url' };
  if (format === 'email') return { ...info, kind: 'email' };
  if (inner instanceof z.ZodString) return { ...info, kind: 'text' };
  return info;
}

function fieldsOf(object: z.ZodObject): FieldInfo[] {
  return Object.entries(object.shape).map(([name, s]) => describe(name, s as z.ZodType));
}

function collectRefs(fields: FieldInfo[], prefix: string[], out: RefField[]): void {
  for (const f of fields) {
    if (f.kind === 'ref') out.push({ path: [...prefix, f.name], types: f.refTypes! });
    else if (f.kind === 'list' && f.item?.kind === 'ref') out.push({ path: [...prefix, f.name, '*'], types: f.item.refTypes! });
    else if (f.kind === 'object-list' && f.fields) collectRefs(f.fields, [...prefix, f.name, '*'], out);
  }
}

export interface SchemaTable {
  fields: Record<RecordType, FieldInfo[]>;
  refs: Record<RecordType, RefField[]>;
  /** Contact fields shown only when the record is `visibility: public` (schemas/index.ts, `privateFields`). */
  privateFields: Record<RecordType, string[]>;
}

/** Field facts of every type, straight from the zod schemas. */
export function introspectSchemas(): SchemaTable {
  const table = { fields: {}, refs: {}, privateFields: {} } as SchemaTable;
  for (const type of RECORD_TYPES) {
    const fields = fieldsOf(schemas[type]);
    const refs: RefField[] = [];
    collectRefs(fields, [], refs);
    table.fields[type] = fields;
    table.refs[type] = refs;
    for (const name of privateFields[type]) {
      if (!fields.some((f) => f.name === name)) throw new Error(`privateFields: ${type} has no field ${name}`);
    }
    table.privateFields[type] = [...privateFields[type]];
  }
  return table;
}

/** The source of src/core/schema-table.generated.ts. */
export function renderSchemaTable(): string {
  return `// Generated from schemas/*.ts by \`npm run generate\`; do not edit. A test fails when it is out of date.
import type { SchemaTable } from './schema-introspect.js';

export const SCHEMA_TABLE: SchemaTable = ${JSON.stringify(introspectSchemas(), null, 2)};
`;
}
