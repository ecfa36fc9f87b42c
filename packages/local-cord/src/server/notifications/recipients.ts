import { randomUUID } from 'node:crypto';
import type { NotificationReplyAction } from '@cord-sdk/types';
import { mentionedUserIds } from '../../protocol/content.ts';
import type { MessageRecord, NewNotification, Store, ThreadRecord } from '../../store/store.ts';

// Who Cord notifies of what (rest-api.md 12, thread-features.md 9.1), worked out from the
// store as it is after the write:
// - a new message: everyone it mentions (the author too, if they mention themselves), and
//   every other subscriber of the thread, one `reply` each, with why;
// - an edit: only the users it newly mentions;
// - a reaction by someone else than the author: the author, one `reaction` per emoji;
// - a resolve or reopen (an action message): every other subscriber, a `thread_action`.
// A mentioned user outside the thread's group gets nothing (Cord writes a row nobody sees).

const newId = () => `cord:${randomUUID()}`;

/** The members of the thread's group a message mentions, in order. */
function mentionedMembers(store: Store, thread: ThreadRecord, message: MessageRecord): string[] {
  return mentionedUserIds(message.content).filter((id) => store.groups.isMember(thread.groupId, id));
}

/** Subscribers of the thread other than `exceptId`. */
function otherSubscribers(store: Store, thread: ThreadRecord, exceptId: string): string[] {
  return store.participants
    .inThread(thread.id)
    .filter((participant) => participant.subscribed && participant.user.id !== exceptId)
    .map((participant) => participant.user.id);
}

/** The notifications a new message brings. `threadCreated`: the same write created its thread. */
export function forNewMessage(
  store: Store,
  thread: ThreadRecord,
  message: MessageRecord,
  threadCreated: boolean,
): NewNotification[] {
  const about = { threadId: thread.id, messageId: message.id, senderId: message.authorId };
  if (message.type === 'action_message') {
    const action = THREAD_ACTIONS[message.translationKey ?? ''];
    if (!action) return [];
    return otherSubscribers(store, thread, message.authorId).map((recipientId) => ({
      ...about,
      id: newId(),
      recipientId,
      type: 'thread_action',
      action,
    }));
  }
  // Subscribers are read after the write, which subscribed the author (left out) and the
  // mentioned members (notified anyway): the same people Cord reads before it.
  const mentioned = mentionedMembers(store, thread, message);
  const recipients = [...new Set([...mentioned, ...otherSubscribers(store, thread, message.authorId)])];
  return recipients.map((recipientId) => {
    const replyActions: NotificationReplyAction[] = [];
    if (mentioned.includes(recipientId)) replyActions.push('mention');
    if (message.attachments.length > 0) replyActions.push('attach-file');
    if (threadCreated) replyActions.push('create-thread');
    return { ...about, id: newId(), recipientId, type: 'reply', replyActions };
  });
}

/** Cord's action messages for resolving and reopening, by their translation key. */
const THREAD_ACTIONS: Record<string, 'resolve' | 'unresolve'> = {
  'cord.thread_resolved': 'resolve',
  'cord.thread_unresolved': 'unresolve',
};

/** The notifications a change to a message brings: new mentions, and reactions by `by`. */
export function forChangedMessage(
  store: Store,
  thread: ThreadRecord,
  before: MessageRecord,
  after: MessageRecord,
  by: string,
): NewNotification[] {
  if (after.deletedAt !== null) return [];
  const about = { threadId: thread.id, messageId: after.id };
  const earlier = new Set(mentionedMembers(store, thread, before));
  const mentions: NewNotification[] = mentionedMembers(store, thread, after)
    .filter((id) => !earlier.has(id))
    .map((recipientId) => ({
      ...about,
      id: newId(),
      recipientId,
      senderId: after.authorId,
      type: 'reply',
      replyActions: ['mention'],
    }));
  const reactions: NewNotification[] =
    by === after.authorId
      ? []
      : reactionsBy(after, by)
          .filter((emoji) => !reactionsBy(before, by).includes(emoji))
          .map((reaction) => ({
            ...about,
            id: newId(),
            recipientId: after.authorId,
            senderId: by,
            type: 'reaction',
            reaction,
          }));
  return [...mentions, ...reactions];
}

/** The reactions `by` took back in a change: their notifications go. */
export function reactionsTakenBack(before: MessageRecord, after: MessageRecord, by: string): string[] {
  const now = reactionsBy(after, by);
  return reactionsBy(before, by).filter((emoji) => !now.includes(emoji));
}

function reactionsBy(message: MessageRecord, userId: string): string[] {
  return message.reactions.filter((reaction) => reaction.userId === userId).map((reaction) => reaction.emoji);
}
