import type { NamedUser } from '../protocol/userNames.ts';
import type { EntityMetadata } from '../protocol/views.ts';
import { containing, type Row, type Sqlite } from './sqlite.ts';

/** Profile fields to set; undefined leaves a field as it is. */
export interface UserDetails {
  name?: string | undefined;
  shortName?: string | undefined;
  email?: string | undefined;
  profilePictureURL?: string | undefined;
  status?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** What is shown wherever a user appears: as an author, a participant, present somewhere. */
export interface UserProfile extends NamedUser {
  profilePictureURL: string | null;
  metadata: EntityMetadata;
}

/** Everything local Cord keeps about a user, with the groups they are in. */
export interface UserRecord extends UserProfile {
  status: string;
  createdAt: number;
  groupIds: string[];
}

/** A user on a page of many: `groupIds` holds the first `groupsShown` of their groups, `groupCount` counts them all. */
export interface ListedUser extends UserRecord {
  groupCount: number;
}

/** A page of a long list: at most `limit` items, those containing `search` in their id or name when given. */
export interface PageQuery {
  limit: number;
  search?: string | undefined;
  /** Most ids listed with each item (a user's groups, a group's members). */
  idsShown: number;
}

/** The users table's columns that make a UserProfile, for queries that join users in as `u`. */
export const USER_PROFILE_COLUMNS =
  'u.id AS user_id, u.name, u.short_name, u.email, u.profile_picture_url, u.metadata AS user_metadata';

/** A user's profile from a row holding USER_PROFILE_COLUMNS (or the whole users row). */
export function toUserProfile(row: Row): UserProfile {
  return {
    id: (row.user_id ?? row.id) as string,
    name: row.name as string | null,
    shortName: row.short_name as string | null,
    email: row.email as string | null,
    profilePictureURL: row.profile_picture_url as string | null,
    metadata: JSON.parse((row.user_metadata ?? row.metadata) as string) as EntityMetadata,
  };
}

function toUserRecord(row: Row): UserRecord {
  return {
    ...toUserProfile(row),
    status: row.status as string,
    createdAt: row.created_at as number,
    groupIds: (JSON.parse(row.group_ids as string) as string[]).sort(),
  };
}

export class Users {
  constructor(private readonly sql: Sqlite) {}

  /** Creates the user, or updates the fields given; true if it was created. */
  upsert(id: string, details: UserDetails, now = Date.now()): boolean {
    const created = !this.exists(id);
    this.sql.run(
      `INSERT INTO users (id, name, short_name, email, profile_picture_url, status, metadata, created_at, updated_at)
       VALUES (@id, @name, @shortName, @email, @picture, coalesce(@status, 'active'), coalesce(@metadata, '{}'), @now, @now)
       ON CONFLICT (id) DO UPDATE SET
         name = coalesce(@name, name), short_name = coalesce(@shortName, short_name),
         email = coalesce(@email, email), profile_picture_url = coalesce(@picture, profile_picture_url),
         status = coalesce(@status, status), metadata = coalesce(@metadata, metadata), updated_at = @now`,
      {
        id,
        name: details.name ?? null,
        shortName: details.shortName ?? null,
        email: details.email ?? null,
        picture: details.profilePictureURL ?? null,
        status: details.status ?? null,
        metadata: details.metadata ? JSON.stringify(details.metadata) : null,
        now,
      },
    );
    return created;
  }

  exists(id: string): boolean {
    return this.sql.value('SELECT 1 FROM users WHERE id = ?', id) !== undefined;
  }

  /**
   * Deletes the user, and with them their memberships, sessions, presence and part in
   * threads. What they wrote and reacted must go first (see Messages).
   */
  delete(id: string) {
    this.sql.run('DELETE FROM users WHERE id = ?', id);
  }

  profile(id: string): UserProfile | undefined {
    const row = this.sql.row('SELECT * FROM users WHERE id = ?', id);
    return row && toUserProfile(row);
  }

  /** The profiles of those of the users given who exist. */
  profiles(ids: readonly string[]): UserProfile[] {
    if (ids.length === 0) return [];
    return this.sql
      .rows(`SELECT * FROM users WHERE id IN (${ids.map(() => '?').join(',')})`, ...ids)
      .map(toUserProfile);
  }

  record(id: string): UserRecord | undefined {
    return this.selectRecords('WHERE u.id = ?', id)[0];
  }

  /** Every user, oldest first. */
  list(): UserRecord[] {
    return this.selectRecords('');
  }

  count(): number {
    return Number(this.sql.value('SELECT count(*) FROM users'));
  }

  /** The newest users (or those whose id, name or email contains `search`), each with their first groups. */
  newest({ limit, search, idsShown }: PageQuery): ListedUser[] {
    const where = search
      ? "WHERE u.id LIKE @search ESCAPE '\\' OR u.name LIKE @search ESCAPE '\\' OR u.email LIKE @search ESCAPE '\\'"
      : '';
    return this.sql
      .rows(
        `SELECT u.*,
           (SELECT json_group_array(group_id) FROM
             (SELECT group_id FROM group_members WHERE user_id = u.id ORDER BY group_id LIMIT @idsShown)) AS group_ids,
           (SELECT count(*) FROM group_members WHERE user_id = u.id) AS group_count
         FROM users u ${where} ORDER BY u.created_at DESC, u.id DESC LIMIT @limit`,
        { limit, idsShown, search: search ? containing(search) : null },
      )
      .map((row) => ({ ...toUserRecord(row), groupCount: Number(row.group_count) }));
  }

  private selectRecords(where: string, ...params: unknown[]): UserRecord[] {
    return this.sql
      .rows(
        `SELECT u.*, (SELECT json_group_array(group_id) FROM group_members WHERE user_id = u.id) AS group_ids
         FROM users u ${where} ORDER BY u.created_at, u.id`,
        ...params,
      )
      .map(toUserRecord);
  }
}
