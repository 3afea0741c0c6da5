/**
 * The edit engine behind `set`, `rm --unlink` and `rename`: changes to a record's frontmatter that keep
 * every other byte of the file as it was — comments, key order, quoting, blank lines, CRLF, a BOM, the body.
 *
 * Each change is reduced to primitives (replace a value, insert a key, append an item, delete an item or
 * a key). A primitive is first tried through the `yaml` Document API (mutate the parsed document and
 * serialise it), which is only trusted when serialising the untouched document gives the file back
 * unchanged. Otherwise, or when the serialised result changes lines outside the edited node, it is done
 * as a surgical text edit of just that node's range, located by the parser. Either way the result is
 * verified before it is accepted: re-parsed, it must hold exactly the intended data, and every line
 * outside the edited node must be byte-identical. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseFrontmatter } from './frontmatter.js';
import { decodeUtf8 } from './record-file.js';
import { blockStyle, renderBlockLines, renderScalar, styleFor, TO_STRING, YAML_OPTIONS } from './yaml-render.js';

export type Path = (string | number)[];

/** One requested change, as `set` reads it from `field=value`, `field+=value`, `field-=value`, `--unset field`. */
export type EditOp =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'append'; path: Path; value: unknown }
  | { op: 'remove'; path: Path; value: unknown }
  | { op: 'unset'; path: Path };

/** A change that cannot be made; the message is for people. */
export class EditError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

export type Strategy = 'document' | 'surgical';

export interface EditOptions {
  /** Key order of the mapping at `path` (the record model's order), to place a new key among the others. */
  keyOrder?: (path: Path) => readonly string[] | undefined;
  /** `auto` (default): the Document API when it is exact, else surgical. The others are for tests. */
  strategy?: 'auto' | Strategy;
}

export interface EditResult {
  text: string;
  changed: boolean;
  /** How each primitive was done, in order. */
  strategies: Strategy[];
  /** Things worth telling: "dpnsee is already in participants". */
  notes: string[];
}

type Prim =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'insertKey'; path: Path; key: string; value: unknown }
  | { kind: 'append'; path: Path; value: unknown }
  | { kind: 'deleteItem'; path: Path; index: number }
  | { kind: 'deleteKey'; path: Path; key: string };

interface Splice {
  start: number;
  end: number;
  text: string;
}

const PARSE_OPTIONS = { ...YAML_OPTIONS, keepSourceTokens: true, uniqueKeys: true, merge: false, prettyErrors: false } as const;

/** `participants`, `actions.0.status` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

// ── plain data ──────────────────────────────────────────────────────────────────────────────────────

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function getPath(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(v) || seg < 0 || seg >= v.length) return undefined;
      v = v[seg];
    } else {
      if (!isPlainObject(v) || !Object.hasOwn(v, seg)) return undefined;
      v = v[seg];
    }
  }
  return v;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The data a primitive leaves behind, computed on plain values: what the edited text must parse to. */
function applyPrimToData(data: Record<string, unknown>, prim: Prim): Record<string, unknown> {
  const out = clone(data);
  const parentOf = (path: Path) => (path.length === 0 ? out : getPath(out, path));
  switch (prim.kind) {
    case 'replace': {
      const parent = parentOf(prim.path.slice(0, -1));
      const last = prim.path[prim.path.length - 1]!;
      if (Array.isArray(parent)) parent[last as number] = clone(prim.value);
      else setOwn(parent as Record<string, unknown>, String(last), clone(prim.value));
      break;
    }
    case 'insertKey':
      setOwn(parentOf(prim.path) as Record<string, unknown>, prim.key, clone(prim.value));
      break;
    case 'append':
      (parentOf(prim.path) as unknown[]).push(clone(prim.value));
      break;
    case 'deleteItem':
      (parentOf(prim.path) as unknown[]).splice(prim.index, 1);
      break;
    case 'deleteKey':
      delete (parentOf(prim.path) as Record<string, unknown>)[prim.key];
      break;
  }
  return out;
}

