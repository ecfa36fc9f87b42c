import type {
  ICordNotificationSDK,
  ListenerRef,
  MarkAllNotificationsAsReadOptions,
  NotificationDataUpdateCallback,
  NotificationListFilter,
  NotificationSummaryUpdateCallback,
  ObserveNotificationDataOptions,
  ObserveNotificationSummaryOptions,
} from '@cord-sdk/types';
import { MAX_MESSAGES_MARKED_READ } from '../../protocol/limits.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { LiveData } from '../data/liveData.ts';
import { NotificationCountsQuery, NotificationListQuery } from '../data/notificationQueries.ts';
import { toCoreNotification } from './convert.ts';
import { Listeners } from './listeners.ts';
import { locationFilter } from './threadOptions.ts';

/** Cord's first page of notifications. */
const NOTIFICATIONS_PAGE = 10;

/** Cord's NotificationListFilter as local Cord's requests take it; keys Cord does not read are ignored. */
export function notificationFilter(filter: NotificationListFilter | undefined): NotificationFilter {
  return {
    metadata: filter?.metadata,
    location: locationFilter(filter?.location),
    groupId: filter?.groupID ?? filter?.organizationID,
  };
}

/** Cord's `CordSDK.notification`: the viewer's notifications and unread count, live, and marking them. */
export class NotificationSDK implements ICordNotificationSDK {
  private readonly listeners = new Listeners();
  /** Messages whose notifications the page asked to mark read in this moment, sent as one request. */
  private readBatch: { messageIds: Set<string>; done: Promise<void> } | undefined;

  constructor(private readonly live: LiveData) {}

  /** The list query a filter and page size observe, shared by every observer of the same. */
  listQuery(filter: NotificationFilter, pageSize = NOTIFICATIONS_PAGE): NotificationListQuery {
    const key = NotificationListQuery.key(filter, pageSize);
    return this.live.query(key, () => new NotificationListQuery(this.live, filter, pageSize));
  }

  countsQuery(filter: NotificationFilter): NotificationCountsQuery {
    const key = NotificationCountsQuery.key(filter);
    return this.live.query(key, () => new NotificationCountsQuery(this.live, filter));
  }

  observeNotificationCounts(
    callback: NotificationSummaryUpdateCallback,
    options: ObserveNotificationSummaryOptions = {},
  ) {
    const query = this.countsQuery(notificationFilter(options.filter));
    let told: number | undefined;
    // Called with the first count, then only when the number changes, as Cord does.
    const deliver = () => {
      const unread = query.value;
      if (unread === undefined || unread === told) return;
      told = unread;
      callback({ unread });
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveNotificationCounts(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeSummary(callback: NotificationSummaryUpdateCallback, options?: ObserveNotificationSummaryOptions) {
    return this.observeNotificationCounts(callback, options);
  }

  unobserveSummary(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  unobserveNotificationSummary(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeNotifications(callback: NotificationDataUpdateCallback, options: ObserveNotificationDataOptions = {}) {
    const query = this.listQuery(notificationFilter(options.filter));
    const fetchMore = (count: number) => query.fetchMore(count);
    const deliver = () => {
      const { notifications, loading, hasMore } = query.value;
      callback({ notifications: notifications.map(toCoreNotification), loading, hasMore, fetchMore });
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveNotifications(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeData(callback: NotificationDataUpdateCallback, options?: ObserveNotificationDataOptions) {
    return this.observeNotifications(callback, options);
  }

  unobserveData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  async markAsRead(notificationID: string): Promise<void> {
    await this.live.request({ type: 'notification.setRead', notificationId: notificationID, read: true });
  }

  async markAsUnread(notificationID: string): Promise<void> {
    await this.live.request({ type: 'notification.setRead', notificationId: notificationID, read: false });
  }

  async markAllAsRead(options: MarkAllNotificationsAsReadOptions = {}): Promise<void> {
    const { filter } = options;
    if (filter?.messageID) {
      if (Object.keys(filter).length > 1) throw new Error('Cannot combine messageID filter with others');
      return this.markReadAbout(filter.messageID);
    }
    await this.live.request({ type: 'notifications.markAllRead', filter: notificationFilter(filter) });
  }

  async delete(notificationID: string): Promise<true> {
    await this.live.request({ type: 'notification.delete', notificationId: notificationID });
    return true;
  }

  /**
   * @cord-sdk/react's betaV2 messages ask this for every message that comes into view: the
   * asks of one moment go to local Cord as one request, and never fail the caller.
   */
  private markReadAbout(messageId: string): Promise<void> {
    let batch = this.readBatch;
    if (!batch || batch.messageIds.size >= MAX_MESSAGES_MARKED_READ) {
      const messageIds = new Set<string>();
      const done = Promise.resolve().then(async () => {
        if (this.readBatch?.messageIds === messageIds) this.readBatch = undefined;
        await this.live.request({ type: 'notifications.markReadAbout', messageIds: [...messageIds] }).catch(() => {});
      });
      batch = { messageIds, done };
      this.readBatch = batch;
    }
    batch.messageIds.add(messageId);
    return batch.done;
  }
}
