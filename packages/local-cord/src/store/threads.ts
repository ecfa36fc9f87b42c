import { type CordLocation, locationKey } from '../protocol/location.ts';
import type { EntityMetadata } from '../protocol/views.ts';
import { containing, type Row, type Sqlite } from './sqlite.ts';

/** Everything local Cord keeps about a thread. */
export interface ThreadRecord {
  id: string;
  groupId: string;
  name: string;
  url: string;
  location: CordLocation;
  metadata: EntityMetadata;
  extraClassnames: string | null;
  resolvedAt: number | null;
  createdAt: number;
}

/** What a new thread needs. */
export type NewThread = Pick<ThreadRecord, 'id' | 'groupId' | 'name' | 'url' | 'location'> &
  Partial<Pick<ThreadRecord, 'metadata' | 'extraClassnames'>>;

/** Fields of a thread that can change; undefined leaves one as it is. */
export type ThreadChanges = Partial<Pick<ThreadRecord, 'name' | 'url' | 'location' | 'metadata' | 'extraClassnames'>>;

/** A thread as lists filter, sort and count it: its record and when its live messages came. */
export interface ListedThread extends ThreadRecord {
  firstMessageAt: number | null;
  lastMessageAt: number | null;
  /** Live (not deleted) user messages, and when the last of them came. */
  userMessages: number;
  lastUserMessageAt: number | null;
  /** When its first and last messages were written, deleted ones included (as Cord's REST API sorts). */
  firstWrittenAt: number | null;
  lastWrittenAt: number | null;
}

/** The counts of one thread's messages, as Cord reports them. */
export interface ThreadStats {
  userMessages: number;
  actionMessages: number;
  deletedMessages: number;
  /** Authors of live user messages after the thread's first message. */
  repliers: string[];
  actionMessageRepliers: string[];
  /** Users mentioned in live messages. */
  mentioned: string[];
}

function toThreadRecord(row: Row): ThreadRecord {
  return {
    id: row.id as string,
    groupId: row.group_id as string,
    name: row.name as string,
    url: row.url as string,
    location: JSON.parse(row.location as string) as CordLocation,
    metadata: JSON.parse(row.metadata as string) as EntityMetadata,
    extraClassnames: row.extra_classnames as string | null,
    resolvedAt: row.resolved_at as number | null,
    createdAt: row.created_at as number,
  };
}

/**
 * When each thread's messages were written (live ones, and all), and how many are live user
 * messages; `where` limits the threads (read through the thread index, not every message).
 */
const messageTimes = (where: string) => `
  SELECT thread_id,
    min(created_at) FILTER (WHERE deleted_at IS NULL) AS first_message_at,
    max(created_at) FILTER (WHERE deleted_at IS NULL) AS last_message_at,
    count(*) FILTER (WHERE deleted_at IS NULL AND type = 'user_message') AS user_messages,
    max(created_at) FILTER (WHERE deleted_at IS NULL AND type = 'user_message') AS last_user_message_at,
    min(created_at) AS first_written_at, max(created_at) AS last_written_at
  FROM messages ${where} GROUP BY thread_id`;

/** How many of the newest messages are read, per thread wanted, to find the most recently active threads. */
const RECENT_MESSAGES_PER_THREAD = 20;

export class Threads {
  /**
   * The last listings by groups, while nothing has been written since: a page's thread
   * list and its counts, and the counts of every page observing a group after a message,
   * all read the same threads.
   */
  private listings = { version: -1, byGroups: new Map<string, readonly ListedThread[]>() };

  constructor(private readonly sql: Sqlite) {}

  get(id: string): ThreadRecord | undefined {
    const row = this.sql.row('SELECT * FROM threads WHERE id = ?', id);
    return row && toThreadRecord(row);
  }

  count(): number {
    return Number(this.sql.value('SELECT count(*) FROM threads'));
  }

