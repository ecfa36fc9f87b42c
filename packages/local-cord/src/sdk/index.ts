import { CordSDK } from './cordSDK.ts';
import { CordAvatar } from './elements/avatar.ts';
import { CordComposer } from './elements/composer.ts';
import { CordFacepile } from './elements/facepile.ts';
import { CordFloatingThreads } from './elements/floatingThreads.ts';
import { CordInbox } from './elements/inbox.ts';
import { CordInboxLauncher } from './elements/inboxLauncher.ts';
import { CordLiveCursors } from './elements/liveCursors.ts';
import { CordMessage } from './elements/message.ts';
import { CordMessageContent } from './elements/messageContent.ts';
import { CordMultipleCursors } from './elements/multipleCursors.ts';
import { CordNotification } from './elements/notification.ts';
import { CordNotificationList } from './elements/notificationList.ts';
import { CordNotificationListLauncher } from './elements/notificationListLauncher.ts';
import { CordPagePresence } from './elements/pagePresence.ts';
import { CordPin } from './elements/pin.ts';
import { CordPresenceFacepile } from './elements/presenceFacepile.ts';
import { CordPresenceObserver } from './elements/presenceObserver.ts';
import { CordReactions } from './elements/reactions.ts';
import { CordSelectionComments } from './elements/selectionComments.ts';
import { CordSidebar } from './elements/sidebar.ts';
import { CordSidebarLauncher } from './elements/sidebarLauncher.ts';
import { CordThread } from './elements/thread.ts';
import { CordThreadedComments } from './elements/threadedComments.ts';
import { CordThreadList } from './elements/threadList.ts';
import { CordTimestamp } from './elements/timestamp.ts';
import { i18n, live, stylesheetUrl } from './runtime.ts';
import { linkCordStylesheet } from './stylesheet.ts';

// Local Cord's stand-in for Cord's SDK script. CordProvider reads window.CordSDK as
// soon as the script's load event fires, so everything is set up synchronously here.
// The globals are reached through a narrow cast because @cord-sdk/types (which Cord's
// types pull into the same program) declares these globals with its own interface.
const page = window as unknown as { CordSDK?: unknown; cord?: unknown };

/** Cord's elements by tag; a tag the page defined itself is left alone, as Cord does. */
export const CORD_ELEMENTS: Record<string, CustomElementConstructor> = {
  'cord-thread': CordThread,
  'cord-page-presence': CordPagePresence,
  'cord-avatar': CordAvatar,
  'cord-facepile': CordFacepile,
  'cord-presence-facepile': CordPresenceFacepile,
  'cord-presence-observer': CordPresenceObserver,
  'cord-message': CordMessage,
  'cord-message-content': CordMessageContent,
  'cord-timestamp': CordTimestamp,
  'cord-reactions': CordReactions,
  'cord-composer': CordComposer,
  'cord-thread-list': CordThreadList,
  'cord-threaded-comments': CordThreadedComments,
  'cord-notification-list-launcher': CordNotificationListLauncher,
  'cord-notification-list': CordNotificationList,
  'cord-notification': CordNotification,
  'cord-pin': CordPin,
  'cord-live-cursors': CordLiveCursors,
  'cord-multiple-cursors': CordMultipleCursors,
  'cord-floating-threads': CordFloatingThreads,
  'cord-selection-comments': CordSelectionComments,
  'cord-sidebar': CordSidebar,
  'cord-sidebar-launcher': CordSidebarLauncher,
  'cord-inbox': CordInbox,
  'cord-inbox-launcher': CordInboxLauncher,
};

if (!page.CordSDK) {
  const sdk = new CordSDK(live, i18n);
  page.CordSDK = sdk;
  page.cord = sdk;
  linkCordStylesheet(document, stylesheetUrl);
  for (const [tag, element] of Object.entries(CORD_ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  window.dispatchEvent(new Event('cord:load'));
}
