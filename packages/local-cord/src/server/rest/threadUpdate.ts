import { z } from 'zod';
import { entityMetadata, externalIdText, extraClassnames, locationSchema, name, url } from '../../protocol/fields.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import { resolveThread } from '../live/threadActions.ts';
import { type RestContext, type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { cordBody, dateTimeOrNull, nullOr, requireNewId } from './cordValidation.ts';
import { requireThread } from './threads.ts';

// PUT /v1/threads/<id> (Cord's ServerUpdateThread): every field of a thread, its resolved
// state (with the action message Cord posts when a user is named), who follows it, who
// is typing and who has seen it. Everything is checked first and written in one
// transaction, then pushed to the browsers that show the thread.

const updateThreadBody = cordBody(
  'UpdateThreadVariables',
  'threads',
  z.strictObject({
    location: locationSchema.optional(),
    id: z.string().optional(),
    url: url.optional(),
    name: name.optional(),
    metadata: entityMetadata.optional(),
    organizationID: externalIdText.optional(),
    groupID: externalIdText.optional(),
    extraClassnames: nullOr(extraClassnames).optional(),
    resolvedTimestamp: dateTimeOrNull.optional(),
    userID: externalIdText.optional(),
    typing: z.array(externalIdText).optional(),
    resolved: z.boolean().optional(),
    seenByUsers: z.array(z.strictObject({ userID: externalIdText, seen: z.boolean() })).optional(),
    addSubscribers: z.array(externalIdText).optional(),
    removeSubscribers: z.array(externalIdText).optional(),
  }),
);

/** Cord copies the deprecated `organizationID` over `groupID` before it checks the body. */
function withGroupId(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !('organizationID' in body)) return body;
  return { ...body, groupID: body.organizationID };
}

/**
 * The users of a list who are in the group, as Cord picks them for typing, seen and
 * subscriptions: the others are skipped, but a list naming no user at all is refused.
 */
function membersAmong(store: Store, userIds: readonly string[] | undefined, groupId: string): string[] {
  if (!userIds || userIds.length === 0) return [];
  if (!userIds.some((userId) => store.users.exists(userId))) throw cordError('user_not_found');
  return [...new Set(userIds)].filter((userId) => store.groups.isMember(groupId, userId));
}

export const threadUpdateRoutes: Route[] = [
  {
    method: 'PUT',
    path: 'threads/:id',
    handle(context, { id, body }) {
      updateThread(context, id, body);
      return success(`✅ You successfully updated thread ${id}`);
    },
  },
];

function updateThread({ store, hub, notify }: RestContext, threadId: string, body: unknown) {
  const input = updateThreadBody.parse(withGroupId(body));
  const thread = requireThread(store, threadId);
  // Cord: an empty id is no new id.
  const newId = input.id ? requireNewId(input.id, 'thread', (id) => store.threads.get(id) !== undefined) : undefined;
  const { addSubscribers = [], removeSubscribers = [] } = input;
  if (addSubscribers.some((userId) => removeSubscribers.includes(userId))) {
    throw cordError('invalid_field', 'Adding and removing the same subscriber is invalid');
  }
  const groupId = input.groupID || thread.groupId;
  if (!store.groups.exists(groupId)) throw cordError('organization_not_found');

  // resolvedTimestamp wins over resolved; undefined leaves the state as it is.
  const now = Date.now();
  const resolvedAt =
    input.resolvedTimestamp !== undefined ? input.resolvedTimestamp : resolvedFlag(input.resolved, now);
  const flips = resolvedAt !== undefined && (resolvedAt !== null) !== (thread.resolvedAt !== null);
  const actor = flips ? input.userID : undefined;
  if (actor !== undefined && !store.users.exists(actor)) throw cordError('user_not_found', `Unknown user ${actor}`);

  const subscribing = membersAmong(store, addSubscribers, groupId);
  const unsubscribing = membersAmong(store, removeSubscribers, groupId);
  const typing = input.typing && {
    clear: input.typing.length === 0,
    users: membersAmong(store, input.typing, groupId),
  };
  const seen = input.seenByUsers ?? [];
  const seeing = membersAmong(
    store,
    seen.map(({ userID }) => userID),
    groupId,
  );

  const messageIds = newId !== undefined || groupId !== thread.groupId ? messageIdsOf(store, thread) : [];
  const { updated, action } = store.transaction(() => {
    let current = newId === undefined ? thread : store.threads.rename(thread, newId);
    if (groupId !== current.groupId) current = store.threads.move(current, groupId);
    current = store.threads.update(current, {
      name: input.name,
      url: input.url,
      location: input.location,
      metadata: input.metadata,
      // Cord: null leaves the classes as they are.
      extraClassnames: input.extraClassnames ?? undefined,
    });
    let resolution: MessageRecord | undefined;
    if (actor !== undefined && resolvedAt !== undefined) {
      // The same action message a browser's resolve posts, by the user named.
      const resolved = resolveThread(store, current, actor, resolvedAt !== null, now);
      current = resolved.thread;
      resolution = resolved.action;
      if (resolvedAt !== null && resolvedAt !== now) current = store.threads.setResolvedAt(current, resolvedAt, actor);
    } else if (resolvedAt !== undefined) {
      // No change of state, or nobody named: Cord looks no user up, so an unknown one is no resolver.
      const resolver = input.userID !== undefined && store.users.exists(input.userID) ? input.userID : null;
      current = store.threads.setResolvedAt(current, resolvedAt, resolvedAt === null ? null : resolver);
    }
    for (const userId of subscribing) store.participants.setSubscribed(current.id, userId, true);
    for (const userId of unsubscribing) store.participants.setSubscribed(current.id, userId, false);
    for (const userId of seeing) {
      const { seen: hasSeen } = seen.find(({ userID }) => userID === userId)!;
      store.participants.setSeen(current.id, userId, hasSeen ? store.participants.stamp(current.id, now) : null);
    }
    return { updated: current, action: resolution };
  });

  if (newId !== undefined) hub.removeThread(thread.id, thread.groupId, messageIds);
  else if (updated.groupId !== thread.groupId) {
    hub.removeThread(thread.id, thread.groupId, messageIds, (subscriber) =>
      store.groups.isMember(updated.groupId, subscriber.viewer.userId),
    );
  }
  if (typing?.clear) hub.clearTyping(updated);
  for (const userId of typing?.users ?? []) hub.setTyping(updated, userId, true);
  if (action) {
    hub.publishMessage(updated, action);
    notify({ type: 'messageAdded', thread: updated, message: action, threadCreated: false });
  } else hub.publishThread(updated);
}

function resolvedFlag(resolved: boolean | undefined, now: number): number | null | undefined {
  if (resolved === undefined) return undefined;
  return resolved ? now : null;
}

function messageIdsOf(store: Store, thread: ThreadRecord): string[] {
  return store.messages.inThread(thread.id).map((message) => message.id);
}
