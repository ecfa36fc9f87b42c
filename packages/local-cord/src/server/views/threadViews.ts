import { seenBy, seenByViewer } from '../../protocol/seen.ts';
import type { MessageData, ThreadData, UserData } from '../../protocol/views.ts';
import type { MessageRecord, ParticipantRecord, Store, ThreadRecord } from '../../store/store.ts';
import { userData } from './userData.ts';

// Threads and messages as one viewer sees them (Cord's ThreadSummary and ClientMessageData):
// what is the same for everyone is read once per thread, then each viewer's part (seen,
// unread, typing without themselves) is added.

/** A thread's data read once, for any number of viewers. */
export interface ThreadSnapshot {
  thread: ThreadRecord;
  participants: ParticipantRecord[];
  stats: ReturnType<Store['threads']['stats']>;
  first: MessageRecord | undefined;
  last: MessageRecord | undefined;
  typing: readonly string[];
  /** For unread counts: the thread's live messages' authors and times. */
  liveMessages: Array<{ authorId: string; createdAt: number }>;
}

export function threadSnapshot(store: Store, thread: ThreadRecord, typing: readonly string[]): ThreadSnapshot {
  const { first, last } = store.messages.ends(thread.id);
  return {
    thread,
    participants: store.participants.inThread(thread.id),
    stats: store.threads.stats(thread.id),
    first,
    last,
    typing,
    liveMessages: store.messages.liveTimes(thread.id),
  };
}

/** Cord's ClientMessageData of a message in a thread whose participants are known. */
export function messageData(
  message: MessageRecord,
  thread: ThreadRecord,
  participants: readonly ParticipantRecord[],
  viewerId: string,
): MessageData {
  const deleted = message.deletedAt !== null;
  const looks = participants.map(({ user, lastSeenAt }) => ({ userID: user.id, lastSeenTimestamp: lastSeenAt }));
  const times = { authorID: message.authorId, createdTimestamp: message.createdAt, updatedTimestamp: message.editedAt };
  return {
    id: message.id,
    authorID: message.authorId,
    groupID: thread.groupId,
    threadID: thread.id,
    // A deleted message is a tombstone: who and when, nothing of what it said.
    content: deleted ? [] : message.content,
    plaintext: deleted ? '' : message.plaintext,
    url: message.url,
    createdTimestamp: message.createdAt,
    deletedTimestamp: message.deletedAt,
    updatedTimestamp: message.editedAt,
    iconURL: message.iconURL,
    translationKey: message.translationKey,
    type: message.type,
    metadata: message.metadata,
    extraClassnames: message.extraClassnames,
    reactions: deleted
      ? []
      : message.reactions.map(({ emoji, userId, createdAt }) => ({
          reaction: emoji,
          userID: userId,
          timestamp: createdAt,
        })),
    attachments: deleted ? [] : message.attachments.map((file) => ({ type: 'file', ...file })),
    seenBy: seenBy(looks, times),
    skipLinkPreviews: message.skipLinkPreviews,
    annotation: deleted ? null : message.annotation,
    seen: seenByViewer(looks, times, viewerId),
  };
}

/** Cord's ThreadSummary of a thread for one viewer. */
export function threadData(snapshot: ThreadSnapshot, viewerId: string): ThreadData {
  const { thread, participants, stats } = snapshot;
  const viewer = participants.find((participant) => participant.user.id === viewerId);
  const seenAt = viewer?.lastSeenAt ?? null;
  const message = (record: MessageRecord | undefined) =>
    record ? messageData(record, thread, participants, viewerId) : null;
  return {
    id: thread.id,
    groupID: thread.groupId,
    total: stats.userMessages + stats.actionMessages,
    userMessages: stats.userMessages,
    actionMessages: stats.actionMessages,
    deletedMessages: stats.deletedMessages,
    resolved: thread.resolvedAt !== null,
    resolvedTimestamp: thread.resolvedAt,
    participants: participants.map(({ user, lastSeenAt }) => ({
      userID: user.id,
      displayName: userData(user).displayName,
      lastSeenTimestamp: lastSeenAt,
    })),
    subscribers: participants.filter((participant) => participant.subscribed).map(({ user }) => user.id),
    repliers: stats.repliers,
    mentioned: stats.mentioned,
    actionMessageRepliers: stats.actionMessageRepliers,
    typing: snapshot.typing.filter((userId) => userId !== viewerId),
    name: thread.name,
    url: thread.url,
    location: thread.location,
    metadata: thread.metadata,
    extraClassnames: thread.extraClassnames,
    unread: snapshot.liveMessages.filter(
      ({ authorId, createdAt }) => authorId !== viewerId && (seenAt === null || createdAt > seenAt),
    ).length,
    viewerIsThreadParticipant: viewer !== undefined,
    firstMessage: message(snapshot.first),
    lastMessage: message(snapshot.last),
  };
}

/** The users a thread's data refers to, for the browser to name them. */
export function usersOfThread(store: Store, snapshot: ThreadSnapshot): UserData[] {
  const ids = new Set([
    ...snapshot.participants.map(({ user }) => user.id),
    ...snapshot.typing,
    ...snapshot.stats.mentioned,
    ...[snapshot.first, snapshot.last].flatMap((message) => (message ? [message.authorId] : [])),
  ]);
  return store.users.profiles([...ids]).map(userData);
}

/** The users messages refer to, for the browser to name them: their authors and who reacted to them. */
export function usersOfMessages(store: Store, messages: readonly MessageRecord[]): UserData[] {
  const ids = new Set(
    messages.flatMap((message) => [message.authorId, ...message.reactions.map(({ userId }) => userId)]),
  );
  return store.users.profiles([...ids]).map(userData);
}
