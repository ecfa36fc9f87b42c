import type { ClientThreadFilter, Location, LocationFilterOptions } from '@cord-sdk/types';
import type { ThreadFilter, ThreadSort } from '../../protocol/requests.ts';

// Cord's thread options as apps pass them, turned into what local Cord's requests take.

/** A flat Cord location: an object whose values are strings, numbers or booleans. */
export function isFlatLocation(value: unknown): value is Location {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => ['string', 'number', 'boolean'].includes(typeof entry))
  );
}

/** A bare location means an exact match; `{ value, partialMatch }` says which. Anything else is ignored, as in Cord. */
export function locationFilter(location: Location | LocationFilterOptions | undefined): ThreadFilter['location'] {
  if (location === undefined) return undefined;
  if (isFlatLocation(location)) return { value: location, partialMatch: false };
  if (isFlatLocation(location.value)) return { value: location.value, partialMatch: Boolean(location.partialMatch) };
  return undefined;
}

const RESOLVED_STATUSES = ['any', 'resolved', 'unresolved'] as const;

/**
 * Cord's ClientThreadFilter as a request filter and the group it scopes the query to.
 * Keys Cord does not read are ignored.
 */
export function threadFilter(
  filter: ClientThreadFilter | undefined,
  defaultResolved: ThreadFilter['resolvedStatus'] = 'any',
): { groupId: string | undefined; filter: ThreadFilter } {
  const resolvedStatus = filter?.resolvedStatus ?? defaultResolved;
  if (!RESOLVED_STATUSES.includes(resolvedStatus)) throw new Error(`Invalid resolved status type ${resolvedStatus}`);
  const viewer = filter?.viewer === undefined ? [] : Array.isArray(filter.viewer) ? filter.viewer : [filter.viewer];
  return {
    groupId: filter?.groupID,
    filter: {
      location: locationFilter(filter?.location),
      metadata: filter?.metadata,
      resolvedStatus,
      viewer: [...new Set(viewer)],
    },
  };
}

export function threadSort(options: { sortBy?: ThreadSort['sortBy']; sortDirection?: ThreadSort['sortDirection'] }) {
  return {
    sortBy: options.sortBy ?? 'first_message_timestamp',
    sortDirection: options.sortDirection ?? 'descending',
  } satisfies ThreadSort;
}

/** Cord's page size: the count asked for, at most 1,000; 10 when none (or 0) is given. */
export function pageSize(initialFetchCount: number | undefined, fallback = 10): number {
  return Math.min(initialFetchCount || fallback, 1_000);
}
