import type { Store } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';

// Changes to who is in a group, made by several endpoints, told to browsers the same way.

/** Who a change of a group's members added and removed, for the hub to tell. */
export interface MembershipChange {
  groupId: string;
  added: string[];
  removed: string[];
}

/** Adds and removes members; returns who actually joined or left. */
export function changeMembers(
  store: Store,
  groupId: string,
  add: readonly string[],
  remove: readonly string[],
): MembershipChange {
  return {
    groupId,
    added: add.filter((userId) => store.groups.addMember(groupId, userId)),
    removed: remove.filter((userId) => store.groups.removeMember(groupId, userId)),
  };
}

/** Tells the browsers of membership changes, once their transaction is done. */
export function publishMembership(hub: Hub, changes: readonly MembershipChange[]) {
  for (const { groupId, added, removed } of changes) hub.publishMembership(groupId, added, removed);
}
