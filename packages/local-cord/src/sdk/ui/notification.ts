import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { NotificationData, NotificationHeaderNode } from '../../protocol/views.ts';
import { text } from '../runtime.ts';
import { avatar } from './avatar.ts';
import { menuItem } from './menu.ts';
import { extraClasses } from './message.ts';
import { type ContentOptions, messageContent } from './messageContent.ts';
import { timestamp } from './timestamp.ts';

// One notification as Cord's v1 UI shows it (an <a> with Cord's class names): who and what
// in the header, the message it is about, when, and its options menu. Every piece of text
// goes in as text; Cord's strings come from its `notifications` namespace. Shared by
// <cord-notification>, <cord-notification-list> and the launcher's popup.

export interface NotificationActions {
  /** The notification itself was clicked (not its menu). */
  open(notification: NotificationData, event: MouseEvent): void;
  toggleMenu(notificationId: string): void;
  setRead(notification: NotificationData, read: boolean): void;
  remove(notification: NotificationData): void;
}

export interface NotificationState {
  menuOpen: boolean;
  content: ContentOptions;
}

/** Cord's bell (drawn here, not copied): the launcher's icon and a notification without a sender. */
export const bellIcon = svg`<svg class="cord-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"
  fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">
  <path d="M6 10a6 6 0 0 1 12 0c0 4.5 1.5 6.5 2.5 7.5h-17C4.5 16.5 6 14.5 6 10Z" />
  <path d="M9.5 20.5a2.5 2.5 0 0 0 5 0" />
</svg>`;

export function notificationItem(
  notification: NotificationData,
  state: NotificationState,
  actions: NotificationActions,
) {
  const unread = notification.readStatus === 'unread';
  const message = notification.attachment?.type === 'message' ? notification.attachment.message : null;
  const classes = {
    'cord-notification-container': true,
    'cord-unseen': unread,
    'cord-message-notification': notification.attachment?.type !== 'url',
    'cord-url-notification': notification.attachment?.type === 'url',
    ...extraClasses(notification.extraClassnames),
  };
  return html`<a
    class=${classMap(classes)}
    href=${notification.destination.url}
    data-cord-notification-id=${notification.id}
    @click=${(event: MouseEvent) => actions.open(notification, event)}
  >
    <div class="cord-notification-icon-container">${icon(notification)}</div>
    <div class="cord-notification-header">
      <span class="cord-notification-header-text">${notification.header.map(headerNode)}</span>
    </div>
    ${options(notification, state, actions)}
    ${
      message
        ? html`<div class="cord-notification-message">${messageContent(message.content, state.content)}</div>`
        : nothing
    }
    ${timestamp(notification.timestamp, { relative: true, namespace: 'notifications' })}
  </a>`;
}

/** The notification's icon, else its first sender's avatar, else a bell. */
function icon(notification: NotificationData) {
  if (notification.iconUrl) {
    return html`<img class="cord-notification-icon" src=${notification.iconUrl} alt="" draggable="false" />`;
  }
  const sender = notification.header.find((node) => node.type === 'user');
  return sender ? avatar(sender.user, { tooltip: sender.user.displayName }) : bellIcon;
}

function headerNode(node: NotificationHeaderNode) {
  if (node.type === 'user') {
    return html`<span class="cord-notification-header-user-mention">${node.user.displayName}</span>`;
  }
  return node.bold ? html`<span class="cord-notification-header-text-bold">${node.text}</span>` : node.text;
}

function options(notification: NotificationData, state: NotificationState, actions: NotificationActions) {
  // The menu lives inside the link: its clicks must not follow it.
  const inMenu = (action: () => void) => (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    action();
  };
  const unread = notification.readStatus === 'unread';
  return html`<div class="cord-notification-options">
    <button
      type="button"
      class="cord-button cord-tertiary cord-small"
      data-cord-button="notification-options"
      title=${text('notifications:notification_options_tooltip')}
      aria-label=${text('notifications:notification_options_tooltip')}
      aria-expanded=${state.menuOpen ? 'true' : 'false'}
      @click=${inMenu(() => actions.toggleMenu(notification.id))}
    >
      ⋯
    </button>
    ${
      state.menuOpen
        ? html`<div class="cord-menu" role="menu">
          ${
            unread
              ? menuItem(
                  'mark-as-read',
                  text('notifications:mark_as_read_action'),
                  inMenu(() => actions.setRead(notification, true)),
                )
              : menuItem(
                  'mark-as-unread',
                  text('notifications:mark_as_unread_action'),
                  inMenu(() => actions.setRead(notification, false)),
                )
          }
          ${menuItem(
            'delete',
            text('notifications:delete_action'),
            inMenu(() => actions.remove(notification)),
          )}
        </div>`
        : nothing
    }
  </div>`;
}
