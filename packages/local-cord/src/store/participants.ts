import type { Row, Sqlite } from './sqlite.ts';
import { toUserProfile, USER_PROFILE_COLUMNS, type UserProfile } from './users.ts';

/** A user's part in a thread: whether they follow it, and up to when they have seen it. */
export interface ParticipantRecord {
  threadId: string;
  user: UserProfile;
  subscribed: boolean;
  /** When they last looked at the thread; null: they have seen nothing of it. */
  lastSeenAt: number | null;
}

function toParticipant(row: Row): ParticipantRecord {
  return {
    threadId: row.thread_id as string,
    user: toUserProfile(row),
    subscribed: row.subscribed === 1,
    lastSeenAt: row.last_seen_at as number | null,
  };
}

/** Who takes part in which thread (Cord's thread participants). */
export class Participants {
  constructor(private readonly sql: Sqlite) {}

  /** A thread's participants, in the order they joined. */
  inThread(threadId: string): ParticipantRecord[] {
    return this.sql
      .rows(
        `SELECT p.*, ${USER_PROFILE_COLUMNS} FROM thread_participants p JOIN users u ON u.id = p.user_id
         WHERE p.thread_id = ? ORDER BY p.rowid`,
        threadId,
      )
      .map(toParticipant);
  }

  /**
   * The time to stamp a write to the thread with (a message, an edit, a look): now, or just
   * after the latest look at the thread if that was at this same millisecond or later. Who
   * has seen a message is worked out by comparing times (protocol/seen.ts): a message written
   * after a look must not tie with it, and a look after such a message, stamped the same
   * way, comes no earlier than it.
   */
  stamp(threadId: string, now = Date.now()): number {
    const lastLook = this.sql.value(
      'SELECT max(last_seen_at) FROM thread_participants WHERE thread_id = ?',
      threadId,
    ) as number | null | undefined;
    return lastLook != null && lastLook >= now ? lastLook + 1 : now;
  }

  /** When the user last saw the thread; null if never (or not a participant). */
  lastSeenAt(threadId: string, userId: string): number | null {
    const value = this.sql.value(
      'SELECT last_seen_at FROM thread_participants WHERE thread_id = ? AND user_id = ?',
      threadId,
      userId,
    );
    return (value as number | null | undefined) ?? null;
  }

  isParticipant(threadId: string, userId: string): boolean {
    return (
      this.sql.value('SELECT 1 FROM thread_participants WHERE thread_id = ? AND user_id = ?', threadId, userId) !==
      undefined
    );
  }

  /** Marks the thread seen (now) or unseen (null) for the user, who becomes a participant. */
  setSeen(threadId: string, userId: string, seenAt: number | null) {
    this.sql.run(
      `INSERT INTO thread_participants (thread_id, user_id, subscribed, last_seen_at) VALUES (?, ?, 0, ?)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      threadId,
      userId,
      seenAt,
    );
  }

  setSubscribed(threadId: string, userId: string, subscribed: boolean) {
    this.sql.run(
      `INSERT INTO thread_participants (thread_id, user_id, subscribed) VALUES (?, ?, ?)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET subscribed = excluded.subscribed`,
      threadId,
      userId,
      subscribed ? 1 : 0,
    );
  }

  /** The threads (of those given) the user follows, and those they were mentioned in. */
  involvement(userId: string): { subscribed: Set<string>; mentioned: Set<string> } {
    const ids = (sql: string) => new Set(this.sql.rows(sql, userId).map((row) => row.thread_id as string));
    return {
      subscribed: ids('SELECT thread_id FROM thread_participants WHERE user_id = ? AND subscribed = 1'),
      mentioned: ids(
        `SELECT DISTINCT m.thread_id FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
         WHERE mm.user_id = ? AND m.deleted_at IS NULL`,
      ),
    };
  }

  /** When the user last saw each of their threads. */
  lastSeenByThread(userId: string): Map<string, number | null> {
    return new Map(
      this.sql
        .rows('SELECT thread_id, last_seen_at FROM thread_participants WHERE user_id = ?', userId)
        .map((row) => [row.thread_id as string, row.last_seen_at as number | null]),
    );
  }
}
