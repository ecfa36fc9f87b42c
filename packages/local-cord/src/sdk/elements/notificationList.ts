import type { NotificationListFilter } from '@cord-sdk/types';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { notificationFilter } from '../api/notificationSDK.ts';
import { NotificationListQuery, type NotificationListState } from '../data/notificationQueries.ts';
import { live } from '../runtime.ts';
import { bellIcon, notificationItem } from '../ui/notification.ts';
import { countAttribute, parseJsonAttribute } from './attributes.ts';
import { LiveController } from './liveController.ts';
import { NotificationsElement } from './notificationsElement.ts';

/** Cord's first page; later pages are as long unless `fetch-additional-count` says otherwise. */
const DEFAULT_MAX_COUNT = 10;
/** How close to the bottom the list must scroll before the next page loads. */
const LOAD_MORE_MARGIN_PX = 40;

/**
 * `<cord-notification-list>`: the viewer's notifications, newest first and live, with
 * "Mark all as read"; more load as the list is scrolled to its end. Clicking one marks it
 * read and opens its thread (see notificationActions.ts).
 */
export class CordNotificationList extends NotificationsElement {
  static override properties = {
    ...NotificationsElement.properties,
    maxCount: { attribute: 'max-count' },
    fetchAdditionalCount: { attribute: 'fetch-additional-count' },
    showPlaceholder: { attribute: 'show-placeholder' },
    filter: {},
  };
  declare maxCount: string | null;
  declare fetchAdditionalCount: string | null;
  declare showPlaceholder: string | null;
  declare filter: string | null;

  private readonly list = new LiveController<NotificationListState>(this);

  protected override willUpdate() {
    const filter = notificationFilter(parseJsonAttribute<NotificationListFilter>(this.filter));
    const pageSize = countAttribute(this.maxCount) ?? DEFAULT_MAX_COUNT;
    this.list.use(
      live.query(NotificationListQuery.key(filter, pageSize), () => new NotificationListQuery(live, filter, pageSize)),
    );
  }

  protected renderContent() {
    const state = this.list.value;
    const notifications = state?.notifications ?? [];
    const content = { userName: (id: string) => live.user(id)?.displayName };
    return html`<div class="cord-notification-list-container">
      <div class="cord-notification-list-header">
        <p class="cord-notification-list-title">${this.t('notifications:notifications_title')}</p>
        <button
          type="button"
          class="cord-button cord-tertiary cord-small cord-mark-all-as-read"
          data-cord-button="mark-all-as-read"
          ?disabled=${notifications.length === 0}
          @click=${() => this.markAllRead()}
        >
          ${this.t('notifications:mark_all_as_read_action')}
        </button>
      </div>
      <div class="cord-notification-list cord-scroll-container" role="list" @scroll=${this.loadMoreAtEnd}>
        ${state?.loading && notifications.length === 0 ? html`<div class="cord-spinner" aria-busy="true"></div>` : nothing}
        ${!state?.loading && notifications.length === 0 && this.showPlaceholder !== 'false' ? this.placeholder() : nothing}
        ${repeat(
          notifications,
          (notification) => notification.id,
          (notification) =>
            html`<div role="listitem">
              ${notificationItem(notification, { menuOpen: this.menuOpenFor === notification.id, content }, this.actions)}
            </div>`,
        )}
      </div>
    </div>`;
  }

  private markAllRead() {
    const filter = notificationFilter(parseJsonAttribute<NotificationListFilter>(this.filter));
    live.request({ type: 'notifications.markAllRead', filter }).catch((error: Error) => console.warn(error.message));
  }

  private placeholder() {
    return html`<div class="cord-empty-state-placeholder-with-icon">
      ${bellIcon}
      <p class="cord-empty-state-title">${this.t('notifications:empty_state_title')}</p>
      <p class="cord-empty-state-body">${this.t('notifications:empty_state_body')}</p>
    </div>`;
  }

  private readonly loadMoreAtEnd = (event: Event) => {
    const list = event.target as HTMLElement;
    if (list.scrollHeight - list.scrollTop - list.clientHeight > LOAD_MORE_MARGIN_PX) return;
    const query = this.list.current as NotificationListQuery | undefined;
    const count = countAttribute(this.fetchAdditionalCount) ?? countAttribute(this.maxCount) ?? DEFAULT_MAX_COUNT;
    query?.fetchMore(count).catch((error: Error) => console.warn(error.message));
  };
}
