import type { NotificationsPage } from '../../protocol/answers.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { Store } from '../../store/store.ts';
import {
  comparePositions,
  fingerprintOf,
  type ListPosition,
  matchesFilter,
  positionOf,
  type ShownNotification,
  shownNotifications,
  visibleNotifications,
} from '../notifications/visibleNotifications.ts';
import { notificationData } from '../views/notificationViews.ts';
import type { NotificationListQuery, Subscriber } from './subscriber.ts';

// A connection's notification lists and counts: pages of them, and what is pushed when a
// user's notifications change. Each push works the list out again from the store and sends
// what differs from what the connection has (by fingerprint: only changed notifications are
// built again), so any change (a new notification, one read, deleted, or aggregated with a
// newer one) reaches it the same way.

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
  for (const shown of page) query.sent.set(shown.newest.id, fingerprintOf(shown));
  return { notifications: page.map((shown) => notificationData(store, shown, userId)), hasMore };
}

/** How many notifications the filter takes are unread (a group of rows counts once). */
export function unreadNotifications(store: Store, userId: string, filter: NotificationFilter): number {
  return visibleNotifications(store, userId, filter).filter((shown) => !shown.newest.read).length;
}

/**
 * The user's notifications changed: sends each of their connections what changed in its
 * lists and counts. The notifications are read once, whatever the connections observe.
 */
export function refreshNotifications(store: Store, userId: string, subscribers: readonly Subscriber[]) {
  const observing = subscribers.filter(
    (subscriber) => subscriber.notificationLists.size > 0 || subscriber.notificationCounts.size > 0,
  );
  if (observing.length === 0) return;
  const shown = shownNotifications(store, userId);
  for (const subscriber of observing) refreshConnection(store, subscriber, shown);
}

function refreshConnection(store: Store, subscriber: Subscriber, shown: readonly ShownNotification[]) {
  // Counts first: they are cheap, and a page's badge should not wait for its list.
  for (const [queryId, query] of subscriber.notificationCounts) {
    const unread = shown.filter((one) => !one.newest.read && matchesFilter(one, query.filter)).length;
    if (unread === query.unread) continue;
    query.unread = unread;
    subscriber.send({ type: 'notificationCounts', queryId, unread });
  }
  for (const [queryId, query] of subscriber.notificationLists) {
    const now = shown.filter((one) => matchesFilter(one, query.filter) && loaded(query, one));
    const sent = new Map(now.map((one) => [one.newest.id, fingerprintOf(one)]));
    const changed = now
      .filter((one) => query.sent.get(one.newest.id) !== sent.get(one.newest.id))
      .map((one) => notificationData(store, one, subscriber.viewer.userId));
    const order = [...sent.keys()];
    const sameOrder = order.length === query.sent.size && [...query.sent.keys()].every((id, i) => id === order[i]);
    query.sent = sent;
    if (changed.length > 0 || !sameOrder) {
      subscriber.send({ type: 'notifications', queryId, notifications: changed, order });
    }
  }
}
