/** dossier finds its own installation past the type-only package.json files of dist/cli and bin. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findOwnPackage } from '../../src/store/own-package.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dossier-own-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('skips package.json files without a name, and unreadable ones', () => {
  mkdirSync(path.join(dir, 'install/dist/cli'), { recursive: true });
  writeFileSync(path.join(dir, 'install/package.json'), JSON.stringify({ name: 'dossier', version: '1.2.3', type: 'module' }));
  writeFileSync(path.join(dir, 'install/dist/cli/package.json'), JSON.stringify({ type: 'commonjs' }));
  writeFileSync(path.join(dir, 'install/dist/package.json'), '{ not json');
  expect(findOwnPackage(path.join(dir, 'install/dist/cli'))).toEqual({ dir: path.join(dir, 'install'), name: 'dossier', version: '1.2.3' });
});

it('is undefined when no package above names one', () => {
  mkdirSync(path.join(dir, 'alone/deep'), { recursive: true });
  // tmpdir itself may sit under a package (it does not on CI); only check the answer is not inside `alone`.
  const found = findOwnPackage(path.join(dir, 'alone/deep'));
  expect(found === undefined || !found.dir.startsWith(path.join(dir, 'alone'))).toBe(true);
});

it('finds this repository from the built bundle', () => {
  const repo = path.resolve(import.meta.dirname, '../..');
  expect(findOwnPackage(path.join(repo, 'dist/cli'))).toMatchObject({ dir: repo, name: 'dossier' });
});
