import type { InspectorState } from '../../protocol/inspector.ts';
import { displayName } from '../../protocol/userNames.ts';
import type { Store } from '../../store/store.ts';
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

/** The page polls every second: a long thread shows its latest messages only. */
const MESSAGES_PER_THREAD = 50;

/** Everything the inspector shows, read fresh from the store. The secret is not in it. */
export function inspectorState(services: Inspected): InspectorState {
  const { store, hub, signIns, projectId, outbox, webhooks } = services;
  const groups = store.groups.list();
  return {
    projectId,
    connections: hub.size,
    users: store.users.list().map(({ id, name, shortName, email, status, groupIds }) => ({
      id,
      name,
      shortName,
      email,
      status,
      groupIds,
    })),
    groups: groups.map(({ id, name, status, memberIds }) => ({ id, name, status, memberIds })),
    threads: store.threads.list().map(({ id, groupId, name, url, resolvedAt }) => {
      const messages = store.messages.inThread(id);
      const authors = new Map(
        store.users.profiles(messages.map((message) => message.authorId)).map((user) => [user.id, user]),
      );
      return {
        id,
        groupId,
        name,
        url,
        resolvedAt,
        messages: messages.slice(-MESSAGES_PER_THREAD).map((message) => {
          const author = authors.get(message.authorId);
          return {
            id: message.id,
            authorName: author ? displayName(author) : message.authorId,
            type: message.type,
            plaintext: message.plaintext,
            createdAt: message.createdAt,
            editedAt: message.editedAt,
            deletedAt: message.deletedAt,
            reactions: countReactions(message.reactions.map((reaction) => reaction.emoji)),
          };
        }),
        earlierMessages: Math.max(0, messages.length - MESSAGES_PER_THREAD),
      };
    }),
    presence: store.presence
      .visibleIn(groups.map((group) => group.id))
      .map(({ groupId, location, user, present, lastSeen }) => ({
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

/** Each emoji once, with how many reacted with it, in the order first used. */
function countReactions(emojis: readonly string[]): Array<{ emoji: string; count: number }> {
  const counts = new Map<string, number>();
  for (const emoji of emojis) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  return [...counts].map(([emoji, count]) => ({ emoji, count }));
}
