import type { InspectorState, InspectorThread } from '../../protocol/inspector.ts';
import { displayName } from '../../protocol/userNames.ts';
import type { Store, ThreadRecord } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';
import type { Outbox } from '../notifications/outbox.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { SignInLog } from './signInLog.ts';

/** What the inspector shows things from. */
export interface Inspected {
  store: Store;
  hub: Hub;
  projectId: string;
  signIns: SignInLog;
  outbox: Outbox;
  webhooks: Webhooks;
}

/** The first page of each list: what a person reads; search finds the rest. */
export const INSPECTOR_PAGE = { users: 50, groups: 50, threads: 20, presence: 50 } as const;
/** A thread shows its latest messages only. */
const MESSAGES_PER_THREAD = 10;
/** A long message shows its beginning only. */
const TEXT_SHOWN = 500;
/** Ids listed with a user (their groups) or a group (its members). */
const IDS_SHOWN = 20;
/** Longest search text kept. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * What the inspector shows, read fresh from the store: counts, and the first page of each
 * list (or of what matches `search`). The work is bounded by the page sizes, not by how
 * much the store holds. The secret is not in it.
 */
export function inspectorState(services: Inspected, search = ''): InspectorState {
  const { store, hub, signIns, projectId, outbox, webhooks } = services;
  const query = search.slice(0, MAX_SEARCH_LENGTH).trim();
  const matching = query || undefined;
  return {
    projectId,
    connections: hub.size,
    search: query,
    counts: {
      users: store.users.count(),
      groups: store.groups.count(),
      threads: store.threads.count(),
      messages: store.messages.count(),
    },
    users: store.users
      .newest({ limit: INSPECTOR_PAGE.users, search: matching, idsShown: IDS_SHOWN })
      .map(({ id, name, shortName, email, status, groupIds, groupCount }) => ({
        id,
        name,
        shortName,
        email,
        status,
        groupIds,
        groupCount,
      })),
    groups: store.groups
      .newest({ limit: INSPECTOR_PAGE.groups, search: matching, idsShown: IDS_SHOWN })
      .map(({ id, name, status, memberIds, memberCount }) => ({ id, name, status, memberIds, memberCount })),
    threads: store.threads.recent(INSPECTOR_PAGE.threads, matching).map((thread) => threadView(store, thread)),
    presence: store.presence.latest(INSPECTOR_PAGE.presence).map(({ groupId, location, user, present, lastSeen }) => ({
      userId: user.id,
      userName: displayName(user),
      groupId,
      location,
      present,
      lastSeen,
    })),
    signIns: signIns.list(),
    outbox: outbox.list(),
    webhookUrl: webhooks.url,
    webhooks: webhooks.deliveries(),
  };
}

function threadView(store: Store, { id, groupId, name, url, resolvedAt }: ThreadRecord): InspectorThread {
  const { messages } = store.messages.page(id, MESSAGES_PER_THREAD);
  const authors = new Map(
    store.users.profiles([...new Set(messages.map((message) => message.authorId))]).map((user) => [user.id, user]),
  );
  return {
    id,
    groupId,
    name,
    url,
    resolvedAt,
    messages: messages.map((message) => {
      const author = authors.get(message.authorId);
      return {
        id: message.id,
        authorName: author ? displayName(author) : message.authorId,
        type: message.type,
        plaintext:
          message.plaintext.length > TEXT_SHOWN ? `${message.plaintext.slice(0, TEXT_SHOWN)}…` : message.plaintext,
        createdAt: message.createdAt,
        editedAt: message.editedAt,
        deletedAt: message.deletedAt,
        reactions: countReactions(message.reactions.map((reaction) => reaction.emoji)),
      };
    }),
    earlierMessages: store.messages.countIn(id) - messages.length,
  };
}

/** Each emoji once, with how many reacted with it, in the order first used. */
function countReactions(emojis: readonly string[]): Array<{ emoji: string; count: number }> {
  const counts = new Map<string, number>();
  for (const emoji of emojis) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  return [...counts].map(([emoji, count]) => ({ emoji, count }));
}
