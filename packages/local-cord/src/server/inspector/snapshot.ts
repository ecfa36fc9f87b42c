import type { InspectorState } from '../../protocol/inspector.ts';
import { displayName } from '../../protocol/userNames.ts';
import type { Store } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';
import type { SignInLog } from './signInLog.ts';

/** The page polls every second: a long thread shows its latest messages only. */
const MESSAGES_PER_THREAD = 50;

/** Everything the inspector shows, read fresh from the store. The secret is not in it. */
export function inspectorState(store: Store, hub: Hub, signIns: SignInLog, projectId: string): InspectorState {
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
      return {
        id,
        groupId,
        name,
        url,
        resolvedAt,
        messages: messages.slice(-MESSAGES_PER_THREAD),
        earlierMessages: Math.max(0, messages.length - MESSAGES_PER_THREAD),
      };
    }),
    presence: store.presence.visibleIn(groups.map((group) => group.id)).map(({ groupId, location, view }) => ({
      userId: view.user.id,
      userName: displayName(view.user),
      groupId,
      location,
      present: view.present,
      lastSeen: view.lastSeen,
    })),
    signIns: signIns.list(),
  };
}
