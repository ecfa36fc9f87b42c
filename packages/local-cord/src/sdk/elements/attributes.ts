import { type CordLocation, locationFromUrl } from '../../protocol/location.ts';
import { isFlatLocation } from '../api/threadOptions.ts';

// Cord's attribute kinds as its elements read them (components.md §1.1). Each attribute
// arrives as its string, or null when absent.

/** A JSON attribute (or the property React sets to the same string), if it parses. */
export function parseJsonAttribute<T>(value: unknown): T | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** Cord's `boolean` attribute: absent gives the default; only the exact string "true" is true. */
export function booleanAttribute(value: string | null | undefined, fallback: boolean): boolean {
  return value === null || value === undefined ? fallback : value === 'true';
}

/**
 * Cord's `flag` attribute (HTML-boolean style): present means true unless "false". React 19
 * sets `autofocus` as a property with "" for true and false for false.
 */
export function flagAttribute(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && value !== 'false';
}

/** Cord's `number` attribute: undefined when absent, empty or not a number. */
export function numberAttribute(value: string | null | undefined): number | undefined {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** A count (a page size): a number attribute, undefined unless it is a positive number. */
export function countAttribute(value: string | null | undefined): number | undefined {
  const count = numberAttribute(value);
  return count !== undefined && count > 0 ? count : undefined;
}

/** Cord's `array` attribute: comma-separated, empty pieces dropped (not JSON). */
export function arrayAttribute(value: string | null | undefined): string[] | undefined {
  return value === null || value === undefined ? undefined : value.split(',').filter((piece) => piece !== '');
}

/** Cord's location attribute (or the deprecated `context`), else Cord's default: the page's URL. */
export function locationAttribute(value: string | null | undefined, context?: string | null): CordLocation {
  const given = parseJsonAttribute<unknown>(value ?? context);
  return isFlatLocation(given) ? given : locationFromUrl(window.location.href);
}
