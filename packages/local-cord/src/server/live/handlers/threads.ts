import { randomUUID } from 'node:crypto';
import { MAX_MESSAGE_PAGE_BYTES } from '../../../protocol/limits.ts';
import type { ThreadFilter } from '../../../protocol/requests.ts';
import type { MessageData, ThreadData, UserData } from '../../../protocol/views.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../../store/store.ts';
import { messageData, threadData, usersOfMessages, usersOfThread } from '../../views/threadViews.ts';
import type { Hub } from '../hub.ts';
import { RequestError } from '../requestError.ts';
import { readScope, visibleThread, writeGroup } from '../scope.ts';
import { rememberUsers, type Subscriber, type ThreadListQuery, uniqueUsers } from '../subscriber.ts';
import { resolveThread } from '../threadActions.ts';
import { filteredThreads, threadCounts } from '../threadQueries.ts';
import type { Handlers } from './context.ts';

/** Messages a thread shows first when the browser does not say how many: the newest. */
export const FIRST_MESSAGE_PAGE = 50;

type ThreadRequest =
  | 'thread.observe'
  | 'thread.unobserve'
  | 'thread.olderMessages'
  | 'threads.observe'
  | 'threads.more'
  | 'threads.unobserve'
  | 'threadCounts.observe'
  | 'threadCounts.unobserve'
  | 'thread.create'
  | 'thread.update'
  | 'thread.setSeen'
  | 'thread.setSubscribed'
  | 'thread.shareToEmail';

export const threadHandlers: Handlers<ThreadRequest> = {
  'thread.observe'({ store, hub, subscriber }, { threadId, groupId, messageCount }) {
    const scope = readScope(store, subscriber.viewer, groupId);
    const thread = visibleThread(store, subscriber.viewer, scope, threadId);
    // Observed before it exists: its first message (or createThread) reaches this connection too.
    subscriber.threads.set(threadId, scope);
    if (!thread) return { thread: null, messages: [], hasMore: false, users: [] };
    const shown = threadView(store, hub, subscriber, thread);
    const page = store.messages.page(thread.id, messageCount ?? FIRST_MESSAGE_PAGE, undefined, MAX_MESSAGE_PAGE_BYTES);
    const messages = messagesView(store, subscriber, thread, page.messages);
    return {
      thread: shown.thread,
      messages: messages.messages,
      hasMore: page.hasMore,
      users: uniqueUsers([...shown.users, ...messages.users]),
    };
  },

  'thread.unobserve'({ subscriber }, { threadId }) {
    subscriber.threads.delete(threadId);
    return {};
  },

  'thread.olderMessages'({ store, subscriber }, { threadId, beforeMessageId, count }) {
    const scope = subscriber.threads.get(threadId) ?? readScope(store, subscriber.viewer, undefined);
    const thread = visibleThread(store, subscriber.viewer, scope, threadId);
    if (!thread) return { messages: [], hasMore: false, users: [] };
    const page = store.messages.page(thread.id, count, beforeMessageId, MAX_MESSAGE_PAGE_BYTES);
    return { ...messagesView(store, subscriber, thread, page.messages), hasMore: page.hasMore };
  },

  'threads.observe'({ store, hub, subscriber }, { queryId, groupId, filter, sort, count }) {
    const scope = readScope(store, subscriber.viewer, groupId);
    const query = { scope, filter, sort, delivered: new Set<string>(), lastPageEnd: undefined };
    subscriber.threadLists.set(queryId, query);
    return nextThreads(store, hub, subscriber, query, count);
  },

  'threads.more'({ store, hub, subscriber }, { queryId, count }) {
    const query = subscriber.threadLists.get(queryId);
    if (!query) throw new RequestError('not_found', `No thread list ${queryId} is observed.`);
    return nextThreads(store, hub, subscriber, query, count);
  },

  'threads.unobserve'({ subscriber }, { queryId }) {
    subscriber.threadLists.delete(queryId);
    return {};
  },

  'threadCounts.observe'({ store, subscriber }, { queryId, groupId, filter }) {
    const scope = readScope(store, subscriber.viewer, groupId);
    const counts = threadCounts(store, subscriber.viewer.userId, scope, filter);
    subscriber.threadCounts.set(queryId, { scope, filter, sent: counts });
    return { counts };
  },

  'threadCounts.unobserve'({ subscriber }, { queryId }) {
    subscriber.threadCounts.delete(queryId);
    return {};
  },

  'thread.create'({ store, hub, subscriber }, request) {
    const groupId = writeGroup(store, subscriber.viewer, request.groupId, 'Must specify a groupID.');
    const threadId = request.threadId ?? `cord:${randomUUID()}`;
    if (store.threads.get(threadId)) throw new RequestError('invalid_request', 'Thread already exists.');
    const thread = store.transaction(() => {
      const created = store.threads.create({ ...request, id: threadId, groupId });
      subscribeMembers(store, created, request.addSubscribers ?? []);
      return created;
    });
    hub.publishThread(thread);
    return { threadId };
  },

  'thread.update'(
    { store, hub, notify, subscriber },
    { threadId, resolved, typing, name, url, metadata, extraClassnames },
  ) {
    const thread = threadInScope(store, subscriber, threadId);
    const changes = { name, url, metadata, extraClassnames };
    const { updated, action } = store.transaction(() => {
      const changed = store.threads.update(thread, changes);
      if (resolved === undefined || resolved === (changed.resolvedAt !== null)) return { updated: changed };
      const resolution = resolveThread(store, changed, subscriber.viewer.userId, resolved);
      return { updated: resolution.thread, action: resolution.action };
    });
    // Typing publishes the thread itself when who is typing changes.
    if (typing !== undefined) hub.setTyping(updated, subscriber.viewer.userId, typing);
    if (action) {
      hub.publishMessage(updated, action);
      notify({ type: 'messageAdded', thread: updated, message: action, threadCreated: false });
    } else if (Object.values(changes).some((value) => value !== undefined)) hub.publishThread(updated);
    return {};
  },

  'thread.setSeen'({ store, hub, subscriber }, { threadId, groupId, filter, seen }) {
    const { userId } = subscriber.viewer;
    const scope = readScope(store, subscriber.viewer, groupId);
    const threads =
      threadId === undefined ? threadsMatching(store, userId, scope, filter) : existingIn(store, scope, threadId);
    store.transaction(() => {
      for (const thread of threads) {
        store.participants.setSeen(thread.id, userId, seen ? store.participants.stamp(thread.id) : null);
      }
    });
    for (const thread of threads) hub.publishThread(thread);
    return {};
  },

  'thread.setSubscribed'({ store, hub, subscriber }, { threadId, subscribed }) {
    const thread = threadInScope(store, subscriber, threadId);
    store.participants.setSubscribed(thread.id, subscriber.viewer.userId, subscribed);
    hub.publishThread(thread);
    return {};
  },

  'thread.shareToEmail'({ store, notify, subscriber }, { threadId, email }) {
    if (!isEmailAddress(email)) throw new RequestError('invalid_request', 'Invalid email address.');
    const thread = threadInScope(store, subscriber, threadId);
    if (!store.messages.inThread(thread.id).some((message) => message.deletedAt === null)) {
      throw new RequestError('invalid_request', 'Unable to share via email');
    }
    notify({ type: 'threadShared', thread, by: subscriber.viewer.userId, email });
    return {};
  },
};

