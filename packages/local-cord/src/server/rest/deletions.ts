import { z } from 'zod';
import type { MessageRecord, PresencePlace, Store } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';
import { type RestContext, type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { cordBody, requireIdentifier } from './cordValidation.ts';

// DELETE /v1/users/<id> and DELETE /v1/groups/<id>: a user or a group goes for good, with
// what Cord deletes along with it, and every open page that showed any of it is told.

const deleteUserBody = cordBody('DeleteUserVariables', 'users', z.strictObject({ permanently_delete: z.boolean() }));

/** Where people were present in some groups, to tell watchers once those rows are gone. */
function presenceSpots(store: Store, groupIds: readonly string[], userId?: string): PresencePlace[] {
  const records = userId === undefined ? store.presence.visibleIn(groupIds) : store.presence.ofUserIn(userId, groupIds);
  return records.map(({ groupId, location, user }) => ({ userId: user.id, groupId, location }));
}

/** Messages deleted from threads: gone threads leave open pages, the others lose those messages. */
function publishDeletedMessages(
  store: Store,
  hub: Hub,
  deleted: readonly MessageRecord[],
  threadGroups: Map<string, string>,
) {
  for (const [threadId, groupId] of threadGroups) {
    const ofThread = deleted.filter((message) => message.threadId === threadId);
    const thread = store.threads.get(threadId);
    if (!thread)
      hub.removeThread(
        threadId,
        groupId,
        ofThread.map((message) => message.id),
      );
    else for (const message of ofThread) hub.removeMessage(thread, message.id);
  }
}

/**
 * Cord deletes what the user wrote, threads left with no message, their reactions, and
 * then the user with their memberships, sessions, presence and part in threads.
 */
function deleteUser({ store, hub }: RestContext, userId: string) {
  const groupIds = store.groups.groupIdsOf(userId);
  const spots = presenceSpots(store, groupIds, userId);
  const joined = [...store.participants.lastSeenByThread(userId).keys()];
  const authored = store.messages.byAuthor(userId);
  const threadGroups = new Map(
    [...new Set(authored.map((message) => message.threadId))].map((threadId) => [
      threadId,
      store.threads.get(threadId)!.groupId,
    ]),
  );
  // Their open pages close first: nothing they still send can refer to a deleted user.
  hub.disconnectUser(userId, `Platform user ${userId} was deleted.`);
  const reacted = store.transaction(() => {
    for (const message of authored) store.messages.delete(message.id);
    for (const threadId of threadGroups.keys()) {
      if (store.messages.inThread(threadId).length === 0) store.threads.delete(threadId);
    }
    const reactedTo = store.messages.forgetReactionsOf(userId);
    store.threads.forgetResolver(userId);
    store.users.delete(userId);
    return reactedTo;
  });
  publishDeletedMessages(store, hub, authored, threadGroups);
  for (const messageId of reacted) {
    const message = store.messages.get(messageId);
    const thread = message && store.threads.get(message.threadId);
    if (message && thread) hub.publishMessage(thread, message);
  }
  for (const threadId of joined) {
    const thread = store.threads.get(threadId);
    if (thread && !threadGroups.has(threadId)) hub.publishThread(thread);
  }
  for (const groupId of groupIds) hub.publishMembership(groupId, [], [userId]);
  hub.publishPresence(spots);
}

/** Cord deletes the group with its threads (their messages with them), memberships and presence. */
function deleteGroup({ store, hub }: RestContext, groupId: string) {
  const memberIds = store.groups.memberIds(groupId);
  const spots = presenceSpots(store, [groupId]);
  const threads = store.threads.listed([groupId]).map((thread) => ({
    id: thread.id,
    messageIds: store.messages.inThread(thread.id).map((message) => message.id),
  }));
  store.transaction(() => {
    for (const thread of threads) store.threads.delete(thread.id);
    store.groups.delete(groupId);
  });
  // Told as the members they were: the group, and their membership, are gone now.
  const members = new Set(memberIds);
  for (const thread of threads) hub.removeThread(thread.id, groupId, thread.messageIds, undefined, members);
  hub.publishMembership(groupId, [], memberIds);
  hub.publishPresence(spots);
}

export const deletionRoutes: Route[] = [
  {
    method: 'DELETE',
    path: 'users/:id',
    handle(context, { id, body }) {
      const { permanently_delete } = deleteUserBody.parse(body);
      if (!permanently_delete) throw cordError('invalid_request');
      requireIdentifier(id, 'userID');
      if (!context.store.users.exists(id)) throw cordError('invalid_user_id', `Invalid user id: ${id}.`);
      deleteUser(context, id);
      return success('User deleted.', { userID: id, failedDeletionFileIDs: [] });
    },
  },
  {
    method: 'DELETE',
    path: 'groups/:id',
    handle(context, { id }) {
      requireIdentifier(id, 'orgID');
      if (!context.store.groups.exists(id)) throw cordError('group_not_found');
      deleteGroup(context, id);
      return success(`✅ You successfully deleted group ${id}`);
    },
  },
];
