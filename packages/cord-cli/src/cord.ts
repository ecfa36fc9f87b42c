import { readCordCliEnvironment, StackConfigError } from '@cord-tutorial/stack-config';
import yargs, { type Argv } from 'yargs';
import { CordApi } from './api/cordApi.ts';
import { clientAuthTokenCommand } from './commands/clientAuthToken.ts';
import type { CommandContext, CordCommand } from './commands/context.ts';
import { curlCommand } from './commands/curl.ts';
import { fileCommand } from './commands/file.ts';
import { groupCommand } from './commands/group.ts';
import { initCommand } from './commands/init.ts';
import { messageCommand } from './commands/message.ts';
import { notificationCommand } from './commands/notification.ts';
import { permissionCommand } from './commands/permission.ts';
import { projectCommand } from './commands/project.ts';
import { threadCommand } from './commands/thread.ts';
import { userCommand } from './commands/user.ts';
import { readConfigFile } from './config/configFile.ts';
import { type Connection, resolveConnection } from './config/connection.ts';
import { CordCliError, EXIT, type ExitCode, UsageError } from './errors.ts';
import type { CordIo } from './io.ts';

/** The version of Cord's CLI whose commands and flags this one has. */
export const CORD_CLI_VERSION = '1.4.0';

/** In the order of Cord's CLI, which is the order of `cord --help`. */
const COMMANDS: readonly CordCommand[] = [
  initCommand,
  groupCommand,
  threadCommand,
  userCommand,
  projectCommand,
  notificationCommand,
  messageCommand,
  fileCommand,
  permissionCommand,
  clientAuthTokenCommand,
  curlCommand,
];

function commandContext(io: CordIo, passthrough: readonly string[]): CommandContext {
  let connection: Promise<Connection> | undefined;
  const environment = () => {
    try {
      return readCordCliEnvironment(io.env);
    } catch (error) {
      if (error instanceof StackConfigError) throw new UsageError(error.message);
      throw error;
    }
  };
  const context: CommandContext = {
    io,
    passthrough,
    environment,
    connection() {
      connection ??= (async () => {
        const env = environment();
        return resolveConnection(env, await readConfigFile(env.configPath));
      })();
      return connection;
    },
    async api() {
      return CordApi.forProject(await context.connection());
    },
    async customer() {
      const { customer } = await context.connection();
      if (customer) return customer;
      // Cord's CLI's own words, then what to do.
      throw new UsageError(
        'Missing CORD_CUSTOMER_ID or CORD_CUSTOMER_SECRET, please run "cord init" and add these values.',
        "Your Cord deployment's console shows your customer ID and secret. Local Cord needs none: unset CORD_API_URL to use it.",
      );
    },
    async managementApi() {
      return CordApi.forCustomer(await context.connection(), await context.customer());
    },
  };
  return context;
}

/** Refuses a single-value flag given twice, which Cord's CLI sent on as an array. */
function noRepeatedFlags(argv: Record<string, unknown>, parser: Argv) {
  // getOptions is missing from @types/yargs, but yargs 17 has it.
  const lists = new Set((parser as Argv & { getOptions(): { array: string[] } }).getOptions().array);
  const repeated = Object.keys(argv).find(
    (key) => key !== '_' && Array.isArray(argv[key]) && !lists.has(key) && !lists.has(camelCase(key)),
  );
  if (repeated !== undefined) throw new UsageError(`--${repeated} was given more than once.`);
}

const camelCase = (key: string) => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function parser(io: CordIo, context: CommandContext): Argv {
  let cli = yargs()
    .scriptName('cord')
    .usage('$0 <command> [args]')
    .strict()
    .demandCommand(1)
    .exitProcess(false)
    .version(CORD_CLI_VERSION)
    .help()
    .wrap(io.columns ?? null)
    .middleware((argv) => noRepeatedFlags(argv, cli), true);
  for (const command of COMMANDS) {
    cli = cli.command({
      command: command.name,
      aliases: command.aliases ? [...command.aliases] : [],
      describe: command.description ?? false,
      builder: (y) => command.subcommands(y.demandCommand(1), context),
      handler: () => {},
    });
  }
  return cli.fail((message, error, current) => {
    const fromYargs = !error || error.name === 'YError';
    if (!fromYargs && !(error instanceof UsageError)) throw error;
    // The command line is wrong (yargs's message, or ours): show how it should look.
    const usage = error instanceof UsageError ? error : new UsageError(message ?? error?.message ?? 'Invalid command.');
    current.showHelp((help) => {
      usage.help = help;
    });
    throw usage;
  });
}

/**
 * Runs `cord <argv>` and resolves with its exit code; output goes to `io`. Never throws
 * and never exits the process, so tests run it in-process.
 */
export async function runCord(argv: readonly string[], io: CordIo): Promise<ExitCode> {
  const split = argv.indexOf('--');
  const [words, passthrough] = split < 0 ? [argv, []] : [argv.slice(0, split), argv.slice(split + 1)];
  const context = commandContext(io, passthrough);
  try {
    // With a callback, yargs hands over --help and --version text instead of printing it.
    await parser(io, context).parseAsync([...words], {}, (_error, _argv, output) => {
      if (output) io.stdout(`${output}\n`);
    });
    return EXIT.ok;
  } catch (error) {
    return report(io, error);
  }
}

function report(io: CordIo, error: unknown): ExitCode {
  if (!(error instanceof CordCliError)) {
    // A bug, not a refusal: the stack is what a bug report needs.
    io.stderr(`cord: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.cordRefused;
  }
  if (error instanceof UsageError && error.help) io.stderr(`${error.help}\n\n`);
  io.stderr(`${error.message}\n`);
  if (error.hint) io.stderr(`Hint: ${error.hint}\n`);
  return error.exitCode;
}
