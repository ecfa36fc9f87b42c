import { DURABLE_PRESENCE_WRITE_MS, PRESENCE_LAPSE_MS } from '../../protocol/limits.ts';
import type { Request, RequestOf } from '../../protocol/requests.ts';
import type { ErrorCode } from '../../protocol/views.ts';
import type { Store, ThreadRecord } from '../../store/store.ts';
import type { Hub, PresenceSpot, Subscriber } from './hub.ts';

/** A request the server refuses; the browser gets the code and message. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Context {
  store: Store;
  hub: Hub;
  subscriber: Subscriber;
}

type Handlers = { [T in Request['type']]: (context: Context, request: RequestOf<T>) => unknown };

const THREAD_IN_OTHER_GROUP = 'Thread ID is already in use by another group in this application';

export const handlers: Handlers = {
  'thread.open'({ store, hub, subscriber }, { threadId, groupId }) {
    const thread = store.threads.get(threadId);
    if (thread) requireVisibleThread(store, subscriber, thread, groupId);
    else requireWritableGroup(store, subscriber, groupId);
    subscriber.openThreads.add(threadId);
    if (!thread) return { thread: null };
    return {
      thread: {
        id: thread.id,
        groupId: thread.groupId,
        name: thread.name,
        resolvedAt: thread.resolvedAt,
        messages: store.messages.inThread(thread.id),
        typing: hub.typingIn(thread.id),
      },
    };
  },

  'thread.close'({ subscriber }, { threadId }) {
    subscriber.openThreads.delete(threadId);
    return {};
  },

  'message.send'({ store, hub, subscriber }, request) {
    const { userId } = subscriber.viewer;
    const existing = store.messages.get(request.messageId);
    if (existing) {
      // A browser re-sends what it sent before a reconnect: answer, store nothing twice.
      if (existing.authorId !== userId || existing.threadId !== request.threadId) {
        throw new RequestError('invalid_request', 'That message ID is already in use.');
      }
      return { message: store.messages.view(existing.id) };
    }
    const known = store.threads.get(request.threadId);
    if (known) requireVisibleThread(store, subscriber, known, request.groupId);
    const groupId = known?.groupId ?? requireWritableGroup(store, subscriber, request.groupId);
    const { thread, message } = store.transaction(() => ({
      thread:
        known ??
        store.threads.create({
          id: request.threadId,
          groupId,
          name: request.threadName,
          url: request.url,
          location: request.location,
        }),
      message: store.messages.insert({
        id: request.messageId,
        threadId: request.threadId,
        authorId: userId,
        text: request.text,
      }),
    }));
    hub.publishMessage(thread, message);
    hub.setTyping(thread, userId, false);
    return { message };
  },

  'message.edit'({ store, hub, subscriber }, { messageId, text }) {
    const { thread } = requireOwnMessage(store, subscriber, messageId);
    const message = store.messages.edit(messageId, text);
    hub.publishMessage(thread, message);
    return { message };
  },

  'message.delete'({ store, hub, subscriber }, { messageId, deleted }) {
    const { thread } = requireOwnMessage(store, subscriber, messageId);
    const message = store.messages.setDeleted(messageId, deleted);
    hub.publishMessage(thread, message);
    return { message };
  },

  'reaction.set'({ store, hub, subscriber }, { messageId, emoji, on }) {
    const { thread } = requireVisibleMessage(store, subscriber, messageId);
    const message = store.messages.setReaction(messageId, subscriber.viewer.userId, emoji, on);
    hub.publishMessage(thread, message);
    return { message };
  },

  'thread.resolve'({ store, hub, subscriber }, { threadId, resolved }) {
    const thread = requireExistingThread(store, subscriber, threadId);
    const changed = store.threads.setResolved(thread, resolved ? subscriber.viewer.userId : null);
    hub.publishThread(changed);
    return { resolvedAt: changed.resolvedAt };
  },

  typing({ store, hub, subscriber }, { threadId, typing }) {
    // Typing in a thread nobody has written in yet shows nowhere: it has no group yet.
    const thread = store.threads.get(threadId);
    if (thread) {
      requireVisibleThread(store, subscriber, thread, undefined);
      hub.setTyping(thread, subscriber.viewer.userId, typing);
    }
    return {};
  },

  'presence.watch'({ store, hub, subscriber }, { watchId, location, groupId }) {
    const groupIds =
      groupId === undefined
        ? store.groups.groupIdsOf(subscriber.viewer.userId)
        : [requireWritableGroup(store, subscriber, groupId)];
    const watch = { location, groupIds };
    subscriber.presenceWatches.set(watchId, watch);
    return { users: hub.presenceFor(watch) };
  },

  'presence.unwatch'({ subscriber }, { watchId }) {
    subscriber.presenceWatches.delete(watchId);
    return {};
  },

  'presence.set'({ store, hub, subscriber }, { location, present, durable, groupId }) {
    const spot: PresenceSpot = { groupId: requireWritableGroup(store, subscriber, groupId), location, durable };
    const now = Date.now();
    // Durable "last seen here" is written on leaving and at most once a minute meanwhile.
    const lastWritten = store.presence.lastSeen({ userId: subscriber.viewer.userId, ...spot });
    const writeLastSeen =
      durable && (!present || lastWritten === null || now - lastWritten >= DURABLE_PRESENCE_WRITE_MS);
    const lastSeen = writeLastSeen ? now : undefined;
    if (present) hub.arrive(subscriber, spot, now + PRESENCE_LAPSE_MS, lastSeen);
    else hub.depart(subscriber, spot, lastSeen);
    return {};
  },
};

/**
 * The group the viewer writes a new thread or presence into: the one the request names,
 * else the token's. They must be a member of it.
 */
function requireWritableGroup(store: Store, subscriber: Subscriber, requested: string | undefined): string {
  const groupId = requested ?? subscriber.viewer.groupId;
  if (groupId === null) {
    throw new RequestError('invalid_request', 'No group: pass group-id, or sign in with a group_id.');
  }
  if (!store.groups.isMember(groupId, subscriber.viewer.userId)) {
    throw new RequestError('forbidden', `You are not a member of group ${groupId}.`);
  }
  return groupId;
}

function requireVisibleThread(
  store: Store,
  subscriber: Subscriber,
  thread: ThreadRecord,
  requestedGroup: string | undefined,
) {
  const inOtherGroup = requestedGroup !== undefined && requestedGroup !== thread.groupId;
  if (inOtherGroup || !store.groups.isMember(thread.groupId, subscriber.viewer.userId)) {
    throw new RequestError('thread_in_other_group', THREAD_IN_OTHER_GROUP);
  }
}

function requireExistingThread(store: Store, subscriber: Subscriber, threadId: string): ThreadRecord {
  const thread = store.threads.get(threadId);
  if (!thread) throw new RequestError('not_found', `Thread ${threadId} not found.`);
  requireVisibleThread(store, subscriber, thread, undefined);
  return thread;
}

function requireVisibleMessage(store: Store, subscriber: Subscriber, messageId: string) {
  const message = store.messages.get(messageId);
  const thread = message && store.threads.get(message.threadId);
  if (!message || !thread || !store.groups.isMember(thread.groupId, subscriber.viewer.userId)) {
    throw new RequestError('not_found', `Message ${messageId} not found.`);
  }
  return { message, thread };
}

function requireOwnMessage(store: Store, subscriber: Subscriber, messageId: string) {
  const found = requireVisibleMessage(store, subscriber, messageId);
  if (found.message.authorId !== subscriber.viewer.userId) {
    throw new RequestError('forbidden', 'Only the author can change this message.');
  }
  return found;
}
