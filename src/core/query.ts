/**
 * The query language of `dossier list`: `--where` conditions, `--sort` keys and `--limit`, evaluated over
 * loaded records. Fields are resolved against the type's schema before anything runs, so a typo is a usage
 * error with a "did you mean", and each value is compared by its kind: dates as dates (a year or a month
 * stands for the whole period), integers as numbers, references by id or by the referenced record's name,
 * text case- and diacritic-insensitively.
 */
import { UsageError } from '../errors.js';
import type { RecordType } from './kinds.js';
import type { StoreRecord } from './record.js';
import { fieldsOfType, type FieldInfo } from './schema-info.js';
import { fold } from './fold.js';
import { suggest } from './suggest.js';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '?' | '!';

/** One parsed `--where` expression, before its field is resolved. */
export interface Condition {
  /** The expression as typed, for messages. */
  expr: string;
  /** The field as typed: `status`, `actions.owner`. */
  field: string;
  op: Operator;
  /** The wanted values (`a,b` is two); empty for `?` and `!`. */
  values: string[];
}

/** What the values reached by a field path are. */
export type ValueKind = 'text' | 'date' | 'integer' | 'enum' | 'ref' | 'object';

/** A field path checked against a type's schema. */
export interface ResolvedField {
  name: string;
  path: string[];
  kind: ValueKind;
  /** The allowed values of an enum. */
  values?: readonly string[];
  /** For an object list reached without a sub-field: the sub-fields, for messages. */
  subfields?: string[];
  /** True when the path can reach several values (a list, or a field inside a list of objects). */
  many: boolean;
}

/** What evaluation needs from the store: the records references point to. */
export type RecordLookup = ReadonlyMap<string, StoreRecord>;

export interface QueryOptions {
  where?: readonly string[];
  sort?: readonly string[];
  limit?: number;
  /** YYYY-MM-DD: what `today` means in a date condition. */
  today: string;
}

// Longest operators first, so `>=` is not read as `>` followed by `=value`.
const CONDITION = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(!=|>=|<=|=|>|<|~)([\s\S]*)$/;
const BARE_FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const INTEGER = /^[+-]?\d+$/;

const WHERE_HINT = 'write FIELD=VALUE, FIELD!=VALUE, FIELD>VALUE (also >=, <, <=), FIELD~TEXT, FIELD=A,B, FIELD? or !FIELD';

/** Split `a,b` into values; `\,` is a comma inside a value. */
function splitValues(raw: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && raw[i + 1] === ',') {
      current += ',';
      i++;
    } else if (ch === ',') {
      values.push(current.trim());
      current = '';
    } else current += ch;
  }
  values.push(current.trim());
  return values;
}

/** Parse one `--where` expression (syntax only; fields are checked by `compileWhere`). */
export function parseWhere(expr: string): Condition {
  const trimmed = expr.trim();
  if (trimmed.startsWith('!') && !trimmed.startsWith('!=')) {
    const field = trimmed.slice(1).trim();
    if (BARE_FIELD.test(field)) return { expr, field, op: '!', values: [] };
  }
  if (trimmed.endsWith('?')) {
    const field = trimmed.slice(0, -1).trim();
    if (BARE_FIELD.test(field)) return { expr, field, op: '?', values: [] };
  }
  const m = CONDITION.exec(trimmed);
  if (!m) {
    const hint = BARE_FIELD.test(trimmed) ? `to find records that have ${trimmed}, write \`${trimmed}?\`; ${WHERE_HINT}` : WHERE_HINT;
    throw new UsageError(`cannot read the condition "${expr}"`, hint);
  }
  const [, field, op, raw] = m as unknown as [string, string, Operator, string];
  const values = op === '=' || op === '!=' || op === '~' ? splitValues(raw) : [raw.trim()];
  if (values.some((v) => v === '')) {
    const hint = op === '=' || op === '!=' ? `to find records without ${field}, write \`!${field}\`; with it, \`${field}?\`` : WHERE_HINT;
    throw new UsageError(`the condition "${expr}" has an empty value`, hint);
  }
  return { expr, field, op, values };
}

function kindOf(info: FieldInfo): ValueKind {
  switch (info.kind) {
    case 'date':
    case 'integer':
    case 'enum':
    case 'ref':
      return info.kind;
    case 'object-list':
      return 'object';
    default:
      return 'text';
  }
}

