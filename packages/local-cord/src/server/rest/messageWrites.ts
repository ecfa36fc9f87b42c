import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contentFromText, type MessageContent, mentionedUserIds } from '../../protocol/content.ts';
import {
  entityMetadata,
  externalIdText,
  extraClassnames,
  limitedMessageContentSchema,
  messageText,
  reaction,
  translationKey,
  url,
} from '../../protocol/fields.ts';
import type { MessageRecord, NewThread, Store, ThreadRecord } from '../../store/store.ts';
import { type AttachmentChanges, AttachmentRefusal, attachmentChanges } from '../files/attachments.ts';
import { subscribeMembers } from '../live/handlers/threads.ts';
import { noteMessageWritten } from '../live/participation.ts';
import { resolveThread } from '../live/threadActions.ts';
import { mentionedOutsider, mentionOutsideGroupError } from '../mentions.ts';
import { ApiError, parse, type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import {
  cordBody,
  dateTime,
  dateTimeOrNull,
  inSchemaOrder,
  nullOr,
  requireIdentifier,
  requireNewId,
} from './cordValidation.ts';
import { requireMessage } from './messages.ts';
import { createThread, newThread, requireThread, threadShape } from './threads.ts';

// Writing messages: POST /v1/threads/<id>/messages (Cord's ServerCreateMessage), PUT and
// DELETE /v1/threads/<id>/messages/<id> (ServerUpdateMessage: also the only way to add
// and remove reactions), POST .../append. Each write is checked in Cord's order, made in
// one transaction, then pushed to the browsers that show it.

const addReaction = z.strictObject({ reaction, userID: externalIdText, timestamp: dateTime.optional() });
const removeReaction = z.strictObject({ reaction, userID: externalIdText });
/** Files: local Cord has no uploads yet, so any file named is one it cannot find (Cord's answer too). */
const fileAttachment = z.strictObject({ type: z.literal('file'), id: z.string() });
const removedAttachment = z.custom<{ type: 'file' | 'link_preview'; id: string }>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).every((key) => key === 'type' || key === 'id') &&
    ((value as { type?: unknown }).type === 'file' || (value as { type?: unknown }).type === 'link_preview') &&
    typeof (value as { id?: unknown }).id === 'string',
  'must match one of: object, object',
);

/** The fields a message is written with, on create and update alike (in Cord's order). */
const messageFields = {
  type: z.enum(['action_message', 'user_message']).optional(),
  id: z.string().optional(),
  url: nullOr(url).optional(),
  metadata: entityMetadata.optional(),
  createdTimestamp: dateTime.optional(),
  extraClassnames: nullOr(extraClassnames).optional(),
  updatedTimestamp: dateTimeOrNull.optional(),
  deletedTimestamp: dateTimeOrNull.optional(),
  iconURL: nullOr(url.pipe(z.url())).optional(),
  translationKey: nullOr(translationKey).optional(),
  skipLinkPreviews: z.boolean().optional(),
  addReactions: z.array(addReaction).optional(),
  addAttachments: z.array(fileAttachment).optional(),
};

/** Content is an array here; what its nodes may be is checked after, with Cord's text for content. */
const contentArray = z.array(z.unknown());

const createMessageBody = cordBody(
  'CreateMessageVariables',
  'messages',
  z.strictObject(
    inSchemaOrder(
      {
        createThread: z
          .strictObject(
            inSchemaOrder(
              { ...threadShape, resolved: z.boolean().optional(), organizationID: externalIdText.optional() },
              ['location', 'url', 'name', 'metadata', 'resolved', 'organizationID'],
            ),
          )
          .optional(),
        subscribeToThread: z.boolean().optional(),
        content: contentArray,
        authorID: externalIdText,
        ...messageFields,
      },
      ['addReactions', 'addAttachments', 'createThread', 'subscribeToThread', 'content', 'authorID'],
    ),
  ),
);

const updateMessageBody = cordBody(
  'UpdateMessageVariables',
  'messages',
  z.strictObject(
    inSchemaOrder(
      {
        deleted: z.boolean().optional(),
        removeReactions: z.array(removeReaction).optional(),
        removeAttachments: z.array(removedAttachment).optional(),
        authorID: externalIdText.optional(),
        content: contentArray.optional(),
        ...messageFields,
      },
      [
        'deleted',
        'deletedTimestamp',
        'removeReactions',
        'removeAttachments',
        'type',
        'id',
        'url',
        'content',
        'metadata',
        'createdTimestamp',
        'authorID',
      ],
    ),
  ),
);

