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
  /** From the viewport's right edge to the popup's (lined up with the button's right edge); or */
  right?: number;
  /** from the left edge, when lined up on the right it would leave the viewport. */
  left?: number;
}

/** The room an open emoji picker takes (emoji-picker-element and the row of quick reactions). */
export const EMOJI_PICKER_SIZE = { width: 360, height: 450 };
const MENU_SIZE = { width: 160, height: 200 };
const MARGIN = 4;

/**
 * Under the button if the popup fits there, else above it if it fits there, else as low as
 * it fits in the viewport: never off screen, where nothing in it could be picked.
 */
export function placeUnder(anchor: Element | undefined, size = MENU_SIZE): PopupPlace | undefined {
  if (!anchor) return undefined;
  const box = anchor.getBoundingClientRect();
  const { clientWidth, clientHeight } = document.documentElement;
  const horizontal =
    box.right - size.width >= MARGIN
      ? { right: Math.max(0, clientWidth - box.right) }
      : { left: Math.max(MARGIN, Math.min(box.left, clientWidth - size.width - MARGIN)) };
  if (clientHeight - box.bottom - MARGIN >= size.height) return { top: box.bottom + MARGIN, ...horizontal };
  if (box.top - MARGIN >= size.height) return { bottom: clientHeight - box.top + MARGIN, ...horizontal };
  return { top: Math.max(MARGIN, clientHeight - size.height - MARGIN), ...horizontal };
}

export function popupStyle(place: PopupPlace | undefined): string {
  if (!place) return '';
  const vertical =
    place.top === undefined ? `top: auto; bottom: ${place.bottom}px;` : `top: ${place.top}px; bottom: auto;`;
  const horizontal =
    place.left === undefined ? `right: ${place.right}px; left: auto;` : `left: ${place.left}px; right: auto;`;
  return `position: fixed; ${vertical} ${horizontal}`;
}

/** Whether a press lands on a popup or the button that opens one (those close it themselves). */
export function insidePopup(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.cord-menu, .cord-emoji-picker, [aria-expanded]') !== null;
}
