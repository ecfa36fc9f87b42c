import { getClientAuthToken } from '@cord-sdk/server';
import { UsageError } from '../errors.ts';
import type { CordCommand } from './context.ts';
import { stringFlag } from './flags.ts';

// `cord client-auth-token <userID>`: a token for the browser, signed here with the project's
// secret; no call to Cord. Cord's CLI signed `{ user_id, app_id }` itself; this uses
// @cord-sdk/server's getClientAuthToken, whose token names the project as `project_id`
// (Cord and local Cord accept both).

type Expiry = NonNullable<NonNullable<Parameters<typeof getClientAuthToken>[3]>['expires']>;

/**
 * jsonwebtoken reads "60" as 60 ms, an expired token; a bare number here means seconds.
 * Other text is a timespan for jsonwebtoken to read, or refuse.
 */
function expiresIn(value: string): Expiry {
  return (/^\d+$/.test(value) ? Number(value) : value) as Expiry;
}

const userIdPositional = { type: 'string', description: "The user's id", demandOption: true } as const;
const expiresOption = {
  expires: { ...stringFlag('How long the token is valid: "1 min", "2h", "1d", or seconds'), default: '1 min' },
} as const;

export const clientAuthTokenCommand: CordCommand = {
  name: 'client-auth-token',
  aliases: ['clientauthtoken', 'clientAuthToken'],
  description: 'Print a client auth token for a user (signed locally)',
  subcommands: (yargs, context) =>
    yargs.command(
      '$0 <userID>',
      'Print a client auth token for a user (signed locally)',
      (y) => y.positional('userID', userIdPositional).options(expiresOption),
      async ({ userID, expires }) => {
        const { project } = await context.connection();
        let token: string;
        try {
          token = getClientAuthToken(project.id, project.secret, { user_id: userID }, { expires: expiresIn(expires) });
        } catch (error) {
          throw new UsageError(`--expires ${expires}: ${(error as Error).message}`, 'For example: --expires "10 min"');
        }
        context.io.stdout(`${token}\n`);
      },
    ),
};
