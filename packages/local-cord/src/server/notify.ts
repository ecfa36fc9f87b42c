import type { NotificationRecord, Store } from '../store/store.ts';
import type { Hub } from './live/hub.ts';
import type { Outbox } from './notifications/outbox.ts';
import { forChangedMessage, forNewMessage, reactionsTakenBack } from './notifications/recipients.ts';
import { shownNow } from './notifications/visibleNotifications.ts';
import { notificationData } from './views/notificationViews.ts';
import { notificationCreated, threadMessageAdded } from './webhooks/payloads.ts';
import type { Webhooks } from './webhooks/webhooks.ts';
import type { Notify, Write } from './writes.ts';

// What happens after every write that Cord notifies about, in one place: the live API, the
// REST API and thread actions all call `notify` once their own write is committed. It
// writes the notifications the write brings and pushes them to their recipients' pages at
// once; then, once the write is answered, records the e-mails Cord would send and posts the
// webhook events.

export interface NotifyServices {
  store: Store;
  hub: Hub;
  outbox: Outbox;
  webhooks: Webhooks;
  projectId: string;
}

export interface Notifier {
  notify: Notify;
  /** Drops the e-mails and webhook events not yet recorded (local Cord is stopping). */
  close(): void;
}

export function notifier(services: NotifyServices): Notifier {
  const { store, hub, outbox, webhooks, projectId } = services;
  const background = new Set<NodeJS.Immediate>();
  /** Cord sends e-mails and webhooks from a job queue: their work waits until the write is answered. */
  const later = (work: () => void) => {
    const task = setImmediate(() => {
      background.delete(task);
      work();
    });
    background.add(task);
  };
  const notify: Notify = (write) => {
    if (write.type === 'threadShared') {
      later(() => outbox.recordShare(write.thread, write.by, write.email));
      return;
    }
    const { created, touched } = store.transaction(() => apply(store, write));
    hub.publishNotifications(touched);
    later(() => {
      for (const notification of created) {
        const shown = shownNow(store, notification);
        outbox.record(notification, notificationData(store, shown, notification.recipientId));
        webhooks.send('notification-created', () => notificationCreated(store, shown));
      }
      if (write.type === 'messageAdded') {
        const { thread, message } = write;
        const notified = created.map((notification) => ({
          userId: notification.recipientId,
          replyActions: notification.type === 'reply' ? notification.replyActions : null,
        }));
        webhooks.send('thread-message-added', () =>
          threadMessageAdded(store, hub, projectId, thread, message, notified),
        );
      }
    });
  };
  return {
    notify,
    close() {
      for (const task of background) clearImmediate(task);
      background.clear();
    },
  };
}

/** Writes the notifications a write brings; returns them, and whose notifications changed. */
function apply(
  store: Store,
  write: Exclude<Write, { type: 'threadShared' }>,
): { created: NotificationRecord[]; touched: Set<string> } {
  switch (write.type) {
    case 'messageAdded': {
      const created = store.notifications.insert(
        forNewMessage(store, write.thread, write.message, write.threadCreated),
      );
      return { created, touched: recipientsOf(created) };
    }
    case 'messageChanged': {
      const { thread, before, after, by } = write;
      // Whoever has a notification about the message sees its new content, or its deletion.
      const touched = new Set(store.notifications.recipientsAbout(after.id));
      for (const emoji of reactionsTakenBack(before, after, by))
        store.notifications.deleteReaction(after.id, by, emoji);
      const created = store.notifications.insert(forChangedMessage(store, thread, before, after, by));
      for (const userId of recipientsOf(created)) touched.add(userId);
      return { created, touched };
    }
    case 'notificationCreated': {
      const created = store.notifications.insert([write.notification]);
      return { created, touched: recipientsOf(created) };
    }
  }
}

function recipientsOf(notifications: readonly NotificationRecord[]): Set<string> {
  return new Set(notifications.map((notification) => notification.recipientId));
}
