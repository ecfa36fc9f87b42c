// Cord's locations: what one is, how two compare, how one is keyed. Their schema is in
// fields.ts with the other zod schemas, so the browser SDK, which imports this file, stays
// free of zod.

/** A flat Cord location, e.g. `{ "page": "create-an-auth-token" }`. */
export type CordLocation = Record<string, string | number | boolean>;

/** Locations compare by content, whatever the order of their keys: this is their key. */
export function locationKey(location: CordLocation): string {
  return JSON.stringify(Object.fromEntries(Object.entries(location).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Cord's partial match: every key of the query has the same value in the candidate. */
export function matchesLocation(query: CordLocation, candidate: CordLocation): boolean {
  return Object.entries(query).every(([key, value]) => candidate[key] === value);
}

/** Cord's location filter: the same location, or with `partialMatch` every key of `value` in it. */
export function matchesLocationFilter(
  filter: { value: CordLocation; partialMatch: boolean },
  location: CordLocation,
): boolean {
  const sameKeys = Object.keys(filter.value).length === Object.keys(location).length;
  return matchesLocation(filter.value, location) && (filter.partialMatch || sameKeys);
}

/** Cord's refusal of presence set outside the region it is to be exclusive within. */
export const OUTSIDE_EXCLUSIVITY_REGION = 'Cannot set a user present at a location not within the exclusivity region';

/** Cord's default location for a page: its URL without Cord's own query parameters. */
export function locationFromUrl(href: string): { location: string } {
  const url = new URL(href);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('cord')) url.searchParams.delete(key);
  return { location: url.href };
}
