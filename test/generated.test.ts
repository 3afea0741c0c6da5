/** The committed generated files must be exactly what the generators produce from the zod schemas and the catalog. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText } from '../src/commands/schema.js';
import { CODES } from '../src/core/codes.js';
import { RECORD_TYPES } from '../src/core/kinds.js';
import { renderDiagnosticsDoc } from '../src/format/diagnostics-docs.js';
import { renderSchemaTable } from '../src/core/schema-introspect.js';
import { fieldInfo, privateFieldsOfType } from '../src/core/schema-info.js';
import { REPO_ROOT } from './helpers/cli.js';

const committed = (rel: string) => readFileSync(path.join(REPO_ROOT, rel), 'utf8');

describe('generated files are up to date (run `npm run generate` after changing schemas or codes)', () => {
  for (const type of RECORD_TYPES) {
    it(`schemas/json/${type}.schema.json`, () => {
      expect(committed(`schemas/json/${type}.schema.json`)).toBe(jsonSchemaText(type));
    });
  }

  it('docs/diagnostics.md lists every code with an example and a fix', () => {
    const doc = committed('docs/diagnostics.md');
    expect(doc).toBe(renderDiagnosticsDoc());
    for (const code of Object.keys(CODES)) expect(doc).toContain(`## ${code}\n`);
  });

  it('src/core/schema-table.generated.ts matches the zod schemas', () => {
    expect(committed('src/core/schema-table.generated.ts')).toBe(renderSchemaTable());
  });

  it("the table names the private contact fields: a person's email and phone, fields of the type", () => {
    expect(RECORD_TYPES.filter((t) => privateFieldsOfType(t).length > 0)).toEqual(['person']);
    expect(privateFieldsOfType('person')).toEqual(['email', 'phone']);
    for (const name of privateFieldsOfType('person')) expect(fieldInfo('person', name)).toBeDefined();
  });

  it('the JSON Schemas are draft 2020-12 and mark references', () => {
    const meeting = JSON.parse(committed('schemas/json/meeting.schema.json'));
    expect(meeting.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(meeting.required).toEqual(['title', 'date']);
    expect(meeting.properties.host['x-dossier-ref']).toEqual(['organisation']);
    expect(meeting.additionalProperties).toBe(false);
  });
});