  /**
   * Up to `limit` threads, those with the newest messages first, then the newest threads;
   * or, with `search`, the newest threads whose id or name contains it. Reads the newest
   * messages and threads only, however many there are.
   */
  recent(limit: number, search?: string): ThreadRecord[] {
    const newest = (where: string, params: Record<string, unknown>) =>
      this.sql
        .rows(`SELECT * FROM threads ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`, { limit, ...params })
        .map(toThreadRecord);
    if (search) {
      return newest("WHERE id LIKE @search ESCAPE '\\' OR name LIKE @search ESCAPE '\\'", {
        search: containing(search),
      });
    }
    const active = this.sql
      .rows(
        `WITH recent AS MATERIALIZED
           (SELECT thread_id, seq FROM messages WHERE seq > (SELECT max(seq) FROM messages) - @recentMessages)
         SELECT t.* FROM (SELECT thread_id, max(seq) AS last FROM recent GROUP BY thread_id) m
         JOIN threads t ON t.id = m.thread_id ORDER BY m.last DESC LIMIT @limit`,
        { limit, recentMessages: limit * RECENT_MESSAGES_PER_THREAD },
      )
      .map(toThreadRecord);
    const shown = new Set(active.map((thread) => thread.id));
    return [...active, ...newest('', {}).filter((thread) => !shown.has(thread.id))].slice(0, limit);
  }

  /** The threads of some groups (all groups when none are given), with the times lists sort by. */
  listed(groupIds?: readonly string[]): ListedThread[] {
    if (this.listings.version !== this.sql.version) this.listings = { version: this.sql.version, byGroups: new Map() };
    const key = groupIds ? JSON.stringify(groupIds) : '';
    let listed = this.listings.byGroups.get(key);
    if (!listed) {
      listed = this.read(groupIds);
      this.listings.byGroups.set(key, listed);
    }
    return [...listed];
  }

  private read(groupIds?: readonly string[]): ListedThread[] {
    if (groupIds?.length === 0) return [];
    const marks = groupIds?.map(() => '?').join(',');
    const times = messageTimes(
      groupIds ? `WHERE thread_id IN (SELECT id FROM threads WHERE group_id IN (${marks}))` : '',
    );
    const inGroups = groupIds ? `WHERE t.group_id IN (${marks})` : '';
    return this.sql
      .rows(
        `SELECT t.*, m.first_message_at, m.last_message_at, m.user_messages, m.last_user_message_at,
           m.first_written_at, m.last_written_at
         FROM threads t LEFT JOIN (${times}) m ON m.thread_id = t.id ${inGroups} ORDER BY t.id`,
        ...(groupIds ?? []),
        ...(groupIds ?? []),
      )
      .map((row) => ({
        ...toThreadRecord(row),
        firstMessageAt: row.first_message_at as number | null,
        lastMessageAt: row.last_message_at as number | null,
        userMessages: Number(row.user_messages ?? 0),
        lastUserMessageAt: row.last_user_message_at as number | null,
        firstWrittenAt: row.first_written_at as number | null,
        lastWrittenAt: row.last_written_at as number | null,
      }));
  }

