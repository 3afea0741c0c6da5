/**
 * Rendering values as YAML text the way records are written: YAML 1.2 core, strings quoted only where
 * YAML needs it, no line folding, collections in block style. Used by `new` (whole records) and by the
 * edit engine (one value at a time), so both quote the same way.
 */
import { Document, isCollection, isScalar, Scalar, visit, YAMLSeq, type Node } from 'yaml';

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

export interface RenderOptions {
  /** Block sequences under a key indented by two spaces (`  - a`, the default) or not (`- a`). */
  indentSeq: boolean;
}

export const YAML_OPTIONS = { version: '1.2', schema: 'core' } as const;
/** No folding of long lines: a long title stays on one line, so a diff of it is one line. */
export const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

function emptyDoc(): Document {
  return new Document(null, YAML_OPTIONS);
}

/** Make every collection inside `node` block style (flow false), so records never get `[a, b]` by accident. */
export function blockStyle(node: unknown): void {
  if (!node) return;
  visit(node as Node, {
    Map: (_k, n) => void (n.flow = false),
    Seq: (_k, n) => void (n.flow = false),
  });
}

/**
 * One scalar as YAML text, on one line. `type` asks for a quoting style; yaml falls back to a safe
 * one when the value cannot be written that way. In a flow collection (`inFlow`) `,[]{}` need quoting too.
 */
export function renderScalar(value: unknown, type: ScalarStyle | undefined, inFlow: boolean): string {
  const doc = emptyDoc();
  const make = (t: ScalarStyle | undefined): string => {
    const node = doc.createNode(value) as Scalar;
    if (t) node.type = t;
    if (inFlow) {
      const seq = new YAMLSeq();
      seq.flow = true;
      seq.items.push(node);
      doc.contents = seq;
      const s = doc.toString({ ...TO_STRING, flowCollectionPadding: false }).replace(/\n$/, '');
      return s.slice(1, -1);
    }
    doc.contents = node;
    return doc.toString(TO_STRING).replace(/\n$/, '');
  };
  const out = make(type);
  // Multi-line text would become a block scalar; inside one line it must be a double-quoted string.
  return out.includes('\n') ? make('QUOTE_DOUBLE') : out;
}

/** The style yaml picks when nothing is asked: PLAIN when plain text reads back as the same value. */
export function minimalStyle(value: unknown, inFlow: boolean): ScalarStyle {
  const s = renderScalar(value, undefined, inFlow);
  if (s.startsWith('"')) return 'QUOTE_DOUBLE';
  if (s.startsWith("'")) return 'QUOTE_SINGLE';
  return 'PLAIN';
}

/**
 * The quoting style for a new value that replaces `old`: a quoting the author chose where none was needed
 * (`name: "DPNSEE"`) is kept; otherwise the minimal style, so setting a value and setting it back restores
 * the original text.
 */
export function styleFor(old: Node | null | undefined, value: unknown, inFlow: boolean): ScalarStyle | undefined {
  if (typeof value !== 'string') return undefined;
  if (isScalar(old) && typeof old.value === 'string' && (old.type === 'QUOTE_DOUBLE' || old.type === 'QUOTE_SINGLE')) {
    const deliberate = minimalStyle(old.value, inFlow) === 'PLAIN';
    const representable = old.type === 'QUOTE_DOUBLE' || !/[\u0000-\u001f\u007f-\u009f]/.test(value);
    if (deliberate && representable) return old.type;
  }
  return undefined;
}

/** A collection (or scalar) as block YAML lines, without indentation or line ends: `['- a', '- b']`. */
export function renderBlockLines(value: unknown, options: RenderOptions): string[] {
  const doc = emptyDoc();
  doc.contents = doc.createNode(value) as Node;
  blockStyle(doc.contents);
  return doc.toString({ ...TO_STRING, indentSeq: options.indentSeq }).replace(/\n$/, '').split('\n');
}

/** A whole mapping (a record's frontmatter) as block YAML text ending in a newline. */
export function renderMapping(data: Record<string, unknown>, options: RenderOptions = { indentSeq: true }): string {
  if (Object.keys(data).length === 0) return '';
  const doc = emptyDoc();
  doc.contents = doc.createNode(data) as Node;
  blockStyle(doc.contents);
  return doc.toString({ ...TO_STRING, indentSeq: options.indentSeq });
}

export function isCollectionNode(node: unknown): boolean {
  return isCollection(node);
}
