/** Output streams and terminal facts, behind one small interface so commands never touch `process`. */

export interface Output {
  write(text: string): void;
}

export interface IO {
  stdout: Output;
  stderr: Output;
  /** Is stdout a terminal (tables, colour)? */
  isTTY: boolean;
  /** Is stdin a terminal (prompts)? */
  stdinIsTTY: boolean;
  /** Colour on stdout: a terminal, and neither NO_COLOR nor FORCE_COLOR=0. */
  color: boolean;
  /** Colour on stderr. */
  colorErr: boolean;
  /** Terminal width, for truncating tables. */
  columns: number;
}

/** Colour decision shared by stdout and stderr (https://no-color.org, FORCE_COLOR). */
export function colorEnabled(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** An IO that collects output in memory, for tests. */
export function memoryIO(options: Partial<Omit<IO, 'stdout' | 'stderr'>> = {}): IO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (err += t) },
    isTTY: false,
    stdinIsTTY: false,
    color: false,
    colorErr: false,
    columns: 80,
    ...options,
    out: () => out,
    err: () => err,
  };
}
