import type { CoreNotificationData } from '@cord-sdk/types';

/** One entry of the inbox: a thread the viewer was notified about, or a notification about no thread. */
export interface InboxEntry {
  /** The thread, when the notifications are about one. */
  threadId: string | null;
  notifications: CoreNotificationData[];
  unread: boolean;
  /** The newest notification's time, for the order. */
  latest: number;
}

/**
 * Groups notifications into Cord's inbox entries: one per thread, unread while any of its
 * notifications is, newest activity first.
 */
export function inboxEntries(notifications: readonly CoreNotificationData[]): InboxEntry[] {
  const entries = new Map<string, InboxEntry>();
  for (const notification of notifications) {
    const { attachment } = notification;
    const threadId =
      attachment?.type === 'message'
        ? attachment.threadID
        : attachment?.type === 'thread'
          ? attachment.thread.id
          : null;
    const key = threadId === null ? `notification\n${notification.id}` : `thread\n${threadId}`;
    const entry = entries.get(key) ?? { threadId, notifications: [], unread: false, latest: 0 };
    entry.notifications.push(notification);
    entry.unread ||= notification.readStatus === 'unread';
    entry.latest = Math.max(entry.latest, new Date(notification.timestamp).getTime());
    entries.set(key, entry);
  }
  return [...entries.values()].sort((a, b) => b.latest - a.latest);
}
