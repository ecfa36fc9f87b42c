/**
 * Where a menu or emoji picker opens: under the button that opened it, in the viewport.
 * Fixed, like Cord's portals, so a thread's `overflow: hidden` or a scrolling message list
 * does not cut it off.
 */
export interface PopupPlace {
  /** From the viewport's top to the popup's top; or, when it opens upwards, */
  top?: number;
  /** from the viewport's bottom to the popup's bottom. */
  bottom?: number;
  right: number;
}

/** The height an open emoji picker takes (emoji-picker-element and the row of quick reactions). */
export const EMOJI_PICKER_HEIGHT = 450;
const MENU_HEIGHT = 200;
const MARGIN = 4;

/**
 * Under the button if the popup fits there, else above it if it fits there, else as low as
 * it fits in the viewport: never off screen, where nothing in it could be picked.
 */
export function placeUnder(anchor: Element | undefined, height = MENU_HEIGHT): PopupPlace | undefined {
  if (!anchor) return undefined;
  const box = anchor.getBoundingClientRect();
  const right = Math.max(0, document.documentElement.clientWidth - box.right);
  const viewport = document.documentElement.clientHeight;
  if (viewport - box.bottom - MARGIN >= height) return { top: box.bottom + MARGIN, right };
  if (box.top - MARGIN >= height) return { bottom: viewport - box.top + MARGIN, right };
  return { top: Math.max(MARGIN, viewport - height - MARGIN), right };
}

export function popupStyle(place: PopupPlace | undefined): string {
  if (!place) return '';
  const vertical =
    place.top === undefined ? `top: auto; bottom: ${place.bottom}px;` : `top: ${place.top}px; bottom: auto;`;
  return `position: fixed; ${vertical} right: ${place.right}px; left: auto;`;
}

/** Whether a press lands on a popup or the button that opens one (those close it themselves). */
export function insidePopup(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.cord-menu, .cord-emoji-picker, [aria-expanded]') !== null;
}