/** What an op means for the data at hand: the primitives to run, or nothing (with a note) when it is already so. */
function expandOp(data: Record<string, unknown>, op: EditOp): { prims: Prim[]; note?: string } {
  const where = formatPath(op.path);
  const parentPath = op.path.slice(0, -1);
  const last = op.path[op.path.length - 1];
  if (last === undefined) throw new EditError('a field name is needed');
  const parent = parentPath.length === 0 ? data : getPath(data, parentPath);
  const current = getPath(data, op.path);
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (parent === undefined || parent === null || typeof parent !== 'object') {
    throw new EditError(`\`${formatPath(parentPath)}\` does not exist in this record, so \`${where}\` cannot be changed`);
  }
  if (typeof last === 'number') {
    if (!Array.isArray(parent)) throw new EditError(`\`${formatPath(parentPath)}\` is not a list`);
    if (last < 0 || last >= parent.length) {
      throw new EditError(`\`${formatPath(parentPath)}\` has no item ${last}`, `its items are numbered 0 to ${parent.length - 1}`);
    }
  } else if (Array.isArray(parent)) {
    throw new EditError(`\`${formatPath(parentPath)}\` is a list; reach its items by number, e.g. \`${formatPath([...parentPath, 0, last])}\``);
  }
  const exists = typeof last === 'number' || Object.hasOwn(parent, last);
  switch (op.op) {
    case 'set':
      if (exists && deepEqual(current, op.value)) return { prims: [], note: `\`${where}\` is already ${show(op.value)}` };
      return { prims: [exists ? { kind: 'replace', path: op.path, value: op.value } : { kind: 'insertKey', path: parentPath, key: last as string, value: op.value }] };
    case 'unset':
      if (!exists) return { prims: [], note: `\`${where}\` was not set` };
      return { prims: [typeof last === 'number' ? { kind: 'deleteItem', path: parentPath, index: last } : { kind: 'deleteKey', path: parentPath, key: last }] };
    case 'append':
      if (!exists || current === null) {
        return { prims: [exists ? { kind: 'replace', path: op.path, value: [op.value] } : { kind: 'insertKey', path: parentPath, key: last as string, value: [op.value] }] };
      }
      if (!Array.isArray(current)) throw new EditError(`\`${where}\` is not a list, so nothing can be added to it`, `set it instead: \`${where}=...\``);
      if (current.some((item) => deepEqual(item, op.value))) return { prims: [], note: `${show(op.value)} is already in \`${where}\`` };
      return { prims: [{ kind: 'append', path: op.path, value: op.value }] };
    case 'remove': {
      if (!Array.isArray(current)) throw new EditError(`\`${where}\` is not a list${current === undefined ? ' in this record' : ''}, so nothing can be removed from it`);
      const indices = current.flatMap((item, i) => (deepEqual(item, op.value) ? [i] : []));
      if (indices.length === 0) {
        throw new EditError(`${show(op.value)} is not in \`${where}\``, current.length ? `it lists: ${current.map(show).join(', ')}` : undefined);
      }
      if (indices.length === current.length) {
        return { prims: [typeof last === 'number' ? { kind: 'replace', path: op.path, value: [] } : { kind: 'deleteKey', path: parentPath, key: last }] };
      }
      return { prims: indices.reverse().map((index) => ({ kind: 'deleteItem', path: op.path, index }) as Prim) };
    }
  }
}

// ── locating nodes ──────────────────────────────────────────────────────────────────────────────────

interface Located {
  node: Node | null;
  /** The pair holding the node, when its parent is a mapping. */
  pair?: Pair;
  /** Some collection above the node is in flow style (`[a, b]`, `{k: v}`). */
  inFlow: boolean;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function locate(doc: Document, path: Path): Located {
  let node = doc.contents as Node | null;
  let inFlow = false;
  let pair: Pair | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      inFlow ||= Boolean(node.flow);
      pair = pairOf(node, String(seg));
      if (!pair) throw new EditError(`\`${formatPath(path)}\` does not exist`);
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      inFlow ||= Boolean(node.flow);
      pair = undefined;
      node = (node.items[seg as number] as Node | undefined) ?? null;
    } else throw new EditError(`\`${formatPath(path)}\` does not exist`);
  }
  return { node, pair, inFlow };
}

