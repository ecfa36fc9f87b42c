import type { CordLocation } from './location.ts';
import { matchesLocation } from './location.ts';
import type { ThreadFilter } from './requests.ts';
import type { EntityMetadata } from './views.ts';

// Which threads a list or a count takes (Cord's ClientThreadFilter), decided the same way
// by the server, which pages and counts, and by the SDK, which keeps a live list in step.

/** What a filter looks at, as seen by one viewer. */
export interface FilterableThread {
  location: CordLocation;
  metadata: EntityMetadata;
  resolved: boolean;
  /** Whether the viewer follows the thread. */
  subscribed: boolean;
  /** Whether a live message of the thread mentions the viewer. */
  mentioned: boolean;
}

/** Exactly the same keys and values. */
function sameLocation(a: CordLocation, b: CordLocation): boolean {
  return Object.keys(a).length === Object.keys(b).length && matchesLocation(a, b);
}

export function matchesThreadFilter(thread: FilterableThread, filter: ThreadFilter): boolean {
  if (filter.location) {
    const { value, partialMatch } = filter.location;
    if (!(partialMatch ? matchesLocation(value, thread.location) : sameLocation(value, thread.location))) return false;
  }
  if (filter.metadata && !Object.entries(filter.metadata).every(([key, value]) => thread.metadata[key] === value)) {
    return false;
  }
  if (filter.resolvedStatus === 'resolved' && !thread.resolved) return false;
  if (filter.resolvedStatus === 'unresolved' && thread.resolved) return false;
  if (filter.viewer.length > 0) {
    const involved = filter.viewer.some((how) => (how === 'subscribed' ? thread.subscribed : thread.mentioned));
    if (!involved) return false;
  }
  return true;
}