const appendMessageBody = cordBody('AppendMessageVariables', undefined, z.strictObject({ text: messageText }));

/**
 * Not Cord's: `text` instead of `content`, for callers with no node tree to send; each
 * line becomes a paragraph. Everything else about the body is Cord's.
 */
function withTextAsContent(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !('text' in body) || 'content' in body) return body;
  const { text, ...rest } = body;
  return { ...rest, content: contentFromText(parse(messageText, text, 'text')) };
}

/** Cord copies a new thread's deprecated `organizationID` into a missing `groupID`. */
function withCreateThreadGroup(body: unknown): unknown {
  const createThread = (body as { createThread?: unknown } | null)?.createThread;
  if (createThread === null || typeof createThread !== 'object' || 'groupID' in createThread) return body;
  if (!('organizationID' in createThread)) return body;
  return { ...(body as object), createThread: { ...createThread, groupID: createThread.organizationID } };
}

/**
 * Content Cord's server takes, whose mentions name users of the project (Cord's text
 * otherwise) who are members of the thread's group (local Cord's refusal, see mentions.ts).
 */
function checkedContent(store: Store, content: unknown, groupId: string): MessageContent {
  const parsed = limitedMessageContentSchema.safeParse(content);
  if (!parsed.success) throw cordError('invalid_field', `content field is invalid: ${parsed.error.issues[0]?.message}`);
  const missing = mentionedUserIds(parsed.data).find((userId) => !store.users.exists(userId));
  if (missing !== undefined) {
    throw cordError('invalid_field', `content field is invalid: Could not find mentioned user with ID ${missing}`);
  }
  const outsider = mentionedOutsider(store, parsed.data, groupId);
  if (outsider !== undefined) throw cordError('invalid_field', mentionOutsideGroupError(outsider));
  return parsed.data;
}

/** The files a message's author attaches and takes off, checked as Cord checks them; refusals as Cord's REST errors. */
function fileChanges(...args: Parameters<typeof attachmentChanges>): AttachmentChanges {
  try {
    return attachmentChanges(...args);
  } catch (error) {
    if (!(error instanceof AttachmentRefusal)) throw error;
    throw error.code === 'file_belongs_to_different_user'
      ? new ApiError(403, error.code, error.message)
      : cordError(error.code, error.message);
  }
}

/** The users reacting must exist and be in the thread's group. */
function checkReactionUsers(store: Store, groupId: string, userIds: readonly string[]) {
  for (const userId of new Set(userIds)) {
    if (!store.users.exists(userId)) throw cordError('user_not_found', `User with ID ${userId} does not exist.`);
  }
  for (const userId of new Set(userIds)) {
    if (!store.groups.isMember(groupId, userId)) {
      throw cordError(
        'user_not_in_organization',
        `User with ID '${userId}' does not belong in organization ${groupId}.`,
      );
    }
  }
}

/** Adds reactions at their times (now if none); one a user already has only moves to the time given. */
function addReactions(store: Store, message: MessageRecord, reactions: z.output<typeof addReaction>[], now: number) {
  let current = message;
  for (const { reaction, userID, timestamp } of reactions) {
    current = store.messages.placeReaction(current.id, userID, reaction, timestamp ?? now, timestamp !== undefined);
  }
  return current;
}

type CreateMessage = ReturnType<typeof createMessageBody.parse>;

/** Where a new message goes: the thread, or the thread its `createThread` makes. */
function targetThread(store: Store, threadId: string, input: CreateMessage) {
  const existing = store.threads.get(threadId);
  if (existing) return { groupId: existing.groupId, existing };
  if (!input.createThread) throw cordError('thread_not_found', `Could not find thread with ID ${threadId}`);
  requireIdentifier(threadId, 'threadID');
  return { groupId: input.createThread.groupID, existing: undefined };
}

