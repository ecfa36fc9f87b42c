import type { MessageView } from '../protocol/views.ts';
import type { Row, Sqlite } from './sqlite.ts';
import { toUserView, USER_VIEW_COLUMNS } from './users.ts';

/** Who wrote a message where, and whether it is deleted: what permission checks need. */
export interface MessageRecord {
  id: string;
  threadId: string;
  authorId: string;
  deletedAt: number | null;
}

/** One user's reaction, with when it was made (message views leave the time out). */
export interface ReactionRecord {
  messageId: string;
  userId: string;
  emoji: string;
  createdAt: number;
}

function toMessageRecord(row: Row): MessageRecord {
  return {
    id: row.id as string,
    threadId: row.thread_id as string,
    authorId: row.author_id as string,
    deletedAt: row.deleted_at as number | null,
  };
}

export interface NewMessage {
  id: string;
  threadId: string;
  authorId: string;
  text: string;
}

/**
 * Messages and their reactions. Every write returns the message as it is afterwards,
 * which is what the hub publishes and the writer is answered with.
 */
export class Messages {
  constructor(private readonly sql: Sqlite) {}

  get(id: string): MessageRecord | undefined {
    const row = this.sql.row('SELECT id, thread_id, author_id, deleted_at FROM messages WHERE id = ?', id);
    return row && toMessageRecord(row);
  }

  insert(message: NewMessage, now = Date.now()): MessageView {
    this.sql.run(
      'INSERT INTO messages (id, thread_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
      message.id,
      message.threadId,
      message.authorId,
      message.text,
      now,
    );
    return this.view(message.id)!;
  }

  edit(id: string, text: string, now = Date.now()): MessageView {
    this.sql.run('UPDATE messages SET text = ?, edited_at = ? WHERE id = ?', text, now, id);
    return this.view(id)!;
  }

  setDeleted(id: string, deleted: boolean, now = Date.now()): MessageView {
    this.sql.run('UPDATE messages SET deleted_at = ? WHERE id = ?', deleted ? now : null, id);
    return this.view(id)!;
  }

  setReaction(messageId: string, userId: string, emoji: string, on: boolean, now = Date.now()): MessageView {
    if (on) {
      this.sql.run(
        'INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)',
        messageId,
        userId,
        emoji,
        now,
      );
    } else {
      this.sql.run(
        'DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?',
        messageId,
        userId,
        emoji,
      );
    }
    return this.view(messageId)!;
  }

  view(id: string): MessageView | undefined {
    return this.views('m.id = ?', id)[0];
  }

  /** A thread's messages, oldest first. */
  inThread(threadId: string): MessageView[] {
    return this.views('m.thread_id = ?', threadId);
  }

  /** Reactions in a thread with when each was made, oldest first. */
  reactionsInThread(threadId: string): ReactionRecord[] {
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
  byAuthor(userId: string): MessageRecord[] {
    return this.sql
      .rows('SELECT id, thread_id, author_id, deleted_at FROM messages WHERE author_id = ? ORDER BY seq', userId)
      .map(toMessageRecord);
  }

  private views(where: string, param: string): MessageView[] {
    const messages = this.sql.rows(
      `SELECT m.*, ${USER_VIEW_COLUMNS}
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
}
