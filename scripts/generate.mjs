// Regenerates the committed, generated files from the build: schemas/json/*.schema.json and docs/diagnostics.md.
// Tests fail when the committed files differ from this output.
import { writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../dist/src/format/diagnostics-docs.js';
import { jsonSchemaText } from '../dist/src/commands/schema.js';
import { RECORD_TYPES } from '../dist/src/core/kinds.js';

for (const type of RECORD_TYPES) writeFileSync(new URL(`../schemas/json/${type}.schema.json`, import.meta.url), jsonSchemaText(type));
writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsDoc());
console.log('wrote schemas/json/*.schema.json and docs/diagnostics.md');
const { renderSchemaTable } = await import('../dist/src/core/schema-introspect.js');
writeFileSync(new URL('../src/core/schema-table.generated.ts', import.meta.url), renderSchemaTable());
console.log('wrote src/core/schema-table.generated.ts (rebuild to use it)');
