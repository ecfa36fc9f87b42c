import { randomUUID } from 'node:crypto';
import { type MessageContent, mentionedUserIds } from '../../../protocol/content.ts';
import { composerThreadId, threadId as newThreadId } from '../../../protocol/fields.ts';
import type { RequestOf } from '../../../protocol/requests.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../../store/store.ts';
import { type AttachmentChanges, AttachmentRefusal, attachmentChanges } from '../../files/attachments.ts';
import { mentionedOutsider, mentionOutsideGroupError } from '../../mentions.ts';
import { noteMessageWritten } from '../participation.ts';
import { RequestError } from '../requestError.ts';
import { readScope, THREAD_IN_OTHER_GROUP, writeGroup } from '../scope.ts';
import type { Subscriber } from '../subscriber.ts';
import { resolveThread } from '../threadActions.ts';
import type { HandlerContext, Handlers } from './context.ts';
import { messagesView, subscribeMembers } from './threads.ts';

type MessageRequest = 'message.send' | 'message.update' | 'message.observe' | 'message.unobserve';

export const messageHandlers: Handlers<MessageRequest> = {
  'message.send'(context, request) {
    const { store, hub, notify, subscriber } = context;
    const { userId } = subscriber.viewer;
    const existing = request.messageId === undefined ? undefined : store.messages.get(request.messageId);
    if (existing) {
      // A browser re-sends what it sent before a reconnect: answer, store nothing twice.
      if (existing.authorId !== userId || existing.threadId !== request.threadId) {
        throw new RequestError(
          'invalid_request',
          `Message with id: ${request.messageId} already exists. Please use a different ID or update the message ` +
            'via our update message endpoint https://docs.cord.com/rest-apis/messages#Update-a-message.',
        );
      }
      const thread = store.threads.get(existing.threadId)!;
      return answerWith(context, thread, existing);
    }
    const known = store.threads.get(request.threadId);
    const thread = known ?? threadToCreate(store, subscriber, request);
    if (known && !store.groups.isMember(known.groupId, userId)) {
      throw new RequestError('thread_in_other_group', THREAD_IN_OTHER_GROUP);
    }
    requireMembersMentioned(store, request.content, thread.groupId);
    const files = checkedAttachments(() => attachmentChanges(store, userId, request.addAttachments));
    const now = store.participants.stamp(thread.id);
    const { written, reopening, message } = store.transaction(() => {
      const created = known ?? store.threads.create(thread);
      if (!known) subscribeMembers(store, created, request.createThread?.addSubscribers ?? []);
      // A reply to a resolved thread reopens it, just before the reply.
      const reopening = created.resolvedAt === null ? undefined : resolveThread(store, created, userId, false, now - 1);
      const reopened = reopening?.thread ?? created;
      const inserted = store.messages.insert(
        {
          id: request.messageId ?? `cord:${randomUUID()}`,
          threadId: created.id,
          authorId: userId,
          content: request.content,
          url: request.url ?? null,
          iconURL: request.iconURL ?? null,
          translationKey: request.translationKey ?? null,
          metadata: request.metadata ?? {},
          extraClassnames: request.extraClassnames ?? null,
          skipLinkPreviews: request.skipLinkPreviews ?? false,
          annotation: request.annotation ?? null,
        },
        now,
      );
      const reacted = request.addReactions?.length
        ? store.messages.react(inserted.id, userId, request.addReactions, [], now)
        : inserted;
      const withFiles = files.attach.length > 0 ? store.messages.attachFiles(inserted.id, files.attach) : reacted;
      noteMessageWritten(store, created, userId, request.content, { subscribe: request.subscribeToThread, at: now });
      return { written: reopened, reopening: reopening?.action, message: withFiles };
    });
    hub.setTyping(written, userId, false);
    // Notifications first: a badge elsewhere should not wait for the thread's observers.
    if (reopening) {
      notify({ type: 'messageAdded', thread: written, message: reopening, threadCreated: false });
      hub.publishMessage(written, reopening);
    }
    notify({ type: 'messageAdded', thread: written, message, threadCreated: !known });
    hub.publishMessage(written, message);
    return answerWith(context, written, message);
  },

  'message.update'(context, request) {
    const { store, hub, notify, subscriber } = context;
    const { userId } = subscriber.viewer;
    const { message, thread } = visibleMessage(store, subscriber, request.messageId, request.threadId);
    const { deleted, addReactions = [], removeReactions = [], addAttachments, removeAttachments } = request;
    const { content, url, iconURL, translationKey, metadata, extraClassnames, skipLinkPreviews } = request;
    const changes = { content, url, iconURL, translationKey, metadata, extraClassnames, skipLinkPreviews };
    const onlyReactions =
      deleted === undefined &&
      addAttachments === undefined &&
      removeAttachments === undefined &&
      Object.values(changes).every((value) => value === undefined);
    if (!onlyReactions && message.authorId !== userId) {
      throw new RequestError('forbidden', 'This user cannot edit this message.');
    }
    if (addReactions.some((emoji) => removeReactions.includes(emoji))) {
      throw new RequestError('invalid_request', 'Adding and removing the same reaction is invalid.');
    }
    if (changes.content) requireMembersMentioned(store, changes.content, thread.groupId);
    const attached = message.attachments.map((file) => file.id);
    const files = checkedAttachments(() =>
      attachmentChanges(store, userId, addAttachments, removeAttachments, attached),
    );
    const updated = store.transaction(() => {
      let current = store.messages.update(message, changes, store.participants.stamp(thread.id));
      if (deleted !== undefined && deleted !== (current.deletedAt !== null)) {
        current = store.messages.setDeleted(current.id, deleted);
      }
      if (addReactions.length > 0 || removeReactions.length > 0) {
        current = store.messages.react(current.id, userId, addReactions, removeReactions);
      }
      if (files.attach.length > 0 || files.detach.length > 0) {
        current = store.messages.attachFiles(current.id, files.attach, files.detach);
      }
      if (changes.content) subscribeMembers(store, thread, mentionedUserIds(changes.content));
      return current;
    });
    hub.publishMessage(thread, updated);
    notify({ type: 'messageChanged', thread, before: message, after: updated, by: userId });
    return answerWith(context, thread, updated);
  },

  'message.observe'(context, { messageId }) {
    const { store, subscriber } = context;
    subscriber.messages.add(messageId);
    try {
      const { message, thread } = visibleMessage(store, subscriber, messageId, undefined);
      return answerWith(context, thread, message);
    } catch (error) {
      if (error instanceof RequestError) return { message: null, users: [] };
      throw error;
    }
  },

  'message.unobserve'({ subscriber }, { messageId }) {
    subscriber.messages.delete(messageId);
    return {};
  },
};

