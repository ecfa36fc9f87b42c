import type { MessageRecord, NewNotification, ThreadRecord } from '../store/store.ts';

// What the live API and the REST API tell `notify` (notify.ts) after a write of theirs.

/** A committed write, described by what it changed. */
export type Write =
  /** A message was added (a user's, or the action message of a resolve or reopen). */
  | { type: 'messageAdded'; thread: ThreadRecord; message: MessageRecord; threadCreated: boolean }
  /** A message changed (content, deletion, `by`'s reactions): before and after. */
  | { type: 'messageChanged'; thread: ThreadRecord; before: MessageRecord; after: MessageRecord; by: string }
  /** A notification made through the REST API. */
  | { type: 'notificationCreated'; notification: NewNotification }
  /** A user shared a thread to an e-mail address (Cord's "Share via email"): an e-mail, no notification. */
  | { type: 'threadShared'; thread: ThreadRecord; by: string; email: string };

export type Notify = (write: Write) => void;