// ── text helpers ────────────────────────────────────────────────────────────────────────────────────

const lineStartOf = (src: string, pos: number) => src.lastIndexOf('\n', pos - 1) + 1;
const lineEndOf = (src: string, pos: number) => {
  const i = src.indexOf('\n', pos);
  return i === -1 ? src.length : i + 1;
};
/** The end of the line holding `pos - 1`: where the next line starts. */
const endOfLines = (src: string, pos: number) => (pos > 0 && src[pos - 1] === '\n' ? pos : lineEndOf(src, pos));
/** `pos` moved back over one trailing line break, so a replacement keeps it. */
const beforeLineBreak = (src: string, pos: number) => {
  let p = pos;
  if (src[p - 1] === '\n') p--;
  if (src[p - 1] === '\r') p--;
  return p;
};

function pairEnd(pair: Pair): number {
  const v = pair.value as Node | null;
  if (v?.range) return v.range[1];
  return (pair.key as Node).range![1];
}

/** The offset just after the `:` of a block-mapping pair. */
function afterColon(src: string, pair: Pair): number {
  const i = src.indexOf(':', (pair.key as Node).range![1]);
  if (i === -1) throw new EditError('unexpected YAML layout');
  return i + 1;
}

function isBlockCollection(node: Node | null): node is YAMLMap | YAMLSeq {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

function isNonEmptyCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/**
 * A list of plain values that `set` creates where there was none is written on one line (`participants: [dpnsee]`),
 * so the commit is a one-line diff; later `+=` keep it one line. Lists of mappings, and lists replacing a
 * block list, stay in block style.
 */
function inlineList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
}

function renderFlow(value: unknown): string {
  if (value === null || typeof value !== 'object') return renderScalar(value, undefined, true);
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${renderScalar(k, undefined, true)}: ${renderFlow(v)}`).join(', ')}}`;
}

function inline(old: Node | null | undefined, value: unknown, inFlow: boolean): string {
  if (value !== null && typeof value === 'object') return renderFlow(value);
  return renderScalar(value, styleFor(old, value, inFlow), inFlow);
}

/** Does this file indent a block list under its key (`  - a`, yaml's default) or not (`- a`)? */
function detectIndentSeq(doc: Document, src: string): boolean {
  const root = doc.contents;
  if (!isMap(root)) return true;
  for (const p of root.items) {
    const v = p.value as Node | null;
    if (isSeq(v) && !v.flow && v.range) {
      const keyCol = (p.key as Node).range![0] - lineStartOf(src, (p.key as Node).range![0]);
      const dashCol = v.range[0] - lineStartOf(src, v.range[0]);
      return dashCol > keyCol;
    }
  }
  return true;
}

function indentString(src: string, pos: number): string {
  const before = src.slice(lineStartOf(src, pos), pos);
  return /^[ ]*$/.test(before) ? before : ' '.repeat(before.length);
}

/** Where a new key goes: after the last key that the record model puts before it. */
function insertionIndex(map: YAMLMap, key: string, order: readonly string[] | undefined): number {
  const rank = (k: string) => (order ? order.indexOf(k) : -1);
  const mine = rank(key);
  if (mine === -1) return map.items.length;
  let index = 0;
  map.items.forEach((p, i) => {
    const r = isScalar(p.key) ? rank(String(p.key.value)) : -1;
    if (r !== -1 && r < mine) index = i + 1;
  });
  return index;
}

// ── surgical edits ──────────────────────────────────────────────────────────────────────────────────

