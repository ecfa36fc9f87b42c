import type { CordLocation, PresenceView } from '../protocol/views.ts';
import type { PresenceRow } from '../store/store.ts';

/** Cord's partial match: every key of the query has the same value in the candidate. */
export function matchesLocation(query: CordLocation, candidate: CordLocation): boolean {
  return Object.entries(query).every(([key, value]) => candidate[key] === value);
}

/**
 * One entry per user from the rows that match: present if present anywhere that
 * matches, seen at the latest time seen. Present users first, then most recent.
 */
export function presenceAt(rows: readonly PresenceRow[], query: CordLocation): PresenceView[] {
  const byUser = new Map<string, PresenceView>();
  for (const row of rows) {
    if (!matchesLocation(query, row.location)) continue;
    const seen = byUser.get(row.view.user.id);
    byUser.set(row.view.user.id, {
      user: row.view.user,
      present: row.view.present || (seen?.present ?? false),
      lastSeen: Math.max(row.view.lastSeen ?? 0, seen?.lastSeen ?? 0) || null,
    });
  }
  return [...byUser.values()].sort(
    (a, b) => Number(b.present) - Number(a.present) || (b.lastSeen ?? 0) - (a.lastSeen ?? 0),
  );
}
