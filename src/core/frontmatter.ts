/**
 * Parsing a record file: split the frontmatter from the body, parse it as YAML 1.2 core with positions,
 * and turn every problem into a diagnostic. Pure: text in, data out. Nothing in the file is ever run.
 */
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { diagnostic } from './codes.js';
import { fastParseYaml } from './fast-yaml.js';
import type { Diagnostic, Span } from './diagnostic.js';
import { FRONTMATTER_START, type LocationIndex, pathKey } from './locations.js';
import { describeType, escapeControl } from './quote.js';

export const MAX_FRONTMATTER_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;

export interface ParsedFrontmatter {
  /** The frontmatter mapping, or undefined when the file has no usable frontmatter. */
  data: Record<string, unknown> | undefined;
  /** Where each value sits; computed by the `yaml` package on first call only (most records never need it). */
  locations: () => LocationIndex;
  /** 1-based line where the Markdown body starts. */
  bodyLine: number;
  /** Offset of the body in `text`. */
  bodyOffset: number;
  diagnostics: Diagnostic[];
}

class UnsafeFrontmatter extends Error {}

const refuse = (): never => {
  throw new UnsafeFrontmatter('refused');
};

// gray-matter runs `---js` / `---coffee` blocks with eval by default, and `engines: {js: false}` does not stop it:
// every executable engine is replaced by one that refuses. The yaml engine only captures; the `yaml` package parses.
// An options object is always passed: without one gray-matter caches results (failures too) keyed by the text.
const MATTER_OPTIONS = {
  language: 'yaml',
  delimiters: '---',
  excerpt: false,
  engines: {
    yaml: { parse: () => ({}), stringify: refuse },
    javascript: { parse: refuse, stringify: refuse },
    js: { parse: refuse, stringify: refuse },
    coffee: { parse: refuse, stringify: refuse },
    coffeescript: { parse: refuse, stringify: refuse },
    cson: { parse: refuse, stringify: refuse },
    json: { parse: refuse, stringify: refuse },
  },
};

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);
/**
 * The split gray-matter makes (same language tag, same matter text, same quirks: the block ends at the first
 * `\n---`), without its per-call overhead. test/core/frontmatter-split.test.ts holds the two equal on fuzzed input.
 */
export function splitFrontmatter(text: string): { language: string; matter: string } {
  const rest = text.slice(3);
  const raw = rest.slice(0, rest.search(/\r?\n/));
  const language = raw.trim();
  const block = language ? rest.slice(raw.length) : rest;
  const close = block.indexOf('\n---');
  return { language, matter: close === -1 ? block : block.slice(0, close) };
}

type Matter = (input: string, options: typeof MATTER_OPTIONS) => { language?: string; matter?: string };
let grayMatter: Matter | undefined;

/** gray-matter, loaded on first use (it is only needed for front matter in another language). */
export function loadGrayMatter(): Matter {
  grayMatter ??= createRequire(import.meta.url)('gray-matter') as Matter;
  return grayMatter;
}

/** Split with gray-matter itself, its executable engines refused; undefined when it throws. */
export function splitWithGrayMatter(text: string): { language: string; matter: string } | undefined {
  try {
    const parsed = loadGrayMatter()(text, MATTER_OPTIONS);
    // With no tag gray-matter reports its default language, `yaml`.
    return { language: (parsed.language ?? '').trim(), matter: parsed.matter ?? '' };
  } catch {
    return undefined; // a refused engine, or a language gray-matter does not know
  }
}