function surgicalSplice(src: string, doc: Document, prim: Prim, ctx: { eol: string; indentSeq: boolean; keyOrder?: EditOptions['keyOrder'] }): Splice {
  const { eol, indentSeq } = ctx;
  const blockText = (value: unknown, indent: string) => renderBlockLines(value, { indentSeq }).map((l) => indent + l).join(eol);
  switch (prim.kind) {
    case 'replace': {
      const loc = locate(doc, prim.path);
      const node = loc.node;
      const flowContext = loc.inFlow || ((isMap(node) || isSeq(node)) && Boolean(node.flow));
      if (!isNonEmptyCollection(prim.value) || flowContext || (inlineList(prim.value) && !isBlockCollection(node))) {
        const text = inline(node, prim.value, loc.inFlow);
        if (node && !isBlockCollection(node) && !(isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'))) {
          const [start, end] = node.range!;
          return { start, end, text: start > 0 && src[start - 1] === ':' ? ` ${text}` : text };
        }
        if (!loc.pair) throw new EditError(`cannot rewrite \`${formatPath(prim.path)}\` in place`, 'use `dossier edit`');
        const start = afterColon(src, loc.pair);
        return { start, end: beforeLineBreak(src, node?.range ? node.range[1] : start), text: ` ${text}` };
      }
      // A non-empty list or mapping in block style.
      if (loc.pair) {
        const keyStart = (loc.pair.key as Node).range![0];
        const keyIndent = indentString(src, keyStart);
        const childIndent = keyIndent + (Array.isArray(prim.value) && !indentSeq ? '' : '  ');
        const start = afterColon(src, loc.pair);
        const end = node?.range ? (isBlockCollection(node) || (isScalar(node) && node.type?.startsWith('BLOCK')) ? beforeLineBreak(src, node.range[1]) : node.range[1]) : start;
        return { start, end, text: eol + blockText(prim.value, childIndent) };
      }
      if (node?.range && !Array.isArray(prim.value)) {
        // A mapping as a list item: `- task: ...` keeps its first line after the dash.
        const [first, ...rest] = renderBlockLines(prim.value, { indentSeq });
        const indent = indentString(src, node.range[0]);
        const end = isBlockCollection(node) ? beforeLineBreak(src, node.range[1]) : node.range[1];
        return { start: node.range[0], end, text: [first, ...rest.map((l) => indent + l)].join(eol) };
      }
      throw new EditError(`cannot rewrite \`${formatPath(prim.path)}\` in place`, 'use `dossier edit`');
    }
    case 'insertKey': {
      const map = prim.path.length === 0 ? (doc.contents as Node | null) : locate(doc, prim.path).node;
      const valueIsBlock = isNonEmptyCollection(prim.value) && !inlineList(prim.value);
      if (map === null || (isScalar(map) && map.value === null)) {
        if (prim.path.length > 0) throw new EditError(`\`${formatPath(prim.path)}\` is empty; write it whole instead`);
        const line = valueIsBlock ? `${prim.key}:${eol}${blockText(prim.value, Array.isArray(prim.value) && !indentSeq ? '' : '  ')}` : `${prim.key}: ${inline(undefined, prim.value, false)}`;
        return { start: src.length, end: src.length, text: line + eol };
      }
      if (!isMap(map)) throw new EditError(`\`${formatPath(prim.path)}\` is not a mapping`);
      const index = insertionIndex(map, prim.key, ctx.keyOrder?.(prim.path));
      if (map.flow) {
        const text = `${renderScalar(prim.key, undefined, true)}: ${inline(undefined, prim.value, true)}`;
        if (map.items.length === 0) return { start: map.range![0] + 1, end: map.range![0] + 1, text };
        if (index === 0) {
          const at = (map.items[0]!.key as Node).range![0];
          return { start: at, end: at, text: `${text}, ` };
        }
        const at = pairEnd(map.items[index - 1] as Pair);
        return { start: at, end: at, text: `, ${text}` };
      }
      const anyKey = (map.items[0]!.key as Node).range![0];
      const indent = indentString(src, anyKey);
      const line = valueIsBlock
        ? `${indent}${prim.key}:${eol}${blockText(prim.value, indent + (Array.isArray(prim.value) && !indentSeq ? '' : '  '))}`
        : `${indent}${prim.key}: ${inline(undefined, prim.value, false)}`;
      let at: number;
      const first = map.items[0] as Pair;
      const firstKeyStart = (first.key as Node).range![0];
      if (index === 0 && /^[ ]*$/.test(src.slice(lineStartOf(src, firstKeyStart), firstKeyStart))) at = lineStartOf(src, firstKeyStart);
      else at = endOfLines(src, pairEnd(map.items[Math.max(index, 1) - 1] as Pair));
      return { start: at, end: at, text: line + eol };
    }
    case 'append': {
      const seq = locate(doc, prim.path).node;
      if (!isSeq(seq)) throw new EditError(`\`${formatPath(prim.path)}\` is not a list`);
      const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
      if (seq.flow) {
        if (!lastItem) return { start: seq.range![0] + 1, end: seq.range![0] + 1, text: inline(undefined, prim.value, true) };
        return { start: lastItem.range![1], end: lastItem.range![1], text: `, ${inline(undefined, prim.value, true)}` };
      }
      const indent = indentString(src, seq.range![0]);
      const at = endOfLines(src, lastItem!.range![1]);
      return { start: at, end: at, text: blockText([prim.value], indent) + eol };
    }
    case 'deleteItem': {
      const seq = locate(doc, prim.path).node;
      if (!isSeq(seq)) throw new EditError(`\`${formatPath(prim.path)}\` is not a list`);
      const items = seq.items as Node[];
      const item = items[prim.index]!;
      if (seq.flow) {
        if (items.length === 1) return { start: seq.range![0] + 1, end: seq.range![1] - 1, text: '' };
        if (prim.index > 0) return { start: items[prim.index - 1]!.range![1], end: item.range![1], text: '' };
        return { start: item.range![0], end: items[1]!.range![0], text: '' };
      }
      const start = lineStartOf(src, item.range![0]);
      if (!/^[ ]*-[ \t]*$/.test(src.slice(start, item.range![0]))) throw new EditError(`cannot remove item ${prim.index} of \`${formatPath(prim.path)}\` in place`, 'use `dossier edit`');
      return { start, end: endOfLines(src, item.range![1]), text: '' };
    }
    case 'deleteKey': {
      const map = prim.path.length === 0 ? (doc.contents as Node | null) : locate(doc, prim.path).node;
      if (!isMap(map)) throw new EditError(`\`${formatPath(prim.path)}\` is not a mapping`);
      const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === prim.key);
      const pair = map.items[index] as Pair;
      const keyStart = (pair.key as Node).range![0];
      if (map.flow) {
        const items = map.items as Pair[];
        if (items.length === 1) return { start: map.range![0] + 1, end: map.range![1] - 1, text: '' };
        if (index > 0) return { start: pairEnd(items[index - 1]!), end: pairEnd(pair), text: '' };
        return { start: keyStart, end: (items[1]!.key as Node).range![0], text: '' };
      }
      const start = lineStartOf(src, keyStart);
      const before = src.slice(start, keyStart);
      if (/^[ ]*$/.test(before)) return { start, end: endOfLines(src, pairEnd(pair)), text: '' };
      if (/^[ ]*-[ ]+$/.test(before) && map.items.length > 1 && index === 0) {
        // The first key of a list item (`- task: x`): the next key moves up onto the dash line.
        return { start: keyStart, end: ((map.items[1] as Pair).key as Node).range![0], text: '' };
      }
      throw new EditError(`cannot remove \`${formatPath([...prim.path, prim.key])}\` in place`, 'use `dossier edit`');
    }
  }
}

