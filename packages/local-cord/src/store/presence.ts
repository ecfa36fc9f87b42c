import { type CordLocation, locationKey } from '../protocol/location.ts';
import type { Row, Sqlite } from './sqlite.ts';
import { toUserProfile, USER_PROFILE_COLUMNS, type UserProfile } from './users.ts';

/** Where a user is (or was) in a group. */
export interface PresencePlace {
  userId: string;
  groupId: string;
  location: CordLocation;
}

/** A presence row as watchers see it: who, where, present now or when last seen. */
export interface PresenceRecord {
  groupId: string;
  location: CordLocation;
  user: UserProfile;
  present: boolean;
  lastSeen: number | null;
}

const PRESENCE_COLUMNS = `p.group_id, p.location, p.present_until, p.last_seen, ${USER_PROFILE_COLUMNS}`;
/** Present now (the parameter is now), or seen there before. */
const VISIBLE = '((p.present_until IS NOT NULL AND p.present_until > ?) OR p.last_seen IS NOT NULL)';

function toPresenceRecord(row: Row, now: number): PresenceRecord {
  return {
    groupId: row.group_id as string,
    location: JSON.parse(row.location as string) as CordLocation,
    user: toUserProfile(row),
    present: row.present_until !== null && (row.present_until as number) > now,
    lastSeen: row.last_seen as number | null,
  };
}

/** Who is present where, and durable "last seen here". */
export class Presence {
  constructor(private readonly sql: Sqlite) {}

  /**
   * Records that a user is (or is no longer) at a location. `presentUntil` null means
   * absent; `lastSeen` is only written when given, for durable presence.
   */
  set(place: PresencePlace & { presentUntil: number | null; lastSeen?: number | undefined }) {
    this.sql.run(
      `INSERT INTO presence (user_id, group_id, location, present_until, last_seen)
       VALUES (@userId, @groupId, @location, @presentUntil, @lastSeen)
       ON CONFLICT (user_id, group_id, location) DO UPDATE SET
         present_until = @presentUntil, last_seen = coalesce(@lastSeen, last_seen)`,
      {
        userId: place.userId,
        groupId: place.groupId,
        location: locationKey(place.location),
        presentUntil: place.presentUntil,
        lastSeen: place.lastSeen ?? null,
      },
    );
    // Absent with no "last seen" left to keep: nothing to remember. Live cursors pass
    // through a new location every 100 ms; their rows must not pile up.
    if (place.presentUntil === null) {
      this.sql.run(
        `DELETE FROM presence WHERE user_id = ? AND group_id = ? AND location = ?
           AND present_until IS NULL AND last_seen IS NULL`,
        place.userId,
        place.groupId,
        locationKey(place.location),
      );
    }
  }

  /** Writes durable "last seen here" alone: whether the user is present there now is left as it is. */
  markSeen(place: PresencePlace, at: number) {
    this.sql.run(
      `INSERT INTO presence (user_id, group_id, location, present_until, last_seen)
       VALUES (@userId, @groupId, @location, NULL, @at)
       ON CONFLICT (user_id, group_id, location) DO UPDATE SET last_seen = @at`,
      { userId: place.userId, groupId: place.groupId, location: locationKey(place.location), at },
    );
  }

  /** When the user's durable presence at a location was last written. */
  lastSeen({ userId, groupId, location }: PresencePlace): number | null {
    const value = this.sql.value(
      'SELECT last_seen FROM presence WHERE user_id = ? AND group_id = ? AND location = ?',
      userId,
      groupId,
      locationKey(location),
    );
    return (value as number | null | undefined) ?? null;
  }

  /** When each user was last seen (durably) at locations matching the query, in a group. */
  lastSeenAt(groupId: string, matches: (location: CordLocation) => boolean): Map<string, number> {
    const seen = new Map<string, number>();
    for (const row of this.sql.rows(
      'SELECT user_id, location, last_seen FROM presence WHERE group_id = ? AND last_seen IS NOT NULL',
      groupId,
    )) {
      if (!matches(JSON.parse(row.location as string) as CordLocation)) continue;
      const userId = row.user_id as string;
      seen.set(userId, Math.max(seen.get(userId) ?? 0, row.last_seen as number));
    }
    return seen;
  }

  /** Marks every presence that ran past its deadline absent; returns where that happened. */
  lapse(now = Date.now()): PresencePlace[] {
    return this.sql.transaction(() => {
      const lapsed = this.sql.rows(
        'SELECT user_id, group_id, location FROM presence WHERE present_until IS NOT NULL AND present_until <= ?',
        now,
      );
      this.sql.run(
        'UPDATE presence SET present_until = NULL WHERE present_until IS NOT NULL AND present_until <= ?',
        now,
      );
      this.sql.run('DELETE FROM presence WHERE present_until IS NULL AND last_seen IS NULL');
      return lapsed.map((row) => ({
        userId: row.user_id as string,
        groupId: row.group_id as string,
        location: JSON.parse(row.location as string) as CordLocation,
      }));
    });
  }

  /** Presence visible in the given groups: present now, or seen there before. */
  visibleIn(groupIds: readonly string[], now = Date.now()): PresenceRecord[] {
    return this.visible(groupIds, null, now);
  }

  /**
   * One user's presence visible in the given groups: what a watcher needs again when that
   * user (and only they) arrived or left somewhere.
   */
  ofUserIn(userId: string, groupIds: readonly string[], now = Date.now()): PresenceRecord[] {
    return this.visible(groupIds, userId, now);
  }

  /** How many places the user is present at now, in every group. */
  presentCount(userId: string, now = Date.now()): number {
    return this.sql.value(
      'SELECT count(*) FROM presence WHERE user_id = ? AND present_until IS NOT NULL AND present_until > ?',
      userId,
      now,
    ) as number;
  }

  private visible(groupIds: readonly string[], userId: string | null, now: number): PresenceRecord[] {
    if (groupIds.length === 0) return [];
    const rows = this.sql.rows(
      `SELECT ${PRESENCE_COLUMNS} FROM presence p JOIN users u ON u.id = p.user_id
       WHERE p.group_id IN (${groupIds.map(() => '?').join(',')})
         ${userId === null ? '' : 'AND p.user_id = ?'} AND ${VISIBLE}`,
      ...groupIds,
      ...(userId === null ? [] : [userId]),
      now,
    );
    return rows.map((row) => toPresenceRecord(row, now));
  }

  /** Up to `limit` of the visible presence rows of every group, the latest first (present, then last seen). */
  latest(limit: number, now = Date.now()): PresenceRecord[] {
    const rows = this.sql.rows(
      `SELECT ${PRESENCE_COLUMNS} FROM presence p JOIN users u ON u.id = p.user_id
       WHERE ${VISIBLE} ORDER BY coalesce(p.present_until, p.last_seen) DESC LIMIT ?`,
      now,
      limit,
    );
    return rows.map((row) => toPresenceRecord(row, now));
  }
}
