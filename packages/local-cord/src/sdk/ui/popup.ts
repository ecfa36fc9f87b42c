/**
 * Where a menu or emoji picker opens: under the button that opened it, in the viewport.
 * Fixed, like Cord's portals, so a thread's `overflow: hidden` or a scrolling message list
 * does not cut it off.
 */
export interface PopupPlace {
  top: number;
  right: number;
}

export function placeUnder(anchor: Element | undefined): PopupPlace | undefined {
  if (!anchor) return undefined;
  const box = anchor.getBoundingClientRect();
  return { top: box.bottom + 4, right: Math.max(0, document.documentElement.clientWidth - box.right) };
}

export function popupStyle(place: PopupPlace | undefined): string {
  return place ? `position: fixed; top: ${place.top}px; right: ${place.right}px; left: auto;` : '';
}

/** Whether a press lands on a popup or the button that opens one (those close it themselves). */
export function insidePopup(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.cord-menu, .cord-emoji-picker, [aria-expanded]') !== null;
}
