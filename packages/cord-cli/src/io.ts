import type { ChildProcess } from 'node:child_process';

// Everything `cord` takes from and gives to the world, so tests run it in-process with
// their own environment, answers and output, and never touch the real home directory.

export interface CordIo {
  /** The variables to read (through stack-config), normally process.env. */
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks on the terminal and waits for a line; undefined when the input has ended. */
  ask(question: string): Promise<string | undefined>;
  /** Terminal width for help text; undefined (no wrapping) when output is not a terminal. */
  columns: number | undefined;
  /** Starts a program (for `cord curl`) with its output piped back. */
  spawn(command: string, args: readonly string[]): ChildProcess;
}
