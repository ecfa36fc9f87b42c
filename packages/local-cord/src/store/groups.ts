import { containing, type Row, type Sqlite } from './sqlite.ts';
import type { PageQuery } from './users.ts';

/** Group fields to set; undefined leaves a field as it is. */
export interface GroupDetails {
  name?: string | undefined;
  status?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** Everything local Cord keeps about a group, with its members. */
export interface GroupRecord {
  id: string;
  name: string;
  status: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  memberIds: string[];
}

/** A group on a page of many: `memberIds` holds its first members, `memberCount` counts them all. */
export interface ListedGroup extends GroupRecord {
  memberCount: number;
}

function toGroupRecord(row: Row): GroupRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    status: row.status as string,
    metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
    createdAt: row.created_at as number,
    memberIds: (JSON.parse(row.member_ids as string) as string[]).sort(),
  };
}

/** Groups and who is in them. */
export class Groups {
  constructor(private readonly sql: Sqlite) {}

  /** Creates or updates a group; creating one needs a name. Returns false if it could not. */
  upsert(id: string, details: GroupDetails, now = Date.now()): boolean {
    if (details.name === undefined && !this.exists(id)) return false;
    // SQLite checks NOT NULL on the row to insert before it sees the conflict: the
    // placeholder name never lands, the update below keeps the existing one.
    this.sql.run(
      `INSERT INTO groups (id, name, status, metadata, created_at, updated_at)
       VALUES (@id, coalesce(@name, ''), coalesce(@status, 'active'), coalesce(@metadata, '{}'), @now, @now)
       ON CONFLICT (id) DO UPDATE SET name = coalesce(@name, name),
         status = coalesce(@status, status), metadata = coalesce(@metadata, metadata), updated_at = @now`,
      {
        id,
        name: details.name ?? null,
        status: details.status ?? null,
        metadata: details.metadata ? JSON.stringify(details.metadata) : null,
        now,
      },
    );
    return true;
  }

  exists(id: string): boolean {
    return this.sql.value('SELECT 1 FROM groups WHERE id = ?', id) !== undefined;
  }

  /** Deletes the group, and with it its memberships, presence and sessions. Its threads must go first. */
  delete(id: string) {
    this.sql.run('DELETE FROM groups WHERE id = ?', id);
  }

  record(id: string): GroupRecord | undefined {
    return this.selectRecords('WHERE g.id = ?', id)[0];
  }

  /** Every group with its members, oldest first. */
  list(): GroupRecord[] {
    return this.selectRecords('');
  }

  count(): number {
    return Number(this.sql.value('SELECT count(*) FROM groups'));
  }

  /** The newest groups (or those whose id or name contains `search`), each with its first members. */
  newest({ limit, search, idsShown }: PageQuery): ListedGroup[] {
    const where = search ? "WHERE g.id LIKE @search ESCAPE '\\' OR g.name LIKE @search ESCAPE '\\'" : '';
    return this.sql
      .rows(
        `SELECT g.*,
           (SELECT json_group_array(user_id) FROM
             (SELECT user_id FROM group_members WHERE group_id = g.id ORDER BY user_id LIMIT @idsShown)) AS member_ids,
           (SELECT count(*) FROM group_members WHERE group_id = g.id) AS member_count
         FROM groups g ${where} ORDER BY g.created_at DESC, g.id DESC LIMIT @limit`,
        { limit, idsShown, search: search ? containing(search) : null },
      )
      .map((row) => ({ ...toGroupRecord(row), memberCount: Number(row.member_count) }));
  }

  private selectRecords(where: string, ...params: unknown[]): GroupRecord[] {
    return this.sql
      .rows(
        `SELECT g.*, (SELECT json_group_array(user_id) FROM group_members WHERE group_id = g.id) AS member_ids
         FROM groups g ${where} ORDER BY g.created_at, g.id`,
        ...params,
      )
      .map(toGroupRecord);
  }

  /** Adds the user to the group; true if they were not in it. */
  addMember(groupId: string, userId: string): boolean {
    return this.sql.run('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)', groupId, userId) > 0;
  }

  /** Takes the user out of the group; true if they were in it. */
  removeMember(groupId: string, userId: string): boolean {
    return this.sql.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', groupId, userId) > 0;
  }

  isMember(groupId: string, userId: string): boolean {
    return (
      this.sql.value('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', groupId, userId) !== undefined
    );
  }

  /** A group's members, in the order they joined. */
  memberIds(groupId: string): string[] {
    return this.sql
      .rows('SELECT user_id FROM group_members WHERE group_id = ? ORDER BY rowid', groupId)
      .map((row) => row.user_id as string);
  }

  /** Whether the two users share one of the groups given. */
  shareAny(groupIds: readonly string[], userId: string): boolean {
    if (groupIds.length === 0) return false;
    return (
      this.sql.value(
        `SELECT 1 FROM group_members WHERE user_id = ? AND group_id IN (${groupIds.map(() => '?').join(',')})`,
        userId,
        ...groupIds,
      ) !== undefined
    );
  }

  /** The groups a user is in. */
  groupIdsOf(userId: string): string[] {
    return this.sql
      .rows('SELECT group_id FROM group_members WHERE user_id = ?', userId)
      .map((row) => row.group_id as string);
  }
}
