import type {
  ClientNotificationData,
  ICordNotificationSDK,
  ListenerRef,
  NotificationListFilter,
} from '@cord-sdk/types';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { live } from '../runtime.ts';
import type { InboxEntry } from './inboxEntries.ts';

/** The page's `CordSDK.notification`: the inbox shows what Cord's public notification API gives. */
function notificationApi(): ICordNotificationSDK | undefined {
  return (window as { CordSDK?: { notification?: ICordNotificationSDK } }).CordSDK?.notification;
}

/**
 * Follows the viewer's notifications (and with `list`, the notifications themselves)
 * through `CordSDK.notification`, for the inbox, its launcher and the sidebar's badge.
 * Observed again whenever who is signed in changes.
 */
export class InboxController implements ReactiveController {
  unread = 0;
  data: ClientNotificationData | undefined;
  private filter: NotificationListFilter | undefined;
  private refs: Array<{ stop: (ref: ListenerRef) => unknown; ref: ListenerRef }> = [];
  private stopViewer: (() => void) | undefined;
  private viewerId: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly list: boolean,
  ) {
    host.addController(this);
  }

  /** Only notifications about threads at a location (the sidebar's inbox without "All Pages"). */
  useFilter(filter: NotificationListFilter | undefined) {
    if (JSON.stringify(filter) === JSON.stringify(this.filter)) return;
    this.filter = filter;
    this.observe();
  }

  hostConnected() {
    this.stopViewer = live.onViewer(() => {
      if (live.viewer?.id === this.viewerId) return;
      this.observe();
    });
    this.observe();
  }

  hostDisconnected() {
    this.stopViewer?.();
    this.unobserve();
  }

  private observe() {
    this.unobserve();
    this.viewerId = live.viewer?.id;
    const api = notificationApi();
    if (!api || !this.viewerId) return;
    const options = { filter: this.filter };
    this.refs.push({
      ref: api.observeNotificationCounts(({ unread }) => {
        this.unread = unread;
        this.host.requestUpdate();
      }, options),
      stop: (ref) => api.unobserveNotificationCounts(ref),
    });
    if (!this.list) return;
    this.refs.push({
      ref: api.observeNotifications((data) => {
        this.data = data;
        this.host.requestUpdate();
      }, options),
      stop: (ref) => api.unobserveNotifications(ref),
    });
  }

  private unobserve() {
    for (const { stop, ref } of this.refs.splice(0)) stop(ref);
    this.unread = 0;
    this.data = undefined;
  }

  markAllAsRead() {
    void notificationApi()?.markAllAsRead({ filter: this.filter });
  }

  markAsRead(entry: InboxEntry) {
    const api = notificationApi();
    for (const notification of entry.notifications) {
      if (notification.readStatus === 'unread') void api?.markAsRead(notification.id);
    }
  }
}
