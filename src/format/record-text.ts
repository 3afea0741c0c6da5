/**
 * One record for people (`dossier show`): name, type, id and file; every field with references resolved
 * to `Name (id)`; the Markdown body; then what refers to the record. Control characters are escaped.
 */
import type { BacklinkGroup } from '../core/backlinks.js';
import { FOLDER_OF, labelField } from '../core/kinds.js';
import { escapeControl } from '../core/quote.js';
import type { StoreRecord } from '../core/record.js';
import { recordLabel } from '../core/record.js';
import { fieldsOfType, type FieldInfo } from '../core/schema-info.js';
import type { Style } from './style.js';

export interface RecordTextOptions {
  body: string;
  backlinks: readonly BacklinkGroup[];
  /** The name or title of a referenced id. */
  label: (id: string) => string;
  style: Style;
}

function scalar(value: unknown, info: FieldInfo | undefined, label: (id: string) => string): string {
  if (info?.kind === 'ref' && typeof value === 'string') return `${escapeControl(label(value))} (${value})`;
  if (typeof value === 'string') return escapeControl(value);
  return escapeControl(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function fieldLines(name: string, value: unknown, info: FieldInfo | undefined, o: RecordTextOptions, indent: string): string[] {
  const key = o.style.bold(`${name}:`);
  if (!Array.isArray(value)) return [`${indent}${key} ${scalar(value, info, o.label)}`];
  const lines = [`${indent}${key}`];
  for (const item of value) {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      // A mapping in a list: `- task: ...` then its other keys aligned under the first.
      Object.entries(item as Record<string, unknown>).forEach(([k, v], i) => {
        const sub = info?.fields?.find((f) => f.name === k);
        fieldLines(k, v, sub, o, '').forEach((line, j) => lines.push(`${indent}  ${i === 0 && j === 0 ? '- ' : '  '}${line}`));
      });
    } else lines.push(`${indent}  - ${scalar(item, info?.item, o.label)}`);
  }
  return lines;
}

function bodyLines(body: string): string[] {
  const lines = body.split('\n').map((l) => escapeControl(l.replace(/\r$/, '').replace(/\t/g, '    ')));
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

export function formatRecordText(record: StoreRecord, o: RecordTextOptions): string {
  const { style } = o;
  const out = [style.bold(escapeControl(recordLabel(record))), style.dim(`${record.type} ${record.id} · ${record.file}`), ''];
  const fields = record.fields ?? {};
  const known = fieldsOfType(record.type);
  const skip = new Set(['id', 'type', labelField(record.type)]);
  for (const info of known) {
    if (skip.has(info.name) || fields[info.name] === undefined) continue;
    out.push(...fieldLines(info.name, fields[info.name], info, o, ''));
  }
  const body = bodyLines(o.body);
  if (body.length > 0) out.push('', ...body);
  out.push('');
  if (o.backlinks.length === 0) out.push(style.dim('Nothing refers to it.'));
  else {
    out.push(style.bold('Referred to by:'));
    for (const g of o.backlinks) {
      out.push(`  ${FOLDER_OF[g.type]}, as ${g.field}:`);
      for (const r of g.records) out.push(`    ${escapeControl(recordLabel(r))} ${style.dim(`(${r.id})`)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
