import { LOCAL_CORD_CSS_PATH, LOCAL_CORD_SOCKET_PATH } from '@cord-tutorial/stack-config/local-project';
import { LiveData } from './data/liveData.ts';
import { createCordI18n } from './i18n.ts';

// Local Cord serves this script itself, so the script's own URL says where the
// server is: no configuration reaches the page.
const scriptUrl = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href);
const socketUrl = new URL(LOCAL_CORD_SOCKET_PATH, scriptUrl);
socketUrl.protocol = scriptUrl.protocol === 'https:' ? 'wss:' : 'ws:';

export const stylesheetUrl = new URL(LOCAL_CORD_CSS_PATH, scriptUrl).href;
/** The page's one data layer: every element and API call observes it. */
export const live = new LiveData(socketUrl.href);
/** The page's Cord strings (`CordSDK.i18n`): elements and React components read the same ones. */
export const i18n = createCordI18n();
