import { DURABLE_PRESENCE_WRITE_MS, PRESENCE_LAPSE_MS } from '../protocol/limits.ts';
import type { Request, RequestOf } from '../protocol/requests.ts';
import type { ErrorCode } from '../protocol/views.ts';
import type { Store, ThreadRow } from '../store/store.ts';
import type { Client, Hub, PresenceSpot } from './hub.ts';

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
  client: Client;
}

type Handlers = { [T in Request['type']]: (context: Context, request: RequestOf<T>) => unknown };

const THREAD_IN_OTHER_GROUP = 'Thread ID is already in use by another group in this application';

export const handlers: Handlers = {
  'thread.open'({ store, hub, client }, { threadId, groupId }) {
    const thread = store.thread(threadId);
    if (thread) {
      visibleThread(store, client, thread, groupId);
    } else {
      groupToWriteIn(store, client, groupId);
    }
    client.openThreads.add(threadId);
    if (!thread) return { thread: null };
    return {
      thread: {
        id: thread.id,
        groupId: thread.groupId,
        name: thread.name,
        resolvedAt: thread.resolvedAt,
        messages: store.threadMessages(thread.id),
        typing: hub.typingIn(thread.id),
      },
    };
  },

  'thread.close'({ client }, { threadId }) {
    client.openThreads.delete(threadId);
    return {};
  },

  'message.send'({ store, hub, client }, request) {
    const { userId } = client.viewer;
    const existing = store.message(request.messageId);
    if (existing) {
      // A browser re-sends what it sent before a reconnect: answer, store nothing twice.
      if (existing.authorId !== userId || existing.threadId !== request.threadId) {
        throw new RequestError('invalid_request', 'That message ID is already in use.');
      }
      return { message: store.messageView(existing.id) };
    }
    let thread = store.thread(request.threadId);
    const created = !thread;
    if (thread) {
      visibleThread(store, client, thread, request.groupId);
    } else {
      const groupId = groupToWriteIn(store, client, request.groupId);
      thread = { id: request.threadId, groupId, name: request.threadName, resolvedAt: null };
    }
    const target = thread;
    store.transaction(() => {
      if (created) store.createThread({ ...target, url: request.url, location: request.location });
      store.insertMessage({ id: request.messageId, threadId: target.id, authorId: userId, text: request.text });
    });
    hub.publishMessage(target, request.messageId);
    hub.setTyping(target, userId, false);
    return { message: store.messageView(request.messageId) };
  },

  'message.edit'({ store, hub, client }, { messageId, text }) {
    const { thread } = ownMessage(store, client, messageId);
    store.editMessage(messageId, text);
    hub.publishMessage(thread, messageId);
    return { message: store.messageView(messageId) };
  },

  'message.delete'({ store, hub, client }, { messageId, deleted }) {
    const { thread } = ownMessage(store, client, messageId);
    store.setMessageDeleted(messageId, deleted);
    hub.publishMessage(thread, messageId);
    return { message: store.messageView(messageId) };
  },

  'reaction.set'({ store, hub, client }, { messageId, emoji, on }) {
    const { thread } = visibleMessage(store, client, messageId);
    store.setReaction(messageId, client.viewer.userId, emoji, on);
    hub.publishMessage(thread, messageId);
    return { message: store.messageView(messageId) };
  },

  'thread.resolve'({ store, hub, client }, { threadId, resolved }) {
    const thread = existingThread(store, client, threadId);
    store.setThreadResolved(threadId, resolved ? client.viewer.userId : null);
    hub.publishThread(thread);
    return { resolvedAt: store.thread(threadId)?.resolvedAt ?? null };
  },

  typing({ store, hub, client }, { threadId, typing }) {
    // Typing in a thread nobody has written in yet shows nowhere: it has no group yet.
    const thread = store.thread(threadId);
    if (thread) {
      visibleThread(store, client, thread, undefined);
      hub.setTyping(thread, client.viewer.userId, typing);
    }
    return {};
  },

  'presence.watch'({ store, hub, client }, { watchId, location, groupId }) {
    const groupIds =
      groupId === undefined ? store.memberGroupIds(client.viewer.userId) : [groupToWriteIn(store, client, groupId)];
    const watch = { location, groupIds };
    client.presenceWatches.set(watchId, watch);
    return { users: hub.presenceFor(watch) };
  },

  'presence.unwatch'({ client }, { watchId }) {
    client.presenceWatches.delete(watchId);
    return {};
  },

  'presence.set'({ store, hub, client }, { location, present, durable, groupId }) {
    const spot: PresenceSpot = { groupId: groupToWriteIn(store, client, groupId), location, durable };
    const now = Date.now();
    // Durable "last seen here" is written on leaving and at most once a minute meanwhile.
    const lastWritten = store.lastSeen(client.viewer.userId, spot.groupId, location);
    const writeLastSeen =
      durable && (!present || lastWritten === null || now - lastWritten >= DURABLE_PRESENCE_WRITE_MS);
    const lastSeen = writeLastSeen ? now : undefined;
    if (present) hub.arrive(client, spot, now + PRESENCE_LAPSE_MS, lastSeen);
    else hub.depart(client, spot, lastSeen);
    return {};
  },
};

/** The group a new thread or presence goes to: the one asked for, or the token's. */
function groupToWriteIn(store: Store, client: Client, groupId: string | undefined): string {
  const target = groupId ?? client.viewer.groupId;
  if (target === null) {
    throw new RequestError('invalid_request', 'No group: pass group-id, or sign in with a group_id.');
  }
  if (!store.isMember(target, client.viewer.userId)) {
    throw new RequestError('forbidden', `You are not a member of group ${target}.`);
  }
  return target;
}

function visibleThread(store: Store, client: Client, thread: ThreadRow, groupId: string | undefined) {
  const inOtherGroup = groupId !== undefined && groupId !== thread.groupId;
  if (inOtherGroup || !store.isMember(thread.groupId, client.viewer.userId)) {
    throw new RequestError('thread_in_other_group', THREAD_IN_OTHER_GROUP);
  }
}

function existingThread(store: Store, client: Client, threadId: string): ThreadRow {
  const thread = store.thread(threadId);
  if (!thread) throw new RequestError('not_found', `Thread ${threadId} not found.`);
  visibleThread(store, client, thread, undefined);
  return thread;
}

function visibleMessage(store: Store, client: Client, messageId: string) {
  const message = store.message(messageId);
  const thread = message && store.thread(message.threadId);
  if (!message || !thread || !store.isMember(thread.groupId, client.viewer.userId)) {
    throw new RequestError('not_found', `Message ${messageId} not found.`);
  }
  return { message, thread };
}

function ownMessage(store: Store, client: Client, messageId: string) {
  const found = visibleMessage(store, client, messageId);
  if (found.message.authorId !== client.viewer.userId) {
    throw new RequestError('forbidden', 'Only the author can change this message.');
  }
  return found;
}
