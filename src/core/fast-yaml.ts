/**
 * A fast parser for the plain shape most records have: block mappings, block lists of plain values or of
 * small mappings, one-line flow lists, one-line quoted strings. It gives exactly the data the `yaml` package
 * gives (YAML 1.2 core values) and returns undefined for anything else — comments, blank lines, multi-line
 * values, escapes, anchors, tags, CRLF... — which then goes to the `yaml` package. It computes no positions:
 * those come from the `yaml` package, lazily, only when a diagnostic needs one. A differential test over
 * fuzzed inputs (test/core/fast-yaml.test.ts) holds the two to the same data.
 */

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const FLOW_ITEM = /^[^\s,[\]{}#&*!|>'"%@`?:-][^,[\]{}#]*$/;

/** YAML 1.2 core schema resolution of a plain scalar (same order and patterns as the `yaml` package). */
export function resolvePlain(s: string): unknown {
  // Most values are text that starts with a letter no special value starts with: no pattern can match.
  const c = s.charCodeAt(0);
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 127;
  if (letter && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return s; // not n N t T f F
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(obj, key)) bail(); // duplicate keys: the `yaml` package reports them
  // `__proto__` must stay an ordinary own key, never a prototype change.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function fastParseYaml(src: string): Record<string, unknown> | undefined {
  try {
    return new FastParser(src).parse();
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

/** Leading spaces (tabs never reach here: a source with a tab is handed to the `yaml` package). */
function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

class FastParser {
  private readonly lines: string[];
  private i = 1;

  constructor(private readonly src: string) {
    this.lines = src.split('\n');
  }

  parse(): Record<string, unknown> {
    // Line 1 is what follows the opening `---`: it must be empty. No CR, tabs, comments or blank lines anywhere.
    if (this.lines[0] !== '' || this.lines.length < 2) bail();
    if (/[\r\t#]/.test(this.src)) bail();
    // No blank line and no trailing space on any line after the first (which is empty).
    if (/\n *(?:\n|$)| (?:\n|$)/.test(this.src)) bail();
    const data: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const m = KEY.exec(this.lines[this.i]!);
      if (!m) bail();
      const key = m![1]!;
      this.i++;
      if (m![2] !== undefined) setKey(data, key, this.inlineValue(m![2]!, 0));
      else if (this.isItemAt(0) || this.isItemAt(2)) setKey(data, key, this.blockList());
      else setKey(data, key, null);
    }
    return data;
  }

  private isItemAt(indent: number): boolean {
    const line = this.lines[this.i];
    return line !== undefined && indentOf(line) === indent && line.startsWith('- ', indent) && line[indent + 2] !== ' ';
  }

  /** A block list whose items start with `- ` at the indentation of the first item. */
  private blockList(): unknown[] {
    const indent = indentOf(this.lines[this.i]!);
    const items: unknown[] = [];
    while (this.isItemAt(indent)) {
      const text = this.lines[this.i]!.slice(indent + 2);
      this.i++;
      const m = KEY.exec(text);
      items.push(m ? this.itemMapping(m, indent + 2) : this.inlineValue(text, indent));
    }
    const next = this.lines[this.i];
    if (next !== undefined && indentOf(next) >= indent && indent > 0) bail();
    return items;
  }

  /** `- key: value` followed by more `key: value` lines at the item's indentation. */
  private itemMapping(first: RegExpExecArray, indent: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const add = (m: RegExpExecArray) => {
      if (m[2] === undefined) bail(); // nested blocks inside list items: the `yaml` package handles them
      setKey(obj, m[1]!, this.inlineValue(m[2]!, indent));
    };
    add(first);
    while (this.i < this.lines.length && indentOf(this.lines[this.i]!) === indent) {
      const m = KEY.exec(this.lines[this.i]!.slice(indent));
      if (!m) bail();
      this.i++;
      add(m!);
    }
    const next = this.lines[this.i];
    if (next !== undefined && indentOf(next) > indent - 2 && indentOf(next) !== indent - 2) bail();
    return obj;
  }

  /** A value on the same line as its key or dash: flow list, quoted or plain scalar. */
  private inlineValue(text: string, parentIndent: number): unknown {
    // A following line indented deeper than the parent would continue this value (multi-line): not ours to parse.
    const next = this.lines[this.i];
    if (next !== undefined && indentOf(next) > parentIndent) bail();
    if (text === '') bail();
    const c = text[0]!;
    if (c === '[') {
      if (!text.endsWith(']')) bail();
      const inner = text.slice(1, -1);
      if (inner === '') return [];
      return inner.split(',').map((part) => {
        // Spaces only: trim() would also drop a BOM or a no-break space, which the `yaml` package keeps.
        const item = part.replace(/^ +| +$/g, '');
        if (!FLOW_ITEM.test(item) || item.includes(': ') || item.endsWith(':')) bail();
        return resolvePlain(item);
      });
    }
    if (c === '"' || c === "'") {
      const m = c === '"' ? /^"([^"\\]*)"$/.exec(text) : /^'([^']*)'$/.exec(text);
      if (!m) bail();
      return m![1]!;
    }
    if ('-?:,[]{}#&*!|>\'"%@`'.includes(c) || c === ' ') bail();
    if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) bail();
    return resolvePlain(text);
  }
}
