import type { Store, ThreadRecord } from '../../store/store.ts';
import { RequestError } from './requestError.ts';
import type { Viewer } from './session.ts';

// Which groups a viewer's call reaches (Cord's group scope): the group it names, else the
// token's group, else every group the viewer is in. Membership is checked every time.

export const THREAD_IN_OTHER_GROUP = 'Thread ID is already in use by another group in this application';

export function notAMember(groupId: string): RequestError {
  return new RequestError(
    'forbidden',
    `User is not a member of group ${groupId}. Verify you have created the group and added the user to it. ` +
      'See https://docs.cord.com/rest-apis/groups.',
  );
}

/** The groups a read reaches. */
export function readScope(store: Store, viewer: Viewer, requested: string | undefined): string[] {
  if (requested !== undefined) {
    if (!store.groups.isMember(requested, viewer.userId)) throw notAMember(requested);
    return [requested];
  }
  if (viewer.groupId !== null) return store.groups.isMember(viewer.groupId, viewer.userId) ? [viewer.groupId] : [];
  return store.groups.groupIdsOf(viewer.userId);
}

/**
 * The one group a write goes to: the one named, else the token's. `missing` is Cord's
 * text for a call that names none when the token has none either.
 */
export function writeGroup(store: Store, viewer: Viewer, requested: string | undefined, missing: string): string {
  const groupId = requested ?? viewer.groupId;
  if (groupId === null) throw new RequestError('invalid_request', missing);
  if (!store.groups.isMember(groupId, viewer.userId)) throw notAMember(groupId);
  return groupId;
}

/** Whether the viewer may see the thread within a scope: it is in the scope, and they are in its group. */
export function canSee(store: Store, viewer: Viewer, scope: readonly string[], thread: ThreadRecord): boolean {
  return scope.includes(thread.groupId) && store.groups.isMember(thread.groupId, viewer.userId);
}

/** The thread if the viewer may see it in the scope; Cord's refusal if it lives in another group. */
export function visibleThread(
  store: Store,
  viewer: Viewer,
  scope: readonly string[],
  threadId: string,
): ThreadRecord | undefined {
  const thread = store.threads.get(threadId);
  if (thread && !canSee(store, viewer, scope, thread)) {
    throw new RequestError('thread_in_other_group', THREAD_IN_OTHER_GROUP);
  }
  return thread;
}
