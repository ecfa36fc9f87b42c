import { type MessageContent, mentionedUserIds, plaintextOf } from '../protocol/content.ts';
import type { AnnotationData, EntityMetadata } from '../protocol/views.ts';
import type { AttachedFile, Files } from './files.ts';
import type { Row, Sqlite } from './sqlite.ts';
import { definedOnly } from './threads.ts';

export type MessageType = 'user_message' | 'action_message';

const REACTION_BATCH = 500;

/** One user's reaction, with when it was made. */
export interface ReactionRecord {
  messageId: string;
  userId: string;
  emoji: string;
  createdAt: number;
}

/** Everything local Cord keeps about a message. */
export interface MessageRecord {
  id: string;
  threadId: string;
  authorId: string;
  type: MessageType;
  content: MessageContent;
  /** Derived from the content when it is written. */
  plaintext: string;
  url: string | null;
  iconURL: string | null;
  translationKey: string | null;
  metadata: EntityMetadata;
  extraClassnames: string | null;
  skipLinkPreviews: boolean;
  createdAt: number;
  /** When the content last changed. */
  editedAt: number | null;
  deletedAt: number | null;
  /** Oldest first. */
  reactions: ReactionRecord[];
  /** In the order they were attached. */
  attachments: AttachedFile[];
  /** Where on a page the message points (a floating thread's first message). */
  annotation: AnnotationData | null;
}

/** What a message says and how it shows, as its writer gives them. */
type WrittenField =
  | 'type'
  | 'url'
  | 'iconURL'
  | 'translationKey'
  | 'metadata'
  | 'extraClassnames'
  | 'skipLinkPreviews'
  | 'editedAt';

/** The fields a message is written with; plain text and reactions are the store's, times its unless given. */
export type NewMessage = Pick<MessageRecord, 'id' | 'threadId' | 'authorId' | 'content'> &
  Partial<Pick<MessageRecord, WrittenField | 'deletedAt' | 'annotation'>>;

/**
 * Fields of a message that can change; undefined leaves one as it is. New content marks
 * the message edited now, unless `editedAt` says when.
 */
export type MessageChanges = Partial<Pick<MessageRecord, WrittenField | 'content' | 'authorId' | 'createdAt'>>;

function toMessageRecord(row: Row, reactions: ReactionRecord[], attachments: AttachedFile[]): MessageRecord {
  return {
    id: row.id as string,
    threadId: row.thread_id as string,
    authorId: row.author_id as string,
    type: row.type as MessageType,
    content: JSON.parse(row.content as string) as MessageContent,
    plaintext: row.text as string,
    url: row.url as string | null,
    iconURL: row.icon_url as string | null,
    translationKey: row.translation_key as string | null,
    metadata: JSON.parse(row.metadata as string) as EntityMetadata,
    extraClassnames: row.extra_classnames as string | null,
    skipLinkPreviews: row.skip_link_previews === 1,
    createdAt: row.created_at as number,
    editedAt: row.edited_at as number | null,
    deletedAt: row.deleted_at as number | null,
    reactions,
    attachments,
    annotation: row.annotation === null ? null : (JSON.parse(row.annotation as string) as AnnotationData),
  };
}

function toReaction(row: Row): ReactionRecord {
  return {
    messageId: row.message_id as string,
    userId: row.user_id as string,
    emoji: row.emoji as string,
    createdAt: row.created_at as number,
  };
}

/**
 * Messages, their reactions, mentions and attached files. Every write returns the message
 * as it is afterwards, which is what the hub publishes and the writer is answered with.
 */
export class Messages {
  constructor(
    private readonly sql: Sqlite,
    private readonly files: Files,
  ) {}

  get(id: string): MessageRecord | undefined {
    return this.select('WHERE m.id = ?', [id])[0];
  }

