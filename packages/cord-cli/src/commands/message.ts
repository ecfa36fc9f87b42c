import { path, query } from '../api/endpoint.ts';
import { UsageError } from '../errors.ts';
import { markdownToMessageContent } from '../markdown/markdownToContent.ts';
import { type CordCommand, printing } from './context.ts';
import { booleanFlag, jsonFlag, numberFlag, ONE_VALUE, stringFlag, timeFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord message …`: Cord's messages REST API (https://docs.cord.com/rest-apis/messages).

const threadOption = {
  threadID: { ...stringFlag('The thread of the message'), alias: 'threadId', demandOption: true },
} as const;

const messageFields = (authorRequired: boolean) =>
  ({
    ...threadOption,
    addReactions: stringFlag('Reactions to add, as JSON: [{"reaction":"👍","userID":"u"}]'),
    addAttachments: stringFlag('Files to attach, as JSON: [{"type":"file","id":"<id from cord file upload>"}]'),
    authorID: { ...stringFlag('The author'), alias: 'authorId', demandOption: authorRequired },
    content: stringFlag("The message as Cord's MessageContent JSON (wins over --markdownContent)"),
    markdownContent: stringFlag('The message as markdown; <@user-id> mentions a user'),
    iconUrl: stringFlag('Icon URL of an action message'),
    translationKey: stringFlag('Translation key of an action message'),
    createdTimestamp: stringFlag('When the message was written'),
    metadata: stringFlag('Metadata as a JSON object of strings, numbers and booleans'),
    url: stringFlag('URL of the message'),
    deletedTimestamp: stringFlag('When the message was deleted, or null'),
    updatedTimestamp: stringFlag('When the message was last edited, or null'),
    skipLinkPreviews: booleanFlag('true: no link previews'),
    type: { ...ONE_VALUE, choices: ['action_message', 'user_message'], description: 'The kind of message' },
    extraClassnames: stringFlag('CSS classes for the message, separated by spaces'),
  }) as const;

type Flag = string | undefined;

interface MessageArgs {
  content?: Flag;
  markdownContent?: Flag;
  url?: Flag;
  type?: Flag;
  authorID?: Flag;
  extraClassnames?: Flag;
  iconUrl?: Flag;
  translationKey?: Flag;
  metadata?: Flag;
  addReactions?: Flag;
  addAttachments?: Flag;
  createdTimestamp?: Flag;
  deletedTimestamp?: Flag;
  updatedTimestamp?: Flag;
  skipLinkPreviews?: boolean | undefined;
}

/** `--content` as JSON, else `--markdownContent` converted, as Cord's CLI chose. */
function contentOf({ content, markdownContent }: MessageArgs): unknown {
  if (content) return jsonFlag(content, 'content');
  if (markdownContent) return markdownToMessageContent(markdownContent);
  return undefined;
}

/** The body fields that creating and updating a message share. */
function messageBody(argv: MessageArgs) {
  return {
    url: argv.url,
    type: argv.type,
    authorID: argv.authorID,
    extraClassnames: argv.extraClassnames,
    iconURL: argv.iconUrl,
    translationKey: argv.translationKey,
    content: contentOf(argv),
    metadata: jsonFlag(argv.metadata, 'metadata'),
    addReactions: jsonFlag(argv.addReactions, 'addReactions'),
    addAttachments: jsonFlag(argv.addAttachments, 'addAttachments'),
    createdTimestamp: timeFlag(argv.createdTimestamp, 'createdTimestamp'),
    deletedTimestamp: timeFlag(argv.deletedTimestamp, 'deletedTimestamp'),
    updatedTimestamp: timeFlag(argv.updatedTimestamp, 'updatedTimestamp'),
    skipLinkPreviews: argv.skipLinkPreviews,
  };
}

export const messageCommand: CordCommand = {
  name: 'message',
  description: 'Messages (https://docs.cord.com/rest-apis/messages)',
  subcommands: (yargs, context) =>
    yargs
      .command(
        'ls',
        'List messages: GET /v1/messages',
        (y) =>
          y.options({
            filter: stringFlag('Filter as JSON, e.g. {"authorID":"u"}'),
            token: stringFlag('Pagination token from the previous page'),
            limit: numberFlag('How many messages to list at most'),
          }),
        printing(context, async ({ filter, token, limit }) =>
          (await context.api()).call('GET', `messages${query({ filter, token, limit })}`),
        ),
      )
      .command(
        'get <id>',
        'Read a message: GET /v1/threads/<threadID>/messages/<id>',
        (y) => y.positional('id', idPositional('message')).options(threadOption),
        printing(context, async ({ id, threadID }) =>
          (await context.api()).call('GET', path('threads', threadID, 'messages', id)),
        ),
      )
      .command(
        'create [id]',
        'Post a message: POST /v1/threads/<threadID>/messages',
        (y) =>
          y
            .positional('id', { type: 'string', description: "The message's id (Cord picks one if not given)" })
            .options({
              ...messageFields(true),
              createThread: stringFlag(
                'The thread to create if it does not exist, as JSON (groupID, name, url, location)',
              ),
            }),
        printing(context, async (argv) => {
          const body = messageBody(argv);
          if (body.content === undefined) {
            throw new UsageError(
              'You need to provide either content or markdownContent',
              'For example: --markdownContent "Hello <@bob>"',
            );
          }
          return (await context.api()).call('POST', path('threads', argv.threadID, 'messages'), {
            id: argv.id,
            ...body,
            createThread: jsonFlag(argv.createThread, 'createThread'),
          });
        }),
      )
      .command(
        'update <id>',
        'Update a message: PUT /v1/threads/<threadID>/messages/<id>',
        (y) =>
          y
            .positional('id', idPositional('message'))
            .options({ ...messageFields(false), newID: { ...stringFlag('A new id for the message'), alias: 'newId' } }),
        printing(context, async (argv) =>
          (await context.api()).call('PUT', path('threads', argv.threadID, 'messages', argv.id), {
            id: argv.newID,
            ...messageBody(argv),
          }),
        ),
      )
      .command(
        'delete <id>',
        'Delete a message: DELETE /v1/threads/<threadID>/messages/<id>',
        (y) => y.positional('id', idPositional('message')).options(threadOption),
        printing(context, async ({ id, threadID }) =>
          (await context.api()).call('DELETE', path('threads', threadID, 'messages', id)),
        ),
      ),
};
