import { describe, expect, it } from 'vitest';
import { dossier } from '../helpers/cli.js';

describe('bundled records', () => {
  it('validate exits 0 with a clean summary', () => {
    const r = dossier(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ records, 0 errors, \d+ warnings?\n$/m);
  });
});
