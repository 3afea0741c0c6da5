/**
 * The store diff as JSON for tools. The shape is stable: keys always in this order, absent values as null,
 * lists always present. `version` changes only when the shape does.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { DiffValue, FieldChange, RecordChange, StoreDiff } from '../core/record-diff.js';
import type { DiffSides } from './diff-text.js';

export const DIFF_JSON_VERSION = 1;

function value(v: DiffValue | null): unknown {
  if (!v) return null;
  return { value: v.value, label: v.label ?? null, ...(v.labels ? { labels: v.labels } : {}) };
}

export function fieldChangeJson(f: FieldChange): Record<string, unknown> {
  switch (f.kind) {
    case 'value':
      return { field: f.field, kind: f.kind, before: value(f.before), after: value(f.after) };
    case 'list':
      return { field: f.field, kind: f.kind, added: f.added.map(value), removed: f.removed.map(value), reordered: f.reordered };
    case 'body':
      return { field: f.field, kind: f.kind, added: f.added, removed: f.removed };
    case 'reference':
      return { field: f.field, kind: f.kind, from: f.from, to: f.to };
    case 'unreadable':
      return { field: f.field, kind: f.kind, before: f.before, after: f.after };
    default:
      return { field: f.field, kind: f.kind };
  }
}

function recordJson(r: RecordChange): Record<string, unknown> {
  return {
    change: r.change,
    type: r.type,
    id: r.id,
    path: r.path,
    label: r.label,
    previous_id: r.previousId ?? null,
    previous_path: r.previousPath ?? null,
    references_updated: r.change === 'renamed' ? (r.references ?? 0) : null,
    referenced_by: r.change === 'renamed' ? (r.referencedBy ?? []) : null,
    private: r.private ?? false,
    fields: r.fields.map(fieldChangeJson),
  };
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message, hint: d.hint ?? null };
}

export function formatDiffJson(diff: StoreDiff, sides: DiffSides): string {
  const v = diff.validation;
  const doc = {
    version: DIFF_JSON_VERSION,
    base: sides.base,
    head: sides.head,
    summary: { added: diff.summary.added, renamed: diff.summary.renamed, changed: diff.summary.changed, removed: diff.summary.removed },
    records: diff.records.map(recordJson),
    validation: {
      base: { errors: v.base.errors, warnings: v.base.warnings },
      head: { errors: v.head.errors, warnings: v.head.warnings },
      errors_introduced: v.introduced.filter((d) => d.severity === 'error').length,
      errors_fixed: v.fixed.filter((d) => d.severity === 'error').length,
      introduced: v.introduced.map(diagnosticJson),
      fixed: v.fixed.map(diagnosticJson),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
