import type {
  ICordNotificationSDK,
  ListenerRef,
  MarkAllNotificationsAsReadOptions,
  NotificationDataUpdateCallback,
  NotificationSummaryUpdateCallback,
  ObserveNotificationDataOptions,
  ObserveNotificationSummaryOptions,
} from '@cord-sdk/types';
import { Listeners } from './listeners.ts';

/**
 * Cord's `CordSDK.notification`. Local Cord does not create notifications yet, so every
 * list is empty and every count zero; the calls exist and behave as Cord's do on an
 * empty inbox, which is what `@cord-sdk/react` needs to render.
 */
export class NotificationSDK implements ICordNotificationSDK {
  private readonly listeners = new Listeners();

  observeNotificationCounts(callback: NotificationSummaryUpdateCallback, _options?: ObserveNotificationSummaryOptions) {
    queueMicrotask(() => callback({ unread: 0 }));
    return this.listeners.add(() => {});
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

  observeNotifications(callback: NotificationDataUpdateCallback, _options?: ObserveNotificationDataOptions) {
    const fetchMore = async () => {};
    queueMicrotask(() => callback({ notifications: [], loading: false, hasMore: false, fetchMore }));
    return this.listeners.add(() => {});
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

  async markAsRead(_notificationID: string): Promise<void> {}

  async markAsUnread(_notificationID: string): Promise<void> {}

  async markAllAsRead(options: MarkAllNotificationsAsReadOptions = {}): Promise<void> {
    const filter = options.filter ?? {};
    if ('messageID' in filter && Object.keys(filter).length > 1)
      throw new Error('Cannot combine messageID filter with others');
  }

  async delete(_notificationID: string): Promise<true> {
    throw new Error('Notification not found.');
  }
}
