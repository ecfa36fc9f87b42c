// How `cord` ends, for scripts: one exit code per kind of failure, and errors that say what
// to do next. The table is in the package's README; tests hold the codes to it.

export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** Cord answered with an error (the user does not exist, a field is invalid, ...). */
  cordRefused: 1,
  /** The command line or the settings are wrong: unknown command or flag, bad JSON in a flag, half a credential. */
  usage: 2,
  /** Cord could not be reached at all (for local Cord: it is not running). */
  unreachable: 3,
  /** Cord refused the project id or secret. */
  unauthorized: 4,
  /** This Cord deployment has no such endpoint (local Cord does not have it yet). */
  unsupported: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure to report on stderr without a stack trace: the message, then what to do next. */
export class CordCliError extends Error {
  override name = 'CordCliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A mistake on the command line; `cord` prints the command's help above it. */
export class UsageError extends CordCliError {
  override name = 'UsageError';
  /** The help of the command being run, when the parser knows it. */
  help: string | undefined;
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}
