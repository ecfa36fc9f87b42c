// What local Cord answers to each request (the `result` of its ack). Types only.
import type { WithUsers } from './events.ts';
import type { CordLocation } from './location.ts';
import type { Request } from './requests.ts';
import type { MessageData, NotificationData, PresenceView, ThreadCountsData, ThreadData, UserData } from './views.ts';

/** A thread with its newest messages; `thread` null when it does not exist (yet). */
export interface ThreadAnswer extends WithUsers {
  thread: ThreadData | null;
  /** Oldest first. */
  messages: MessageData[];
  /** Whether older messages exist than the first of `messages`. */
  hasMore: boolean;
}

export interface MessagesPage extends WithUsers {
  messages: MessageData[];
  hasMore: boolean;
}

export interface ThreadsPage extends WithUsers {
  threads: ThreadData[];
  hasMore: boolean;
}

export interface MembersPage {
  members: UserData[];
  hasMore: boolean;
}

/** A page of a viewer's notifications, newest first. */
export interface NotificationsPage {
  notifications: NotificationData[];
  hasMore: boolean;
}

export type SearchResultData = MessageData & { location: CordLocation };

type Nothing = Record<string, never>;

/** The answer to each request type. */
export interface Answers {
  'thread.observe': ThreadAnswer;
  'thread.unobserve': Nothing;
  'thread.olderMessages': MessagesPage;
  'threads.observe': ThreadsPage;
  'threads.more': ThreadsPage;
  'threads.unobserve': Nothing;
  'threadCounts.observe': { counts: ThreadCountsData };
  'threadCounts.unobserve': Nothing;
  'message.observe': WithUsers & { message: MessageData | null };
  'message.unobserve': Nothing;
  /** Users the viewer may see; the others are left out. */
  'users.observe': { users: UserData[] };
  'groupMembers.observe': MembersPage;
  'groupMembers.more': MembersPage;
  'groupMembers.unobserve': Nothing;
  'users.search': { users: UserData[] };
  'viewer.setNotificationPreferences': Nothing;
  'messages.search': WithUsers & { results: SearchResultData[] };
  'thread.create': { threadId: string };
  'thread.update': Nothing;
  'thread.setSeen': Nothing;
  'thread.setSubscribed': Nothing;
  'thread.shareToEmail': Nothing;
  'message.send': WithUsers & { message: MessageData };
  'message.update': WithUsers & { message: MessageData };
  'file.create': Nothing;
  'notifications.observe': NotificationsPage;
  'notifications.more': NotificationsPage;
  'notifications.unobserve': Nothing;
  'notificationCounts.observe': { unread: number };
  'notificationCounts.unobserve': Nothing;
  'notification.setRead': Nothing;
  'notification.delete': Nothing;
  'notifications.markAllRead': Nothing;
  'notifications.markReadAbout': Nothing;
  'presence.watch': { users: PresenceView[] };
  'presence.unwatch': Nothing;
  'presence.set': Nothing;
  'presence.markSeen': Nothing;
}

export type AnswerOf<T extends Request['type']> = Answers[T];
