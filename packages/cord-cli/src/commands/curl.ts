import { getApplicationManagementAuthToken, getServerAuthToken } from '@cord-sdk/server';
import { CordCliError, EXIT, UsageError } from '../errors.ts';
import { type CommandContext, type CordCommand, printJson } from './context.ts';

// `cord curl -- <curl arguments>`: runs curl with a fresh server auth token as its bearer
// token, for REST calls the other commands do not cover. `cord curl project -- …` signs
// with the customer's keys instead. The words after `--` go to curl untouched and without
// a shell (Cord's CLI ran them through one).

/** curl's exit code when it could not connect. */
const CURL_COULD_NOT_CONNECT = 7;

async function runCurl(context: CommandContext, token: string, args: readonly string[]) {
  if (args.length === 0) {
    throw new UsageError(
      'Give curl its arguments after --',
      'For example: cord curl -- http://127.0.0.1:8161/v1/users',
    );
  }
  // -sS: no progress meter, but still curl's errors.
  const child = context.io.spawn('curl', ['-sS', '--oauth2-bearer', token, ...args]);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => context.io.stderr(chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    throw new CordCliError(`Could not run curl: ${error.code ?? error.message}`, EXIT.usage, 'Is curl installed?');
  });
  // JSON is printed as Cord's CLI printed it; anything else as it came.
  try {
    printJson(context.io, JSON.parse(output));
  } catch {
    context.io.stdout(output);
  }
  if (code === CURL_COULD_NOT_CONNECT) {
    throw new CordCliError(
      'curl could not connect.',
      EXIT.unreachable,
      'Is the URL right, and the server up? Local Cord starts with `pnpm dev`.',
    );
  }
  if (code !== 0) throw new CordCliError(`curl exited with code ${code}.`, EXIT.cordRefused);
}

export const curlCommand: CordCommand = {
  name: 'curl',
  description: 'Run curl with a server auth token: cord curl -- <curl arguments>',
  subcommands: (yargs, context) =>
    yargs
      .command(
        '$0',
        'Run curl with a server auth token: cord curl -- <curl arguments>',
        (y) => y,
        async () => {
          const { project } = await context.connection();
          await runCurl(context, getServerAuthToken(project.id, project.secret), context.passthrough);
        },
      )
      .command(
        ['project', 'app', 'application'],
        'Run curl with a project-management token: cord curl project -- <curl arguments>',
        (y) => y,
        async () => {
          const customer = await context.customer();
          await runCurl(context, getApplicationManagementAuthToken(customer.id, customer.secret), context.passthrough);
        },
      ),
};