/** Every field name a user may write for `type`, dotted sub-fields of object lists included. */
export function queryableFields(type: RecordType): string[] {
  const names = ['id'];
  for (const f of fieldsOfType(type)) {
    names.push(f.name);
    if (f.kind === 'object-list' && f.fields) for (const sub of f.fields) names.push(`${f.name}.${sub.name}`);
  }
  return names;
}

function article(type: RecordType): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function unknownField(type: RecordType, name: string, within?: { field: string; names: string[] }): UsageError {
  const candidates = within ? within.names.map((n) => `${within.field}.${n}`) : queryableFields(type);
  const guess = suggest(name, candidates);
  const what = within ? `\`${within.field}\` has no field "${name.slice(within.field.length + 1)}"` : `${article(type)} has no field "${name}"`;
  const list = within ? candidates.join(', ') : queryableFields(type).join(', ');
  return new UsageError(what, `${guess ? `did you mean \`${guess}\`? ` : ''}fields: ${list}`);
}

/** Resolve `name` (`status`, `actions.owner`, `id`) against the fields of `type`; a UsageError when unknown. */
export function resolveField(type: RecordType, name: string): ResolvedField {
  if (name === 'id') return { name, path: ['id'], kind: 'text', many: false };
  const parts = name.split('.');
  let fields = fieldsOfType(type);
  let many = false;
  let info: FieldInfo | undefined;
  for (let i = 0; i < parts.length; i++) {
    info = fields.find((f) => f.name === parts[i]);
    if (!info) {
      if (i === 0) throw unknownField(type, name);
      const parent = parts.slice(0, i).join('.');
      throw unknownField(type, name, { field: parent, names: fields.map((f) => f.name) });
    }
    if (info.kind === 'list' || info.kind === 'object-list') many = true;
    if (i < parts.length - 1) {
      if (info.kind !== 'object-list' || !info.fields) {
        const dotted = queryableFields(type).filter((f) => f.includes('.'));
        throw new UsageError(
          `\`${parts.slice(0, i + 1).join('.')}\` has no fields to reach with a dot`,
          `dotted paths reach into lists of mappings: ${dotted.join(', ')}`,
        );
      }
      fields = info.fields;
    }
  }
  const field = info!;
  const effective = field.kind === 'list' && field.item ? field.item : field;
  const resolved: ResolvedField = { name, path: parts, kind: kindOf(effective), many };
  if (effective.kind === 'enum' && effective.values) resolved.values = effective.values;
  if (field.kind === 'object-list' && field.fields) resolved.subfields = field.fields.map((f) => `${name}.${f.name}`);
  return resolved;
}

function collect(value: unknown, path: readonly string[], at: number, out: unknown[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, at, out);
    return;
  }
  if (at === path.length) {
    out.push(value);
    return;
  }
  if (typeof value === 'object' && Object.hasOwn(value, path[at]!)) {
    collect((value as Record<string, unknown>)[path[at]!], path, at + 1, out);
  }
}

