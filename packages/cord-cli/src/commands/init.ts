import {
  LOCAL_CORD_CUSTOMER_ID,
  LOCAL_CORD_CUSTOMER_SECRET,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_SECRET,
} from '@cord-tutorial/stack-config';
import { type ConfigValues, readConfigFile, updateConfigFile } from '../config/configFile.ts';
import { CordCliError, EXIT } from '../errors.ts';
import type { CommandContext, CordCommand } from './context.ts';

// `cord init`: where the other commands find Cord. Cord's asked for a project of Cord's
// console; this one first looks for local Cord, which needs no account: when it answers
// /health with its published development project, one Enter sets it up (with its published
// development customer, for `cord project …`).

const HEALTH_TIMEOUT_MS = 2_000;
const REQUIRED = 'This is required to run the commands';

/** The project local Cord says it runs, or undefined when it does not answer. */
async function localCordProject(healthUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    const health = (await response.json()) as { project?: unknown };
    return typeof health.project === 'string' ? health.project : undefined;
  } catch {
    return undefined;
  }
}

async function ask(context: CommandContext, question: string, fallback?: string): Promise<string> {
  const reply = await context.io.ask(fallback ? `${question} (${fallback}) ` : `${question} `);
  if (reply === undefined) throw new CordCliError('cord init stopped: no answer.', EXIT.usage);
  return reply.trim() || fallback || '';
}

async function askRequired(context: CommandContext, question: string, fallback?: string): Promise<string> {
  for (;;) {
    const reply = await ask(context, question, fallback);
    if (reply !== '') return reply;
    context.io.stdout(`${REQUIRED}\n`);
  }
}

async function confirm(context: CommandContext, question: string, yes: boolean): Promise<boolean> {
  const reply = (await ask(context, `${question} ${yes ? '(Y/n)' : '(y/N)'}`)).toLowerCase();
  return reply === '' ? yes : reply.startsWith('y');
}

/** Another Cord deployment, by its URL, project id and secret, as Cord's own init asked. */
async function askForDeployment(context: CommandContext, existing: ConfigValues, localApiUrl: string) {
  const values: ConfigValues = {
    CORD_API_URL: await askRequired(
      context,
      "Cord's REST API URL, ending in /v1:",
      existing.CORD_API_URL ?? localApiUrl,
    ),
    CORD_PROJECT_ID: await askRequired(
      context,
      'The ID of the project you want to query within:',
      existing.CORD_PROJECT_ID,
    ),
    CORD_PROJECT_SECRET: await askRequired(context, "That project's secret:", existing.CORD_PROJECT_SECRET),
  };
  if (
    await confirm(
      context,
      'Will you run project-management commands (cord project …)? They need your customer keys.',
      false,
    )
  ) {
    values.CORD_CUSTOMER_ID = await ask(context, 'Your customer ID:', existing.CORD_CUSTOMER_ID);
    values.CORD_CUSTOMER_SECRET = await ask(context, 'Your customer secret:', existing.CORD_CUSTOMER_SECRET);
  }
  return values;
}

export const initCommand: CordCommand = {
  name: 'init',
  description: 'Choose the Cord the other commands talk to (local Cord, when it is running)',
  subcommands: (yargs, context) =>
    yargs.command(
      '$0',
      'Choose the Cord the other commands talk to (local Cord, when it is running)',
      (y) =>
        y.options({
          yes: {
            type: 'boolean',
            alias: 'y',
            description: 'Take local Cord without asking; fail if it is not running',
          },
        }),
      async ({ yes }) => {
        const { io } = context;
        const env = context.environment();
        const existing = await readConfigFile(env.configPath);
        const running = await localCordProject(`${env.localCordUrl}/health`);
        let values: ConfigValues | undefined;
        if (running === LOCAL_CORD_PROJECT_ID) {
          io.stdout(`Local Cord is running at ${env.localCordUrl}, with its development project ${running}.\n`);
          if (yes || (await confirm(context, 'Use it?', true))) {
            values = {
              CORD_PROJECT_ID: LOCAL_CORD_PROJECT_ID,
              CORD_PROJECT_SECRET: LOCAL_CORD_PROJECT_SECRET,
              // Its customer's keys too, for `cord project …`, as Cord's init asked for a customer's.
              CORD_CUSTOMER_ID: LOCAL_CORD_CUSTOMER_ID,
              CORD_CUSTOMER_SECRET: LOCAL_CORD_CUSTOMER_SECRET,
              CORD_API_URL: env.localCordApiUrl,
            };
          }
        } else if (yes) {
          throw new CordCliError(
            running === undefined
              ? `Local Cord is not running at ${env.localCordUrl}.`
              : `Local Cord at ${env.localCordUrl} runs project ${running}, not its development project.`,
            running === undefined ? EXIT.unreachable : EXIT.usage,
            'Start it with `pnpm dev` and run `cord init --yes` again, or run `cord init` to enter another Cord.',
          );
        } else {
          io.stdout(
            running === undefined
              ? `Local Cord is not running at ${env.localCordUrl} (start it with \`pnpm dev\`). Enter the Cord to use:\n`
              : `Local Cord at ${env.localCordUrl} runs project ${running}; enter its secret to use it.\n`,
          );
        }
        // Local Cord with a project of its own (a test's, say): offer its id and URL.
        const defaults = running
          ? { ...existing, CORD_PROJECT_ID: running, CORD_API_URL: env.localCordApiUrl }
          : existing;
        values ??= await askForDeployment(context, defaults, env.localCordApiUrl);
        await updateConfigFile(env.configPath, values);
        io.stdout(`These settings are now in ${env.configPath}:\n`);
        for (const [key, value] of Object.entries(values)) {
          if (value) io.stdout(`${key}=${key.endsWith('SECRET') ? '(hidden)' : value}\n`);
        }
        if (values.CORD_CUSTOMER_ID && !values.CORD_CUSTOMER_SECRET) {
          io.stdout('You will still need to configure your customer secret to execute project commands.\n');
        }
      },
    ),
};
