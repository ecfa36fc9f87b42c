import { randomBytes } from 'node:crypto';
import type { Sqlite } from './sqlite.ts';

export interface SessionRecord {
  userId: string;
  /** The group the token named, if any. */
  groupId: string | null;
}

/** Long-lived sessions that browsers sign in with again after their short token expired. */
export class Sessions {
  constructor(private readonly sql: Sqlite) {}

  /** A new session for the user; returns its id, the browser's credential from now on. */
  create(session: SessionRecord, now = Date.now()): string {
    const id = randomBytes(24).toString('base64url');
    this.sql.run(
      'INSERT INTO sessions (id, user_id, group_id, created_at) VALUES (?, ?, ?, ?)',
      id,
      session.userId,
      session.groupId,
      now,
    );
    return id;
  }

  get(id: string): SessionRecord | undefined {
    const row = this.sql.row('SELECT user_id, group_id FROM sessions WHERE id = ?', id);
    return row && { userId: row.user_id as string, groupId: row.group_id as string | null };
  }
}
