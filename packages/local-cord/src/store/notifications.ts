import type { NotificationReplyAction } from '@cord-sdk/types';
import type { CordLocation } from '../protocol/location.ts';
import type { EntityMetadata } from '../protocol/views.ts';
import type { Row, Sqlite } from './sqlite.ts';

/** What a notification is about, by its type (Cord's stored types; `url` is Cord's "external"). */
export type NotificationSubject =
  /** A message: the recipient is mentioned in it, or follows its thread. */
  | { type: 'reply'; threadId: string; messageId: string; replyActions: NotificationReplyAction[] }
  /** A reaction to the recipient's message. */
  | { type: 'reaction'; threadId: string; messageId: string; reaction: string }
  /** A thread the recipient follows was resolved or reopened (`messageId`: the action message). */
  | { type: 'thread_action'; threadId: string; messageId: string; action: 'resolve' | 'unresolve' }
  /** Made through the REST API: a header template and where clicking goes. */
  | { type: 'url'; template: string; url: string; iconUrl: string | null };

export type NotificationType = NotificationSubject['type'];

/** One stored notification row. Several rows may show as one notification (see aggregationKey). */
export type NotificationRecord = NotificationSubject & {
  id: string;
  recipientId: string;
  /** Who caused it; null only for a REST notification without an actor. */
  senderId: string | null;
  metadata: EntityMetadata;
  extraClassnames: string | null;
  /**
   * Rows with the same key show as one notification (Cord's aggregation): a message's
   * reactions, for its author. Every other row's key is its own id.
   */
  aggregationKey: string;
  read: boolean;
  createdAt: number;
  /** Insertion order, for rows written in the same millisecond. */
  seq: number;
};

/**
 * Where a notification's thread is, and what of its message shows: what deciding whether
 * (and how) to show it needs, read with the rows in one query.
 */
export interface NotificationPlace {
  groupId: string;
  location: CordLocation;
  threadName: string;
  messageDeletedAt: number | null;
  messageEditedAt: number | null;
}

/** A row with its place; null for a REST notification, or when its thread or message is gone. */
export type PlacedNotification = NotificationRecord & { place: NotificationPlace | null };

export type NewNotification = NotificationSubject &
  Pick<NotificationRecord, 'id' | 'recipientId' | 'senderId'> &
  Partial<Pick<NotificationRecord, 'metadata' | 'extraClassnames'>>;

/** The rows of one message's reactions for its author show as one notification. */
function aggregationKeyOf(notification: NewNotification): string {
  return notification.type === 'reaction' ? `reaction\n${notification.messageId}` : notification.id;
}

function subjectOf(row: Row): NotificationSubject {
  const threadId = row.thread_id as string;
  const messageId = row.message_id as string;
  switch (row.type as NotificationType) {
    case 'reply':
      return { type: 'reply', threadId, messageId, replyActions: JSON.parse(row.detail as string) };
    case 'reaction':
      return { type: 'reaction', threadId, messageId, reaction: row.detail as string };
    case 'thread_action':
      return { type: 'thread_action', threadId, messageId, action: row.detail as 'resolve' | 'unresolve' };
    case 'url':
      return {
        type: 'url',
        template: row.detail as string,
        url: row.url as string,
        iconUrl: row.icon_url as string | null,
      };
  }
}

/** The type-specific column: reply actions, the reaction, the thread action or the header template. */
function detailOf(subject: NotificationSubject): string {
  switch (subject.type) {
    case 'reply':
      return JSON.stringify(subject.replyActions);
    case 'reaction':
      return subject.reaction;
    case 'thread_action':
      return subject.action;
    case 'url':
      return subject.template;
  }
}

function toRecord(row: Row): NotificationRecord {
  return {
    ...subjectOf(row),
    id: row.id as string,
    recipientId: row.recipient_id as string,
    senderId: row.sender_id as string | null,
    metadata: JSON.parse(row.metadata as string) as EntityMetadata,
    extraClassnames: row.extra_classnames as string | null,
    aggregationKey: row.aggregation_key as string,
    read: row.read === 1,
    createdAt: row.created_at as number,
    seq: row.rowid as number,
  };
}

function toPlaced(row: Row): PlacedNotification {
  const place =
    row.place_group === null || row.place_message === null
      ? null
      : {
          groupId: row.place_group as string,
          location: JSON.parse(row.place_location as string) as CordLocation,
          threadName: row.place_name as string,
          messageDeletedAt: row.place_deleted as number | null,
          messageEditedAt: row.place_edited as number | null,
        };
  return { ...toRecord(row), place };
}