function refuseWithGrayMatter(text: string): void {
  splitWithGrayMatter(text);
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/m;

/** Parse `text` (the file's text, BOM already removed) of the record at `file`. */
export function parseFrontmatter(text: string, file: string): ParsedFrontmatter {
  const empty = Object.create(null) as LocationIndex;
  const result: ParsedFrontmatter = { data: undefined, locations: () => empty, bodyLine: 1, bodyOffset: 0, diagnostics: [] };
  const diags = result.diagnostics;
  const firstLineEnd = text.search(/\r?\n|$/);
  const firstLine = text.slice(0, firstLineEnd);
  if (!/^---/.test(firstLine) || /^----/.test(firstLine)) {
    diags.push(diagnostic('frontmatter/missing', file, FRONTMATTER_START));
    return result;
  }

  // `---` then a CR that no LF follows: the lines end in bare CRs, and the whole file would read as one line.
  if (/^---[ \t]*\r(?!\n)/.test(text)) {
    diags.push(diagnostic('file/line-endings', file, FRONTMATTER_START));
    return result;
  }

  const split = splitFrontmatter(text);
  if (!YAML_LANGUAGES.has(split.language.toLowerCase())) {
    // Handed to gray-matter only to prove its executable engines stay refused; the answer is the same either way.
    refuseWithGrayMatter(text);
    diags.push(diagnostic('frontmatter/unsafe', file, FRONTMATTER_START, { language: `\`${escapeControl(split.language)}\`` }));
    return result;
  }

  // gray-matter's matter starts right after the opening `---` (and its language tag, when there is one),
  // on line 1, so line numbers inside it are the file's own.
  const matterStart = firstLine.slice(3).trim() ? firstLineEnd : 3;
  const closeAt = matterStart + split.matter.length; // the "\n" before the closing `---`
  // With CRLF the last line's "\r" sits before that "\n"; YAML must not see it as part of the value.
  const matterText = text.slice(matterStart, text[closeAt - 1] === '\r' ? closeAt - 1 : closeAt);
  const closeLineMatch = /^\n---[ \t]*(\r?\n|$)/.exec(text.slice(closeAt, closeAt + 4096));
  if (!closeLineMatch) {
    diags.push(diagnostic('frontmatter/unterminated', file, FRONTMATTER_START));
    return result;
  }
  result.bodyOffset = closeAt + closeLineMatch[0].length;
  result.bodyLine = countLines(text, result.bodyOffset);

  if (matterText.length > MAX_FRONTMATTER_BYTES) {
    diags.push(diagnostic('frontmatter/too-large', file, FRONTMATTER_START, { size: matterText.length, limit: MAX_FRONTMATTER_BYTES }));
    return result;
  }
  const conflict = CONFLICT_MARKER.exec(matterText);
  if (conflict) {
    const line = countLines(matterText, conflict.index);
    diags.push(diagnostic('yaml/merge-conflict', file, { line, column: 1 }));
    return result;
  }
  const fast = fastParseYaml(matterText);
  if (fast) {
    result.data = fast;
    let cached: LocationIndex | undefined;
    result.locations = () => (cached ??= parseYamlWithPackage(matterText).locations);
    return result;
  }
  // Only the general parser can recurse: hostile nesting is stopped before it gets there.
  const depth = nestingDepth(matterText);
  if (depth > MAX_DEPTH) {
    diags.push(diagnostic('frontmatter/too-deep', file, FRONTMATTER_START, { depth: `at least ${depth}`, limit: MAX_DEPTH }));
    return result;
  }
  const slow = parseYamlWithPackage(matterText, file);
  result.diagnostics.push(...slow.diagnostics);
  result.locations = () => slow.locations;
  if (slow.data !== undefined) result.data = slow.data;
  return result;
}

/** The `yaml` package's reading of a frontmatter text (line 1 = the opening line), for the differential test. */
export function parseYamlWithPackage(src: string, file = 'x.md'): { data: Record<string, unknown> | undefined; locations: LocationIndex; diagnostics: Diagnostic[] } {
  const locations = Object.create(null) as LocationIndex;
  const diagnostics: Diagnostic[] = [];
  const data = parseYaml(src, file, locations, diagnostics);
  return { data, locations, diagnostics };
}

/** 1-based line number of `offset` in `text`. */
export function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * An upper estimate of how deeply `yaml` would have to recurse, computed without parsing, so that
 * hostile nesting never reaches the parser: flow brackets plus block indentation plus `- ` runs.
 */
export function nestingDepth(src: string): number {
  let max = 0;
  let flow = 0;
  let quote: string | undefined;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      if (quote === "'" || quote === '"') continue;
      continue;
    }
    if (lineStart) {
      if (ch === ' ') {
        indent++;
        continue;
      }
      if (ch === '-' && (src[i + 1] === ' ' || src[i + 1] === '\n')) {
        dashes++;
        indent++;
        continue;
      }
      lineStart = false;
      max = Math.max(max, Math.ceil(indent / 2) + dashes + flow);
    }
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(src[i - 1]!))) {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl - 1;
    } else if (ch === '[' || ch === '{') {
      flow++;
      max = Math.max(max, Math.ceil(indent / 2) + dashes + flow);
    } else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
  }
  return max;
}

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** The `yaml` package, loaded on first use: records the fast parser reads never need it. */
export function loadYaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

