import { path } from '../api/endpoint.ts';
import { type CordCommand, printing } from './context.ts';
import { jsonFlag, stringFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord permission …`: Cord's experimental permission rules. Hidden from `cord --help`, as in
// Cord's CLI: the API behind it never left Cord's feature flags.

const ruleOptions = {
  resourceId: { type: 'array', string: true, description: 'Resource ids the rule covers' },
  resourceMetadata: stringFlag('Resource metadata the rule covers, as JSON'),
  userID: { type: 'array', string: true, alias: 'userId', description: 'User ids the rule covers' },
  userMetadata: stringFlag('User metadata the rule covers, as JSON'),
  permission: { type: 'array', string: true, description: 'The permissions granted', demandOption: true },
} as const;

export const permissionCommand: CordCommand = {
  name: 'permission',
  description: undefined,
  subcommands: (yargs, context) =>
    yargs
      .command(
        'create',
        'Create a permission rule: POST /v1/experimental/permissions',
        (y) => y.options(ruleOptions),
        printing(context, async (argv) =>
          (await context.api()).call('POST', 'experimental/permissions', {
            resourceFilter: { id: argv.resourceId, metadata: jsonFlag(argv.resourceMetadata, 'resourceMetadata') },
            userFilter: { id: argv.userID, metadata: jsonFlag(argv.userMetadata, 'userMetadata') },
            permission: argv.permission,
          }),
        ),
      )
      .command(
        'delete <id>',
        'Delete a permission rule: DELETE /v1/experimental/permissions/<id>',
        (y) => y.positional('id', idPositional('rule')),
        printing(context, async ({ id }) =>
          (await context.api()).call('DELETE', path('experimental', 'permissions', id)),
        ),
      ),
};
