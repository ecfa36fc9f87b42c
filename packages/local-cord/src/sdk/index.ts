import { CordSDK } from './cordSDK.ts';
import { CordNotification } from './elements/notification.ts';
import { CordNotificationList } from './elements/notificationList.ts';
import { CordNotificationListLauncher } from './elements/notificationListLauncher.ts';
import { CordPagePresence } from './elements/pagePresence.ts';
import { CordThread } from './elements/thread.ts';
import { live, stylesheetUrl } from './runtime.ts';
import { linkCordStylesheet } from './stylesheet.ts';

// Local Cord's stand-in for Cord's SDK script. CordProvider reads window.CordSDK as
// soon as the script's load event fires, so everything is set up synchronously here.
// A view of window, not a global declaration: @cord-sdk/types (which @cord-sdk/server's
// types pull into the same program) declares these globals with its own interface.
const page = window as unknown as { CordSDK?: unknown; cord?: unknown };

if (!page.CordSDK) {
  const sdk = new CordSDK(live);
  page.CordSDK = sdk;
  page.cord = sdk;
  linkCordStylesheet(document, stylesheetUrl);
  customElements.define('cord-thread', CordThread);
  customElements.define('cord-page-presence', CordPagePresence);
  customElements.define('cord-notification-list-launcher', CordNotificationListLauncher);
  customElements.define('cord-notification-list', CordNotificationList);
  customElements.define('cord-notification', CordNotification);
  window.dispatchEvent(new Event('cord:load'));
}
