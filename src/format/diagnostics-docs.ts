/** docs/diagnostics.md, generated from the catalog so the docs never drift from the messages. */
import { CODES, type CodeInfo } from '../core/codes.js';

export function renderDiagnosticsDoc(): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/core/codes.ts by `npm run generate`; do not edit by hand. -->',
    '',
    'Every problem `dossier validate` reports has a stable code, a severity, and a position',
    '(`file:line:column`, 1-based, the opening `---` is line 1). Errors make `validate` exit 1;',
    'warnings do too with `--strict`. Codes are grouped by what they are about:',
    '`file/` (reading), `store/` (what is in records/), `frontmatter/` and `yaml/` (parsing),',
    '`schema/` (fields and values), `id/` (file names), `ref/` (references), `rule/` (rules across fields and records).',
    '',
    '| code | severity | what it means |',
    '| --- | --- | --- |',
  ];
  const entries = Object.entries(CODES) as [string, CodeInfo][];
  for (const [code, info] of entries) out.push(`| [\`${code}\`](#${code.replace(/\//g, '')}) | ${info.severity} | ${info.title} |`);
  for (const [code, info] of entries) {
    out.push('', `## ${code}`, '', `**${info.severity}** — ${info.title}`, '', 'Triggered by:', '', '```', info.example, '```', '', `**Fix:** ${info.fix}`);
  }
  return `${out.join('\n')}\n`;
}
