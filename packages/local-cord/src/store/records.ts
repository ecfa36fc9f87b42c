import type { CordLocation, UserView } from '../protocol/views.ts';
import { type Sqlite, toUserView } from './sqlite.ts';
import type { ThreadRow } from './store.ts';

/** Everything the REST API and the inspector show about a user. */
export interface UserRecord extends UserView {
  status: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  groupIds: string[];
}

export interface GroupRecord {
  id: string;
  name: string;
  status: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  memberIds: string[];
}

export interface ThreadRecord extends ThreadRow {
  url: string;
  location: CordLocation;
  createdAt: number;
}

export interface ReactionRecord {
  messageId: string;
  userId: string;
  emoji: string;
  createdAt: number;
}

/** Everything about users, groups and threads, as the REST API and the inspector show it. */
export class Records {
  constructor(private readonly sql: Sqlite) {}

  user(id: string): UserRecord | undefined {
    return this.selectUserRecords('WHERE u.id = ?', id)[0];
  }

  /** Every user, oldest first. */
  users(): UserRecord[] {
    return this.selectUserRecords('');
  }

  private selectUserRecords(where: string, ...params: unknown[]): UserRecord[] {
    return this.sql
      .rows(
        `SELECT u.*, (SELECT json_group_array(group_id) FROM group_members WHERE user_id = u.id) AS group_ids
       FROM users u ${where} ORDER BY u.created_at, u.id`,
        ...params,
      )
      .map((row) => ({
        ...toUserView(row),
        status: row.status as string,
        metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
        createdAt: row.created_at as number,
        groupIds: (JSON.parse(row.group_ids as string) as string[]).sort(),
      }));
  }

  group(id: string): GroupRecord | undefined {
    return this.selectGroupRecords('WHERE g.id = ?', id)[0];
  }

  /** Every group with its members, oldest first. */
  groups(): GroupRecord[] {
    return this.selectGroupRecords('');
  }

  private selectGroupRecords(where: string, ...params: unknown[]): GroupRecord[] {
    return this.sql
      .rows(
        `SELECT g.*, (SELECT json_group_array(user_id) FROM group_members WHERE group_id = g.id) AS member_ids
       FROM groups g ${where} ORDER BY g.created_at, g.id`,
        ...params,
      )
      .map((row) => ({
        id: row.id as string,
        name: row.name as string,
        status: row.status as string,
        metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
        createdAt: row.created_at as number,
        memberIds: (JSON.parse(row.member_ids as string) as string[]).sort(),
      }));
  }

  thread(id: string): ThreadRecord | undefined {
    return this.selectThreadRecords('WHERE t.id = ?', id)[0];
  }

  /** Every thread, most recently active first, as Cord lists them. */
  threads(): ThreadRecord[] {
    return this.selectThreadRecords('');
  }

  private selectThreadRecords(where: string, ...params: unknown[]): ThreadRecord[] {
    return this.sql
      .rows(
        `SELECT t.*, (SELECT max(created_at) FROM messages WHERE thread_id = t.id) AS last_message_at
       FROM threads t ${where} ORDER BY coalesce(last_message_at, t.created_at) DESC, t.id`,
        ...params,
      )
      .map((row) => ({
        id: row.id as string,
        groupId: row.group_id as string,
        name: row.name as string,
        resolvedAt: row.resolved_at as number | null,
        url: row.url as string,
        location: JSON.parse(row.location as string) as CordLocation,
        createdAt: row.created_at as number,
      }));
  }

  /** Reactions in a thread with when each was made, which message views leave out. */
  threadReactions(threadId: string): ReactionRecord[] {
    return this.sql
      .rows(
        `SELECT r.* FROM reactions r JOIN messages m ON m.id = r.message_id
       WHERE m.thread_id = ? ORDER BY r.created_at, r.rowid`,
        threadId,
      )
      .map((row) => ({
        messageId: row.message_id as string,
        userId: row.user_id as string,
        emoji: row.emoji as string,
        createdAt: row.created_at as number,
      }));
  }

  /** Where a user wrote, so a change to their name can be shown on every message. */
  messagesByAuthor(userId: string): Array<{ threadId: string; messageId: string }> {
    return this.sql.rows('SELECT thread_id, id FROM messages WHERE author_id = ? ORDER BY seq', userId).map((row) => ({
      threadId: row.thread_id as string,
      messageId: row.id as string,
    }));
  }
}
