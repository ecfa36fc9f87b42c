import { path, query } from '../api/endpoint.ts';
import { type CordCommand, printing } from './context.ts';
import { booleanFlag, jsonFlag, numberFlag, ONE_VALUE, stringFlag, timeFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord thread …`: Cord's threads REST API (https://docs.cord.com/rest-apis/threads).

const threadFields = (required: boolean) =>
  ({
    name: { ...stringFlag("The thread's name"), demandOption: required },
    metadata: stringFlag('Metadata as a JSON object of strings, numbers and booleans'),
    url: { ...stringFlag('URL of the page where the thread is'), demandOption: required },
    extraClassnames: stringFlag('CSS classes for the thread, separated by spaces'),
    location: { ...stringFlag("The thread's location, as a JSON object"), demandOption: required },
    addSubscribers: stringFlag('Users to subscribe, as a JSON array of ids'),
  }) as const;

const createOptions = {
  ...threadFields(true),
  groupID: { ...stringFlag('The group the thread belongs to'), alias: 'groupId', demandOption: true },
} as const;

const updateOptions = {
  ...threadFields(false),
  groupID: { ...stringFlag('Move the thread to this group'), alias: 'organization-id' },
  newID: { ...stringFlag('A new id for the thread'), alias: 'newId' },
  resolvedTimestamp: stringFlag('When the thread was resolved, or null'),
  userID: { ...stringFlag('Who resolves or reopens the thread (named in the action message)'), alias: 'userId' },
  typing: stringFlag('Users typing now, as a JSON array of ids; [] clears them'),
  removeSubscribers: stringFlag('Users to unsubscribe, as a JSON array of ids'),
  resolved: booleanFlag('true resolves the thread, false reopens it'),
} as const;

export const threadCommand: CordCommand = {
  name: 'thread',
  description: 'Threads (https://docs.cord.com/rest-apis/threads)',
  subcommands: (yargs, context) =>
    yargs
      .command(
        'get <id>',
        'Read a thread: GET /v1/threads/<id>',
        (y) => y.positional('id', idPositional('thread')),
        printing(context, async ({ id }) => (await context.api()).call('GET', path('threads', id))),
      )
      .command(
        'create [id]',
        'Create a thread: POST /v1/threads',
        (y) =>
          y
            .positional('id', { type: 'string', description: "The thread's id (Cord picks one if not given)" })
            .options(createOptions),
        printing(context, async (argv) =>
          (await context.api()).call('POST', 'threads', {
            id: argv.id,
            name: argv.name,
            url: argv.url,
            groupID: argv.groupID,
            location: jsonFlag(argv.location, 'location'),
            metadata: jsonFlag(argv.metadata, 'metadata'),
            extraClassnames: argv.extraClassnames,
            addSubscribers: jsonFlag(argv.addSubscribers, 'addSubscribers'),
          }),
        ),
      )
      .command(
        'get-messages <id>',
        "List a thread's messages: GET /v1/threads/<id>/messages",
        (y) =>
          y.positional('id', idPositional('thread')).options({
            sortDirection: {
              ...ONE_VALUE,
              choices: ['ascending', 'descending'],
              description: 'Oldest first (ascending) or newest first (descending, the default)',
            },
          }),
        printing(context, async ({ id, sortDirection }) =>
          (await context.api()).call('GET', `${path('threads', id, 'messages')}${query({ sortDirection })}`),
        ),
      )
      .command(
        'ls',
        'List threads: GET /v1/threads',
        (y) =>
          y.options({
            filter: stringFlag('Filter as JSON, e.g. {"groupID":"g","resolvedStatus":"unresolved"}'),
            limit: numberFlag('How many threads to list at most'),
            token: stringFlag('Pagination token from the previous page'),
          }),
        printing(context, async ({ filter, token, limit }) =>
          (await context.api()).call('GET', `threads${query({ filter, token, limit })}`),
        ),
      )
      .command(
        'update <id>',
        'Update a thread: PUT /v1/threads/<id>',
        (y) => y.positional('id', idPositional('thread')).options(updateOptions),
        printing(context, async (argv) =>
          (await context.api()).call('PUT', path('threads', argv.id), {
            name: argv.name,
            resolved: argv.resolved,
            url: argv.url,
            id: argv.newID,
            groupID: argv.groupID,
            extraClassnames: argv.extraClassnames,
            userID: argv.userID,
            metadata: jsonFlag(argv.metadata, 'metadata'),
            location: jsonFlag(argv.location, 'location'),
            typing: jsonFlag(argv.typing, 'typing'),
            addSubscribers: jsonFlag(argv.addSubscribers, 'addSubscribers'),
            removeSubscribers: jsonFlag(argv.removeSubscribers, 'removeSubscribers'),
            resolvedTimestamp: timeFlag(argv.resolvedTimestamp, 'resolvedTimestamp'),
          }),
        ),
      )
      .command(
        'delete <id>',
        'Delete a thread and its messages: DELETE /v1/threads/<id>',
        (y) => y.positional('id', idPositional('thread')),
        printing(context, async ({ id }) => (await context.api()).call('DELETE', path('threads', id))),
      ),
};
