import type { ServerEvent } from '../../protocol/events.ts';
import type { CordLocation } from '../../protocol/location.ts';
import type { NotificationFilter, ThreadFilter, ThreadSort } from '../../protocol/requests.ts';
import type { PresenceView, ThreadCountsData, UserData } from '../../protocol/views.ts';
import type { ListPosition } from '../notifications/visibleNotifications.ts';
import type { Viewer } from './session.ts';

/** A thread list the browser observes: its query, and what it has been sent so far. */
export interface ThreadListQuery {
  scope: readonly string[];
  filter: ThreadFilter;
  sort: ThreadSort;
  /** Threads sent in this list (pages and pushes): a change to one is sent even once it no longer matches. */
  delivered: Set<string>;
  /** The last thread of the last page, where the next page starts. */
  lastPageEnd: string | undefined;
}

export interface ThreadCountsQuery {
  scope: readonly string[];
  filter: ThreadFilter;
  /** The counts last sent: they are sent again only when they change. */
  sent: ThreadCountsData;
}

export interface GroupMembersQuery {
  groupId: string;
  /** Members sent so far, in the order sent. */
  delivered: string[];
}

/** A notification list the browser observes: its filter, and what it has been sent. */
export interface NotificationListQuery {
  filter: NotificationFilter;
  /** The notifications in the list, in order, each as last sent (its fingerprint). */
  sent: Map<string, string>;
  /** Where the pages loaded so far end; null once every page is in. */
  end: ListPosition | null;
}

export interface NotificationCountsQuery {
  filter: NotificationFilter;
  /** The count last sent. */
  unread: number;
}

/**
 * Someone watching presence at a location, in the groups they could see when they asked
 * (narrowed when they leave one), and what they were last sent, by user: a change is
 * worked out for the user it concerns alone.
 */
export interface PresenceWatch {
  location: CordLocation;
  groupIds: readonly string[];
  /** Exactly this location, rather than it and every location it partly matches. */
  exactMatch?: boolean | undefined;
  readonly shown: Map<string, PresenceView>;
}

/** Where a connection says its user is present. */
export interface PresenceSpot {
  groupId: string;
  location: CordLocation;
  /** Durable presence: leaving, even by closing the socket, writes "last seen here". */
  durable?: boolean | undefined;
}

/** One signed-in browser connection, as the hub sees it: who, and everything it observes. */
export interface Subscriber {
  readonly viewer: Viewer;
  send(event: ServerEvent): void;
  /** Signs the connection out: its session is no longer valid (its user was deleted). */
  end(reason: string): void;
  /** Observed threads, with the groups the observation reaches. */
  readonly threads: Map<string, readonly string[]>;
  readonly threadLists: Map<string, ThreadListQuery>;
  readonly threadCounts: Map<string, ThreadCountsQuery>;
  readonly messages: Set<string>;
  readonly groupMembers: Map<string, GroupMembersQuery>;
  readonly notificationLists: Map<string, NotificationListQuery>;
  readonly notificationCounts: Map<string, NotificationCountsQuery>;
  /** Users whose data the connection was sent: a change to one is pushed. */
  readonly knownUsers: Set<string>;
  readonly presenceWatches: Map<string, PresenceWatch>;
  /** Where this connection last said its user is present, by spotKey. */
  readonly presentAt: Map<string, PresenceSpot>;
}

export function newSubscriber(
  viewer: Viewer,
  send: (event: ServerEvent) => void,
  end: (reason: string) => void,
): Subscriber {
  return {
    viewer,
    send,
    end,
    threads: new Map(),
    threadLists: new Map(),
    threadCounts: new Map(),
    messages: new Set(),
    groupMembers: new Map(),
    notificationLists: new Map(),
    notificationCounts: new Map(),
    knownUsers: new Set(),
    presenceWatches: new Map(),
    presentAt: new Map(),
  };
}

/** Notes that the connection now knows these users (a later change to one is pushed to it), and passes them on. */
export function rememberUsers(subscriber: Subscriber, users: UserData[]): UserData[] {
  for (const user of users) subscriber.knownUsers.add(user.id);
  return users;
}

/** Each user once. */
export function uniqueUsers(users: readonly UserData[]): UserData[] {
  return [...new Map(users.map((user) => [user.id, user])).values()];
}
