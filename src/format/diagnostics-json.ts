/** Diagnostics for tools: one stable JSON document. */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Summary } from './diagnostics-pretty.js';

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[], root: string, summary: Summary): string {
  const doc = {
    ok: summary.errors === 0,
    root,
    records: summary.records,
    errors: summary.errors,
    warnings: summary.warnings,
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
