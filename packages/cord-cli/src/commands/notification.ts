import { path, query } from '../api/endpoint.ts';
import { type CordCommand, printing } from './context.ts';
import { jsonFlag, ONE_VALUE, stringFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord notification …`: Cord's notifications REST API (https://docs.cord.com/rest-apis/notifications).

const createOptions = {
  recipientID: { ...stringFlag('Who gets the notification'), alias: 'recipientId', demandOption: true },
  actorID: { ...stringFlag('Who caused it ({{actor}} in the template)'), alias: 'actorId' },
  template: { ...stringFlag('The header, e.g. "{{actor}} shared a page"'), demandOption: true },
  url: { ...stringFlag('Where clicking the notification goes'), demandOption: true },
  iconUrl: stringFlag('Icon URL'),
  metadata: stringFlag('Metadata as a JSON object of strings, numbers and booleans'),
  extraClassnames: stringFlag('CSS classes for the notification, separated by spaces'),
  type: { ...ONE_VALUE, choices: ['url'], description: 'The kind of notification', demandOption: true },
} as const;

export const notificationCommand: CordCommand = {
  name: 'notification',
  description: 'Notifications (https://docs.cord.com/rest-apis/notifications)',
  subcommands: (yargs, context) =>
    yargs
      .command(
        'ls <userID>',
        "List a user's notifications: GET /v1/users/<userID>/notifications",
        (y) =>
          y
            .positional('userID', idPositional('user'))
            .options({ filter: stringFlag('Filter as JSON, e.g. {"metadata":{"a":1}}') }),
        printing(context, async ({ userID, filter }) =>
          (await context.api()).call('GET', `${path('users', userID, 'notifications')}${query({ filter })}`),
        ),
      )
      .command(
        'create',
        'Send a notification: POST /v1/notifications',
        (y) => y.options(createOptions),
        printing(context, async (argv) =>
          (await context.api()).call('POST', 'notifications', {
            type: argv.type,
            url: argv.url,
            template: argv.template,
            recipientID: argv.recipientID,
            actorID: argv.actorID,
            // Cord spells it iconUrl here, iconURL on messages.
            iconUrl: argv.iconUrl,
            extraClassnames: argv.extraClassnames,
            metadata: jsonFlag(argv.metadata, 'metadata'),
          }),
        ),
      )
      .command(
        'delete <id>',
        'Delete a notification: DELETE /v1/notifications/<id>',
        (y) => y.positional('id', idPositional('notification')),
        printing(context, async ({ id }) => (await context.api()).call('DELETE', path('notifications', id))),
      ),
};