// ── the Document API route ──────────────────────────────────────────────────────────────────────────

function documentEdit(src: string, prim: Prim, ctx: { eol: string; indentSeq: boolean; keyOrder?: EditOptions['keyOrder'] }): string | undefined {
  const doc = parseDocument(src, PARSE_OPTIONS);
  if (doc.errors.length) return undefined;
  const opts = { ...TO_STRING, indentSeq: ctx.indentSeq, flowCollectionPadding: false };
  const serialise = () => {
    const s = doc.toString(opts);
    return ctx.eol === '\n' ? s : s.replace(/\n/g, ctx.eol);
  };
  // Only a document that serialises back to the very same text can be trusted to change nothing else.
  if (serialise() !== src) return undefined;
  const newNode = (value: unknown, flow: boolean) => {
    const n = doc.createNode(value) as Node;
    if (flow && (isMap(n) || isSeq(n))) n.flow = true;
    else blockStyle(n);
    return n;
  };
  switch (prim.kind) {
    case 'replace': {
      const loc = locate(doc, prim.path);
      const old = loc.node;
      if (isScalar(old) && (prim.value === null || typeof prim.value !== 'object')) {
        const style = styleFor(old, prim.value, loc.inFlow);
        old.value = prim.value;
        if (style) old.type = style;
        else delete old.type;
        break;
      }
      const flow = loc.inFlow || ((isMap(old) || isSeq(old)) && Boolean(old.flow)) || !isNonEmptyCollection(prim.value) || (inlineList(prim.value) && !isBlockCollection(old));
      doc.setIn(prim.path, newNode(prim.value, flow));
      break;
    }
    case 'insertKey': {
      const map = prim.path.length === 0 ? doc.contents : locate(doc, prim.path).node;
      if (!isMap(map)) return undefined;
      const pair = doc.createPair(prim.key, null);
      pair.value = newNode(prim.value, Boolean(map.flow) || !isNonEmptyCollection(prim.value) || inlineList(prim.value));
      map.items.splice(insertionIndex(map, prim.key, ctx.keyOrder?.(prim.path)), 0, pair);
      break;
    }
    case 'append': {
      const seq = locate(doc, prim.path).node;
      if (!isSeq(seq)) return undefined;
      seq.items.push(newNode(prim.value, Boolean(seq.flow)));
      break;
    }
    case 'deleteItem': {
      const seq = locate(doc, prim.path).node;
      if (!isSeq(seq)) return undefined;
      seq.items.splice(prim.index, 1);
      break;
    }
    case 'deleteKey': {
      const map = prim.path.length === 0 ? doc.contents : locate(doc, prim.path).node;
      if (!isMap(map)) return undefined;
      map.items.splice(map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === prim.key), 1);
      // An emptied frontmatter would serialise as `{}`; the surgical edit leaves it empty, as it was before the key.
      if (prim.path.length === 0 && map.items.length === 0) return undefined;
      break;
    }
  }
  return serialise();
}

