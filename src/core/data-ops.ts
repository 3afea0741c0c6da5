/** Edit operations on plain data, for building a new record from `--set` flags (no text to preserve yet). */
import { deepEqual, EditError, formatPath, type EditOp } from './edit.js';
import type { Fields } from './record.js';

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Walk to the parent of `path`, creating mappings and list items on the way (`actions.0.task` on nothing). */
function parentFor(root: Fields, path: readonly (string | number)[]): Record<string, unknown> | unknown[] {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const make = () => (nextIsIndex ? [] : {});
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number' || seg > cur.length) throw new EditError(`\`${formatPath(path.slice(0, i + 1))}\`: list items are numbered from 0 without gaps`);
      if (cur[seg] === undefined) cur[seg] = make();
      cur = cur[seg];
    } else if (cur && typeof cur === 'object') {
      const obj = cur as Record<string, unknown>;
      if (typeof seg === 'number') throw new EditError(`\`${formatPath(path.slice(0, i))}\` is not a list`);
      if (!Object.hasOwn(obj, seg) || obj[seg] === null) define(obj, seg, make());
      cur = obj[seg];
    } else throw new EditError(`\`${formatPath(path.slice(0, i))}\` is not a list or mapping`);
  }
  if (!cur || typeof cur !== 'object') throw new EditError(`\`${formatPath(path.slice(0, -1))}\` is not a list or mapping`);
  return cur as Record<string, unknown> | unknown[];
}

export function applyOpsToData(start: Fields, ops: readonly EditOp[]): Fields {
  const root: Fields = JSON.parse(JSON.stringify(start)) as Fields;
  for (const op of ops) {
    const parent = parentFor(root, op.path);
    const last = op.path[op.path.length - 1]!;
    const get = () => (Array.isArray(parent) ? parent[last as number] : (parent as Record<string, unknown>)[last as string]);
    const put = (v: unknown) => {
      if (Array.isArray(parent)) {
        if (typeof last !== 'number' || last > parent.length) throw new EditError(`\`${formatPath(op.path)}\`: list items are numbered from 0 without gaps`);
        parent[last] = v;
      } else define(parent, String(last), v);
    };
    const current = get();
    switch (op.op) {
      case 'set':
        put(op.value);
        break;
      case 'unset':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last as string];
        break;
      case 'append':
        if (current === undefined || current === null) put([op.value]);
        else if (Array.isArray(current)) {
          if (!current.some((x) => deepEqual(x, op.value))) current.push(op.value);
        } else throw new EditError(`\`${formatPath(op.path)}\` is not a list`);
        break;
      case 'remove':
        if (!Array.isArray(current)) throw new EditError(`\`${formatPath(op.path)}\` is not a list`);
        put(current.filter((x) => !deepEqual(x, op.value)));
        break;
    }
  }
  return root;
}
