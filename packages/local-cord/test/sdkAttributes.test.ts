// Cord's attribute kinds as its elements read them (components.md §1.1): what the React
// wrappers write, and what raw HTML may hold.
import { describe, expect, it } from 'vitest';
import { arrayAttribute, booleanAttribute, flagAttribute, numberAttribute } from '../src/sdk/elements/attributes.ts';

describe("Cord's attribute kinds", () => {
  it('boolean: absent gives the default; only the exact "true" is true', () => {
    expect(booleanAttribute(null, true)).toBe(true);
    expect(booleanAttribute(null, false)).toBe(false);
    expect(booleanAttribute('true', false)).toBe(true);
    for (const value of ['', 'True', 'false', '1', 'yes']) expect(booleanAttribute(value, true), value).toBe(false);
  });

  it('flag: present means true unless "false"; React 19 sets autofocus as a property', () => {
    expect(flagAttribute('')).toBe(true);
    expect(flagAttribute('autofocus')).toBe(true);
    expect(flagAttribute(true)).toBe(true);
    for (const value of [null, undefined, false, 'false']) expect(flagAttribute(value), String(value)).toBe(false);
  });

  it('number and array', () => {
    expect(numberAttribute('3')).toBe(3);
    expect(numberAttribute('')).toBeUndefined();
    expect(numberAttribute(null)).toBeUndefined();
    expect(arrayAttribute('a,,b,')).toEqual(['a', 'b']);
    expect(arrayAttribute('')).toEqual([]);
    expect(arrayAttribute(null)).toBeUndefined();
  });
});
