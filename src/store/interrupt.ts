/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP while a writing command holds the store's lock.
 *
 * - Before any record is touched (`locked`): stop at once, release the lock, say that nothing was written.
 * - Once the change has started (`writing`: journal, files, commit): finish it first — it takes milliseconds — so
 *   that no record and no commit is left half-made, then stop and say so. A second signal stops at once; the
 *   journal (store/journal.ts) then lets the next writing command finish the change.
 *
 * The exit code after an interruption is 128 + the signal number (130 for Ctrl-C), as shells expect.
 */
import type { Output } from '../io.js';

export type Phase = 'locked' | 'writing';

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type Signal = keyof typeof SIGNALS;

export class InterruptGuard {
  private phase: Phase = 'locked';
  /** The exit code to end with once the change is finished, when a signal came while writing. */
  interruptedCode: number | undefined;
  private readonly handlers = new Map<Signal, () => void>();

  private constructor(
    private readonly stderr: Output,
    private readonly onAbort: () => void,
  ) {}

  /** Start guarding; `onAbort` releases the lock when stopping before anything was written. */
  static install(stderr: Output, onAbort: () => void): InterruptGuard {
    const guard = new InterruptGuard(stderr, onAbort);
    for (const signal of Object.keys(SIGNALS) as Signal[]) {
      const handler = () => guard.handle(signal);
      guard.handlers.set(signal, handler);
      process.on(signal, handler);
    }
    return guard;
  }

  enter(phase: Phase): void {
    this.phase = phase;
  }

  private handle(signal: Signal): void {
    const code = 128 + SIGNALS[signal];
    const what = signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`;
    if (this.phase === 'locked') {
      this.onAbort();
      this.stderr.write(`dossier: ${what}; nothing was written\n`);
      process.exit(code);
    }
    if (this.interruptedCode === undefined) {
      this.interruptedCode = code;
      this.stderr.write(`dossier: ${what}; finishing the change first, so that nothing is left half-written (${signal === 'SIGINT' ? 'Ctrl-C again' : 'a second signal'} stops at once)\n`);
      return;
    }
    this.stderr.write(`dossier: ${what} again; stopping now — the change is recorded in .dossier/change.json, and the next dossier command that writes will finish it\n`);
    process.exit(code);
  }

  uninstall(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }
}
