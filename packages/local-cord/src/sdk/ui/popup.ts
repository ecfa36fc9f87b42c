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

/** Room an open emoji picker needs: below the button when it fits, else above if there is more room there. */
const POPUP_ROOM = 440;

export function placeUnder(anchor: Element | undefined): PopupPlace | undefined {
  if (!anchor) return undefined;
  const box = anchor.getBoundingClientRect();
  const right = Math.max(0, document.documentElement.clientWidth - box.right);
  const viewport = document.documentElement.clientHeight;
  if (viewport - box.bottom < POPUP_ROOM && box.top > viewport - box.bottom) {
    return { bottom: viewport - box.top + 4, right };
  }
  return { top: box.bottom + 4, right };
}

export function popupStyle(place: PopupPlace | undefined): string {
  if (!place) return '';
  const vertical = place.top === undefined ? `top: auto; bottom: ${place.bottom}px;` : `top: ${place.top}px;`;
  return `position: fixed; ${vertical} right: ${place.right}px; left: auto;`;
}

/** Whether a press lands on a popup or the button that opens one (those close it themselves). */
export function insidePopup(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.cord-menu, .cord-emoji-picker, [aria-expanded]') !== null;
}
