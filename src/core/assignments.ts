/**
 * `field=value`, `field+=value`, `field-=value` and `--unset field` as edit operations, checked against the
 * record type's schema: the field must exist (with a "did you mean"), and the value is read as one YAML
 * flow value (`[a, b]` is a list, `15` a number), except that a text field takes the text as written, so
 * `title=Follow-up: second round` needs no quoting.
 */
import { isAlias, isMap, isSeq, parseDocument, visit } from 'yaml';
import { EditError, type EditOp, type Path } from './edit.js';
import type { RecordType } from './kinds.js';
import { fieldInfo, fieldsOfType, type FieldInfo } from './schema-info.js';
import { suggest } from './suggest.js';
import { YAML_OPTIONS } from './yaml-render.js';

export type AssignOp = '=' | '+=' | '-=';

export interface Assignment {
  /** As the user wrote it, for messages and commit subjects. */
  raw: string;
  path: Path;
  op: AssignOp;
  valueText: string;
}

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.([0-9]+|[A-Za-z_][A-Za-z0-9_]*))*$/;

/** Split `actions.0.status=done` into a path, an operator and the value text. */
export function parseAssignment(raw: string): Assignment {
  const m = /^([^=+-]*?)(\+=|-=|=)([\s\S]*)$/.exec(raw);
  if (!m || !PATH_RE.test(m[1]!)) {
    throw new EditError(`cannot read \`${raw}\`: expected field=value, field+=value or field-=value`, 'for example `status=adopted`, `participants+=dpnsee`, `actions.0.status=done`');
  }
  const path: Path = m[1]!.split('.').map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
  return { raw, path, op: m[2] as AssignOp, valueText: m[3]! };
}

/** Parse `--unset` arguments: a dotted path. */
export function parseUnsetPath(raw: string): Path {
  if (!PATH_RE.test(raw)) throw new EditError(`cannot read \`--unset ${raw}\`: expected a field name such as \`end_date\` or \`actions.0.due\``);
  return raw.split('.').map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}

/** What the schema says about the value at `path` of a record of `type`. */
export function fieldAt(type: RecordType, path: Path): FieldInfo {
  const [head, ...rest] = path;
  if (typeof head !== 'string') throw new EditError('a path starts with a field name');
  if (head === 'id' || head === 'type') {
    throw new EditError(`\`${head}\` is the record's ${head === 'id' ? 'file name' : 'folder'} and cannot be set`, head === 'id' ? 'use `dossier rename OLD NEW`' : 'make a new record of the other type');
  }
  let info = fieldInfo(type, head);
  if (!info) {
    const names = fieldsOfType(type).map((f) => f.name);
    const near = suggest(head, names);
    throw new EditError(`\`${head}\` is not a field of ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`, near ? `did you mean \`${near}\`?` : `the fields are: ${names.join(', ')}`);
  }
  let where = head;
  for (const seg of rest) {
    if (typeof seg === 'number') {
      if (info.kind !== 'list' && info.kind !== 'object-list') throw new EditError(`\`${where}\` is not a list`);
      info = info.kind === 'object-list' ? { name: info.name, kind: 'other', required: true, fields: info.fields } : info.item!;
    } else {
      const sub: FieldInfo | undefined = info.fields?.find((f) => f.name === seg);
      if (!sub) {
        const names = info.fields?.map((f) => f.name) ?? [];
        if (!info.fields) throw new EditError(`\`${where}\` has no fields; \`${where}.${seg}\` does not exist`);
        throw new EditError(`\`${seg}\` is not a field of \`${where.replace(/\.[0-9]+$/, '')}\` items`, `they have: ${names.join(', ')}`);
      }
      info = sub;
    }
    where += `.${seg}`;
  }
  return info;
}

const STRING_KINDS = new Set<FieldInfo['kind']>(['text', 'date', 'enum', 'ref', 'url', 'email']);

/** One YAML flow value: `[a, b]`, `{task: x, owner: y}`, `15`, `"quoted"`. No anchors, aliases or tags. */
export function parseYamlValue(text: string): unknown {
  const doc = parseDocument(text, { ...YAML_OPTIONS, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new EditError(`cannot read the value \`${text}\` as YAML: ${doc.errors[0]!.message.split('\n')[0]}`, 'lists are written [a, b], mappings {key: value}; quote text with "..."');
  let unsafe = false;
  visit(doc, {
    Node: (_k, node) => {
      if (isAlias(node) || node.anchor || node.tag) unsafe = true;
    },
  });
  if (unsafe) throw new EditError(`the value \`${text}\` uses YAML anchors, aliases or tags, which records do not allow`);
  const root = doc.contents;
  if ((isMap(root) || isSeq(root)) && !root.flow) throw new EditError(`the value \`${text}\` is not one flow value`, 'write lists as [a, b] and mappings as {key: value}');
  return doc.toJS() as unknown;
}

/** The value of an assignment, read according to the field it goes to. */
export function parseValue(text: string, info: FieldInfo | undefined): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new EditError('an empty value', 'to remove a field use `--unset FIELD`');
  if (info && STRING_KINDS.has(info.kind) && !/^["']/.test(trimmed)) return trimmed;
  const value = parseYamlValue(trimmed);
  // A text field given something YAML reads as a number (`title=2019`) still means the text.
  if (info && STRING_KINDS.has(info.kind) && typeof value !== 'string' && !/^["']/.test(trimmed)) return trimmed;
  return value;
}

/** An assignment as an edit operation on a record of `type`. */
export function assignmentToOp(type: RecordType, a: Assignment): EditOp {
  const info = fieldAt(type, a.path);
  if (a.op === '=') return { op: 'set', path: a.path, value: parseValue(a.valueText, info) };
  if (info.kind !== 'list' && info.kind !== 'object-list') {
    throw new EditError(`\`${a.path.join('.')}\` is not a list, so \`${a.op}\` does not apply`, `set it with \`${a.path.join('.')}=...\``);
  }
  const itemInfo = info.kind === 'list' ? info.item : undefined;
  return { op: a.op === '+=' ? 'append' : 'remove', path: a.path, value: parseValue(a.valueText, itemInfo) };
}

/** `--unset` as an edit operation; required fields cannot be unset. */
export function unsetToOp(type: RecordType, path: Path): EditOp {
  const info = fieldAt(type, path);
  if (path.length === 1 && info.required) throw new EditError(`\`${path[0]}\` is required and cannot be removed`, `change it instead: \`${String(path[0])}=...\``);
  return { op: 'unset', path };
}

/** Key order of the mapping at `path` for a record of `type`: the record model's (the zod shapes'). */
export function keyOrderOf(type: RecordType): (path: Path) => readonly string[] | undefined {
  const top = ['id', 'type', ...fieldsOfType(type).map((f) => f.name)];
  return (path) => {
    if (path.length === 0) return top;
    const head = path[0];
    if (typeof head !== 'string') return undefined;
    return fieldInfo(type, head)?.fields?.map((f) => f.name);
  };
}
