import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { externalIdString, id as messageId, messageText, threadId } from '../../protocol/fields.ts';
import type { MessageView } from '../../protocol/views.ts';
import type { NewThread, ReactionRecord, Store, ThreadRecord } from '../../store/store.ts';
import { ApiError, invalidField, isoTime, notFound, parse, type Route, success } from './common.ts';
import { newThread, requireThread, threadFields } from './threads.ts';
import { requireUsers } from './users.ts';

// Messages: GET and POST /v1/threads/<id>/messages, GET /v1/threads/<id>/messages/<id>
// (Cord's ServerCreateMessage, CoreMessageData).

const createMessageBody = z.strictObject({
  id: messageId.optional(),
  authorID: externalIdString,
  /** Cord's rich text: an array of nodes. Local Cord keeps its plain text. */
  content: z.array(z.unknown()).optional(),
  /** Not Cord's: plain text, for callers that have no node tree to send. */
  text: z.string().optional(),
  createThread: threadFields.optional(),
});

/** Deep enough for any real message; it keeps a hostile body from exhausting the stack. */
const MAX_CONTENT_DEPTH = 16;

/**
 * The plain text of Cord's message nodes: text nodes concatenated, top-level blocks
 * (paragraphs, bullets...) on lines of their own. Mentions and links keep their text.
 */
function plaintextOf(nodes: unknown, path: string, depth = 0): string {
  if (!Array.isArray(nodes)) throw invalidField(`${path}: expected an array of message nodes.`);
  if (depth > MAX_CONTENT_DEPTH) throw invalidField(`${path}: nested more than ${MAX_CONTENT_DEPTH} deep.`);
  const texts = nodes.map((node: unknown, index) => {
    const where = `${path}[${index}]`;
    if (node === null || typeof node !== 'object') throw invalidField(`${where}: expected a message node.`);
    if ('text' in node) {
      if (typeof node.text !== 'string') throw invalidField(`${where}.text: expected a string.`);
      return node.text;
    }
    if ('children' in node) return plaintextOf(node.children, `${where}.children`, depth + 1);
    throw invalidField(`${where}: a message node needs text or children.`);
  });
  return texts.join(depth === 0 ? '\n' : '');
}

function plaintextFrom({ content, text }: z.output<typeof createMessageBody>): string {
  if (content !== undefined && text !== undefined) throw invalidField('Give content or text, not both.');
  if (content !== undefined) return parse(messageText, plaintextOf(content, 'content'), 'content');
  if (text !== undefined) return parse(messageText, text, 'text');
  throw new ApiError(400, 'missing_field', 'content is required (or text, for plain text).');
}

/** Cord's CoreMessageData; the content is one paragraph holding the stored text. */
function messageData(thread: ThreadRecord, message: MessageView, reactions: readonly ReactionRecord[]) {
  return {
    id: message.id,
    threadID: thread.id,
    groupID: thread.groupId,
    organizationID: thread.groupId,
    authorID: message.author.id,
    type: 'user_message',
    content: [{ type: 'p', children: [{ text: message.text }] }],
    plaintext: message.text,
    url: null,
    createdTimestamp: isoTime(message.createdAt),
    updatedTimestamp: isoTime(message.editedAt),
    deletedTimestamp: isoTime(message.deletedAt),
    iconURL: null,
    translationKey: null,
    metadata: {},
    extraClassnames: null,
    attachments: [],
    reactions: reactions
      .filter((reaction) => reaction.messageId === message.id)
      .map(({ emoji, userId, createdAt }) => ({ reaction: emoji, userID: userId, timestamp: isoTime(createdAt) })),
    seenBy: [],
    skipLinkPreviews: false,
  };
}

/** The group of the thread written in, and the thread to create first if it is new. */
function threadToWriteIn(
  store: Store,
  id: string,
  createThread: z.output<typeof threadFields> | undefined,
): { existing: ThreadRecord; create?: undefined } | { existing?: undefined; create: NewThread } {
  const existing = store.threads.get(id);
  if (existing) return { existing };
  if (!createThread) {
    throw notFound('thread_not_found', `Thread ${id} not found: pass createThread to create it.`);
  }
  return { create: newThread(store, parse(threadId, id, 'threadID'), createThread) };
}

export const messageRoutes: Route[] = [
  {
    method: 'GET',
    path: 'threads/:id/messages',
    handle({ store }, { id, query }) {
      const thread = requireThread(store, id);
      const direction = query.get('sortDirection') ?? 'descending';
      if (direction !== 'ascending' && direction !== 'descending') {
        throw invalidField("sortDirection: must be 'ascending' or 'descending'.");
      }
      const reactions = store.messages.reactionsInThread(thread.id);
      const messages = store.messages.inThread(thread.id).map((message) => messageData(thread, message, reactions));
      // Cord lists the newest first unless asked otherwise.
      return direction === 'ascending' ? messages : messages.reverse();
    },
  },
  {
    method: 'GET',
    path: 'threads/:id/messages/:childId',
    handle({ store }, { id, childId }) {
      const thread = requireThread(store, id);
      // A message of another thread is not found here, as in Cord.
      const inThisThread = store.messages.get(childId)?.threadId === thread.id;
      const message = inThisThread ? store.messages.view(childId) : undefined;
      if (!message) throw notFound('message_not_found', 'Message not found.');
      return messageData(thread, message, store.messages.reactionsInThread(thread.id));
    },
  },
  {
    method: 'POST',
    path: 'threads/:id/messages',
    handle({ store, hub }, { id: threadID, body }) {
      const input = parse(createMessageBody, body);
      const text = plaintextFrom(input);
      const id = input.id ?? randomUUID();
      const target = threadToWriteIn(store, threadID, input.createThread);
      const groupId = target.existing ? target.existing.groupId : target.create.groupId;
      if (store.messages.get(id)) throw new ApiError(409, 'message_already_exists', `Message ${id} already exists.`);
      requireUsers(store, [input.authorID]);
      if (!store.groups.isMember(groupId, input.authorID)) {
        throw new ApiError(
          400,
          'invalid_request',
          `User ${input.authorID} is not a member of group ${groupId}, which the thread belongs to.`,
        );
      }
      const { thread, message } = store.transaction(() => ({
        thread: target.existing ?? store.threads.create(target.create),
        message: store.messages.insert({ id, threadId: threadID, authorId: input.authorID, text }),
      }));
      // Browsers that have the thread open get the message as if a member had sent it.
      hub.publishMessage(thread, message);
      return success('Message created.', { messageID: id });
    },
  },
];
