import type { NotificationsPage } from '../../protocol/answers.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { Store } from '../../store/store.ts';
import {
  comparePositions,
  type ListPosition,
  positionOf,
  type ShownNotification,
  visibleNotifications,
} from '../notifications/visibleNotifications.ts';
import { notificationData } from '../views/notificationViews.ts';
import type { NotificationListQuery, Subscriber } from './subscriber.ts';

// A connection's notification lists and counts: pages of them, and what is pushed when a
// user's notifications change. Each push works the list out again from the store and sends
// what differs from what the connection has, so any change (a new notification, one read,
// deleted, or aggregated with a newer one) reaches it the same way.

/** Before the first page: no notification is in the list yet. */
const NOTHING_LOADED: ListPosition = { createdAt: Number.POSITIVE_INFINITY, seq: Number.POSITIVE_INFINITY };

export function newNotificationList(filter: NotificationFilter): NotificationListQuery {
  return { filter, sent: new Map(), end: NOTHING_LOADED };
}

/** Whether a notification is among the pages the list has loaded. */
function loaded(query: NotificationListQuery, shown: ShownNotification): boolean {
  return query.end === null || comparePositions(positionOf(shown), query.end) <= 0;
}

/** The next `count` notifications after those loaded (the first page for a new list). */
export function nextNotifications(
  store: Store,
  subscriber: Subscriber,
  query: NotificationListQuery,
  count: number,
): NotificationsPage {
  const { userId } = subscriber.viewer;
  const rest = visibleNotifications(store, userId, query.filter).filter((shown) => !loaded(query, shown));
  const page = rest.slice(0, count);
  const hasMore = rest.length > page.length;
  const last = page.at(-1);
  query.end = hasMore && last ? positionOf(last) : null;
  const notifications = page.map((shown) => notificationData(store, shown, userId));
  for (const notification of notifications) query.sent.set(notification.id, JSON.stringify(notification));
  return { notifications, hasMore };
}

/** How many notifications the filter takes are unread (a group of rows counts once). */
export function unreadNotifications(store: Store, userId: string, filter: NotificationFilter): number {
  return visibleNotifications(store, userId, filter).filter((shown) => !shown.newest.read).length;
}

/** The user's notifications changed: sends this connection what changed in its lists and counts. */
export function refreshNotifications(store: Store, subscriber: Subscriber) {
  const { userId } = subscriber.viewer;
  for (const [queryId, query] of subscriber.notificationLists) {
    const now = visibleNotifications(store, userId, query.filter)
      .filter((shown) => loaded(query, shown))
      .map((shown) => notificationData(store, shown, userId));
    const sent = new Map(now.map((notification) => [notification.id, JSON.stringify(notification)]));
    const changed = now.filter((notification) => query.sent.get(notification.id) !== sent.get(notification.id));
    const order = [...sent.keys()];
    const sameOrder = order.length === query.sent.size && [...query.sent.keys()].every((id, i) => id === order[i]);
    query.sent = sent;
    if (changed.length > 0 || !sameOrder) {
      subscriber.send({ type: 'notifications', queryId, notifications: changed, order });
    }
  }
  for (const [queryId, query] of subscriber.notificationCounts) {
    const unread = unreadNotifications(store, userId, query.filter);
    if (unread === query.unread) continue;
    query.unread = unread;
    subscriber.send({ type: 'notificationCounts', queryId, unread });
  }
}
