import type { CordLocation } from '../../protocol/location.ts';
import type { ThreadFilter, ThreadSort } from '../../protocol/requests.ts';
import type { LiveData } from './liveData.ts';
import { GroupMembersQuery, MessageQuery, PresenceQuery, ThreadCountsQuery, UserQuery } from './simpleQueries.ts';
import { ThreadListQuery } from './threadListQuery.ts';
import { ThreadQuery } from './threadQuery.ts';

// The one place each kind of query gets its key: the JavaScript API, React's hooks through
// it, and the elements asking for the same thing share one query and one subscription.

/** Group members come in pages of ten, as in Cord. */
export const MEMBERS_PAGE = 10;

export function threadQuery(live: LiveData, threadId: string, groupId: string | undefined, messageCount?: number) {
  const key = ThreadQuery.key(threadId, groupId);
  return live.query(key, () => new ThreadQuery(live, threadId, groupId, messageCount));
}

export function threadListQuery(
  live: LiveData,
  groupId: string | undefined,
  filter: ThreadFilter,
  sort: ThreadSort,
  pageSize: number,
) {
  const key = `threads\n${groupId ?? ''}\n${JSON.stringify([filter, sort, pageSize])}`;
  return live.query(key, () => new ThreadListQuery(live, key, { groupId, filter, sort, pageSize }));
}

export function threadCountsQuery(live: LiveData, groupId: string | undefined, filter: ThreadFilter) {
  const key = `counts\n${groupId ?? ''}\n${JSON.stringify(filter)}`;
  return live.query(key, () => new ThreadCountsQuery(live, key, groupId, filter));
}

export function groupMembersQuery(live: LiveData, groupId: string) {
  const key = `members\n${groupId}`;
  return live.query(key, () => new GroupMembersQuery(live, key, groupId, MEMBERS_PAGE));
}

export function presenceQuery(live: LiveData, location: CordLocation, groupId: string | undefined, exactMatch = false) {
  const key = PresenceQuery.key(location, groupId, exactMatch);
  return live.query(key, () => new PresenceQuery(live, key, location, groupId, exactMatch));
}

export function userQuery(live: LiveData, userId: string) {
  const key = `user\n${userId}`;
  return live.query(key, () => new UserQuery(live, key, userId));
}

export function messageQuery(live: LiveData, messageId: string) {
  const key = `message\n${messageId}`;
  return live.query(key, () => new MessageQuery(live, key, messageId));
}
