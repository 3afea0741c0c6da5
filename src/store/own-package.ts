/**
 * dossier's own installation, found from one of its modules: the first folder above with a package.json that
 * names a package. (dist/cli/ and bin/ hold package.json files that only say their .js files are CommonJS.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface OwnPackage {
  /** The installation's folder: bin/dossier.js is in it. */
  dir: string;
  name: string;
  version: string;
}

/** From `moduleDir` (dist/cli/ when bundled, dist/src/… unbundled, src/… under the test runner) upwards. */
export function findOwnPackage(moduleDir: string): OwnPackage | undefined {
  for (let dir = moduleDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (typeof pkg.name === 'string') return { dir, name: pkg.name, version: typeof pkg.version === 'string' ? pkg.version : 'latest' };
      } catch {
        // Not ours to read: keep looking above.
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
