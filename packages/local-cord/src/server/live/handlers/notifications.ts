import type { NotificationFilter } from '../../../protocol/requests.ts';
import type { Store } from '../../../store/store.ts';
import { ownNotification, visibleNotifications } from '../../notifications/visibleNotifications.ts';
import { newNotificationList, nextNotifications, unreadNotifications } from '../notificationLists.ts';
import { RequestError } from '../requestError.ts';
import type { Subscriber } from '../subscriber.ts';
import type { HandlerContext, Handlers } from './context.ts';

type NotificationRequest =
  | 'notifications.observe'
  | 'notifications.more'
  | 'notifications.unobserve'
  | 'notificationCounts.observe'
  | 'notificationCounts.unobserve'
  | 'notification.setRead'
  | 'notification.delete'
  | 'notifications.markAllRead'
  | 'notifications.markReadAbout';

/** Cord's answer to an id that is not one of the viewer's notifications. */
const NO_SUCH_NOTIFICATION = 'No such notification';

export const notificationHandlers: Handlers<NotificationRequest> = {
  'notifications.observe'({ store, subscriber }, { queryId, filter, count }) {
    requireGroup(store, subscriber, filter);
    const query = newNotificationList(filter);
    subscriber.notificationLists.set(queryId, query);
    return nextNotifications(store, subscriber, query, count);
  },

  'notifications.more'({ store, subscriber }, { queryId, count }) {
    const query = subscriber.notificationLists.get(queryId);
    if (!query) throw new RequestError('not_found', `No notification list ${queryId} is observed.`);
    return nextNotifications(store, subscriber, query, count);
  },

  'notifications.unobserve'({ subscriber }, { queryId }) {
    subscriber.notificationLists.delete(queryId);
    return {};
  },

  'notificationCounts.observe'({ store, subscriber }, { queryId, filter }) {
    requireGroup(store, subscriber, filter);
    const unread = unreadNotifications(store, subscriber.viewer.userId, filter);
    subscriber.notificationCounts.set(queryId, { filter, unread });
    return { unread };
  },

  'notificationCounts.unobserve'({ subscriber }, { queryId }) {
    subscriber.notificationCounts.delete(queryId);
    return {};
  },

  'notification.setRead'(context, { notificationId, read }) {
    const notification = viewersNotification(context, notificationId);
    if (context.store.notifications.setRead(notification, read) > 0) changed(context);
    return {};
  },

  'notification.delete'(context, { notificationId }) {
    context.store.notifications.deleteGroup(viewersNotification(context, notificationId));
    changed(context);
    return {};
  },

  'notifications.markAllRead'(context, { filter }) {
    const { store, subscriber } = context;
    requireGroup(store, subscriber, filter);
    const unread = visibleNotifications(store, subscriber.viewer.userId, filter).filter(({ newest }) => !newest.read);
    store.transaction(() => {
      for (const { newest } of unread) store.notifications.setRead(newest, true);
    });
    if (unread.length > 0) changed(context);
    return {};
  },

  // What every message the page shows asks (@cord-sdk/react's seen observer): cheap, and
  // quiet for messages it knows nothing about.
  'notifications.markReadAbout'(context, { messageIds }) {
    if (context.store.notifications.markReadAbout(context.subscriber.viewer.userId, messageIds) > 0) changed(context);
    return {};
  },
};

function viewersNotification({ store, subscriber }: HandlerContext, id: string) {
  const notification = ownNotification(store, subscriber.viewer.userId, id);
  if (!notification) throw new RequestError('not_found', NO_SUCH_NOTIFICATION);
  return notification;
}

/** The viewer's pages (this one and any other tab) show the change. */
function changed({ hub, subscriber }: HandlerContext) {
  hub.publishNotifications([subscriber.viewer.userId]);
}

/** A filter may only name a group the viewer is in; Cord says so in these words. */
function requireGroup(store: Store, subscriber: Subscriber, filter: NotificationFilter) {
  if (filter.groupId !== undefined && !store.groups.isMember(filter.groupId, subscriber.viewer.userId)) {
    throw new RequestError('forbidden', `User is not part of group ${filter.groupId}.`);
  }
}