function answerWith({ store, subscriber }: HandlerContext, thread: ThreadRecord, message: MessageRecord) {
  const view = messagesView(store, subscriber, thread, [message]);
  return { message: view.messages[0]!, users: view.users };
}

/** The thread a first message creates: from createThread, in the group it names or the token's. */
function threadToCreate(store: Store, subscriber: Subscriber, request: RequestOf<'message.send'>) {
  const groupId = writeGroup(
    store,
    subscriber.viewer,
    request.createThread?.groupId,
    'Must specify a groupID if creating a new thread',
  );
  if (!request.createThread) {
    throw new RequestError('not_found', `Could not find thread with ID ${request.threadId}`);
  }
  // Any id may name a thread that exists (thread.create makes `cord:` ones); a new one needs an
  // id of the app's, or the one a composer without a thread id made for it (<cord-composer>).
  if (!newThreadId.safeParse(request.threadId).success && !composerThreadId.safeParse(request.threadId).success) {
    throw new RequestError('invalid_request', 'Input type for threadID is not valid, expected identifier.');
  }
  const { name, url, location, metadata, extraClassnames } = request.createThread;
  return { id: request.threadId, groupId, name, url, location, metadata, extraClassnames };
}

/**
 * The message if the viewer may see it. A message in another group and one that does not
 * exist get the same answer, so ids cannot be probed.
 */
function visibleMessage(store: Store, subscriber: Subscriber, messageId: string, threadId: string | undefined) {
  const message = store.messages.get(messageId);
  const thread = message && store.threads.get(message.threadId);
  const scope = readScope(store, subscriber.viewer, undefined);
  if (!message || !thread || !scope.includes(thread.groupId)) {
    throw new RequestError('not_found', 'Message not found.');
  }
  if (threadId !== undefined && threadId !== thread.id) throw new RequestError('not_found', 'Message not found.');
  return { message, thread };
}

/**
 * Mentions of the thread's members only. A user who does not exist gets the same answer as
 * one in another group, so a browser cannot probe who exists outside its groups.
 */
function requireMembersMentioned(store: Store, content: MessageContent, groupId: string) {
  const outsider = mentionedOutsider(store, content, groupId);
  if (outsider !== undefined) throw new RequestError('invalid_request', mentionOutsideGroupError(outsider));
}

/** Cord's attachment checks, refused as the live API refuses. */
function checkedAttachments(check: () => AttachmentChanges): AttachmentChanges {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AttachmentRefusal)) throw error;
    const code = {
      invalid_field: 'invalid_request',
      file_not_found: 'not_found',
      file_belongs_to_different_user: 'forbidden',
    } as const;
    throw new RequestError(code[error.code], error.message);
  }
}
