import { path, query } from '../api/endpoint.ts';
import { type CordCommand, printing } from './context.ts';
import { booleanFlag, jsonFlag, listFlag, numberFlag, ONE_VALUE, stringFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord user …`: Cord's users REST API (https://docs.cord.com/rest-apis/users).

const listOptions = {
  limit: numberFlag('How many users to list at most'),
  token: stringFlag('Pagination token from the previous page'),
  filter: stringFlag('Filter as JSON, e.g. {"metadata":{"team":"a"}}'),
};

const profileOptions = {
  email: stringFlag("The user's email address"),
  name: stringFlag("The user's full name"),
  shortName: stringFlag("The user's short display name"),
  metadata: stringFlag('Metadata as a JSON object of strings, numbers and booleans'),
  status: { ...ONE_VALUE, choices: ['active', 'deleted'], description: 'Whether the user is active or deleted' },
  profilePicture: stringFlag("URL of the user's avatar"),
  addGroup: { ...stringFlag('A group to add the user to; repeat for more'), array: true },
  removeGroup: { ...stringFlag('A group to remove the user from; repeat for more'), array: true },
} as const;

const presenceOptions = {
  groupID: {
    ...stringFlag('The group in which the user is present'),
    alias: ['organizationID', 'organizationId', 'groupId'],
    demandOption: true,
  },
  location: { ...stringFlag('The location, as a JSON object'), demandOption: true },
  durable: booleanFlag('true: record a lasting visit; false: present now'),
  absent: booleanFlag('true: the user has left the location'),
  exclusiveWithin: stringFlag('JSON partial location: clear presence at the other locations within it'),
} as const;

const preferenceOptions = {
  key: { ...ONE_VALUE, choices: ['notification_channels'], description: 'The preference', demandOption: true },
  value: { ...stringFlag('The values to change, as JSON, e.g. {"sendViaEmail":false}'), demandOption: true },
} as const;

export const userCommand: CordCommand = {
  name: 'user',
  description: 'Users (https://docs.cord.com/rest-apis/users)',
  subcommands: (yargs, context) =>
    yargs
      .command(
        'ls',
        'List users: GET /v1/users',
        (y) => y.options(listOptions),
        printing(context, async ({ limit, token, filter }) =>
          (await context.api()).call('GET', `users${query({ token, limit, filter })}`),
        ),
      )
      .command(
        'get <id>',
        'Read a user: GET /v1/users/<id>',
        (y) => y.positional('id', idPositional('user')),
        printing(context, async ({ id }) => (await context.api()).call('GET', path('users', id))),
      )
      .command(
        ['create <id>', 'update <id>'],
        'Create or update a user: PUT /v1/users/<id>',
        (y) => y.positional('id', idPositional('user')).options(profileOptions),
        printing(context, async (argv) =>
          (await context.api()).call('PUT', path('users', argv.id), {
            email: argv.email,
            name: argv.name,
            shortName: argv.shortName,
            status: argv.status,
            profilePictureURL: argv.profilePicture,
            metadata: jsonFlag(argv.metadata, 'metadata'),
            addGroups: listFlag(argv.addGroup),
            removeGroups: listFlag(argv.removeGroup),
          }),
        ),
      )
      .command(
        'update-presence <id>',
        'Set where a user is: PUT /v1/users/<id>/presence',
        (y) => y.positional('id', idPositional('user')).options(presenceOptions),
        printing(context, async (argv) =>
          (await context.api()).call('PUT', path('users', argv.id, 'presence'), {
            groupID: argv.groupID,
            location: jsonFlag(argv.location, 'location'),
            durable: argv.durable,
            absent: argv.absent,
            exclusiveWithin: jsonFlag(argv.exclusiveWithin, 'exclusiveWithin'),
          }),
        ),
      )
      .command(
        'delete <id>',
        'Delete a user and what they wrote: DELETE /v1/users/<id>',
        (y) =>
          y
            .positional('id', idPositional('user'))
            .options({ permanentlyDelete: booleanFlag('Must be true: the user is deleted for good') }),
        printing(context, async ({ id, permanentlyDelete }) =>
          (await context.api()).call('DELETE', path('users', id), { permanently_delete: permanentlyDelete }),
        ),
      )
      .command(
        'ls-preferences <id>',
        "Read a user's preferences: GET /v1/users/<id>/preferences",
        (y) => y.positional('id', idPositional('user')),
        printing(context, async ({ id }) => (await context.api()).call('GET', path('users', id, 'preferences'))),
      )
      .command(
        'update-preferences <id>',
        "Change a user's preferences: PUT /v1/users/<id>/preferences",
        (y) => y.positional('id', idPositional('user')).options(preferenceOptions),
        printing(context, async ({ id, key, value }) =>
          (await context.api()).call('PUT', path('users', id, 'preferences'), { key, value: jsonFlag(value, 'value') }),
        ),
      ),
};
