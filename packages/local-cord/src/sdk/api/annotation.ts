import type { AnnotationHandler, ICordAnnotationSDK, Location, Point2D } from '@cord-sdk/types';
import { locationKey, matchesLocation } from '../../protocol/location.ts';
import { anchorAt, anchorPosition } from './anchor.ts';

type HandlerType = keyof AnnotationHandler;
const HANDLER_TYPES: readonly HandlerType[] = ['getAnnotationPosition', 'onAnnotationCapture', 'onAnnotationClick'];

/**
 * `CordSDK.annotation`: where an app registers how annotations at a location are drawn,
 * captured and clicked, and the conversion between viewport points and Cord's opaque
 * annotation strings (which Cord's LiveCursors sends, so a cursor stays on the element it
 * points at). Local Cord keeps the handlers, with Cord's checks, and finds the one for a
 * location as Cord does; its own floating threads place pins by the opaque strings.
 */
export class AnnotationRegistry implements ICordAnnotationSDK {
  private readonly handlers = {
    getAnnotationPosition: new Map<string, AnnotationHandler['getAnnotationPosition']>(),
    onAnnotationCapture: new Map<string, AnnotationHandler['onAnnotationCapture']>(),
    onAnnotationClick: new Map<string, AnnotationHandler['onAnnotationClick']>(),
  };

  setRenderHandler<L extends Location>(location: L, handler: AnnotationHandler<L>['getAnnotationPosition']) {
    this.set('getAnnotationPosition', location, handler);
  }

  clearRenderHandler(location: Location) {
    this.handlers.getAnnotationPosition.delete(keyOf(location));
  }

  setCaptureHandler<L extends Location>(location: L, handler: AnnotationHandler<L>['onAnnotationCapture']) {
    this.set('onAnnotationCapture', location, handler);
  }

  clearCaptureHandler(location: Location) {
    this.handlers.onAnnotationCapture.delete(keyOf(location));
  }

  setClickHandler<L extends Location>(location: L, handler: AnnotationHandler<L>['onAnnotationClick']) {
    this.set('onAnnotationClick', location, handler);
  }

  clearClickHandler(location: Location) {
    this.handlers.onAnnotationClick.delete(keyOf(location));
  }

  /** @deprecated Cord's older form: the location already serialised, null to remove. */
  setAnnotationHandler<T extends HandlerType>(type: T, locationString: string, handler: AnnotationHandler[T] | null) {
    if (!HANDLER_TYPES.includes(type)) throw new Error(`Invalid annotation handler type: ${String(type)}`);
    const location: unknown = parseLocation(locationString);
    if (!isLocation(location)) throw new Error('Invalid location');
    const handlers = this.handlers[type] as Map<string, AnnotationHandler[T]>;
    if (handler) handlers.set(locationKey(location), handler);
    else handlers.delete(locationKey(location));
  }

  /**
   * The handler registered for the most specific location that `location` matches, as
   * Cord picks it: a handler for `{ page: "a" }` serves `{ page: "a", row: 3 }` unless one
   * is registered for that; of two equally specific, the first; one for `{}` never.
   */
  handlerFor<T extends HandlerType>(type: T, location: Location): AnnotationHandler[T] | null {
    let best: { handler: AnnotationHandler[T]; keys: number } | null = null;
    for (const [key, handler] of this.handlers[type] as Map<string, AnnotationHandler[T]>) {
      const registered = JSON.parse(key) as Location;
      const keys = Object.keys(registered).length;
      if (keys > (best?.keys ?? 0) && matchesLocation(registered, location)) best = { handler, keys };
    }
    return best?.handler ?? null;
  }

  /** Nothing to redraw on request: local Cord's pins follow the page as it scrolls and changes. */
  redrawAnnotations() {}

  viewportCoordinatesToString(coords: Point2D): Promise<string | null> {
    return Promise.resolve(anchorAt(coords));
  }

  stringToViewportCoordinates(serialized: string): Promise<Point2D | null> {
    return Promise.resolve(anchorPosition(serialized));
  }

  private set<T extends HandlerType, L extends Location>(type: T, location: L, handler: AnnotationHandler<L>[T]) {
    const key = keyOf(location);
    if (typeof handler !== 'function') throw new Error('Invalid handler');
    // Kept as a handler for any location: it is only ever given locations that match
    // the one it was registered for, which is what its own type promises.
    (this.handlers[type] as Map<string, AnnotationHandler<L>[T]>).set(key, handler);
  }
}

/** A location's key, after Cord's check that it is one: a flat object of strings, numbers and booleans. */
function keyOf(location: unknown): string {
  if (!isLocation(location)) throw new Error('Invalid location');
  return locationKey(location);
}

function isLocation(value: unknown): value is Location {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => ['string', 'number', 'boolean'].includes(typeof item))
  );
}

function parseLocation(serialized: string): unknown {
  try {
    return JSON.parse(serialized);
  } catch {
    return undefined;
  }
}
