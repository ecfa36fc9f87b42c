import type { Point2D } from '@cord-sdk/types';

// Local Cord's opaque annotation strings (Cord's `locationData`): a point on the page as
// the element under it and where in that element's box, so it is found again after the
// page scrolls, resizes or is opened in another window, by another user.

/**
 * Marks what local Cord draws over the page (pins, cursors, the "click to comment" layer,
 * each with this attribute in its template): never an anchor.
 */
const PAGE_LAYER = 'data-cord-page-layer';

/** Longer anchors are not made: they travel in presence locations, whose values are at most 2,000 characters. */
const MAX_ANCHOR_LENGTH = 1_000;

interface Anchor {
  /** A CSS selector for the element: from the nearest ancestor with a unique id, or the body. */
  path: string;
  /** Where in its box, as fractions of its width and height. */
  x: number;
  y: number;
}

/** The anchor of a viewport point, or null when there is no page element under it to anchor to. */
export function anchorAt(point: Point2D): string | null {
  const target = document
    .elementsFromPoint(point.x, point.y)
    .find((element) => !element.closest(`[${PAGE_LAYER}]`) && element !== document.documentElement);
  if (!target) return null;
  const box = target.getBoundingClientRect();
  const fraction = (offset: number, size: number) => (size > 0 ? Math.round((offset / size) * 10_000) / 10_000 : 0);
  const anchor: Anchor = {
    path: pathOf(target),
    x: fraction(point.x - box.left, box.width),
    y: fraction(point.y - box.top, box.height),
  };
  const serialized = JSON.stringify(anchor);
  return serialized.length <= MAX_ANCHOR_LENGTH ? serialized : null;
}

/** Where an anchor is in the viewport now; null if it is not one, or its element is not on the page. */
export function anchorPosition(serialized: string): Point2D | null {
  const anchor = parseAnchor(serialized);
  if (!anchor) return null;
  let element: Element | null;
  try {
    element = document.querySelector(anchor.path);
  } catch {
    return null;
  }
  if (!element) return null;
  const box = element.getBoundingClientRect();
  return { x: box.left + anchor.x * box.width, y: box.top + anchor.y * box.height };
}

/**
 * The paths `pathOf` makes, and nothing else: anchors come from other users' pages, and a
 * selector of any other shape (a list, `:has(...)`) has no business in this page's queries.
 */
const ANCHOR_PATH = /^(?:body|#(?:\\[0-9a-f]{1,6}\s?|\\.|[^\s\\>#.:,[\]()])+)(?:>[a-z][\w-]*:nth-of-type\(\d+\))*$/i;

function parseAnchor(serialized: string): Anchor | null {
  try {
    const value = JSON.parse(serialized) as Partial<Anchor> | null;
    const { path, x, y } = value ?? {};
    if (typeof path !== 'string' || !ANCHOR_PATH.test(path)) return null;
    return typeof x === 'number' && typeof y === 'number' ? { path, x, y } : null;
  } catch {
    return null;
  }
}

/** `#board>div:nth-of-type(2)>p:nth-of-type(1)`: each step the element's place among its like siblings. */
function pathOf(element: Element): string {
  const steps: string[] = [];
  for (let at: Element | null = element; at; at = at.parentElement) {
    const id = at.id && `#${CSS.escape(at.id)}`;
    if (id && document.querySelectorAll(id).length === 1) return [id, ...steps].join('>');
    if (at === document.body) return ['body', ...steps].join('>');
    const name = at.localName;
    const index = [...(at.parentElement?.children ?? [])].filter((sibling) => sibling.localName === name).indexOf(at);
    steps.unshift(`${CSS.escape(name)}:nth-of-type(${index + 1})`);
  }
  return steps.join('>');
}
