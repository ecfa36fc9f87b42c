import type { CordLocation } from '../protocol/location.ts';
import type { Row, Sqlite } from './sqlite.ts';

/** Everything local Cord keeps about a thread. */
export interface ThreadRecord {
  id: string;
  groupId: string;
  name: string;
  url: string;
  location: CordLocation;
  resolvedAt: number | null;
  createdAt: number;
}

/** What a new thread needs. */
export type NewThread = Pick<ThreadRecord, 'id' | 'groupId' | 'name' | 'url' | 'location'>;

function toThreadRecord(row: Row): ThreadRecord {
  return {
    id: row.id as string,
    groupId: row.group_id as string,
    name: row.name as string,
    url: row.url as string,
    location: JSON.parse(row.location as string) as CordLocation,
    resolvedAt: row.resolved_at as number | null,
    createdAt: row.created_at as number,
  };
}

export class Threads {
  constructor(private readonly sql: Sqlite) {}

  get(id: string): ThreadRecord | undefined {
    const row = this.sql.row('SELECT * FROM threads WHERE id = ?', id);
    return row && toThreadRecord(row);
  }

  /** Every thread, most recently active first, as Cord lists them. */
  list(): ThreadRecord[] {
    return this.sql
      .rows(
        `SELECT t.*, (SELECT max(created_at) FROM messages WHERE thread_id = t.id) AS last_message_at
         FROM threads t ORDER BY coalesce(last_message_at, t.created_at) DESC, t.id`,
      )
      .map(toThreadRecord);
  }

  create(thread: NewThread, now = Date.now()): ThreadRecord {
    this.sql.run(
      'INSERT INTO threads (id, group_id, name, url, location, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      thread.id,
      thread.groupId,
      thread.name,
      thread.url,
      JSON.stringify(thread.location),
      now,
    );
    return { ...thread, resolvedAt: null, createdAt: now };
  }

  /** Resolves the thread (by a user) or reopens it (null); returns it as it is now. */
  setResolved(thread: ThreadRecord, resolvedBy: string | null, now = Date.now()): ThreadRecord {
    const resolvedAt = resolvedBy === null ? null : now;
    this.sql.run('UPDATE threads SET resolved_at = ?, resolved_by = ? WHERE id = ?', resolvedAt, resolvedBy, thread.id);
    return { ...thread, resolvedAt };
  }
}