function createMessage(store: Store, threadId: string, input: CreateMessage, now: number) {
  if (input.id !== undefined) requireIdentifier(input.id, 'id');
  requireIdentifier(input.authorID, 'authorID');
  const target = targetThread(store, threadId, input);
  if (input.id !== undefined && store.messages.get(input.id)) {
    throw cordError(
      'message_already_exists',
      `Message with id: ${input.id} already exists. Please use a different ID or update the message via our ` +
        'update message endpoint https://docs.cord.com/rest-apis/messages#Update-a-message.',
    );
  }
  const { groupId } = target;
  if (!store.groups.exists(groupId)) throw cordError('organization_not_found');
  if (!store.users.exists(input.authorID)) {
    throw cordError('user_not_found', `Invalid message sender user id: ${input.authorID}.`);
  }
  if (!store.groups.isMember(groupId, input.authorID)) {
    throw cordError('invalid_request', 'message author is not a member of the organization the thread belongs to');
  }
  const content = checkedContent(store, input.content, groupId);
  const files = fileChanges(store, input.authorID, input.addAttachments);
  const reactions = input.addReactions ?? [];
  checkReactionUsers(
    store,
    groupId,
    reactions.map(({ userID }) => userID),
  );
  const toCreate: NewThread | undefined =
    target.existing || !input.createThread ? undefined : newThread(store, threadId, groupId, input.createThread);

  return store.transaction(() => {
    const created = target.existing ?? createThread(store, toCreate!, input.createThread?.addSubscribers);
    // A reply to a resolved thread reopens it, just before the reply, as in Cord.
    const reopening =
      created.resolvedAt === null ? undefined : resolveThread(store, created, input.authorID, false, now - 1);
    const thread = reopening?.thread ?? created;
    const inserted = store.messages.insert(
      {
        id: input.id ?? `cord:${randomUUID()}`,
        threadId: thread.id,
        authorId: input.authorID,
        content,
        type: input.type,
        url: input.url,
        iconURL: input.iconURL,
        translationKey: input.translationKey,
        metadata: input.metadata,
        extraClassnames: input.extraClassnames,
        skipLinkPreviews: input.skipLinkPreviews,
        editedAt: input.updatedTimestamp,
        deletedAt: input.deletedTimestamp,
      },
      input.createdTimestamp ?? now,
    );
    const withFiles = files.attach.length > 0 ? store.messages.attachFiles(inserted.id, files.attach) : inserted;
    const message = addReactions(store, withFiles, reactions, now);
    noteMessageWritten(store, thread, input.authorID, content, { subscribe: input.subscribeToThread ?? true, at: now });
    return { thread, message, reopening: reopening?.action };
  });
}

type UpdateMessage = ReturnType<typeof updateMessageBody.parse>;

function updateMessage(store: Store, thread: ThreadRecord, message: MessageRecord, input: UpdateMessage, now: number) {
  // Cord: an empty id is no new id.
  const newId = input.id ? requireNewId(input.id, 'message', (id) => store.messages.get(id) !== undefined) : undefined;
  const authorId = input.authorID && input.authorID !== message.authorId ? input.authorID : undefined;
  if (authorId !== undefined && !store.users.exists(authorId)) {
    throw cordError('user_not_found', `Invalid message author id: ${authorId}.`);
  }
  // Content counts as changed only when it differs from what is stored.
  const content =
    input.content && JSON.stringify(input.content) !== JSON.stringify(message.content)
      ? checkedContent(store, input.content, thread.groupId)
      : undefined;
  const adding = input.addReactions ?? [];
  const removing = input.removeReactions ?? [];
  if (
    adding.some((add) => removing.some((remove) => add.userID === remove.userID && add.reaction === remove.reaction))
  ) {
    throw cordError('invalid_field', 'Adding and removing the same reaction is invalid.');
  }
  checkReactionUsers(
    store,
    thread.groupId,
    [...adding, ...removing].map(({ userID }) => userID),
  );
  const attached = message.attachments.map((file) => file.id);
  const files = fileChanges(store, message.authorId, input.addAttachments, input.removeAttachments, attached);

  const deletedAt =
    input.deletedTimestamp !== undefined
      ? input.deletedTimestamp
      : input.deleted === undefined
        ? undefined
        : input.deleted
          ? now
          : null;
  return store.transaction(() => {
    let current = store.messages.update(
      message,
      {
        content,
        url: input.url,
        type: input.type,
        iconURL: input.iconURL,
        translationKey: input.translationKey,
        // Cord: null leaves the classes as they are.
        extraClassnames: input.extraClassnames ?? undefined,
        metadata: input.metadata,
        skipLinkPreviews: input.skipLinkPreviews,
        authorId,
        createdAt: input.createdTimestamp,
        editedAt: input.updatedTimestamp !== undefined ? input.updatedTimestamp : content ? now : undefined,
      },
      now,
    );
    if (deletedAt !== undefined) current = store.messages.setDeleted(current.id, deletedAt !== null, deletedAt ?? now);
    if (files.attach.length > 0 || files.detach.length > 0) {
      current = store.messages.attachFiles(current.id, files.attach, files.detach);
    }
    current = addReactions(store, current, adding, now);
    for (const { reaction, userID } of removing) current = store.messages.react(current.id, userID, [], [reaction]);
    // Newly mentioned members follow the thread, as when a browser edits a message.
    if (content) subscribeMembers(store, thread, mentionedUserIds(content));
    if (newId !== undefined) current = store.messages.rename(current.id, newId);
    return current;
  });
}

