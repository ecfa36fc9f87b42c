import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'libsql';
import type { CordLocation, MessageView, PresenceView, UserView } from '../protocol/views.ts';
import { MIGRATIONS } from './schema.ts';

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

type Row = Record<string, unknown>;

/** `:memory:` keeps everything in memory, for tests and CI. */
export const IN_MEMORY = ':memory:';

/**
 * Local Cord's data in one SQLite database. Every method runs synchronously and has
 * committed when it returns, so a caller that acknowledges afterwards never
 * acknowledges a write that could be lost.
 */
export class Store {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL with synchronous=NORMAL: a commit survives a crash of local Cord (SIGKILL), the
    // guarantee acknowledgements rely on, without an fsync on every write.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.migrate();
  }

  private migrate() {
    const version = Number(this.value('PRAGMA user_version'));
    MIGRATIONS.slice(version).forEach((sql, index) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.exec(`PRAGMA user_version = ${version + index + 1}`);
      })();
    });
  }

  close() {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
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
    this.db
      .prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)')
      .run(groupId, userId);
  }

  userExists(id: string): boolean {
    return this.value('SELECT 1 FROM users WHERE id = ?', id) !== undefined;
  }

  groupExists(id: string): boolean {
    return this.value('SELECT 1 FROM groups WHERE id = ?', id) !== undefined;
  }

  isMember(groupId: string, userId: string): boolean {
    return (
      this.value('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', groupId, userId) !==
      undefined
    );
  }

  memberGroupIds(userId: string): string[] {
    return this.rows('SELECT group_id FROM group_members WHERE user_id = ?', userId).map(
      (row) => row.group_id as string,
    );
  }

  user(id: string): UserView | undefined {
    const row = this.row('SELECT * FROM users WHERE id = ?', id);
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
    const row = this.row('SELECT user_id, group_id FROM sessions WHERE id = ?', id);
    return row && { userId: row.user_id as string, groupId: row.group_id as string | null };
  }

  // --- threads and messages ------------------------------------------------------

  thread(id: string): ThreadRow | undefined {
    const row = this.row('SELECT id, group_id, name, resolved_at FROM threads WHERE id = ?', id);
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
      .prepare(
        'INSERT INTO threads (id, group_id, name, url, location, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(thread.id, thread.groupId, thread.name, thread.url, JSON.stringify(thread.location), now);
  }

  setThreadResolved(threadId: string, resolvedBy: string | null, now = Date.now()) {
    this.db
      .prepare('UPDATE threads SET resolved_at = ?, resolved_by = ? WHERE id = ?')
      .run(resolvedBy === null ? null : now, resolvedBy, threadId);
  }

  message(id: string): MessageRow | undefined {
    const row = this.row('SELECT id, thread_id, author_id, deleted_at FROM messages WHERE id = ?', id);
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
      .prepare(
        'INSERT INTO messages (id, thread_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
      )
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
        .prepare(
          'INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)',
        )
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
    const messages = this.rows(
      `SELECT m.*, u.id AS user_id, u.name, u.short_name, u.email, u.profile_picture_url
       FROM messages m JOIN users u ON u.id = m.author_id WHERE ${where} ORDER BY m.seq`,
      param,
    );
    const reactions = this.rows(
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
    const value = this.value(
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
      const lapsed = this.rows(
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
    const rows = this.rows(
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

  // --- records, for the REST API and the inspector --------------------------------

  removeMember(groupId: string, userId: string) {
    this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
  }

  userRecord(id: string): UserRecord | undefined {
    return this.selectUserRecords('WHERE u.id = ?', id)[0];
  }

  /** Every user, oldest first. */
  userRecords(): UserRecord[] {
    return this.selectUserRecords('');
  }

  private selectUserRecords(where: string, ...params: unknown[]): UserRecord[] {
    return this.rows(
      `SELECT u.*, (SELECT json_group_array(group_id) FROM group_members WHERE user_id = u.id) AS group_ids
       FROM users u ${where} ORDER BY u.created_at, u.id`,
      ...params,
    ).map((row) => ({
      ...toUserView(row),
      status: row.status as string,
      metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
      createdAt: row.created_at as number,
      groupIds: (JSON.parse(row.group_ids as string) as string[]).sort(),
    }));
  }

  groupRecord(id: string): GroupRecord | undefined {
    return this.selectGroupRecords('WHERE g.id = ?', id)[0];
  }

  /** Every group with its members, oldest first. */
  groupRecords(): GroupRecord[] {
    return this.selectGroupRecords('');
  }

  private selectGroupRecords(where: string, ...params: unknown[]): GroupRecord[] {
    return this.rows(
      `SELECT g.*, (SELECT json_group_array(user_id) FROM group_members WHERE group_id = g.id) AS member_ids
       FROM groups g ${where} ORDER BY g.created_at, g.id`,
      ...params,
    ).map((row) => ({
      id: row.id as string,
      name: row.name as string,
      status: row.status as string,
      metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
      createdAt: row.created_at as number,
      memberIds: (JSON.parse(row.member_ids as string) as string[]).sort(),
    }));
  }

  threadRecord(id: string): ThreadRecord | undefined {
    return this.selectThreadRecords('WHERE t.id = ?', id)[0];
  }

  /** Every thread, most recently active first, as Cord lists them. */
  threadRecords(): ThreadRecord[] {
    return this.selectThreadRecords('');
  }

  private selectThreadRecords(where: string, ...params: unknown[]): ThreadRecord[] {
    return this.rows(
      `SELECT t.*, (SELECT max(created_at) FROM messages WHERE thread_id = t.id) AS last_message_at
       FROM threads t ${where} ORDER BY coalesce(last_message_at, t.created_at) DESC, t.id`,
      ...params,
    ).map((row) => ({
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
    return this.rows(
      `SELECT r.* FROM reactions r JOIN messages m ON m.id = r.message_id
       WHERE m.thread_id = ? ORDER BY r.created_at, r.rowid`,
      threadId,
    ).map((row) => ({
      messageId: row.message_id as string,
      userId: row.user_id as string,
      emoji: row.emoji as string,
      createdAt: row.created_at as number,
    }));
  }

  /** Where a user wrote, so a change to their name can be shown on every message. */
  messagesByAuthor(userId: string): Array<{ threadId: string; messageId: string }> {
    return this.rows('SELECT thread_id, id FROM messages WHERE author_id = ? ORDER BY seq', userId).map((row) => ({
      threadId: row.thread_id as string,
      messageId: row.id as string,
    }));
  }

  // --- maintenance ---------------------------------------------------------------

  /** Deletes every row, keeping the schema. */
  reset() {
    this.transaction(() => {
      for (const table of ['presence', 'reactions', 'messages', 'threads', 'sessions', 'group_members', 'groups', 'users']) {
        this.db.exec(`DELETE FROM ${table}`);
      }
    });
  }

  counts(): Record<string, number> {
    const tables = ['users', 'groups', 'group_members', 'sessions', 'threads', 'messages', 'reactions', 'presence'];
    return Object.fromEntries(tables.map((table) => [table, Number(this.value(`SELECT count(*) FROM ${table}`))]));
  }

  integrityCheck(): string {
    return String(this.value('PRAGMA integrity_check'));
  }

  // libsql adds a `_metadata` key to every row object: read columns by name only.
  private rows(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  private row(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private value(sql: string, ...params: unknown[]): unknown {
    const row = this.db.prepare(sql).raw(true).get(...params) as unknown[] | undefined;
    return row?.[0];
  }
}

/** Locations compare by content, whatever the order of their keys. */
export function canonicalLocation(location: CordLocation): string {
  return JSON.stringify(Object.fromEntries(Object.entries(location).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function toUserView(row: Row): UserView {
  return {
    id: (row.user_id ?? row.id) as string,
    name: row.name as string | null,
    shortName: row.short_name as string | null,
    email: row.email as string | null,
    profilePictureURL: row.profile_picture_url as string | null,
  };
}
