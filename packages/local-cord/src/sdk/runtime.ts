import { LOCAL_CORD_CSS_PATH, LOCAL_CORD_SOCKET_PATH } from '@cord-tutorial/stack-config/local-project';
import { LocalCordClient } from './data/localCordClient.ts';

// Local Cord serves this script itself, so the script's own URL says where the
// server is: no configuration reaches the page.
const scriptUrl = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href);
const socketUrl = new URL(LOCAL_CORD_SOCKET_PATH, scriptUrl);
socketUrl.protocol = scriptUrl.protocol === 'https:' ? 'wss:' : 'ws:';

export const stylesheetUrl = new URL(LOCAL_CORD_CSS_PATH, scriptUrl).href;
export const client = new LocalCordClient(socketUrl.href);
