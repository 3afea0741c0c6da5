/** When the records were last committed: the DTSTAMP of calendar exports, so the same commit gives the same file. */
import { execFileSync } from 'node:child_process';

/**
 * The committer date of the newest commit that touched `records/` under `root`, or undefined outside a git
 * work tree, before the first commit, or when git is missing.
 */
export function lastRecordsCommit(root: string, env: Record<string, string | undefined>): Date | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', 'records'], {
      cwd: root,
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    if (!/^\d+$/.test(out)) return undefined;
    return new Date(Number(out) * 1000);
  } catch {
    return undefined;
  }
}