  create(thread: NewThread, now = Date.now()): ThreadRecord {
    const record: ThreadRecord = {
      ...thread,
      metadata: thread.metadata ?? {},
      extraClassnames: thread.extraClassnames ?? null,
      resolvedAt: null,
      createdAt: now,
    };
    this.sql.run(
      `INSERT INTO threads (id, group_id, name, url, location, metadata, extra_classnames, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      record.id,
      record.groupId,
      record.name,
      record.url,
      locationKey(record.location),
      JSON.stringify(record.metadata),
      record.extraClassnames,
      now,
    );
    return record;
  }

  /** Changes the fields given; returns the thread as it is now. */
  update(thread: ThreadRecord, changes: ThreadChanges): ThreadRecord {
    const updated = { ...thread, ...definedOnly(changes) };
    this.sql.run(
      'UPDATE threads SET name = ?, url = ?, location = ?, metadata = ?, extra_classnames = ? WHERE id = ?',
      updated.name,
      updated.url,
      locationKey(updated.location),
      JSON.stringify(updated.metadata),
      updated.extraClassnames,
      thread.id,
    );
    return updated;
  }

  /** Resolves the thread (by a user) or reopens it (null); returns it as it is now. */
  setResolved(thread: ThreadRecord, resolvedBy: string | null, now = Date.now()): ThreadRecord {
    return this.setResolvedAt(thread, resolvedBy === null ? null : now, resolvedBy);
  }

  /** Sets when the thread was resolved (null: it is open), and by whom if anyone; returns it as it is now. */
  setResolvedAt(thread: ThreadRecord, resolvedAt: number | null, resolvedBy: string | null): ThreadRecord {
    this.sql.run('UPDATE threads SET resolved_at = ?, resolved_by = ? WHERE id = ?', resolvedAt, resolvedBy, thread.id);
    return { ...thread, resolvedAt };
  }

  /** Moves the thread, with its messages and participants, to another group. */
  move(thread: ThreadRecord, groupId: string): ThreadRecord {
    this.sql.run('UPDATE threads SET group_id = ? WHERE id = ?', groupId, thread.id);
    return { ...thread, groupId };
  }

  /** Gives the thread another id; its messages and participants follow. Runs inside a transaction. */
  rename(thread: ThreadRecord, id: string): ThreadRecord {
    // The rows that point at the thread change in the same transaction: checked at its end.
    this.sql.run('PRAGMA defer_foreign_keys = ON');
    this.sql.run('UPDATE threads SET id = ? WHERE id = ?', id, thread.id);
    this.sql.run('UPDATE messages SET thread_id = ? WHERE thread_id = ?', id, thread.id);
    this.sql.run('UPDATE thread_participants SET thread_id = ? WHERE thread_id = ?', id, thread.id);
    this.sql.run('UPDATE notifications SET thread_id = ? WHERE thread_id = ?', id, thread.id);
    return { ...thread, id };
  }

  /** Deletes the thread with everything in it: messages, their reactions and mentions, participants. */
  delete(threadId: string) {
    this.sql.run('DELETE FROM reactions WHERE message_id IN (SELECT id FROM messages WHERE thread_id = ?)', threadId);
    this.sql.run('DELETE FROM messages WHERE thread_id = ?', threadId);
    this.sql.run('DELETE FROM threads WHERE id = ?', threadId);
  }

  /** The threads a user resolved, which forget who did when the user is deleted. */
  forgetResolver(userId: string) {
    this.sql.run('UPDATE threads SET resolved_by = NULL WHERE resolved_by = ?', userId);
  }

  stats(threadId: string): ThreadStats {
    const counts = this.sql.row(
      `SELECT
         count(*) FILTER (WHERE deleted_at IS NULL AND type = 'user_message') AS user_messages,
         count(*) FILTER (WHERE deleted_at IS NULL AND type = 'action_message') AS action_messages,
         count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted_messages
       FROM messages WHERE thread_id = ?`,
      threadId,
    )!;
    const ids = (sql: string) => this.sql.rows(sql, threadId).map((row) => row.user_id as string);
    return {
      userMessages: Number(counts.user_messages),
      actionMessages: Number(counts.action_messages),
      deletedMessages: Number(counts.deleted_messages),
      repliers: ids(
        `SELECT author_id AS user_id FROM messages
         WHERE thread_id = ?1 AND deleted_at IS NULL AND type = 'user_message'
           AND seq > (SELECT min(seq) FROM messages WHERE thread_id = ?1)
         GROUP BY author_id ORDER BY min(seq)`,
      ),
      actionMessageRepliers: ids(
        `SELECT author_id AS user_id FROM messages
         WHERE thread_id = ? AND deleted_at IS NULL AND type = 'action_message'
         GROUP BY author_id ORDER BY min(seq)`,
      ),
      mentioned: ids(
        `SELECT mm.user_id FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
         WHERE m.thread_id = ? AND m.deleted_at IS NULL GROUP BY mm.user_id ORDER BY min(m.seq)`,
      ),
    };
  }
}

/** The entries of an object whose value is not undefined. */
export function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
