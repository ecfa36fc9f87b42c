// What local Cord pushes to browsers over the WebSocket. Types only.
import type {
  MessageData,
  NotificationData,
  PresenceView,
  ThreadCountsData,
  ThreadData,
  UserData,
  ViewerData,
} from './views.ts';

export type ErrorCode =
  | 'invalid_session'
  | 'invalid_request'
  | 'not_found'
  | 'forbidden'
  | 'thread_in_other_group'
  | 'message_too_long'
  | 'rate_limited';

/** A refusal; `message` is Cord's text where Cord has one. */
export interface ErrorView {
  code: ErrorCode;
  message: string;
}

/**
 * Set on a message change sent to a connection observing its thread: the thread, as the
 * change left it (counts, last message), is the very next event. The browser shows both at
 * once, so no observer is ever given the new message beside the thread's old counts.
 */
export interface ThreadFollows {
  threadFollows?: true;
}

/** Users that data in the same frame refers to, so the browser can show their names. */
export interface WithUsers {
  users: UserData[];
}

export type ServerEvent =
  | { type: 'welcome'; session: string; viewer: ViewerData }
  | { type: 'error'; error: ErrorView }
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'ack'; id: string; error: ErrorView }
  /** A thread the connection observes (alone or in a list) as it is now. */
  | ({ type: 'thread'; thread: ThreadData } & WithUsers)
  /** A thread the connection observed is gone for it: deleted, or its group no longer theirs. */
  | { type: 'threadGone'; threadId: string }
  /** A message of an observed thread, or an observed message, as it is now. */
  | ({ type: 'message'; message: MessageData } & WithUsers & ThreadFollows)
  /** A message of an observed thread, or an observed message, deleted for good (not a tombstone). */
  | ({ type: 'messageGone'; threadId: string; messageId: string } & ThreadFollows)
  | { type: 'threadCounts'; queryId: string; counts: ThreadCountsData }
  | { type: 'user'; user: UserData }
  | { type: 'viewer'; viewer: ViewerData }
  | { type: 'groupMembers'; queryId: string; added: UserData[]; removed: string[] }
  | { type: 'presence'; watchId: string; users: PresenceView[] }
  /**
   * An observed notification list changed: the notifications that are new or changed, and
   * the ids of every notification now in the list (the pages loaded so far), in order.
   */
  | { type: 'notifications'; queryId: string; notifications: NotificationData[]; order: string[] }
  /** The number of unread notifications an observed count covers, when it changed. */
  | { type: 'notificationCounts'; queryId: string; unread: number };
