import { type CordLocation, locationKey, matchesLocation } from '../../protocol/location.ts';
import type { PresenceView } from '../../protocol/views.ts';
import type { PresenceRecord } from '../../store/store.ts';
import { userData } from '../views/userData.ts';

/**
 * One entry per user from the rows that match: present if present anywhere that
 * matches, seen at the latest time seen. Present users first, then most recent.
 */
export function presenceAt(rows: readonly PresenceRecord[], query: CordLocation, exactMatch = false): PresenceView[] {
  const byUser = new Map<string, PresenceView>();
  for (const row of rows) {
    if (!watchedLocation(query, row.location, exactMatch)) continue;
    const seen = byUser.get(row.user.id);
    const locations = seen?.locations ?? [];
    byUser.set(row.user.id, {
      user: seen?.user ?? userData(row.user),
      present: row.present || (seen?.present ?? false),
      lastSeen: Math.max(row.lastSeen ?? 0, seen?.lastSeen ?? 0) || null,
      locations: row.present ? [...locations, row.location] : locations,
    });
  }
  return inPresenceOrder(byUser.values());
}

/** Present users first, then the most recently seen. */
export function inPresenceOrder(users: Iterable<PresenceView>): PresenceView[] {
  return [...users].sort((a, b) => Number(b.present) - Number(a.present) || (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
}

/** Whether presence at `candidate` shows to a watch of `query`: partly matching (Cord's default) or the same location. */
export function watchedLocation(query: CordLocation, candidate: CordLocation, exactMatch = false): boolean {
  return exactMatch ? locationKey(query) === locationKey(candidate) : matchesLocation(query, candidate);
}