// ── verification ────────────────────────────────────────────────────────────────────────────────────

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/**
 * Every line of `before` outside the window [start, end) must be in `after`, byte for byte, in place:
 * the lines before the window as a prefix, the lines after it as a suffix.
 */
export function onlyWindowChanged(before: string, after: string, start: number, end: number): boolean {
  const a = splitLines(before);
  const b = splitLines(after);
  const firstLine = start === 0 ? 0 : splitLines(before.slice(0, start)).length - (before[start - 1] === '\n' ? 0 : 1);
  let lastLine: number; // exclusive
  if (end > start) lastLine = splitLines(before.slice(0, end)).length;
  else lastLine = start === lineStartOf(before, start) ? firstLine : firstLine + 1;
  const suffix = a.length - lastLine;
  if (b.length < firstLine + suffix) return false;
  for (let i = 0; i < firstLine; i++) if (a[i] !== b[i]) return false;
  for (let i = 1; i <= suffix; i++) if (a[a.length - i] !== b[b.length - i]) return false;
  return true;
}

function dataOf(src: string): Record<string, unknown> | undefined {
  const doc = parseDocument(src, PARSE_OPTIONS);
  if (doc.errors.length || doc.warnings.length) return undefined;
  const data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  if (data === null || data === undefined) return {};
  return isPlainObject(data) ? data : undefined;
}

// ── the engine ──────────────────────────────────────────────────────────────────────────────────────

export interface FrontmatterRegion {
  /** Offset of the first YAML line (after the opening `---` line). */
  start: number;
  /** Offset of the closing `---` line. */
  end: number;
  eol: '\n' | '\r\n';
}

