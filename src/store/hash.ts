/**
 * Hashes, with node:crypto loaded on first use: loading it is ~5 ms, and a warm run that reads nothing from
 * the records (every file unchanged) never hashes.
 */
import { createRequire } from 'node:module';
import type { Hash } from 'node:crypto';

let crypto: typeof import('node:crypto') | undefined;

export function createHash(algorithm: 'sha1' | 'sha256'): Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash(algorithm);
}
