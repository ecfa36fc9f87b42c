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

const translated = new Map<string, string>();
// applyTranslations always sets the language again after adding strings: the cue to forget.
i18n.on('languageChanged', () => translated.clear());
/** Enough for every string of a long page; past it, start again rather than grow without end. */
const MAX_TRANSLATED = 10_000;

/**
 * A string made from Cord's phrases that depends only on `key` (what it is made from) and
 * the language, made once per language: a page shows hundreds of messages, each with the
 * same few labels and times, re-rendered every second for the relative times.
 */
export function translatedOnce(key: string, make: () => string): string {
  let found = translated.get(key);
  if (found === undefined) {
    if (translated.size >= MAX_TRANSLATED) translated.clear();
    found = make();
    translated.set(key, found);
  }
  return found;
}

/** A Cord string without values (a button's label). */
export function text(key: string): string {
  return translatedOnce(key, () => i18n.t(key));
}

/** A Cord string whose only value is a count ("5 mins ago"). */
export function countedText(key: string, count: number): string {
  return translatedOnce(`${key}\u0000${count}`, () => i18n.t(key, { count }));
}