/** Where the YAML of a record file is, or an EditError when the file cannot be edited safely. */
export function frontmatterRegion(text: string): FrontmatterRegion {
  const parsed = parseFrontmatter(text, 'record');
  if (!parsed.data) {
    const first = parsed.diagnostics[0];
    throw new EditError(
      `the frontmatter cannot be read${first ? ` (line ${first.line}: ${first.message})` : ''}, so it cannot be changed field by field`,
      'fix the file with `dossier edit`; `dossier validate` shows the problem',
    );
  }
  const firstLineEnd = text.search(/\r?\n|$/);
  const eol = text.startsWith('\r\n', firstLineEnd) ? '\r\n' : '\n';
  const start = firstLineEnd + eol.length;
  // The closing `---` line is the one that ends at bodyOffset (a body may itself start with a `---` rule).
  let closeEnd = parsed.bodyOffset;
  if (text[closeEnd - 1] === '\n') closeEnd--;
  if (text[closeEnd - 1] === '\r') closeEnd--;
  const end = text.lastIndexOf('\n', closeEnd - 1) + 1;
  return { start, end: Math.max(start, end), eol };
}

function applyPrim(src: string, prim: Prim, options: EditOptions, eol: string, strategies: Strategy[]): string {
  const doc = parseDocument(src, PARSE_OPTIONS);
  if (doc.errors.length) throw new EditError(`the frontmatter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const before = dataOf(src) ?? {};
  const expected = applyPrimToData(before, prim);
  const ctx = { eol, indentSeq: detectIndentSeq(doc, src), keyOrder: options.keyOrder };
  const splice = surgicalSplice(src, doc, prim, ctx);
  const accept = (candidate: string | undefined) => {
    if (candidate === undefined) return false;
    const data = dataOf(candidate);
    return data !== undefined && deepEqual(data, expected) && onlyWindowChanged(src, candidate, splice.start, splice.end);
  };
  const strategy = options.strategy ?? 'auto';
  if (strategy !== 'surgical') {
    const viaDocument = documentEdit(src, prim, ctx);
    if (accept(viaDocument)) {
      strategies.push('document');
      return viaDocument!;
    }
    if (strategy === 'document') throw new EditError('the Document API cannot make this change without touching other lines');
  }
  const surgical = src.slice(0, splice.start) + splice.text + src.slice(splice.end);
  if (!accept(surgical)) {
    throw new EditError(`cannot change \`${formatPath(prim.path)}\` without touching other lines of the file`, 'make this change with `dossier edit`');
  }
  strategies.push('surgical');
  return surgical;
}

/** Apply `ops` to the record text (decoded, without BOM). Lines outside each edited node never change. */
export function editRecordText(text: string, ops: readonly EditOp[], options: EditOptions = {}): EditResult {
  const region = frontmatterRegion(text);
  let src = text.slice(region.start, region.end);
  const strategies: Strategy[] = [];
  const notes: string[] = [];
  for (const op of ops) {
    const data = dataOf(src);
    if (!data) throw new EditError('the frontmatter is not a mapping of fields');
    const { prims, note } = expandOp(data, op);
    if (note) notes.push(note);
    for (const prim of prims) src = applyPrim(src, prim, options, region.eol, strategies);
  }
  const out = text.slice(0, region.start) + src + text.slice(region.end);
  return { text: out, changed: out !== text, strategies, notes };
}

/** The same on a file's bytes: a BOM stays, the encoding is checked. */
export function editRecordBytes(bytes: Uint8Array, ops: readonly EditOp[], options: EditOptions = {}): EditResult & { bytes: Uint8Array } {
  const decoded = decodeUtf8(bytes);
  if (!decoded) throw new EditError('the file is not valid UTF-8', 're-save it as UTF-8 first');
  const result = editRecordText(decoded.text, ops, options);
  const bytesOut = result.changed ? Buffer.from((decoded.bom ? '\ufeff' : '') + result.text, 'utf8') : bytes;
  return { ...result, bytes: bytesOut };
}
