import {
  LOCAL_CORD_CSS_PATH,
  LOCAL_CORD_EMOJI_DATA_PATH,
  LOCAL_CORD_EMOJI_PICKER_PATH,
  LOCAL_CORD_SOCKET_PATH,
} from '@cord-tutorial/stack-config/local-project';
import { filePass } from './data/fileTransfer.ts';
import { LiveData } from './data/liveData.ts';
import { createCordI18n } from './i18n.ts';

// Local Cord serves this script itself, so the script's own URL says where the
// server is: no configuration reaches the page.
const scriptUrl = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href);
const socketUrl = new URL(LOCAL_CORD_SOCKET_PATH, scriptUrl);
socketUrl.protocol = scriptUrl.protocol === 'https:' ? 'wss:' : 'ws:';

export const stylesheetUrl = new URL(LOCAL_CORD_CSS_PATH, scriptUrl).href;
export const emojiPickerUrl = new URL(LOCAL_CORD_EMOJI_PICKER_PATH, scriptUrl).href;
export const emojiDataUrl = new URL(LOCAL_CORD_EMOJI_DATA_PATH, scriptUrl).href;
/** The page's one data layer: every element and API call observes it. */
export const live = new LiveData(socketUrl.href);
// Each sign-in gets the cookie that lets the page's <img> elements load the viewer's files.
live.onViewer(() => void filePass(live));
/** The page's Cord strings (`CordSDK.i18n`): elements and React components read the same ones. */
export const i18n = createCordI18n();

const staticTexts = new Map<string, string>();
// applyTranslations always sets the language again after adding strings: the cue to forget.
i18n.on('languageChanged', () => staticTexts.clear());

/**
 * A Cord string without values (a button's label), looked up once per language: a page
 * shows hundreds of messages, each with the same few labels.
 */
export function text(key: string): string {
  let found = staticTexts.get(key);
  if (found === undefined) {
    found = i18n.t(key);
    staticTexts.set(key, found);
  }
  return found;
}
