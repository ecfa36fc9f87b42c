import type { CordCliEnvironment } from '@cord-tutorial/stack-config';
import type { Argv } from 'yargs';
import type { CordApi } from '../api/cordApi.ts';
import type { Connection, Credentials } from '../config/connection.ts';
import type { CordIo } from '../io.ts';

/** What every command may use; settings are read only by the commands that need them. */
export interface CommandContext {
  io: CordIo;
  /** What the environment says (through stack-config); refuses a bad one. */
  environment(): CordCliEnvironment;
  connection(): Promise<Connection>;
  /** The project's REST API. */
  api(): Promise<CordApi>;
  /** The customer's keys, for project management (`cord project …`); refuses if there are none. */
  customer(): Promise<Credentials>;
  /** The project-management API, with the customer's keys. */
  managementApi(): Promise<CordApi>;
  /** The words after `--` (for `cord curl`). */
  passthrough: readonly string[];
}

/** One top-level command (`cord user …`): its name, aliases, description and subcommands. */
export interface CordCommand {
  name: string;
  aliases?: readonly string[];
  /** Undefined hides the command from `cord --help`, as Cord's CLI hid `permission`. */
  description: string | undefined;
  subcommands(yargs: Argv, context: CommandContext): Argv;
}

/** Prints a command's result as Cord's CLI did: JSON, indented by two spaces. */
export function printJson(io: CordIo, value: unknown) {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** A handler that prints what `work` returns. */
export function printing<A>(context: CommandContext, work: (argv: A) => Promise<unknown>) {
  return async (argv: A) => printJson(context.io, await work(argv));
}