/** An address Cord would send to: one mailbox whose domain has a dot. */
function isEmailAddress(email: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(email);
}

/** A thread the viewer may change (in their scope); Cord's "Thread not found." otherwise. */
export function threadInScope(store: Store, subscriber: Subscriber, threadId: string): ThreadRecord {
  const thread = store.threads.get(threadId);
  const scope = readScope(store, subscriber.viewer, undefined);
  if (!thread || !scope.includes(thread.groupId)) throw new RequestError('not_found', 'Thread not found.');
  return thread;
}

/** Subscribes those of the users given who are in the thread's group. */
export function subscribeMembers(store: Store, thread: ThreadRecord, userIds: readonly string[]) {
  for (const userId of userIds) {
    if (store.groups.isMember(thread.groupId, userId)) store.participants.setSubscribed(thread.id, userId, true);
  }
}

function threadsMatching(store: Store, userId: string, scope: readonly string[], filter: ThreadFilter | undefined) {
  const all: ThreadFilter = filter ?? { resolvedStatus: 'any', viewer: [] };
  return filteredThreads(store, userId, scope, all, { sortBy: 'first_message_timestamp', sortDirection: 'descending' });
}

function existingIn(store: Store, scope: readonly string[], threadId: string): ThreadRecord[] {
  const thread = store.threads.get(threadId);
  return thread && scope.includes(thread.groupId) ? [thread] : [];
}

function threadView(store: Store, hub: Hub, subscriber: Subscriber, thread: ThreadRecord) {
  const snapshot = hub.snapshot(thread);
  return {
    thread: threadData(snapshot, subscriber.viewer.userId),
    users: rememberUsers(subscriber, usersOfThread(store, snapshot)),
  };
}

/** Messages of a thread as the viewer sees them, with their authors. */
export function messagesView(
  store: Store,
  subscriber: Subscriber,
  thread: ThreadRecord,
  messages: readonly MessageRecord[],
): { messages: MessageData[]; users: UserData[] } {
  const participants = store.participants.inThread(thread.id);
  return {
    messages: messages.map((message) => messageData(message, thread, participants, subscriber.viewer.userId)),
    users: rememberUsers(subscriber, usersOfMessages(store, messages)),
  };
}

/** The next page of a thread list: threads after the last page that were not sent yet. */
function nextThreads(
  store: Store,
  hub: Hub,
  subscriber: Subscriber,
  query: ThreadListQuery,
  count: number,
): { threads: ThreadData[]; hasMore: boolean; users: UserData[] } {
  const all = filteredThreads(store, subscriber.viewer.userId, query.scope, query.filter, query.sort);
  const start = query.lastPageEnd === undefined ? 0 : all.findIndex((thread) => thread.id === query.lastPageEnd) + 1;
  const rest = all.slice(start).filter((thread) => !query.delivered.has(thread.id));
  const page = rest.slice(0, count);
  const shown = page.map((thread) => threadView(store, hub, subscriber, thread));
  for (const thread of page) query.delivered.add(thread.id);
  query.lastPageEnd = page.at(-1)?.id ?? query.lastPageEnd;
  return {
    threads: shown.map((view) => view.thread),
    hasMore: rest.length > page.length,
    users: uniqueUsers(shown.flatMap((view) => view.users)),
  };
}
