/** What a command may reach of the world: the composition root builds one, tests build fakes. */
import type { IO } from './io.js';

export interface Context {
  cwd: string;
  env: Record<string, string | undefined>;
  io: IO;
  /** The current time; injected so tests and `--today` are deterministic. */
  now: () => Date;
  /** Use the cache under `.dossier/` (default on; `--no-cache` or DOSSIER_NO_CACHE=1 turn it off). */
  cache?: boolean;
}

/** Today in UTC as YYYY-MM-DD. */
export function todayOf(ctx: Context): string {
  return ctx.now().toISOString().slice(0, 10);
}