const SELECT = 'SELECT rowid, * FROM notifications';

/**
 * Every user's notifications (Cord's notification rows). Marking read or unread and
 * deleting act on a whole aggregated group, as in Cord.
 */
export class Notifications {
  constructor(private readonly sql: Sqlite) {}

  /** Writes new notifications; returns them as stored. */
  insert(notifications: readonly NewNotification[], now = Date.now()): NotificationRecord[] {
    return notifications.map((notification) => {
      this.sql.run(
        `INSERT INTO notifications (id, recipient_id, sender_id, type, thread_id, message_id, detail, url, icon_url,
           metadata, extra_classnames, aggregation_key, read, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
        notification.id,
        notification.recipientId,
        notification.senderId,
        notification.type,
        notification.type === 'url' ? null : notification.threadId,
        notification.type === 'url' ? null : notification.messageId,
        detailOf(notification),
        notification.type === 'url' ? notification.url : null,
        notification.type === 'url' ? notification.iconUrl : null,
        JSON.stringify(notification.metadata ?? {}),
        notification.extraClassnames ?? null,
        aggregationKeyOf(notification),
        now,
      );
      return this.get(notification.id)!;
    });
  }

  get(id: string): NotificationRecord | undefined {
    const row = this.sql.row(`${SELECT} WHERE id = ?`, id);
    return row && toRecord(row);
  }

  /** A user's notification rows, newest first, each with its place. */
  forRecipient(userId: string): PlacedNotification[] {
    return this.placed('n.recipient_id = ?', userId);
  }

  /** The rows shown together with this one (itself included), newest first, each with its place. */
  group(notification: NotificationRecord): PlacedNotification[] {
    return this.placed(
      'n.recipient_id = ? AND n.aggregation_key = ?',
      notification.recipientId,
      notification.aggregationKey,
    );
  }

  /** Rows matching `where` (on `n`), newest first, with their threads' and messages' places. */
  private placed(where: string, ...params: unknown[]): PlacedNotification[] {
    return this.sql
      .rows(
        `SELECT n.rowid, n.*, t.group_id AS place_group, t.location AS place_location, t.name AS place_name,
           m.id AS place_message, m.deleted_at AS place_deleted, m.edited_at AS place_edited
         FROM notifications n LEFT JOIN threads t ON t.id = n.thread_id LEFT JOIN messages m ON m.id = n.message_id
         WHERE ${where} ORDER BY n.created_at DESC, n.rowid DESC`,
        ...params,
      )
      .map(toPlaced);
  }

  /** Who has notifications about a message. */
  recipientsAbout(messageId: string): string[] {
    return this.sql
      .rows('SELECT DISTINCT recipient_id FROM notifications WHERE message_id = ?', messageId)
      .map((row) => row.recipient_id as string);
  }

  /** Marks the notification's whole group read or unread; returns how many rows changed. */
  setRead(notification: NotificationRecord, read: boolean): number {
    return this.sql.run(
      'UPDATE notifications SET read = ? WHERE recipient_id = ? AND aggregation_key = ? AND read = ?',
      read ? 1 : 0,
      notification.recipientId,
      notification.aggregationKey,
      read ? 0 : 1,
    );
  }

  /** Marks read the user's unread notifications about any of the messages; returns how many changed. */
  markReadAbout(userId: string, messageIds: readonly string[]): number {
    if (messageIds.length === 0) return 0;
    return this.sql.run(
      `UPDATE notifications SET read = 1 WHERE recipient_id = ? AND read = 0
         AND message_id IN (${messageIds.map(() => '?').join(',')})`,
      userId,
      ...messageIds,
    );
  }

  /** Deletes the notification's whole group; returns how many rows went. */
  deleteGroup(notification: NotificationRecord): number {
    return this.sql.run(
      'DELETE FROM notifications WHERE recipient_id = ? AND aggregation_key = ?',
      notification.recipientId,
      notification.aggregationKey,
    );
  }

  /** A reaction was taken back: its notification goes (Cord deletes the row with the reaction). */
  deleteReaction(messageId: string, senderId: string, reaction: string): number {
    return this.sql.run(
      "DELETE FROM notifications WHERE type = 'reaction' AND message_id = ? AND sender_id = ? AND detail = ?",
      messageId,
      senderId,
      reaction,
    );
  }
}
