import { randomBytes } from 'node:crypto';
import type { CordLocation, MessageView, PresenceView, UserView } from '../protocol/views.ts';
import { Records } from './records.ts';
import { Sqlite, toUserView } from './sqlite.ts';

export type { GroupRecord, ReactionRecord, ThreadRecord, UserRecord } from './records.ts';
export { IN_MEMORY } from './sqlite.ts';

export interface UserDetails {
  name?: string | undefined;
  shortName?: string | undefined;
  email?: string | undefined;
  profilePictureURL?: string | undefined;
  status?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

export interface GroupDetails {
  name?: string | undefined;
  status?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

export interface ThreadRow {
  id: string;
  groupId: string;
  name: string;
  resolvedAt: number | null;
}

export interface MessageRow {
  id: string;
  threadId: string;
  authorId: string;
  deletedAt: number | null;
}

export interface PresenceRow {
  groupId: string;
  location: CordLocation;
  view: PresenceView;
}

/**
 * Local Cord's data in one SQLite database. Every method runs synchronously and has
 * committed when it returns, so a caller that acknowledges afterwards never
 * acknowledges a write that could be lost.
 */
export class Store {
  private readonly sql: Sqlite;
  /** Read models for the REST API and the inspector. */
  readonly records: Records;

  constructor(path: string) {
    this.sql = new Sqlite(path);
    this.records = new Records(this.sql);
  }

  private get db() {
    return this.sql.db;
  }

  close() {
    this.sql.close();
  }

  transaction<T>(work: () => T): T {
    return this.sql.transaction(work);
  }

  // --- users, groups, sessions ---------------------------------------------------

  upsertUser(id: string, details: UserDetails, now = Date.now()) {
    this.db
      .prepare(
        `INSERT INTO users (id, name, short_name, email, profile_picture_url, status, metadata, created_at, updated_at)
         VALUES (@id, @name, @shortName, @email, @picture, coalesce(@status, 'active'), coalesce(@metadata, '{}'), @now, @now)
         ON CONFLICT (id) DO UPDATE SET
           name = coalesce(@name, name), short_name = coalesce(@shortName, short_name),
           email = coalesce(@email, email), profile_picture_url = coalesce(@picture, profile_picture_url),
           status = coalesce(@status, status), metadata = coalesce(@metadata, metadata), updated_at = @now`,
      )
      .run({
        id,
        name: details.name ?? null,
        shortName: details.shortName ?? null,
        email: details.email ?? null,
        picture: details.profilePictureURL ?? null,
        status: details.status ?? null,
        metadata: details.metadata ? JSON.stringify(details.metadata) : null,
        now,
      });
  }

  /** Creates or updates a group; creating one needs a name. Returns false if it could not. */
  upsertGroup(id: string, details: GroupDetails, now = Date.now()): boolean {
    if (details.name === undefined && !this.groupExists(id)) return false;
    // SQLite checks NOT NULL on the row to insert before it sees the conflict: the
    // placeholder name never lands, the update below keeps the existing one.
    this.db
      .prepare(
        `INSERT INTO groups (id, name, status, metadata, created_at, updated_at)
         VALUES (@id, coalesce(@name, ''), coalesce(@status, 'active'), coalesce(@metadata, '{}'), @now, @now)
         ON CONFLICT (id) DO UPDATE SET name = coalesce(@name, name),
           status = coalesce(@status, status), metadata = coalesce(@metadata, metadata), updated_at = @now`,
      )
      .run({
        id,
        name: details.name ?? null,
        status: details.status ?? null,
        metadata: details.metadata ? JSON.stringify(details.metadata) : null,
        now,
      });
    return true;
  }

  addMember(groupId: string, userId: string) {
    this.db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)').run(groupId, userId);
  }

  removeMember(groupId: string, userId: string) {
    this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
  }

  userExists(id: string): boolean {
    return this.sql.value('SELECT 1 FROM users WHERE id = ?', id) !== undefined;
  }

  groupExists(id: string): boolean {
    return this.sql.value('SELECT 1 FROM groups WHERE id = ?', id) !== undefined;
  }

  isMember(groupId: string, userId: string): boolean {
    return (
      this.sql.value('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', groupId, userId) !== undefined
    );
  }

  memberGroupIds(userId: string): string[] {
    return this.sql
      .rows('SELECT group_id FROM group_members WHERE user_id = ?', userId)
      .map((row) => row.group_id as string);
  }

