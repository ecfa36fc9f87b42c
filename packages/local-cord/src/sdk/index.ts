import { CordSDK } from './cordSDK.ts';
import { CordPagePresence } from './elements/pagePresence.ts';
import { CordThread } from './elements/thread.ts';
import { client } from './runtime.ts';

// Local Cord's stand-in for Cord's SDK script. CordProvider reads window.CordSDK as
// soon as the script's load event fires, so everything is set up synchronously here.
declare global {
  interface Window {
    CordSDK?: unknown;
    cord?: unknown;
  }
}

if (!window.CordSDK) {
  const sdk = new CordSDK(client);
  window.CordSDK = sdk;
  window.cord = sdk;
  customElements.define('cord-thread', CordThread);
  customElements.define('cord-page-presence', CordPagePresence);
  window.dispatchEvent(new Event('cord:load'));
}
