/**
 * Supply chain, from the lockfile (the registry's audit endpoint is not reachable from CI, so `npm audit` cannot
 * run there): every package pinned with an integrity hash; no security-relevant package below its first safe
 * version; none of the versions published by the September 2025 npm account takeovers; runtime dependencies few and
 * each one justified in docs/SECURITY.md. And: gray-matter's bundled js-yaml and its eval-based engines are never
 * used, whatever a record's front matter says.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../src/core/record-file.js';
import { splitWithGrayMatter } from '../../src/core/frontmatter.js';
import { REPO_ROOT } from '../helpers/cli.js';

interface LockPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockPackage & { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> };
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Every installed copy of every package: name, version, where. */
const installed = Object.entries(lock.packages)
  .filter(([where, p]) => where !== '' && !p.link && p.version)
  .map(([where, p]) => ({ name: where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length), version: p.version!, where, dev: Boolean(p.dev) }));

const parse = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number) as [number, number, number];
function below(version: string, floor: string): boolean {
  const a = parse(version);
  const b = parse(floor);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * First safe version of packages with advisories, per major line where a fix was backported; a major line not
 * listed must be at least the lowest floor given. Only packages in the tree are checked; add a line when an
 * advisory appears.
 */
const FLOORS: Record<string, { floors: string[]; why: string }> = {
  'simple-git': { floors: ['3.32.3'], why: 'command injection through option-like arguments (several advisories up to 2025)' },
  yaml: { floors: ['2.8.3'], why: 'stack overflow on deeply nested collections; uncaught exception CVE-2023-2251 (< 2.2.2)' },
  'js-yaml': { floors: ['3.14.2', '4.1.1'], why: 'prototype pollution through the merge key (<<), GHSA-mh29-5h37-fv8m' },
  'cross-spawn': { floors: ['6.0.6', '7.0.5'], why: 'ReDoS, CVE-2024-21538' },
  braces: { floors: ['3.0.3'], why: 'unbounded memory, CVE-2024-4068' },
  micromatch: { floors: ['4.0.8'], why: 'ReDoS, CVE-2024-4067' },
  'brace-expansion': { floors: ['1.1.12', '2.0.2', '3.0.1', '4.0.1'], why: 'ReDoS, CVE-2025-5889' },
  semver: { floors: ['5.7.2', '6.3.1', '7.5.2'], why: 'ReDoS, CVE-2022-25883' },
  'kind-of': { floors: ['6.0.3'], why: 'type confusion / prototype pollution, CVE-2019-20149' },
  'markdown-it': { floors: ['12.3.2'], why: 'ReDoS, CVE-2022-21670' },
  zod: { floors: ['3.22.3'], why: 'ReDoS in email validation, CVE-2023-4316' },
  'ansi-regex': { floors: ['3.0.1', '4.1.1', '5.0.1', '6.0.1'], why: 'ReDoS, CVE-2021-3807' },
  nanoid: { floors: ['3.3.8', '5.0.9'], why: 'predictable output with non-integer sizes, CVE-2024-55565' },
  postcss: { floors: ['8.4.31'], why: 'line-return parsing, CVE-2023-44270' },
  rollup: { floors: ['2.79.2', '3.29.5', '4.22.4'], why: 'DOM clobbering XSS in bundles, CVE-2024-47068' },
  esbuild: { floors: ['0.25.0'], why: 'dev server answers any origin, GHSA-67mh-4wv8-2f99' },
  vite: { floors: ['6.3.4'], why: 'dev server file-read bypasses, CVE-2025-30208/31125/31486/32395/46565' },
  vitest: { floors: ['1.6.1', '2.1.9', '3.0.5'], why: 'remote code execution through the API server, CVE-2025-24964' },
  ws: { floors: ['7.5.10', '8.17.1'], why: 'denial of service by many headers, CVE-2024-37890' },
  tar: { floors: ['6.2.1'], why: 'unbounded folder depth, CVE-2024-28863' },
  'form-data': { floors: ['2.5.4', '3.0.4', '4.0.4'], why: 'predictable boundary, CVE-2025-7783' },
  tmp: { floors: ['0.2.4'], why: 'symlink write outside the temp folder, CVE-2025-54798' },
  minimist: { floors: ['1.2.6'], why: 'prototype pollution, CVE-2021-44906' },
  json5: { floors: ['1.0.2', '2.2.2'], why: 'prototype pollution, CVE-2022-46175' },
  '@babel/traverse': { floors: ['7.23.2'], why: 'arbitrary code execution when compiling crafted code, CVE-2023-45133' },
};

/** Versions published by the September 2025 npm account takeovers (malware that rewrites crypto wallet addresses). */
const COMPROMISED: Record<string, string[]> = {
  chalk: ['5.6.1'], debug: ['4.4.2'], 'ansi-styles': ['6.2.2'], 'supports-color': ['10.2.1'], 'strip-ansi': ['7.1.1'],
  'ansi-regex': ['6.2.1'], 'wrap-ansi': ['9.0.1'], 'color-convert': ['3.1.1'], 'color-name': ['2.0.1'], 'is-arrayish': ['0.3.3'],
  'slice-ansi': ['7.1.1'], 'error-ex': ['1.3.3'], 'simple-swizzle': ['0.2.3'], 'color-string': ['2.1.1'], 'has-ansi': ['6.0.1'],
  'supports-hyperlinks': ['4.1.1'], 'chalk-template': ['1.1.1'], backslash: ['0.2.1'],
};

function floorFor(name: string, version: string): string | undefined {
  const floors = FLOORS[name]?.floors;
  if (!floors) return undefined;
  const major = parse(version)[0];
  const sameLine = floors.filter((f) => parse(f)[0] === major);
  // the fix on this major line, or (a line older than every fix) the lowest fix of all
  if (sameLine.length) return sameLine[0];
  return floors.every((f) => parse(f)[0] > major) ? floors[0] : undefined;
}

describe('supply chain: the lockfile', () => {
  it('pins every package: lockfile v2+, an exact version and an sha512 integrity hash for each, from the registry', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const loose = Object.entries(lock.packages)
      .filter(([where, p]) => where !== '' && !p.link)
      // `resolved` is left out of this lockfile (the registry is implied); when present it must be the registry's
      .filter(([, p]) => !/^\d+\.\d+\.\d+/.test(p.version ?? '') || !p.integrity?.startsWith('sha512-') || (p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/')))
      .map(([where]) => where);
    expect(loose).toEqual([]);
  });

  it('is in step with package.json', () => {
    expect(lock.packages['']!.dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['']!.devDependencies).toEqual(pkg.devDependencies);
  });

  it('has no security-relevant package below its first safe version', () => {
    const unsafe = installed
      .map((p) => ({ ...p, floor: floorFor(p.name, p.version) }))
      .filter((p) => p.floor && below(p.version, p.floor))
      .map((p) => `${p.where}@${p.version} < ${p.floor}: ${FLOORS[p.name]!.why}`);
    expect(unsafe).toEqual([]);
    // the two the issue names are there, and safe
    expect(installed.filter((p) => p.name === 'simple-git').map((p) => below(p.version, '3.32.3'))).toEqual([false]);
    expect(installed.filter((p) => p.name === 'yaml').map((p) => below(p.version, '2.8.3'))).toEqual([false]);
  });

  it('holds none of the versions published by the September 2025 account takeovers', () => {
    expect(installed.filter((p) => COMPROMISED[p.name]?.includes(p.version)).map((p) => `${p.where}@${p.version}`)).toEqual([]);
  });

  it('floors its own checks: a version below a floor is caught, on every major line', () => {
    expect(floorFor('js-yaml', '3.13.1')).toBe('3.14.2');
    expect(below('3.13.1', '3.14.2')).toBe(true);
    expect(floorFor('js-yaml', '4.0.0')).toBe('4.1.1');
    expect(floorFor('semver', '4.3.6')).toBe('5.7.2');
    expect(below('2.8.2', '2.8.3')).toBe(true);
    expect(below('2.10.0', '2.8.3')).toBe(false);
    expect(below('3.32.3', '3.32.3')).toBe(false);
  });
});

describe('supply chain: runtime dependencies', () => {
  const security = readFileSync(path.join(REPO_ROOT, 'docs/SECURITY.md'), 'utf8');

  it('are few (at most 10), and each is justified in docs/SECURITY.md', () => {
    const names = Object.keys(pkg.dependencies);
    expect(names.length).toBeLessThanOrEqual(10);
    const section = security.slice(security.indexOf('## Runtime dependencies'));
    const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(names.sort());
  });

  it('gray-matter never runs its engines: not js-yaml, not eval, not CoffeeScript — whatever the front matter says', () => {
    // replace gray-matter's default engines with spies before dossier loads it
    const require = createRequire(path.join(REPO_ROOT, 'src/core/frontmatter.ts'));
    const engines = require('gray-matter/lib/engines') as Record<string, { parse: (...a: unknown[]) => unknown }>;
    const calls: string[] = [];
    const saved = { ...engines };
    try {
      for (const name of ['yaml', 'json', 'javascript', 'js', 'coffee']) {
        engines[name] = { parse: () => void calls.push(name) };
      }
      const texts = ['---\nname: P\n---\n', '---yaml\nname: P\n---\n', '---yml\nname: P\n---\n', '---js\n({name: 1})\n---\n', '---javascript\n1\n---\n', '--- JS \n1\n---\n', '---coffee\nname: 1\n---\n', '---json\n{}\n---\n', '---toml\na = 1\n---\n'];
      for (const t of texts) {
        parseRecordFile('records/people/p.md', 'person', 'p', Buffer.from(t));
        splitWithGrayMatter(t);
      }
      expect(calls).toEqual([]);
    } finally {
      Object.assign(engines, saved);
    }
  });
});
