import { LOCAL_CORD_CSS_PATH, LOCAL_CORD_SOCKET_PATH } from '@cord-tutorial/stack-config/local-project';
import { filePass } from './data/fileTransfer.ts';
import { LiveData } from './data/liveData.ts';

// Local Cord serves this script itself, so the script's own URL says where the
// server is: no configuration reaches the page.
const scriptUrl = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href);
const socketUrl = new URL(LOCAL_CORD_SOCKET_PATH, scriptUrl);
socketUrl.protocol = scriptUrl.protocol === 'https:' ? 'wss:' : 'ws:';

export const stylesheetUrl = new URL(LOCAL_CORD_CSS_PATH, scriptUrl).href;
/** The page's one data layer: every element and API call observes it. */
export const live = new LiveData(socketUrl.href);
// Each sign-in gets the cookie that lets the page's <img> elements load the viewer's files.
live.onViewer(() => void filePass(live));