function parseYaml(src: string, file: string, locations: LocationIndex, diags: Diagnostic[]): Record<string, unknown> | undefined {
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: false,
    prettyErrors: false,
    lineCounter,
  });
  const span = (start: number, end: number): Span => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(end);
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  let failed = false;
  for (const err of doc.errors) {
    failed = true;
    const at = span(err.pos[0], err.pos[1]);
    if (err.code === 'DUPLICATE_KEY') {
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(src.slice(err.pos[0]))![0].trim();
      diags.push(diagnostic('yaml/duplicate-key', file, { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + key.length }, { key }));
    } else {
      const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const hint = err.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs' : undefined;
      diags.push(diagnostic('yaml/syntax', file, at, { detail: err.code === 'TAB_AS_INDENT' ? 'tab used for indentation' : detail, hint }));
    }
  }
  if (failed) return undefined;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return {}; // An empty frontmatter is an empty record; the schema reports what is missing.
  }
  if (!isMap(root)) {
    diags.push(diagnostic('frontmatter/not-mapping', file, span(root.range[0], root.range[1]), { found: describeType(isSeq(root) ? [] : (root as { value?: unknown }).value) }));
    return undefined;
  }
  const converter = new Converter(file, span, locations, diags);
  const data = converter.convert(root, []);
  return converter.failed ? undefined : (data as Record<string, unknown>);
}

/**
 * YAML nodes to plain data, recording each value's location. Aliases are reported and never expanded
 * (no alias bomb can grow), tags and anchors are reported, and `__proto__` stays an ordinary key.
 */
class Converter {
  failed = false;
  constructor(
    private readonly file: string,
    private readonly span: (start: number, end: number) => Span,
    private readonly locations: LocationIndex,
    private readonly diags: Diagnostic[],
  ) {}

  private spanOf(node: Node): Span {
    const range = node.range ?? [0, 0, 0];
    return this.span(range[0], range[1]);
  }

  convert(node: Node | null, path: (string | number)[], keySpan?: Span): unknown {
    const { isAlias, isMap, isPair, isScalar, isSeq } = loadYaml();
    if (node === null) return null;
    const at = this.spanOf(node);
    this.locations[pathKey(path)] = keySpan ? { value: at, key: keySpan } : { value: at };
    if (isAlias(node)) {
      this.failed = true;
      this.diags.push(diagnostic('yaml/alias', this.file, at, { what: 'alias', name: `*${node.source}` }));
      return null;
    }
    if (node.anchor) {
      this.failed = true;
      this.diags.push(diagnostic('yaml/alias', this.file, at, { what: 'anchor', name: `&${node.anchor}` }));
    }
    if (node.tag) {
      this.failed = true;
      this.diags.push(diagnostic('yaml/tag', this.file, at, { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, i) => this.convert(item as Node | null, [...path, i]));
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode)) {
          this.failed = true;
          const where = keyNode ? this.spanOf(keyNode) : at;
          this.diags.push(diagnostic('yaml/key', this.file, where));
          continue;
        }
        if (keyNode.tag || keyNode.anchor) this.convert(keyNode, [...path, '(key)']);
        const key = String(keyNode.value);
        const keyAt = this.spanOf(keyNode);
        const value = this.convert(pair.value as Node | null, [...path, key], keyAt);
        if (pair.value === null) this.locations[pathKey([...path, key])] = { value: keyAt, key: keyAt };
        // defineProperty keeps `__proto__` an ordinary own key instead of changing the prototype.
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    return null;
  }
}
