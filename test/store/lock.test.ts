import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/store/lock.js';
import { git, gitStore, tempStore } from '../helpers/store.js';

describe('store lock', () => {
  it('is created inside .dossier/, ignored by git, and released', async () => {
    const root = gitStore({ 'records/.keep': '' });
    const lock = await acquireLock(root);
    expect(JSON.parse(readFileSync(path.join(root, '.dossier/lock'), 'utf8')).pid).toBe(process.pid);
    expect(git(root, 'status', '--porcelain')).toBe('');
    lock.release();
    expect(existsSync(path.join(root, '.dossier/lock'))).toBe(false);
  });

  it('appears whole: linked into place from a file of its own, which is gone after', async () => {
    const root = tempStore();
    const lock = await acquireLock(root, { command: 'set x' });
    expect(JSON.parse(readFileSync(path.join(root, '.dossier/lock'), 'utf8'))).toMatchObject({ pid: process.pid, command: 'set x' });
    expect(readdirSync(path.join(root, '.dossier')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    lock.release();
  });

  it('makes a second writer wait, then fail clearly', async () => {
    const root = tempStore();
    const first = await acquireLock(root, { command: 'set x' });
    const started = Date.now();
    await expect(acquireLock(root, { timeoutMs: 400 })).rejects.toThrow(new RegExp(`the store is locked by dossier process ${process.pid} \\(set x\\), since .*; gave up after 0 s`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    first.release();
    (await acquireLock(root, { timeoutMs: 400 })).release();
  });

  it('the second writer gets the lock as soon as the first releases it', async () => {
    const root = tempStore();
    const first = await acquireLock(root);
    setTimeout(() => first.release(), 200);
    const second = await acquireLock(root, { timeoutMs: 3000 });
    second.release();
  });

  it('takes over the lock of a dead process', async () => {
    const root = tempStore();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    mkdirSync(path.join(root, '.dossier'), { recursive: true });
    writeFileSync(path.join(root, '.dossier/lock'), JSON.stringify({ pid: deadPid, host: hostname(), since: '2019-01-01T00:00:00Z' }));
    const lock = await acquireLock(root, { timeoutMs: 500 });
    expect(JSON.parse(readFileSync(path.join(root, '.dossier/lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
