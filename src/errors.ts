/** Operational failures: one is thrown, it ends the command, and cli.ts maps it to an exit code. */

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments, or a store that cannot be read: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** A record or revision that does not exist: exit 1. */
export class NotFoundError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
  }
}

/** The command has already said everything; exit with this code and print nothing more. */
export class ExitError extends CliError {
  constructor(exitCode: number) {
    super('', exitCode);
  }
}