  user(id: string): UserView | undefined {
    const row = this.sql.row('SELECT * FROM users WHERE id = ?', id);
    return row && toUserView(row);
  }

  createSession(userId: string, groupId: string | null, now = Date.now()): string {
    const id = randomBytes(24).toString('base64url');
    this.db
      .prepare('INSERT INTO sessions (id, user_id, group_id, created_at) VALUES (?, ?, ?, ?)')
      .run(id, userId, groupId, now);
    return id;
  }

  session(id: string): { userId: string; groupId: string | null } | undefined {
    const row = this.sql.row('SELECT user_id, group_id FROM sessions WHERE id = ?', id);
    return row && { userId: row.user_id as string, groupId: row.group_id as string | null };
  }

  // --- threads and messages ------------------------------------------------------

  thread(id: string): ThreadRow | undefined {
    const row = this.sql.row('SELECT id, group_id, name, resolved_at FROM threads WHERE id = ?', id);
    return (
      row && {
        id: row.id as string,
        groupId: row.group_id as string,
        name: row.name as string,
        resolvedAt: row.resolved_at as number | null,
      }
    );
  }

  createThread(
    thread: { id: string; groupId: string; name: string; url: string; location: CordLocation },
    now = Date.now(),
  ) {
    this.db
      .prepare('INSERT INTO threads (id, group_id, name, url, location, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(thread.id, thread.groupId, thread.name, thread.url, JSON.stringify(thread.location), now);
  }

  setThreadResolved(threadId: string, resolvedBy: string | null, now = Date.now()) {
    this.db
      .prepare('UPDATE threads SET resolved_at = ?, resolved_by = ? WHERE id = ?')
      .run(resolvedBy === null ? null : now, resolvedBy, threadId);
  }

  message(id: string): MessageRow | undefined {
    const row = this.sql.row('SELECT id, thread_id, author_id, deleted_at FROM messages WHERE id = ?', id);
    return (
      row && {
        id: row.id as string,
        threadId: row.thread_id as string,
        authorId: row.author_id as string,
        deletedAt: row.deleted_at as number | null,
      }
    );
  }

  insertMessage(message: { id: string; threadId: string; authorId: string; text: string }, now = Date.now()) {
    this.db
      .prepare('INSERT INTO messages (id, thread_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(message.id, message.threadId, message.authorId, message.text, now);
  }

  editMessage(id: string, text: string, now = Date.now()) {
    this.db.prepare('UPDATE messages SET text = ?, edited_at = ? WHERE id = ?').run(text, now, id);
  }

  setMessageDeleted(id: string, deleted: boolean, now = Date.now()) {
    this.db.prepare('UPDATE messages SET deleted_at = ? WHERE id = ?').run(deleted ? now : null, id);
  }

  setReaction(messageId: string, userId: string, emoji: string, on: boolean, now = Date.now()) {
    if (on) {
      this.db
        .prepare('INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)')
        .run(messageId, userId, emoji, now);
    } else {
      this.db
        .prepare('DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?')
        .run(messageId, userId, emoji);
    }
  }

  messageView(id: string): MessageView | undefined {
    return this.messageViews('m.id = ?', id)[0];
  }

  threadMessages(threadId: string): MessageView[] {
    return this.messageViews('m.thread_id = ?', threadId);
  }

  private messageViews(where: string, param: string): MessageView[] {
    const messages = this.sql.rows(
      `SELECT m.*, u.id AS user_id, u.name, u.short_name, u.email, u.profile_picture_url
       FROM messages m JOIN users u ON u.id = m.author_id WHERE ${where} ORDER BY m.seq`,
      param,
    );
    const reactions = this.sql.rows(
      `SELECT r.message_id, r.emoji, r.user_id FROM reactions r JOIN messages m ON m.id = r.message_id
       WHERE ${where} ORDER BY r.created_at, r.rowid`,
      param,
    );
    return messages.map((row) => {
      const byEmoji = new Map<string, string[]>();
      for (const reaction of reactions) {
        if (reaction.message_id !== row.id) continue;
        const emoji = reaction.emoji as string;
        byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), reaction.user_id as string]);
      }
      return {
        id: row.id as string,
        threadId: row.thread_id as string,
        author: toUserView(row),
        text: row.text as string,
        createdAt: row.created_at as number,
        editedAt: row.edited_at as number | null,
        deletedAt: row.deleted_at as number | null,
        reactions: [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds })),
      };
    });
  }

  // --- presence ------------------------------------------------------------------

  /**
   * Records that a user is (or is no longer) at a location. `presentUntil` null means
   * absent; `lastSeen` is only written when given, for durable presence.
   */
  setPresence(entry: {
    userId: string;
    groupId: string;
    location: CordLocation;
    presentUntil: number | null;
    lastSeen?: number | undefined;
  }) {
    this.db
      .prepare(
        `INSERT INTO presence (user_id, group_id, location, present_until, last_seen)
         VALUES (@userId, @groupId, @location, @presentUntil, @lastSeen)
         ON CONFLICT (user_id, group_id, location) DO UPDATE SET
           present_until = @presentUntil, last_seen = coalesce(@lastSeen, last_seen)`,
      )
      .run({
        userId: entry.userId,
        groupId: entry.groupId,
        location: canonicalLocation(entry.location),
        presentUntil: entry.presentUntil,
        lastSeen: entry.lastSeen ?? null,
      });
  }

  /** When the user's durable presence at a location was last written. */
  lastSeen(userId: string, groupId: string, location: CordLocation): number | null {
    const value = this.sql.value(
      'SELECT last_seen FROM presence WHERE user_id = ? AND group_id = ? AND location = ?',
      userId,
      groupId,
      canonicalLocation(location),
    );
    return (value as number | null | undefined) ?? null;
  }

  /** Marks every presence that ran past its deadline absent; returns where that happened. */
  lapsePresence(now = Date.now()): Array<{ userId: string; groupId: string; location: CordLocation }> {
    return this.transaction(() => {
      const lapsed = this.sql.rows(
        'SELECT user_id, group_id, location FROM presence WHERE present_until IS NOT NULL AND present_until <= ?',
        now,
      );
      this.db
        .prepare('UPDATE presence SET present_until = NULL WHERE present_until IS NOT NULL AND present_until <= ?')
        .run(now);
      return lapsed.map((row) => ({
        userId: row.user_id as string,
        groupId: row.group_id as string,
        location: JSON.parse(row.location as string) as CordLocation,
      }));
    });
  }

  /** Presence rows visible in the given groups: present now, or seen there before. */
  presenceIn(groupIds: readonly string[], now = Date.now()): PresenceRow[] {
    if (groupIds.length === 0) return [];
    const rows = this.sql.rows(
      `SELECT p.group_id, p.location, p.present_until, p.last_seen,
              u.id AS user_id, u.name, u.short_name, u.email, u.profile_picture_url
       FROM presence p JOIN users u ON u.id = p.user_id
       WHERE p.group_id IN (${groupIds.map(() => '?').join(',')})
         AND ((p.present_until IS NOT NULL AND p.present_until > ?) OR p.last_seen IS NOT NULL)`,
      ...groupIds,
      now,
    );
    return rows.map((row) => ({
      groupId: row.group_id as string,
      location: JSON.parse(row.location as string) as CordLocation,
      view: {
        user: toUserView(row),
        present: row.present_until !== null && (row.present_until as number) > now,
        lastSeen: row.last_seen as number | null,
      },
    }));
  }

  // --- maintenance ---------------------------------------------------------------

  /** Deletes every row, keeping the schema. */
  reset() {
    this.transaction(() => {
      for (const table of [
        'presence',
        'reactions',
        'messages',
        'threads',
        'sessions',
        'group_members',
        'groups',
        'users',
      ]) {
        this.db.exec(`DELETE FROM ${table}`);
      }
    });
  }

  counts(): Record<string, number> {
    const tables = ['users', 'groups', 'group_members', 'sessions', 'threads', 'messages', 'reactions', 'presence'];
    return Object.fromEntries(tables.map((table) => [table, Number(this.sql.value(`SELECT count(*) FROM ${table}`))]));
  }

  integrityCheck(): string {
    return String(this.sql.value('PRAGMA integrity_check'));
  }
}

/** Locations compare by content, whatever the order of their keys. */
export function canonicalLocation(location: CordLocation): string {
  return JSON.stringify(Object.fromEntries(Object.entries(location).sort(([a], [b]) => (a < b ? -1 : 1))));
}
