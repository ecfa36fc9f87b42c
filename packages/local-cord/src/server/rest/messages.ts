import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contentFromText, type MessageContent } from '../../protocol/content.ts';
import {
  externalIdString,
  limitedMessageContentSchema,
  id as messageId,
  messageText,
  threadId,
} from '../../protocol/fields.ts';
import type { NewThread, Store, ThreadRecord } from '../../store/store.ts';
import { noteMessageWritten } from '../live/participation.ts';
import { messageData } from '../views/threadViews.ts';
import { ApiError, invalidField, notFound, parse, type Route, success } from './common.ts';
import { restMessage } from './cordShapes.ts';
import { newThread, requireThread, threadFields } from './threads.ts';
import { requireUsers } from './users.ts';

// Messages: GET and POST /v1/threads/<id>/messages, GET /v1/threads/<id>/messages/<id>
// (Cord's ServerCreateMessage, CoreMessageData).

const createMessageBody = z.strictObject({
  id: messageId.optional(),
  authorID: externalIdString,
  /** Cord's rich text: an array of nodes. */
  content: z.unknown().optional(),
  /** Not Cord's: plain text, for callers that have no node tree to send; each line becomes a paragraph. */
  text: z.string().optional(),
  createThread: threadFields.optional(),
});

/** The message's content, from Cord's `content` or our plain `text`, refused with Cord's text when invalid. */
function contentFrom({ content, text }: z.output<typeof createMessageBody>): MessageContent {
  if (content !== undefined && text !== undefined) throw invalidField('Give content or text, not both.');
  if (text !== undefined) return contentFromText(parse(messageText, text, 'text'));
  if (content === undefined) throw new ApiError(400, 'missing_field', 'content is required (or text, for plain text).');
  const parsed = limitedMessageContentSchema.safeParse(content);
  if (!parsed.success) throw invalidField(`content field is invalid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
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
      const participants = store.participants.inThread(thread.id);
      const messages = store.messages
        .inThread(thread.id)
        .map((message) => restMessage(messageData(message, thread, participants, '')));
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
      const message = store.messages.get(childId);
      if (message?.threadId !== thread.id) throw notFound('message_not_found', 'Message not found.');
      return restMessage(messageData(message, thread, store.participants.inThread(thread.id), ''));
    },
  },
  {
    method: 'POST',
    path: 'threads/:id/messages',
    handle({ store, hub, notify }, { id: threadID, body }) {
      const input = parse(createMessageBody, body);
      const content = contentFrom(input);
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
      const now = Date.now();
      const { thread, message } = store.transaction(() => {
        const written = target.existing ?? store.threads.create(target.create);
        const inserted = store.messages.insert({ id, threadId: threadID, authorId: input.authorID, content }, now);
        // Cord subscribes the author (subscribeToThread defaults to true) and whoever is mentioned.
        noteMessageWritten(store, written, input.authorID, content, { subscribe: true, at: now });
        return { thread: written, message: inserted };
      });
      // Browsers that have the thread open get the message as if a member had sent it.
      hub.publishMessage(thread, message);
      notify({ type: 'messageAdded', thread, message, threadCreated: !target.existing });
      return success('Message created.', { messageID: id });
    },
  },
];
