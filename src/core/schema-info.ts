/**
 * What the commands need to know about each type's schema, read from the zod schemas themselves:
 * field names in record-model order, which fields are references and to what, enums, lists.
 */
import * as z from 'zod';
import { REF_META_KEY, schemas } from '../../schemas/index.js';
import type { RecordType } from './kinds.js';

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

const cache = new Map<RecordType, { fields: FieldInfo[]; refs: RefField[] }>();

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

function infoOf(type: RecordType) {
  let info = cache.get(type);
  if (!info) {
    const fields = fieldsOf(schemas[type]);
    const refs: RefField[] = [];
    collectRefs(fields, [], refs);
    info = { fields, refs };
    cache.set(type, info);
  }
  return info;
}

/** The fields of a type in record-model order (without the optional `id`/`type` echo). */
export function fieldsOfType(type: RecordType): FieldInfo[] {
  return infoOf(type).fields.filter((f) => f.name !== 'id' && f.name !== 'type');
}

export function fieldInfo(type: RecordType, name: string): FieldInfo | undefined {
  return infoOf(type).fields.find((f) => f.name === name);
}

/** Every reference field of a type, nested ones included. */
export function refFieldsOfType(type: RecordType): RefField[] {
  return infoOf(type).refs;
}

/** Every concrete (path, id) pair of references in a record's fields. */
export function* referencesIn(type: RecordType, fields: Record<string, unknown>): Generator<{ path: (string | number)[]; id: string; types: RecordType[] }> {
  for (const ref of refFieldsOfType(type)) yield* walk(fields, ref.path, [], ref.types);
}

function* walk(value: unknown, rest: string[], path: (string | number)[], types: RecordType[]): Generator<{ path: (string | number)[]; id: string; types: RecordType[] }> {
  if (rest.length === 0) {
    if (typeof value === 'string') yield { path, id: value, types };
    return;
  }
  const [head, ...tail] = rest as [string, ...string[]];
  if (head === '*') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* walk(value[i], tail, [...path, i], types);
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, head)) {
    yield* walk((value as Record<string, unknown>)[head], tail, [...path, head], types);
  }
}
