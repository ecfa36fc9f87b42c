import { html, nothing } from 'lit';
import { NotificationListQuery, type NotificationListState } from '../data/notificationQueries.ts';
import { live } from '../runtime.ts';
import { notificationItem } from '../ui/notification.ts';
import { LiveController } from './liveController.ts';
import { NotificationsElement } from './notificationsElement.ts';

/**
 * `<cord-notification notification-id="…">`: one of the viewer's notifications, live, as
 * the list shows it. Nothing for an id that is not (or no longer) one of theirs.
 */
export class CordNotification extends NotificationsElement {
  static override properties = {
    ...NotificationsElement.properties,
    notificationId: { attribute: 'notification-id' },
  };
  declare notificationId: string | null;

  private readonly notification = new LiveController<NotificationListState>(this);
  private warnedAbout: string | undefined;

  protected override willUpdate() {
    const notificationId = this.notificationId || undefined;
    if (notificationId === undefined) {
      this.notification.use(undefined);
      return;
    }
    const filter = { notificationId };
    this.notification.use(
      live.query(NotificationListQuery.key(filter, 1), () => new NotificationListQuery(live, filter, 1)),
    );
  }

  protected renderContent() {
    const id = this.notificationId;
    if (!id) {
      // Cord's text, typo included.
      if (this.warnedAbout !== '') console.error('non-empty notificationi-id must be provided');
      this.warnedAbout = '';
      return nothing;
    }
    const state = this.notification.value;
    const notification = state?.notifications[0];
    if (!notification) {
      if (state && !state.loading && live.viewer && this.warnedAbout !== id) {
        this.warnedAbout = id;
        console.warn(`Unknown notification: ${id}`);
      }
      return nothing;
    }
    const content = { userName: (userId: string) => live.user(userId)?.displayName };
    return html`${notificationItem(notification, { menuOpen: this.menuOpenFor === notification.id, content }, this.actions)}`;
  }
}
