import { matchesLocationFilter } from '../../protocol/location.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { NotificationPlace, NotificationRecord, PlacedNotification, Store } from '../../store/store.ts';

// Which of a user's notifications they are shown, and how rows become notifications: rows
// Cord aggregates (a message's reactions) show as one, at the place of the newest; a
// notification about a thread of a group the user is not in (any more), or about a deleted
// message, is not shown; then the filter. Read at the time of asking, every time, in one
// query: lists and counts are worked out again on every change.

/** One notification as shown: its rows, and where its thread is. */
export interface ShownNotification {
  /** Newest first: one row, or the rows aggregated into it. */
  rows: PlacedNotification[];
  /** The newest row, whose id, time, read state and metadata the notification has. */
  newest: PlacedNotification;
  /** Where its thread is; null for a REST (url) notification. */
  place: NotificationPlace | null;
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

/** Every notification the user is shown now, newest first. */
export function shownNotifications(store: Store, userId: string): ShownNotification[] {
  const groups = new Set(store.groups.groupIdsOf(userId));
  return aggregate(store.notifications.forRecipient(userId)).flatMap((rows): ShownNotification[] => {
    const newest = rows[0]!;
    const { place } = newest;
    if (newest.type === 'url') return [{ rows, newest, place: null }];
    if (!place || !groups.has(place.groupId)) return [];
    if (newest.type !== 'thread_action' && place.messageDeletedAt !== null) return [];
    return [{ rows, newest, place }];
  });
}

/** Whether a shown notification passes a filter (whose group the caller checked is the user's). */
export function matchesFilter({ newest, place }: ShownNotification, filter: NotificationFilter): boolean {
  if (filter.notificationId !== undefined && newest.id !== filter.notificationId) return false;
  if (!Object.entries(filter.metadata ?? {}).every(([key, value]) => newest.metadata[key] === value)) return false;
  // A REST notification is about no thread: no location matches it, and any group lets it through.
  if (!place) return filter.location === undefined;
  if (filter.groupId !== undefined && place.groupId !== filter.groupId) return false;
  return !filter.location || matchesLocationFilter(filter.location, place.location);
}

/**
 * The user's notifications as they are shown, newest first, filtered. The caller has
 * checked that the user is in the filter's group.
 */
export function visibleNotifications(store: Store, userId: string, filter: NotificationFilter): ShownNotification[] {
  return shownNotifications(store, userId).filter((shown) => matchesFilter(shown, filter));
}

/** A new notification as its recipient is shown it, with the rows it is aggregated with. */
export function shownNow(store: Store, notification: NotificationRecord): ShownNotification {
  const rows = store.notifications.group(notification);
  const newest = rows[0]!;
  return { rows, newest, place: newest.place };
}

/** The notification (group) an id names for the user, if it is theirs. */
export function ownNotification(store: Store, userId: string, id: string) {
  const notification = store.notifications.get(id);
  return notification?.recipientId === userId ? notification : undefined;
}

/**
 * What a notification as shown depends on, short of the users it names: its rows and their
 * read state, its thread's name, its message's edits and deletion. Lists compare it to
 * tell which notifications to send again.
 */
export function fingerprintOf(shown: ShownNotification): string {
  return JSON.stringify([shown.rows.map((row) => [row.id, row.read]), shown.place]);
}

/** Rows (newest first) grouped by aggregation key, each group at the place of its newest row. */
function aggregate(rows: readonly PlacedNotification[]): PlacedNotification[][] {
  const groups = new Map<string, PlacedNotification[]>();
  for (const row of rows) {
    const group = groups.get(row.aggregationKey);
    if (group) group.push(row);
    else groups.set(row.aggregationKey, [row]);
  }
  return [...groups.values()];
}
