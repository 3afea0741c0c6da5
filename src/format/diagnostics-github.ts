/** Diagnostics as GitHub Actions workflow commands, so problems show inline on pull requests. */
import type { Diagnostic } from '../core/diagnostic.js';
import { escapeControl } from '../core/quote.js';

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [`file=${escapeProperty(escapeControl(d.file))}`, `line=${d.line}`, `col=${d.column}`];
      if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
      if (d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
      props.push(`title=${escapeProperty(d.code)}`);
      const message = d.hint ? `${d.message} (${d.hint})` : d.message;
      // Control characters other than newlines must not reach the log raw.
      const clean = message.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return `::${d.severity} ${props.join(',')}::${escapeData(clean)}\n`;
    })
    .join('');
}
