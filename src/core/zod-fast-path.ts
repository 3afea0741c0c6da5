/**
 * A fast path for zod, for records that pass: a checker compiled once from a zod schema that walks objects,
 * lists, optionals and defaults itself and leaves every other schema (strings, formats, enums, numbers, and any
 * kind it does not know) to that schema's own zod code. It answers only "valid, and this is zod's output" or
 * "ask zod": the caller then runs zod for the issues. So zod stays the one source of truth; what this saves is
 * zod's bookkeeping around objects (a result object and issue list per field, each wrapper a call of its own),
 * about half of zod's time on a valid record and much of its garbage.
 *
 * Exactness rests on two rules: a leaf is judged by zod itself, and any doubt (an unknown key, a key present
 * but undefined, a schema kind with checks of its own) means "ask zod". test/core/zod-fast-path.test.ts holds the
 * output to zod's, key order included, over generated and fuzzed records.
 */
import type * as z from 'zod';

/** "Ask zod": the value may be invalid, or is of a kind this path does not decide. */
export const ASK_ZOD: unique symbol = Symbol('ask zod');

type Check = (value: unknown) => unknown;

// The context zod's safeParse gives a schema's run: synchronous, without compiled fast paths (see validate-record.ts).
const CONTEXT = { async: false, jitless: true };

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  defaultValue?: unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A leaf: zod's own run of the schema, taken only when it reports no issue. */
function leaf(schema: z.ZodType): Check {
  const run = (schema as unknown as { _zod: { run(p: { value: unknown; issues: unknown[] }, ctx: object): { value: unknown; issues: unknown[] } } })._zod;
  return (value) => {
    const result = run.run({ value, issues: [] }, CONTEXT);
    // A promise (an async refinement) is never expected here; zod itself then reports it.
    return result instanceof Promise || result.issues.length ? ASK_ZOD : result.value;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The checker for `schema`. */
export function compileCheck(schema: z.ZodType): Check {
  const def = defOf(schema);
  // Checks on a container (a minimum list length, a refinement of an object) are zod's to run.
  if (def.checks?.length) return leaf(schema);
  switch (def.type) {
    case 'object': {
      // Only strict objects: unknown keys are then an error, which zod reports.
      if (!def.catchall || defOf(def.catchall).type !== 'never') return leaf(schema);
      const keys = Object.keys(def.shape!);
      const fields = keys.map((key) => compileCheck(def.shape![key]!));
      const known = new Set(keys);
      return (value) => {
        if (!isPlainObject(value)) return ASK_ZOD;
        for (const key in value) if (!known.has(key) || !Object.hasOwn(value, key)) return ASK_ZOD;
        // Zod's output: a new object, keys in the schema's order, absent optionals left out, defaults filled in.
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          const v = value[key];
          if (v === undefined && Object.hasOwn(value, key)) return ASK_ZOD;
          const r = fields[i]!(v);
          if (r === ASK_ZOD) return ASK_ZOD;
          if (r !== undefined) out[key] = r;
        }
        return out;
      };
    }
    case 'array': {
      const element = compileCheck(def.element!);
      return (value) => {
        if (!Array.isArray(value)) return ASK_ZOD;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const r = element(value[i]);
          if (r === ASK_ZOD) return ASK_ZOD;
          out[i] = r;
        }
        return out;
      };
    }
    case 'optional': {
      const inner = def.innerType!;
      // An optional around a default substitutes the default; zod does that.
      if (defOf(inner).type === 'default') return leaf(schema);
      const check = compileCheck(inner);
      return (value) => (value === undefined ? undefined : check(value));
    }
    case 'default': {
      const check = compileCheck(def.innerType!);
      return (value) => {
        // Read each time: zod's def may hand out a copy of the default.
        if (value === undefined) return def.defaultValue;
        const r = check(value);
        return r === undefined ? def.defaultValue : r;
      };
    }
    default:
      return leaf(schema);
  }
}

const compiled = new WeakMap<z.ZodType, Check>();

/** Zod's output for `data` when it passes `schema`; ASK_ZOD when zod must be asked (for the issues, or at all). */
export function fastParse(schema: z.ZodType, data: unknown): unknown {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = compileCheck(schema)));
  return check(data);
}
