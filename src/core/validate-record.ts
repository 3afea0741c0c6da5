/**
 * Per-record validation: the file name as id, `id:`/`type:` echoes, and the zod schema with
 * every issue (not only the first) turned into a located diagnostic.
 */
import type * as z from 'zod';
import { schemas } from '../../schemas/index.js';
import { diagnostic } from './codes.js';
import type { Diagnostic } from './diagnostic.js';
import type { RecordType } from './kinds.js';
import { FRONTMATTER_START, locate, type LocationIndex } from './locations.js';
import { ASK_ZOD, fastParse } from './zod-fast-path.js';
import { describeType, quoteValue, withArticle } from './quote.js';
import type { Fields } from './record.js';
import { fieldInfo, fieldsOfType } from './schema-info.js';
import { suggest } from './suggest.js';

export interface RecordCheck {
  fields: Fields | undefined;
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** Validate one record's frontmatter against its type's schema. */
export function checkRecord(type: RecordType, id: string, file: string, data: Fields, locationsOf: () => LocationIndex): RecordCheck {
  const diagnostics: Diagnostic[] = [];
  // `id:` and `type:` are rare: checked without making a list per record.
  if (data.id !== undefined && data.id !== id) diagnostics.push(echoMismatch('id', id, data.id, file, locationsOf));
  if (data.type !== undefined && data.type !== type) diagnostics.push(echoMismatch('type', type, data.type, file, locationsOf));
  // Without zod's eval-compiled fast path: a CLI run parses each schema a few thousand times at most, too few to
  // repay compiling it (10,000 records: ~45 ms faster without).
  // A record that passes takes the fast path; zod proper runs only for one that may not (for its issues).
  const fast = fastParse(schemas[type], data);
  if (fast !== ASK_ZOD) return { fields: fast as Fields, valid: diagnostics.length === 0, diagnostics };
  const result = schemas[type].safeParse(data, { jitless: true });
  if (result.success) return { fields: result.data as Fields, valid: diagnostics.length === 0, diagnostics };
  const locations = locationsOf();
  for (const issue of result.error.issues) diagnostics.push(...issueToDiagnostics(issue, type, file, data, locations));
  return { fields: data, valid: false, diagnostics };
}

function echoMismatch(field: 'id' | 'type', expected: string, value: unknown, file: string, locationsOf: () => LocationIndex): Diagnostic {
  return diagnostic('id/mismatch', file, locate(locationsOf(), [field]), {
    field,
    found: quoteValue(value),
    expected: field === 'id' ? `\`${expected}\`` : withArticle(expected),
    hint: field === 'id' ? 'the file name is the id; remove the `id:` line or rename the file' : 'the folder is the type; move the file or fix `type:`',
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, key as string)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `participants`, `actions[2].owner` */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function whereOf(type: RecordType, path: readonly PropertyKey[]): string {
  if (path.length === 0) return withArticle(type);
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last + 1} of \`${fieldName(path.slice(0, -1))}\`` : `\`${fieldName(path)}\``;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping',
  int: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

const FORMATS: Record<string, string> = {
  date: 'a date written YYYY-MM-DD, a real calendar day',
  url: 'an absolute http:// or https:// URL',
  email: 'an email address',
};

function issueToDiagnostics(issue: z.core.$ZodIssue, type: RecordType, file: string, data: Fields, locations: LocationIndex): Diagnostic[] {
  const path = issue.path as (string | number)[];
  const value = valueAt(data, path);
  const field = fieldName(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parentPath = path;
      const known = knownFields(type, parentPath, data);
      return issue.keys.map((key) =>
        diagnostic('schema/unknown-field', file, locate(locations, [...parentPath, key], 'key'), {
          field: parentPath.length ? `${fieldName(parentPath)}.${key}` : key,
          where: whereOf(type, parentPath),
          suggestion: suggest(key, known),
          fields: known.join(', '),
        }),
      );
    }
    case 'invalid_type':
    case 'invalid_value': {
      if (value !== undefined && issue.code === 'invalid_value') return [enumDiagnostic(issue.values, file, locations, path, field, value)];
      if (value === undefined) {
        const parent = path.slice(0, -1);
        const missing = String(path[path.length - 1]);
        const hint = path.length === 1 ? requiredHint(type, missing) : undefined;
        return [diagnostic('schema/required', file, parent.length ? locate(locations, parent) : FRONTMATTER_START, { where: whereOf(type, parent), field: missing, hint })];
      }
      if (issue.code !== 'invalid_type') return [];
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const hint = issue.expected === 'array' && typeof value !== 'object' ? `write a list: \`${String(path[path.length - 1])}: [${typeof value === 'string' ? value : quoteValue(value)}]\`` : undefined;
      const found = typeof value === 'string' || typeof value === 'number' ? `${describeType(value)} ${quoteValue(value)}` : describeType(value);
      return [diagnostic('schema/type', file, locate(locations, path), { field, expected, found, hint })];
    }
    case 'invalid_format': {
      const expected = FORMATS[issue.format] ?? issue.message;
      const hint = issue.format === 'date' && typeof value === 'string' ? dateHint(value) : undefined;
      return [diagnostic('schema/format', file, locate(locations, path), { field, expected, found: quoteValue(value), hint })];
    }
    case 'too_small': {
      const detail = issue.origin === 'array'
        ? `must list at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'} (found ${Array.isArray(value) ? value.length : 0})`
        : issue.origin === 'string' ? 'must not be empty'
        : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
      return [diagnostic('schema/too-small', file, locate(locations, path), { field, detail })];
    }
    case 'custom': {
      if (issue.params?.code === 'empty') return [diagnostic('schema/too-small', file, locate(locations, path), { field, detail: 'must not be empty' })];
      return [diagnostic('schema/format', file, locate(locations, path), { field, expected: issue.message, found: quoteValue(value) })];
    }
    default:
      return [diagnostic('schema/format', file, locate(locations, path), { field, expected: issue.message, found: quoteValue(value) })];
  }
}

function enumDiagnostic(values: readonly unknown[], file: string, locations: LocationIndex, path: (string | number)[], field: string, value: unknown): Diagnostic {
  const allowed = values.map((v) => `\`${String(v)}\``).join(', ');
  const suggestion = typeof value === 'string' ? suggest(value, values.map(String)) : undefined;
  return diagnostic('schema/enum', file, locate(locations, path), { field, allowed, found: quoteValue(value), suggestion });
}

function knownFields(type: RecordType, parentPath: readonly PropertyKey[], data: Fields): string[] {
  if (parentPath.length === 0) return fieldsOfType(type).map((f) => f.name);
  // Nested mappings (actions items, other_names, documents): the fields of the list's items.
  const top = fieldInfo(type, String(parentPath[0]));
  void data;
  return top?.fields?.map((f) => f.name) ?? [];
}

function requiredHint(type: RecordType, field: string): string | undefined {
  const info = fieldInfo(type, field);
  if (info?.kind === 'enum') return `add \`${field}: <one of ${info.values!.join(', ')}>\``;
  if (info?.kind === 'date') return `add \`${field}: YYYY-MM-DD\``;
  return `add \`${field}: ...\``;
}

function dateHint(value: string): string | undefined {
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(value.trim());
  if (dmy) return `write it as ${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'that day does not exist in the calendar';
  return 'write dates as YYYY-MM-DD';
}
