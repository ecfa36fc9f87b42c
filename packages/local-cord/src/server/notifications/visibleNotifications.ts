import { matchesLocationFilter } from '../../protocol/location.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { MessageRecord, NotificationRecord, Store, ThreadRecord } from '../../store/store.ts';

// Which of a user's notifications they are shown, and how rows become notifications: rows
// Cord aggregates (a message's reactions) show as one, at the place of the newest; a
// notification about a thread of a group the user is not in (any more), or about a deleted
// message, is not shown; then the filter. Read at the time of asking, every time.

/** One notification as shown: its rows, and what it is about. */
export interface ShownNotification {
  /** Newest first: one row, or the rows aggregated into it. */
  rows: NotificationRecord[];
  /** The newest row, whose id, time, read state and metadata the notification has. */
  newest: NotificationRecord;
  /** The thread and message it is about; undefined for a REST (url) notification. */
  thread: ThreadRecord | undefined;
  message: MessageRecord | undefined;
}

/** Sorting key of a shown notification: newest first, then by the order rows were written. */
export interface ListPosition {
  createdAt: number;
  seq: number;
}

export function positionOf(shown: ShownNotification): ListPosition {
  return { createdAt: shown.newest.createdAt, seq: shown.newest.seq };
}

/** Negative when `a` comes first in a newest-first list. */
export function comparePositions(a: ListPosition, b: ListPosition): number {
  return b.createdAt - a.createdAt || b.seq - a.seq;
}

/**
 * The user's notifications as they are shown, newest first, filtered. The caller has
 * checked that the user is in the filter's group.
 */
export function visibleNotifications(store: Store, userId: string, filter: NotificationFilter): ShownNotification[] {
  const groups = new Set(store.groups.groupIdsOf(userId));
  const threads = new Map<string, ThreadRecord | undefined>();
  const messages = new Map<string, MessageRecord | undefined>();
  const threadOf = (id: string) => cached(threads, id, () => store.threads.get(id));
  const messageOf = (id: string) => cached(messages, id, () => store.messages.get(id));

  const shown: ShownNotification[] = [];
  for (const rows of aggregate(store.notifications.forRecipient(userId))) {
    const newest = rows[0]!;
    if (newest.type === 'url') {
      // Not about a thread: no location can match, and any group filter lets it through.
      if (filter.location === undefined && matches(newest, filter)) {
        shown.push({ rows, newest, thread: undefined, message: undefined });
      }
      continue;
    }
    const thread = threadOf(newest.threadId);
    const message = messageOf(newest.messageId);
    if (!thread || !message || !groups.has(thread.groupId)) continue;
    if (newest.type !== 'thread_action' && message.deletedAt !== null) continue;
    if (filter.groupId !== undefined && thread.groupId !== filter.groupId) continue;
    if (filter.location && !matchesLocationFilter(filter.location, thread.location)) continue;
    if (matches(newest, filter)) shown.push({ rows, newest, thread, message });
  }
  return shown;
}

/** The notification (group) an id names for the user, if it is theirs. */
export function ownNotification(store: Store, userId: string, id: string): NotificationRecord | undefined {
  const notification = store.notifications.get(id);
  return notification?.recipientId === userId ? notification : undefined;
}

function matches(newest: NotificationRecord, filter: NotificationFilter): boolean {
  if (filter.notificationId !== undefined && newest.id !== filter.notificationId) return false;
  return Object.entries(filter.metadata ?? {}).every(([key, value]) => newest.metadata[key] === value);
}

/** Rows (newest first) grouped by aggregation key, each group at the place of its newest row. */
function aggregate(rows: readonly NotificationRecord[]): NotificationRecord[][] {
  const groups = new Map<string, NotificationRecord[]>();
  for (const row of rows) {
    const group = groups.get(row.aggregationKey);
    if (group) group.push(row);
    else groups.set(row.aggregationKey, [row]);
  }
  return [...groups.values()];
}

function cached<V>(cache: Map<string, V>, key: string, load: () => V): V {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as V;
}
