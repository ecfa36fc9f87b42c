import { plaintextOf } from '../../../protocol/content.ts';
import { matchesLocation } from '../../../protocol/location.ts';
import type { UserData } from '../../../protocol/views.ts';
import type { Store } from '../../../store/store.ts';
import { messageData } from '../../views/threadViews.ts';
import { userData } from '../../views/userData.ts';
import { RequestError } from '../requestError.ts';
import { notAMember, readScope } from '../scope.ts';
import { rememberUsers, type Subscriber, uniqueUsers } from '../subscriber.ts';
import type { Handlers } from './context.ts';

/** How many users a search returns: Cord's 20 for a query, 5 for a sample of the group. */
const SEARCH_LIMIT = 20;
const SAMPLE_LIMIT = 5;

type UserRequest =
  | 'users.observe'
  | 'groupMembers.observe'
  | 'groupMembers.more'
  | 'groupMembers.unobserve'
  | 'users.search'
  | 'messages.search'
  | 'viewer.setNotificationPreferences';

export const userHandlers: Handlers<UserRequest> = {
  'viewer.setNotificationPreferences'({ store, hub, subscriber }, { sendViaSlack, sendViaEmail }) {
    const { userId } = subscriber.viewer;
    store.preferences.setNotificationChannels(userId, {
      ...(sendViaSlack !== undefined && { sendViaSlack }),
      ...(sendViaEmail !== undefined && { sendViaEmail }),
    });
    hub.publishViewer(userId);
    return {};
  },

  'users.observe'({ store, subscriber }, { userIds }) {
    const scope = readScope(store, subscriber.viewer, undefined);
    const visible = store.users
      .profiles(userIds)
      .filter((user) => user.id === subscriber.viewer.userId || store.groups.shareAny(scope, user.id));
    return { users: rememberUsers(subscriber, visible.map(userData)) };
  },

  'groupMembers.observe'({ store, subscriber }, { queryId, groupId, count }) {
    const query = { groupId, delivered: [] as string[] };
    subscriber.groupMembers.set(queryId, query);
    // Cord answers a group the viewer is not in with nobody, and says why only in its logs.
    if (!store.groups.isMember(groupId, subscriber.viewer.userId)) return { members: [], hasMore: false };
    return nextMembers(store, subscriber, query, count);
  },

  'groupMembers.more'({ store, subscriber }, { queryId, count }) {
    const query = subscriber.groupMembers.get(queryId);
    if (!query) throw new RequestError('not_found', `No group member list ${queryId} is observed.`);
    if (!store.groups.isMember(query.groupId, subscriber.viewer.userId)) return { members: [], hasMore: false };
    return nextMembers(store, subscriber, query, count);
  },

  'groupMembers.unobserve'({ subscriber }, { queryId }) {
    subscriber.groupMembers.delete(queryId);
    return {};
  },

  'users.search'({ store, subscriber }, { groupId, searchQuery, sortLocation, sortDirection }) {
    const viewerId = subscriber.viewer.userId;
    if (!store.groups.isMember(groupId, viewerId)) throw notAMember(groupId);
    const tokens = (searchQuery ?? '').toLowerCase().split(' ').filter(Boolean);
    const members = store.users
      .profiles(store.groups.memberIds(groupId))
      .filter((user) => tokens.length === 0 || [user.name, user.shortName].some((field) => startsWords(field, tokens)));
    const visits = sortLocation
      ? store.presence.lastSeenAt(groupId, (location) => matchesLocation(sortLocation, location))
      : new Map<string, number>();
    const direction = sortDirection === 'ascending' ? -1 : 1;
    members.sort(
      (a, b) =>
        Number(a.id === viewerId) - Number(b.id === viewerId) ||
        direction * ((visits.get(b.id) ?? -1) - (visits.get(a.id) ?? -1)),
    );
    const limit = searchQuery === undefined ? SAMPLE_LIMIT : SEARCH_LIMIT;
    return { users: rememberUsers(subscriber, members.slice(0, limit).map(userData)) };
  },

  'messages.search'({ store, subscriber }, request) {
    const scope = readScope(store, subscriber.viewer, request.groupId);
    const needle = request.textToMatch?.toLowerCase();
    const results = store.threads.listed(scope).flatMap((thread) => {
      if (request.location) {
        const { value, partialMatch } = request.location;
        const same = Object.keys(value).length === Object.keys(thread.location).length;
        if (!matchesLocation(value, thread.location) || (!partialMatch && !same)) return [];
      }
      const participants = store.participants.inThread(thread.id);
      return store.messages
        .inThread(thread.id)
        .filter(
          (message) =>
            message.deletedAt === null &&
            (needle === undefined || plaintextOf(message.content).toLowerCase().includes(needle)) &&
            (request.authorId === undefined || message.authorId === request.authorId) &&
            (request.from === undefined || message.createdAt >= request.from) &&
            (request.to === undefined || message.createdAt <= request.to) &&
            Object.entries(request.metadata ?? {}).every(([key, value]) => message.metadata[key] === value),
        )
        .map((message) => ({
          ...messageData(message, thread, participants, subscriber.viewer.userId),
          location: thread.location,
        }));
    });
    const direction = request.sortDirection === 'ascending' ? 1 : -1;
    results.sort((a, b) => direction * (a.createdTimestamp - b.createdTimestamp));
    const page = results.slice(0, request.limit);
    const authors = store.users.profiles([...new Set(page.map((result) => result.authorID))]).map(userData);
    return { results: page, users: rememberUsers(subscriber, authors) };
  },
};

/** Every token starts a word of the field (Cord's name search). */
function startsWords(field: string | null, tokens: readonly string[]): boolean {
  const words = (field ?? '').toLowerCase().split(/\s+/);
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}

function nextMembers(
  store: Store,
  subscriber: Subscriber,
  query: { groupId: string; delivered: string[] },
  count: number,
): { members: UserData[]; hasMore: boolean } {
  const rest = store.groups.memberIds(query.groupId).filter((id) => !query.delivered.includes(id));
  const page = rest.slice(0, count);
  query.delivered.push(...page);
  const profiles = new Map(store.users.profiles(page).map((user) => [user.id, user]));
  const members = page.flatMap((id) => {
    const profile = profiles.get(id);
    return profile ? [userData(profile)] : [];
  });
  return { members: uniqueUsers(rememberUsers(subscriber, members)), hasMore: rest.length > page.length };
}