  insert(message: NewMessage, now = Date.now()): MessageRecord {
    this.sql.run(
      `INSERT INTO messages (id, thread_id, author_id, type, content, text, url, icon_url, translation_key,
         metadata, extra_classnames, skip_link_previews, created_at, edited_at, deleted_at, annotation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      message.id,
      message.threadId,
      message.authorId,
      message.type ?? 'user_message',
      JSON.stringify(message.content),
      plaintextOf(message.content),
      message.url ?? null,
      message.iconURL ?? null,
      message.translationKey ?? null,
      JSON.stringify(message.metadata ?? {}),
      message.extraClassnames ?? null,
      message.skipLinkPreviews ? 1 : 0,
      now,
      message.editedAt ?? null,
      message.deletedAt ?? null,
      message.annotation ? JSON.stringify(message.annotation) : null,
    );
    this.recordMentions(message.id, message.content);
    return this.get(message.id)!;
  }

  /** Changes the fields given (see MessageChanges). */
  update(message: MessageRecord, changes: MessageChanges, now = Date.now()): MessageRecord {
    const updated = { ...message, ...definedOnly(changes) };
    const contentChanged = changes.content !== undefined;
    const editedAt = changes.editedAt !== undefined ? changes.editedAt : contentChanged ? now : message.editedAt;
    this.sql.run(
      `UPDATE messages SET content = ?, text = ?, url = ?, icon_url = ?, translation_key = ?, metadata = ?,
         extra_classnames = ?, skip_link_previews = ?, type = ?, author_id = ?, created_at = ?, edited_at = ?
       WHERE id = ?`,
      JSON.stringify(updated.content),
      plaintextOf(updated.content),
      updated.url,
      updated.iconURL,
      updated.translationKey,
      JSON.stringify(updated.metadata),
      updated.extraClassnames,
      updated.skipLinkPreviews ? 1 : 0,
      updated.type,
      updated.authorId,
      updated.createdAt,
      editedAt,
      message.id,
    );
    if (contentChanged) this.recordMentions(message.id, updated.content);
    return this.get(message.id)!;
  }

  setDeleted(id: string, deleted: boolean, now = Date.now()): MessageRecord {
    this.sql.run('UPDATE messages SET deleted_at = ? WHERE id = ?', deleted ? now : null, id);
    return this.get(id)!;
  }

  /** Adds and removes one user's reactions; adding one they have, or removing one they lack, does nothing. */
  react(
    id: string,
    userId: string,
    add: readonly string[],
    remove: readonly string[],
    now = Date.now(),
  ): MessageRecord {
    for (const emoji of add) {
      this.sql.run(
        'INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)',
        id,
        userId,
        emoji,
        now,
      );
    }
    for (const emoji of remove) {
      this.sql.run('DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?', id, userId, emoji);
    }
    return this.get(id)!;
  }

  /**
   * Adds one reaction at a time given; if the user already has it, only `retime` moves it to
   * that time (Cord's REST API resets the time of a reaction added again with a timestamp).
   */
  placeReaction(id: string, userId: string, emoji: string, at: number, retime: boolean): MessageRecord {
    this.sql.run(
      `INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_id, user_id, emoji) DO ${retime ? 'UPDATE SET created_at = excluded.created_at' : 'NOTHING'}`,
      id,
      userId,
      emoji,
      at,
    );
    return this.get(id)!;
  }

  /** Deletes the message for good, with its reactions and mentions. */
  delete(id: string) {
    this.sql.run('DELETE FROM reactions WHERE message_id = ?', id);
    this.sql.run('DELETE FROM messages WHERE id = ?', id);
  }

  /** Gives the message another id; its reactions and mentions follow. Runs inside a transaction. */
  rename(id: string, newId: string): MessageRecord {
    // The rows that point at the message change in the same transaction: checked at its end.
    this.sql.run('PRAGMA defer_foreign_keys = ON');
    this.sql.run('UPDATE messages SET id = ? WHERE id = ?', newId, id);
    this.sql.run('UPDATE reactions SET message_id = ? WHERE message_id = ?', newId, id);
    this.sql.run('UPDATE message_mentions SET message_id = ? WHERE message_id = ?', newId, id);
    this.sql.run('UPDATE message_attachments SET message_id = ? WHERE message_id = ?', newId, id);
    this.sql.run('UPDATE notifications SET message_id = ? WHERE message_id = ?', newId, id);
    return this.get(newId)!;
  }

  /** Deletes every reaction a user made, on any message; returns the messages that had one. */
  forgetReactionsOf(userId: string): string[] {
    const messageIds = this.sql
      .rows('SELECT DISTINCT message_id FROM reactions WHERE user_id = ?', userId)
      .map((row) => row.message_id as string);
    this.sql.run('DELETE FROM reactions WHERE user_id = ?', userId);
    return messageIds;
  }

  /**
   * Every message of the project, or of one group or one author, oldest first (ties by
   * id), as Cord's GET /v1/messages lists them.
   */
  inProject({ groupId, authorId }: { groupId?: string | undefined; authorId?: string | undefined }): MessageRecord[] {
    const conditions = [
      ...(groupId === undefined ? [] : ['m.thread_id IN (SELECT id FROM threads WHERE group_id = ?)']),
      ...(authorId === undefined ? [] : ['m.author_id = ?']),
    ];
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const params = [...(groupId === undefined ? [] : [groupId]), ...(authorId === undefined ? [] : [authorId])];
    return this.select(`${where} ORDER BY m.created_at, m.id`, params, false);
  }

  /** Attaches files to a message (after those it has) and takes others off it. */
  attachFiles(id: string, attach: readonly string[], detach: readonly string[] = []): MessageRecord {
    this.files.detach(id, detach);
    this.files.attach(id, attach);
    return this.get(id)!;
  }

  /** A thread's messages, oldest first. */
  inThread(threadId: string): MessageRecord[] {
    return this.select('WHERE m.thread_id = ?', [threadId]);
  }

  /**
   * The newest `count` messages of a thread written before `beforeId` (or the newest of
   * all), oldest first, and whether older ones remain. A page stops early rather than carry
   * more than `maxBytes` of content (it always holds one message, if there is one).
   */
  page(
    threadId: string,
    count: number,
    beforeId?: string,
    maxBytes = Number.POSITIVE_INFINITY,
  ): { messages: MessageRecord[]; hasMore: boolean } {
    // The cursor counts only as a message of this thread: one of another thread pages like an
    // id that does not exist, so its existence and age cannot be probed from here.
    const before =
      beforeId === undefined ? '' : 'AND m.seq < (SELECT seq FROM messages WHERE id = ? AND thread_id = m.thread_id)';
    const beforeParams = beforeId === undefined ? [] : [beforeId];
    // Sizes first (small rows): where the page ends is known before any message is read whole.
    const sizes = this.sql.rows(
      `SELECT m.seq, octet_length(m.content) AS size FROM messages m
       WHERE m.thread_id = ? ${before} ORDER BY m.seq DESC LIMIT ?`,
      threadId,
      ...beforeParams,
      count + 1,
    );
    let taken = 0;
    let bytes = 0;
    for (const row of sizes.slice(0, count)) {
      bytes += Number(row.size);
      if (taken > 0 && bytes > maxBytes) break;
      taken++;
    }
    const oldest = sizes[taken - 1];
    if (!oldest) return { messages: [], hasMore: false };
    const messages = this.select(`WHERE m.thread_id = ? AND m.seq >= ? ${before}`, [
      threadId,
      oldest.seq,
      ...beforeParams,
    ]);
    return { messages, hasMore: sizes.length > taken };
  }

  count(): number {
    return Number(this.sql.value('SELECT count(*) FROM messages'));
  }

  /** How many messages a thread has, deleted ones included. */
  countIn(threadId: string): number {
    return Number(this.sql.value('SELECT count(*) FROM messages WHERE thread_id = ?', threadId));
  }

  /** The first and the last message of a thread, deleted ones included. */
  ends(threadId: string): { first: MessageRecord | undefined; last: MessageRecord | undefined } {
    // One read for both (with their reactions and files), not one each: every thread of a
    // listed page asks for its ends.
    const ends = this.select(
      `WHERE m.seq IN (SELECT min(seq) FROM messages WHERE thread_id = ?1
                       UNION SELECT max(seq) FROM messages WHERE thread_id = ?1)`,
      [threadId],
    );
    return { first: ends[0], last: ends.at(-1) };
  }

  /** Who wrote each live (not deleted) message of a thread, and when: what unread counts need. */
  liveTimes(threadId: string): Array<{ authorId: string; createdAt: number }> {
    return this.sql
      .rows('SELECT author_id, created_at FROM messages WHERE thread_id = ? AND deleted_at IS NULL', threadId)
      .map((row) => ({ authorId: row.author_id as string, createdAt: row.created_at as number }));
  }

  /** Where a user wrote, so a change to their name can be shown on every message. */
  byAuthor(userId: string): MessageRecord[] {
    return this.select('WHERE m.author_id = ?', [userId]);
  }

  private recordMentions(messageId: string, content: MessageContent) {
    this.sql.run('DELETE FROM message_mentions WHERE message_id = ?', messageId);
    for (const userId of mentionedUserIds(content)) {
      this.sql.run('INSERT INTO message_mentions (message_id, user_id) VALUES (?, ?)', messageId, userId);
    }
  }

  /** Messages matching `where` (with their reactions and files), oldest first unless it orders them. */
  private select(where: string, params: readonly unknown[], ordered = true): MessageRecord[] {
    const rows = this.sql.rows(`SELECT m.* FROM messages m ${where}${ordered ? ' ORDER BY m.seq' : ''}`, ...params);
    if (rows.length === 0) return [];
    const reactions = new Map<string, ReactionRecord[]>();
    const ids = rows.map((row) => row.id as string);
    // SQLite takes a limited number of parameters per statement: ask in batches.
    for (let start = 0; start < ids.length; start += REACTION_BATCH) {
      const batch = ids.slice(start, start + REACTION_BATCH);
      for (const row of this.sql.rows(
        `SELECT * FROM reactions WHERE message_id IN (${batch.map(() => '?').join(',')}) ORDER BY created_at, rowid`,
        ...batch,
      )) {
        const reaction = toReaction(row);
        reactions.set(reaction.messageId, [...(reactions.get(reaction.messageId) ?? []), reaction]);
      }
    }
    const attachments = this.files.attachedTo(ids);
    return rows.map((row) =>
      toMessageRecord(row, reactions.get(row.id as string) ?? [], attachments.get(row.id as string) ?? []),
    );
  }
}