/** Every value `field` reaches in `record`: list items one by one, `actions.status` of every action. */
export function fieldValues(record: StoreRecord, field: ResolvedField): unknown[] {
  if (field.path.length === 1 && field.path[0] === 'id') return [record.id];
  if (field.path.length === 1) {
    // A top-level field, from the record's scalar fields when it has them (a list reads 3,000 meetings' dates
    // without parsing their lists); a list or mapping is in the whole fields.
    const scalars = record.scalarFields;
    const key = field.path[0]!;
    if (scalars && !scalars.more.includes(key)) {
      const value = Object.hasOwn(scalars.values, key) ? scalars.values[key] : undefined;
      return value === undefined || value === null ? [] : [value];
    }
  }
  const out: unknown[] = [];
  if (record.fields) collect(record.fields, field.path, 0, out);
  return out;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The id, then the name or title, short name and other names of a referenced record, folded, cached per id. */
function refNames(lookup: RecordLookup, cache: Map<string, string[]>, id: string): string[] {
  let names = cache.get(id);
  if (!names) {
    names = [id];
    const f = lookup.get(id)?.fields;
    for (const key of ['name', 'title', 'short_name']) {
      const v = f?.[key];
      if (typeof v === 'string') names.push(fold(v));
    }
    const others = f?.other_names;
    if (Array.isArray(others)) {
      for (const o of others) if (typeof o?.name === 'string') names.push(fold(o.name));
    }
    cache.set(id, names);
  }
  return names;
}

function checkDate(cond: Condition, field: ResolvedField, value: string, today: string): string {
  if (value === 'today') return today;
  if (!PARTIAL_DATE.test(value) || !isRealPeriod(value)) {
    throw new UsageError(`\`${field.name}\` is a date, and "${value}" is not one (in "${cond.expr}")`, 'write a date as YYYY-MM-DD, a month as YYYY-MM, a year as YYYY, or `today`');
  }
  return value;
}

function isRealPeriod(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkEnum(cond: Condition, field: ResolvedField, value: string): void {
  if (!field.values || field.values.includes(value)) return;
  const guess = suggest(value, field.values);
  throw new UsageError(
    `"${value}" is not a possible \`${field.name}\` (in "${cond.expr}")`,
    `${guess ? `did you mean ${guess}? ` : ''}one of: ${field.values.join(', ')}`,
  );
}

/** Compare a value with a wanted value of the same kind: negative, zero or positive. */
type Compare = (value: unknown) => number | undefined;

function comparer(field: ResolvedField, wanted: string): Compare {
  if (field.kind === 'date') {
    // A year or month is a period: compare the value's prefix of the same length, so `date<=2019` takes all of 2019.
    return (v) => (typeof v === 'string' ? cmp(v.slice(0, wanted.length), wanted) : undefined);
  }
  const n = Number(wanted);
  return (v) => (typeof v === 'number' ? v - n : undefined);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ORDER_TEST: Record<'>' | '>=' | '<' | '<=', (c: number) => boolean> = {
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
};

/** A predicate for one condition on records of `type`. Checks the field and the values first. */
export function compileCondition(
  type: RecordType,
  cond: Condition,
  options: { today: string; lookup: RecordLookup },
): (record: StoreRecord) => boolean {
  const field = resolveField(type, cond.field);
  const values = (r: StoreRecord) => fieldValues(r, field);
  if (cond.op === '?') return (r) => values(r).length > 0;
  if (cond.op === '!') return (r) => values(r).length === 0;

  if (field.kind === 'object') {
    throw new UsageError(
      `\`${field.name}\` is a list of mappings and cannot be compared as a whole (in "${cond.expr}")`,
      `compare one of its fields instead: ${field.subfields?.join(', ') ?? ''}; or test presence with \`${field.name}?\``,
    );
  }

  if (cond.op === '>' || cond.op === '>=' || cond.op === '<' || cond.op === '<=') {
    const wanted = cond.values[0]!;
    if (field.kind === 'date') checkDate(cond, field, wanted, options.today);
    else if (field.kind === 'integer') {
      if (!INTEGER.test(wanted)) throw new UsageError(`\`${field.name}\` is a whole number, and "${wanted}" is not one (in "${cond.expr}")`);
    } else {
      throw new UsageError(
        `\`${cond.op}\` compares dates and numbers, and \`${field.name}\` is ${field.kind === 'ref' ? 'a reference' : field.kind === 'enum' ? 'a choice' : 'text'} (in "${cond.expr}")`,
        `use \`${field.name}=VALUE\` or \`${field.name}~TEXT\``,
      );
    }
    const compare = comparer(field, wanted === 'today' ? options.today : wanted);
    const test = ORDER_TEST[cond.op];
    return (r) =>
      values(r).some((v) => {
        const c = compare(v);
        return c !== undefined && test(c);
      });
  }

  const cache = new Map<string, string[]>();
  let match: (v: unknown) => boolean;
  if (cond.op === '~') {
    const needles = cond.values.map(fold);
    match = (v) => {
      if (field.kind === 'ref' && typeof v === 'string') {
        return refNames(options.lookup, cache, v).some((n) => needles.some((w) => n.includes(w)));
      }
      const t = asText(v);
      if (t === undefined) return false;
      const folded = fold(t);
      return needles.some((w) => folded.includes(w));
    };
  } else if (field.kind === 'date') {
    const wanted = cond.values.map((w) => checkDate(cond, field, w, options.today));
    match = (v) => typeof v === 'string' && wanted.some((w) => v.slice(0, w.length) === w);
  } else if (field.kind === 'integer') {
    for (const w of cond.values) {
      if (!INTEGER.test(w)) throw new UsageError(`\`${field.name}\` is a whole number, and "${w}" is not one (in "${cond.expr}")`);
    }
    const wanted = cond.values.map(Number);
    match = (v) => typeof v === 'number' && wanted.includes(v);
  } else if (field.kind === 'enum') {
    for (const w of cond.values) checkEnum(cond, field, w);
    match = (v) => typeof v === 'string' && cond.values.includes(v);
  } else if (field.kind === 'ref') {
    const wanted = cond.values.map(fold);
    match = (v) => typeof v === 'string' && refNames(options.lookup, cache, v).some((n) => wanted.includes(n));
  } else {
    const wanted = cond.values.map(fold);
    match = (v) => {
      const t = asText(v);
      return t !== undefined && wanted.includes(fold(t));
    };
  }
  if (cond.op === '!=') return (r) => !values(r).some(match);
  return (r) => values(r).some(match);
}

/** One predicate for all `--where` expressions (ANDed). */
export function compileWhere(
  type: RecordType,
  exprs: readonly string[],
  options: { today: string; lookup: RecordLookup },
): (record: StoreRecord) => boolean {
  const tests = exprs.map((e) => compileCondition(type, parseWhere(e), options));
  return (r) => tests.every((t) => t(r));
}

export interface SortKey {
  field: ResolvedField;
  descending: boolean;
}

/** Newest first for dated types, by name otherwise; the id breaks remaining ties. */
export function defaultSort(type: RecordType): string[] {
  switch (type) {
    case 'meeting':
      return ['-date', 'title'];
    case 'proposal':
      return ['-submitted_on', 'title'];
    case 'agreement':
      return ['-signed_on', 'title'];
    default:
      return ['name'];
  }
}

/** Parse `--sort` values (`-date`, `title`, `-date,title`). */
export function parseSort(type: RecordType, specs: readonly string[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const trimmed = spec.trim();
    if (!trimmed) continue;
    const descending = trimmed.startsWith('-');
    const name = trimmed.replace(/^[-+]/, '');
    const field = resolveField(type, name);
    if (field.kind === 'object') {
      throw new UsageError(`cannot sort by \`${name}\`, a list of mappings`, `sort by one of its fields: ${field.subfields?.join(', ') ?? ''}`);
    }
    keys.push({ field, descending });
  }
  return keys;
}

type SortValue = string | number | undefined;
const UNSET: unique symbol = Symbol('unset');

function sortValue(record: StoreRecord, field: ResolvedField, lookup: RecordLookup, cache: Map<string, string[]>): SortValue {
  const first = fieldValues(record, field)[0];
  if (first === undefined) return undefined;
  if (field.kind === 'integer') return typeof first === 'number' ? first : undefined;
  if (field.kind === 'date') return asText(first);
  if (field.kind === 'ref' && typeof first === 'string') {
    const names = refNames(lookup, cache, first);
    return names[1] ?? names[0];
  }
  const t = asText(first);
  return t === undefined ? undefined : fold(t);
}

/** Sort records by `keys` (missing values last in either direction), then by id. Stable and O(n log n). */
export function sortRecords(records: readonly StoreRecord[], keys: readonly SortKey[], lookup: RecordLookup): StoreRecord[] {
  const cache = new Map<string, string[]>();
  // A value is computed when a comparison first needs it: later keys only break ties of the earlier ones.
  const rows = records.map((record) => ({ record, values: new Array<SortValue | typeof UNSET>(keys.length).fill(UNSET) }));
  const valueOf = (row: (typeof rows)[number], i: number): SortValue => {
    const v = row.values[i];
    return v !== UNSET ? v : (row.values[i] = sortValue(row.record, keys[i]!.field, lookup, cache));
  };
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = valueOf(a, i);
      const y = valueOf(b, i);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : cmp(String(x), String(y));
      if (c !== 0) return keys[i]!.descending ? -c : c;
    }
    return cmp(a.record.id, b.record.id);
  });
  return rows.map((r) => r.record);
}

/** Filter, sort and cut: the whole of `dossier list` short of printing. */
export function queryRecords(
  records: readonly StoreRecord[],
  type: RecordType,
  options: QueryOptions,
  lookup: RecordLookup,
): StoreRecord[] {
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 0)) {
    throw new UsageError(`--limit must be a whole number, 0 or more (got ${options.limit})`);
  }
  const test = compileWhere(type, options.where ?? [], { today: options.today, lookup });
  const keys = parseSort(type, options.sort && options.sort.length > 0 ? options.sort : defaultSort(type));
  const matching = records.filter((r) => r.type === type && r.valid && test(r));
  const sorted = sortRecords(matching, keys, lookup);
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}