/** The text of content that is one markdown node holding one text, with more at its end; else undefined. */
function appendedText(content: MessageContent, more: string): string | undefined {
  const [node] = content;
  if (content.length !== 1 || node?.type !== 'markdown' || node.children.length !== 1) return undefined;
  const [child] = node.children;
  return child && 'text' in child && typeof child.text === 'string' ? child.text + more : undefined;
}

export const messageWriteRoutes: Route[] = [
  {
    method: 'POST',
    path: 'threads/:id/messages',
    handle({ store, hub, notify }, { id: threadId, body }) {
      const input = createMessageBody.parse(withCreateThreadGroup(withTextAsContent(body)));
      const threadCreated = !store.threads.get(threadId);
      const now = store.participants.stamp(threadId);
      const { thread, message, reopening } = createMessage(store, threadId, input, now);
      // Browsers that show the thread get the message as if a member had sent it.
      if (reopening) {
        hub.publishMessage(thread, reopening);
        notify({ type: 'messageAdded', thread, message: reopening, threadCreated: false });
      }
      hub.publishMessage(thread, message);
      notify({ type: 'messageAdded', thread, message, threadCreated });
      return success('Message created.', { messageID: message.id });
    },
  },
  {
    method: 'PUT',
    path: 'threads/:id/messages/:childId',
    handle({ store, hub, notify }, { id, childId, body }) {
      const input = updateMessageBody.parse(body);
      const thread = requireThread(store, id);
      const message = requireMessage(store, thread, childId);
      const updated = updateMessage(store, thread, message, input, store.participants.stamp(thread.id));
      if (updated.id !== message.id) hub.removeMessage(thread, message.id);
      hub.publishMessage(thread, updated);
      // New mentions notify once (as the author's change); each user's reactions notify the author.
      notify({ type: 'messageChanged', thread, before: message, after: updated, by: updated.authorId });
      const reactors = new Set(
        [...(input.addReactions ?? []), ...(input.removeReactions ?? [])].map(({ userID }) => userID),
      );
      for (const by of reactors) {
        if (by === updated.authorId) continue;
        notify({
          type: 'messageChanged',
          thread,
          before: { ...message, content: updated.content },
          after: updated,
          by,
        });
      }
      return success(`✅ You successfully updated message ${childId}`);
    },
  },
  {
    method: 'POST',
    path: 'threads/:id/messages/:childId/append',
    handle({ store, hub }, { id, childId, body }) {
      const { text } = appendMessageBody.parse(body);
      const thread = requireThread(store, id);
      const message = requireMessage(store, thread, childId);
      const appended = appendedText(message.content, text);
      if (appended === undefined) throw cordError('message_not_appendable');
      const content = checkedContent(store, [{ type: 'markdown', children: [{ text: appended }] }], thread.groupId);
      // Appending streams text into a message: Cord does not mark it edited.
      const updated = store.transaction(() => store.messages.update(message, { content, editedAt: message.editedAt }));
      hub.publishMessage(thread, updated);
      return success(`✅ You successfully updated message ${childId}`);
    },
  },
  {
    method: 'DELETE',
    path: 'threads/:id/messages/:childId',
    handle({ store, hub }, { id, childId }) {
      const thread = requireThread(store, id);
      const message = requireMessage(store, thread, childId);
      store.transaction(() => store.messages.delete(message.id));
      hub.removeMessage(thread, message.id);
      return success(`💀 You successfully deleted message ${childId}`);
    },
  },
];
