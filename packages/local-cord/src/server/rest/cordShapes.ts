import { displayName } from '../../protocol/userNames.ts';
import type { MessageRecord, ParticipantRecord, ThreadRecord } from '../../store/store.ts';
import { messageData, type ThreadSnapshot, threadData } from '../views/threadViews.ts';
import { isoTime } from './common.ts';

// Cord's REST shapes (CoreThreadData, CoreMessageData) from the data browsers get: the
// same fields, times as ISO strings, without what depends on a viewer. Nobody's view:
// the REST API speaks for the project, not for a user.

/** Cord's CoreThreadData, as GET /v1/threads/<id> answers. */
export function restThread(snapshot: ThreadSnapshot) {
  const {
    unread: _,
    viewerIsThreadParticipant: __,
    firstMessage: ___,
    lastMessage: ____,
    ...core
  } = threadData(snapshot, '');
  return {
    ...core,
    organizationID: core.groupID,
    // Every message, deleted ones too: the browsers' total leaves those out, Cord's REST total does not.
    total: core.total + core.deletedMessages,
    resolvedTimestamp: isoTime(core.resolvedTimestamp),
    participants: snapshot.participants.map(({ user, lastSeenAt }) => ({
      lastSeenTimestamp: isoTime(lastSeenAt),
      userID: user.id,
      // Cord names a participant only when the user has a name.
      displayName: user.name ? displayName(user) : null,
    })),
  };
}

/** A thread as GET /v1/threads lists it: no extraClassnames, participants without a name. */
export function restListedThread(snapshot: ThreadSnapshot) {
  const { extraClassnames: _, participants, ...thread } = restThread(snapshot);
  return { ...thread, participants: participants.map(({ displayName: __, ...participant }) => participant) };
}

/** Cord's CoreMessageData: a deleted message keeps its content and reactions here, unlike in browsers. */
export function restMessage(message: MessageRecord, thread: ThreadRecord, participants: readonly ParticipantRecord[]) {
  const { seen: _, ...core } = messageData(message, thread, participants, '');
  return {
    ...core,
    organizationID: core.groupID,
    content: message.content,
    plaintext: message.plaintext,
    createdTimestamp: isoTime(core.createdTimestamp),
    updatedTimestamp: isoTime(core.updatedTimestamp),
    deletedTimestamp: isoTime(core.deletedTimestamp),
    reactions: message.reactions.map(({ emoji, userId, createdAt }) => ({
      reaction: emoji,
      userID: userId,
      timestamp: isoTime(createdAt),
    })),
    attachments: [],
  };
}
