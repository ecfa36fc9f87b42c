import type { NavigateFn } from '@cord-sdk/types';
import type { NotificationData, NotificationDestination } from '../../protocol/views.ts';
import { toClientMessage, toCoreNotification } from '../api/convert.ts';
import { live } from '../runtime.ts';
import type { NotificationActions } from '../ui/notification.ts';
import { ClockController } from './clockController.ts';
import { CordElement } from './cordElement.ts';

// What the elements that show notifications share: which notification's menu is open, and
// what a notification does when clicked or its menu used. Clicking, as in Cord: it is marked read, `cord-notification:click` fires
// (detail: the MouseEvent and the notification), and unless a listener prevented the
// MouseEvent's default, its thread opens: through the app's `navigate` option when it set
// one and it says it handled it, else by going to the thread's page.

/** An element that shows notifications: which one's menu is open, and what they do. */
export abstract class NotificationsElement extends CordElement {
  static override properties = {
    ...CordElement.properties,
    menuOpenFor: { state: true },
  };
  declare menuOpenFor: string | null;
  protected readonly actions = notificationActions(this);

  constructor() {
    super();
    this.menuOpenFor = null;
    // Their times read "Just now", "5 mins ago": kept current, as Cord's are.
    new ClockController(this);
  }

  /**
   * Dispatches `cord-notification:click` with these arguments as its detail, at once: Cord
   * fires it from the notification, and a listener may prevent the MouseEvent's default.
   */
  emitClick(event: MouseEvent, detail: object) {
    this.emitPart('cord-notification', 'click', event, detail);
  }
}

function notificationActions(host: NotificationsElement): NotificationActions {
  return {
    open(notification, event) {
      markRead(notification, true);
      host.emitClick(event, clickDetail(notification));
      if (event.defaultPrevented) return;
      event.preventDefault();
      void openDestination(notification.destination);
    },
    toggleMenu(notificationId) {
      host.menuOpenFor = host.menuOpenFor === notificationId ? null : notificationId;
    },
    setRead(notification, read) {
      host.menuOpenFor = null;
      markRead(notification, read);
    },
    remove(notification) {
      host.menuOpenFor = null;
      live.request({ type: 'notification.delete', notificationId: notification.id }).catch(warn);
    },
  };
}

function markRead(notification: NotificationData, read: boolean) {
  if ((notification.readStatus === 'read') === read) return;
  live.request({ type: 'notification.setRead', notificationId: notification.id, read }).catch(warn);
}

const warn = (error: Error) => console.warn(`Cord: ${error.message}`);

/** Cord's detail of `cord-notification:click`, after the MouseEvent. */
function clickDetail(notification: NotificationData) {
  const message = notification.attachment?.type === 'message' ? notification.attachment.message : null;
  return {
    notification: toCoreNotification(notification),
    message: message && toClientMessage(message),
    location: notification.destination.location,
    destinationUrl: notification.destination.url,
  };
}

/**
 * The app's `navigate` option, read from `window.CordSDK` as Cord's own components read the
 * SDK: the elements are defined by the same script, which owns no other handle on it.
 */
function appNavigate(): NavigateFn | null | undefined {
  return (window as { CordSDK?: { options?: { navigate?: NavigateFn | null } } }).CordSDK?.options?.navigate;
}

async function openDestination({ url, threadID, groupID, location }: NotificationDestination) {
  const navigate = appNavigate();
  if (navigate && threadID !== null && groupID !== null) {
    const handled = await navigate(url, location, { orgID: groupID, groupID, threadID });
    if (handled) return;
  }
  if (url) window.open(url, '_top');
}
