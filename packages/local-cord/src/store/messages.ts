import { type MessageContent, mentionedUserIds, plaintextOf } from '../protocol/content.ts';
import type { EntityMetadata } from '../protocol/views.ts';
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
}

/** The fields a message is written with; plain text, times and reactions are the store's. */
export type NewMessage = Pick<MessageRecord, 'id' | 'threadId' | 'authorId' | 'content'> &
  Partial<
    Pick<
      MessageRecord,
      'type' | 'url' | 'iconURL' | 'translationKey' | 'metadata' | 'extraClassnames' | 'skipLinkPreviews'
    >
  >;

/** Fields of a message that can change; undefined leaves one as it is. */
export type MessageChanges = Partial<
  Pick<
    MessageRecord,
    'content' | 'url' | 'iconURL' | 'translationKey' | 'metadata' | 'extraClassnames' | 'skipLinkPreviews'
  >
>;

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
         metadata, extra_classnames, skip_link_previews, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    );
    this.recordMentions(message.id, message.content);
    return this.get(message.id)!;
  }

  /** Changes the fields given; new content marks the message edited. */
  update(message: MessageRecord, changes: MessageChanges, now = Date.now()): MessageRecord {
    const updated = { ...message, ...definedOnly(changes) };
    const contentChanged = changes.content !== undefined;
    this.sql.run(
      `UPDATE messages SET content = ?, text = ?, url = ?, icon_url = ?, translation_key = ?, metadata = ?,
         extra_classnames = ?, skip_link_previews = ?, edited_at = ? WHERE id = ?`,
      JSON.stringify(updated.content),
      plaintextOf(updated.content),
      updated.url,
      updated.iconURL,
      updated.translationKey,
      JSON.stringify(updated.metadata),
      updated.extraClassnames,
      updated.skipLinkPreviews ? 1 : 0,
      contentChanged ? now : message.editedAt,
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
   * all), oldest first, and whether older ones remain.
   */
  page(threadId: string, count: number, beforeId?: string): { messages: MessageRecord[]; hasMore: boolean } {
    const before = beforeId === undefined ? '' : 'AND m.seq < (SELECT seq FROM messages WHERE id = ?)';
    const newestFirst = this.select(
      `WHERE m.thread_id = ? ${before} ORDER BY m.seq DESC LIMIT ?`,
      beforeId === undefined ? [threadId, count + 1] : [threadId, beforeId, count + 1],
      false,
    );
    const hasMore = newestFirst.length > count;
    return { messages: newestFirst.slice(0, count).reverse(), hasMore };
  }

  /** The first and the last message of a thread, deleted ones included. */
  ends(threadId: string): { first: MessageRecord | undefined; last: MessageRecord | undefined } {
    const bounds = this.sql.row(
      'SELECT min(seq) AS first, max(seq) AS last FROM messages WHERE thread_id = ?',
      threadId,
    );
    if (bounds?.first === null || bounds === undefined) return { first: undefined, last: undefined };
    const [first, last] = [bounds.first, bounds.last].map((seq) => this.select('WHERE m.seq = ?', [seq])[0]);
    return { first, last };
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
