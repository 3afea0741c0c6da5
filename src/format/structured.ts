/**
 * Machine formats of plain objects: a JSON array, one JSON object a line, or a YAML sequence.
 * Exact and still safe on a terminal: characters that can steer a terminal (C0, DEL, C1, bidi overrides)
 * are written as `\uXXXX` escapes, which JSON and YAML double-quoted strings read back as the same text.
 */
import { loadYaml } from '../core/frontmatter.js';

export type StructuredFormat = 'json' | 'ndjson' | 'yaml';

// JSON.stringify already escapes C0; these it leaves raw.
const UNSAFE_REST = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_ANY = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const uEscape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text of `value`, with every terminal-steering character escaped. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_REST, uEscape);
}

function toYaml(value: unknown): string {
  // The yaml package is loaded only when YAML output is asked for.
  const { Document, visit } = loadYaml();
  const doc = new Document(value);
  // A string holding a control character is written double-quoted, where `\uXXXX` escapes are allowed.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && UNSAFE_ANY.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 }).replace(UNSAFE_REST, uEscape);
}

export function formatStructured(objects: readonly object[], format: StructuredFormat): string {
  if (format === 'ndjson') return objects.map((o) => `${toJson(o)}\n`).join('');
  if (format === 'yaml') return objects.length === 0 ? '[]\n' : toYaml(objects);
  return `${toJson(objects, 2)}\n`;
}
