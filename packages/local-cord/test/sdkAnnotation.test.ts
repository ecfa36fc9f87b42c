// @vitest-environment jsdom
// `CordSDK.annotation`: the handler registries with Cord's checks and Cord's choice of
// the most specific handler, and what is not an anchor.
import type { AnnotationHandler, Location } from '@cord-sdk/types';
import { describe, expect, it } from 'vitest';
import { AnnotationRegistry } from '../src/sdk/api/annotation.ts';

const click =
  (name: string): AnnotationHandler['onAnnotationClick'] =>
  () =>
    name;
/** Which registered click handler answers for a location, by the name it returns. */
const clickedBy = (registry: AnnotationRegistry, location: Location) =>
  registry.handlerFor('onAnnotationClick', location)?.({ id: 'a', location, threadID: 't' }) ?? null;

describe('the annotation API', () => {
  it('keeps a handler per location, whatever the order of its keys, until cleared', () => {
    const registry = new AnnotationRegistry();
    const render = () => ({ coordinates: { x: '50%', y: 10 } });
    registry.setRenderHandler({ page: 'a', section: 'table' }, render);
    expect(registry.handlerFor('getAnnotationPosition', { section: 'table', page: 'a' })).toBe(render);
    expect(registry.handlerFor('onAnnotationCapture', { section: 'table', page: 'a' })).toBeNull();
    registry.clearRenderHandler({ section: 'table', page: 'a' });
    expect(registry.handlerFor('getAnnotationPosition', { page: 'a', section: 'table' })).toBeNull();

    const capture = () => ({ label: 'Cell' });
    registry.setCaptureHandler({ page: 'a' }, capture);
    expect(registry.handlerFor('onAnnotationCapture', { page: 'a' })).toBe(capture);
    registry.clearCaptureHandler({ page: 'a' });
    expect(registry.handlerFor('onAnnotationCapture', { page: 'a' })).toBeNull();
  });

  it('answers a location with the handler of the most specific location it matches, as Cord does', () => {
    const registry = new AnnotationRegistry();
    registry.setClickHandler({}, click('anywhere'));
    registry.setClickHandler({ page: 'a' }, click('page'));
    registry.setClickHandler({ page: 'a', row: 3 }, click('row'));
    registry.setClickHandler({ page: 'a', column: 'x' }, click('column'));
    expect(clickedBy(registry, { page: 'a', row: 3 })).toBe('row');
    expect(clickedBy(registry, { page: 'a', row: 4 })).toBe('page');
    // Two equally specific matches: the one registered first.
    expect(clickedBy(registry, { page: 'a', row: 3, column: 'x' })).toBe('row');
    // A handler for {} matches nothing in Cord.
    expect(clickedBy(registry, { page: 'b' })).toBeNull();
    registry.clearClickHandler({ page: 'a', row: 3 });
    expect(clickedBy(registry, { page: 'a', row: 3 })).toBe('page');
  });

  it('takes the deprecated setAnnotationHandler, with null to remove', () => {
    const registry = new AnnotationRegistry();
    registry.setAnnotationHandler('onAnnotationClick', JSON.stringify({ row: 1, page: 'a' }), click('old style'));
    expect(clickedBy(registry, { page: 'a', row: 1 })).toBe('old style');
    registry.setAnnotationHandler('onAnnotationClick', '{"page":"a","row":1}', null);
    expect(clickedBy(registry, { page: 'a', row: 1 })).toBeNull();
  });

  it("refuses what is not a location or not a handler, with Cord's texts", () => {
    const registry = new AnnotationRegistry();
    const asLocation = (value: unknown) => value as Location;
    for (const location of [null, 'page', ['page'], { page: { nested: true } }, { page: null }]) {
      expect(() => registry.setRenderHandler(asLocation(location), () => null)).toThrow(new Error('Invalid location'));
      expect(() => registry.clearClickHandler(asLocation(location))).toThrow(new Error('Invalid location'));
    }
    const notAHandler = undefined as unknown as AnnotationHandler['onAnnotationClick'];
    expect(() => registry.setClickHandler({ page: 'a' }, notAHandler)).toThrow(new Error('Invalid handler'));
    expect(() => registry.setAnnotationHandler('onAnnotationClick', 'not json', click('x'))).toThrow(
      new Error('Invalid location'),
    );
    const badType = 'onHover' as unknown as 'onAnnotationClick';
    expect(() => registry.setAnnotationHandler(badType, '{}', click('x'))).toThrow(
      new Error('Invalid annotation handler type: onHover'),
    );
  });

  it('reads no position out of a string that is not one of its anchors', async () => {
    // Anchors themselves need a laid-out page: e2e/componentsOnThePage.spec.ts turns points
    // into anchors and back in Chromium.
    const registry = new AnnotationRegistry();
    const notOurs = [
      'anything',
      '{}',
      'null',
      '{"path":"body","x":"1","y":0}',
      // Selectors of another shape than the anchors' own: a list, :has(), an attribute test.
      '{"path":"div, body","x":0,"y":0}',
      '{"path":"body:has(p)","x":0,"y":0}',
      '{"path":"#root>p[title]","x":0,"y":0}',
    ];
    for (const serialized of notOurs) {
      await expect(registry.stringToViewportCoordinates(serialized)).resolves.toBeNull();
    }
  });
});
