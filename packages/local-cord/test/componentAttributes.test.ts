// @vitest-environment jsdom
// Every attribute that Cord's `componentAttributes` (@cord-sdk/components, what the React
// wrappers write) lists for an element local Cord defines must be handled by that element:
// declared as one it observes, or listed as one Cord itself ignores (components.md §26), or
// as one whose feature local Cord lacks. An attribute added to Cord's list, or dropped from
// an element, fails here by name.
import { componentAttributes, componentNames } from '@cord-sdk/components';
import { describe, expect, it } from 'vitest';
import type { CordElement } from '../src/sdk/elements/cordElement.ts';
import { CORD_ELEMENTS } from '../src/sdk/index.ts';

type ElementClass = typeof CordElement;

/** What Cord's own elements do nothing with (components.md, "Attributes Cord ignores"). */
const CORD_IGNORES: Record<string, string[]> = {
  'cord-page-presence': ['orientation'],
  'cord-presence-facepile': ['orientation'],
  'cord-pin': ['location'],
};

/** What local Cord has no feature for (screenshots). */
const NOT_YET_LOCAL: Record<string, string[]> = {
  'cord-thread-list': ['show-screenshot-preview-in-message'],
  'cord-floating-threads': ['show-screenshot-preview'],
};

const defined = Object.entries(CORD_ELEMENTS).map(([tag, element]) => {
  const component = componentNames[tag as keyof typeof componentNames];
  return { tag, element: element as unknown as ElementClass, component };
});

describe("Cord's element attributes", () => {
  it("defines every tag of Cord's catalogue, and Cord tags only, each with its attribute list", () => {
    expect(Object.keys(componentNames).filter((tag) => !(tag in CORD_ELEMENTS))).toEqual([]);
    for (const { tag, component } of defined) {
      expect(component, tag).toBeDefined();
      expect(componentAttributes[component], tag).toBeDefined();
    }
  });

  for (const { tag, element, component } of defined) {
    it(`<${tag}> handles every attribute Cord lists for ${component}`, () => {
      const observed = new Set(element.observedAttributes);
      const listed = Object.keys(componentAttributes[component]);
      const unhandled = listed.filter(
        (name) =>
          !observed.has(name) && !(name in element.ignoredAttributes) && !(name in element.unsupportedAttributes),
      );
      expect(unhandled).toEqual([]);
      // The buffering the React wrappers rely on, and the class rewrites React 19 makes.
      expect(observed).toContain('buffer-events');
      expect(observed).toContain('class');
    });

    it(`<${tag}> says honestly what it leaves alone`, () => {
      expect(Object.keys(element.ignoredAttributes).sort()).toEqual((CORD_IGNORES[tag] ?? []).sort());
      expect(Object.keys(element.unsupportedAttributes).sort()).toEqual((NOT_YET_LOCAL[tag] ?? []).sort());
      const observed = new Set(element.observedAttributes);
      for (const name of [...Object.keys(element.ignoredAttributes), ...Object.keys(element.unsupportedAttributes)]) {
        expect(name in componentAttributes[component], name).toBe(true);
        expect(observed.has(name), `${name} is both ignored and handled`).toBe(false);
      }
    });
  }
});
