/** Regressions found while testing the foundation: each case once failed. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRoot } from '../../src/store/root.js';
import { record } from '../helpers/records.js';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('CRLF frontmatter', () => {
  it('does not leak a trailing carriage return into the last value', () => {
    const r = record('organisation', 'p', '---\r\nname: P\r\nkind: network\r\nvisibility: public\r\n---\r\nBody\r\n');
    expect(codes(r)).toEqual([]);
    expect(r.fields).toMatchObject({ name: 'P', visibility: 'public' });
  });
  it('accepts a quoted last value and an empty frontmatter', () => {
    expect(codes(record('organisation', 'p', '---\r\nkind: network\r\nname: "P"\r\n---\r\n'))).toEqual([]);
    expect(codes(record('organisation', 'p', '---\r\n---\r\n'))).toEqual(['schema/required', 'schema/required']);
  });
  it('accepts a blank line before the closing delimiter', () => {
    expect(codes(record('organisation', 'p', '---\r\nname: P\r\nkind: network\r\n\r\n---\r\n'))).toEqual([]);
  });
});

describe('opening line', () => {
  it('allows trailing blanks after the opening ---', () => {
    const r = record('organisation', 'p', '--- \nname: P\nkind: network\n---\n');
    expect(codes(r)).toEqual([]);
  });
});

describe('schema messages', () => {
  it('reports a missing enum field as required, with the choices in the hint', () => {
    const r = record('organisation', 'p', '---\nname: P\n---\n');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema/required', line: 1, column: 1, message: 'an organisation is missing the required field `kind`' });
    expect(r.diagnostics[0]!.hint).toContain('civil-society');
  });
  it('reports an empty string once', () => {
    expect(codes(record('organisation', 'p', '---\nname: ""\nkind: network\n---\n'))).toEqual(['schema/too-small']);
  });
  it('says "greater than 0" for a positive integer', () => {
    const r = record('agreement', 'a', '---\ntitle: A\nkind: grant\nsigned_on: 2018-01-10\nparties: [a, b]\ndeclared_parties: 0\n---\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['`declared_parties` must be greater than 0']);
  });
  it('spans the whole duplicated key', () => {
    const d = record('organisation', 'p', '---\nname: P\nkind: network\nname: Q\n---\n').diagnostics[0]!;
    expect(d).toMatchObject({ code: 'yaml/duplicate-key', line: 4, column: 1, endLine: 4, endColumn: 5 });
  });
  it('keeps a __proto__ key located and the location index prototype-free', () => {
    const r = record('organisation', 'p', '---\nname: P\nkind: network\n__proto__: x\n---\n');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['schema/unknown-field', 4]]);
    expect(Object.getPrototypeOf(r.locations)).toBe(null);
  });
});

describe('store root', () => {
  it('refuses a records/ folder that is a symbolic link', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'dossier-root-'));
    try {
      mkdirSync(path.join(base, 'elsewhere/records/people'), { recursive: true });
      writeFileSync(path.join(base, 'elsewhere/records/people/x.md'), '---\nname: X\nsecret: SECRET\n---\n');
      mkdirSync(path.join(base, 'store'));
      symlinkSync(path.join(base, 'elsewhere/records'), path.join(base, 'store/records'));
      expect(() => findRoot(base, 'store', {})).toThrow(/symbolic link/);
      expect(() => findRoot(path.join(base, 'store'), undefined, {})).toThrow(/symbolic link/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
