import type { MessageData, ThreadData } from '../../protocol/views.ts';
import { isoTime } from './common.ts';

// Cord's REST shapes (CoreThreadData, CoreMessageData) from the data browsers get: the
// same fields, times as ISO strings, without what depends on a viewer.

export function restThread(thread: ThreadData) {
  const { unread: _, viewerIsThreadParticipant: __, firstMessage: ___, lastMessage: ____, ...core } = thread;
  return {
    ...core,
    organizationID: thread.groupID,
    resolvedTimestamp: isoTime(thread.resolvedTimestamp),
    participants: thread.participants.map((participant) => ({
      ...participant,
      lastSeenTimestamp: isoTime(participant.lastSeenTimestamp),
    })),
  };
}

export function restMessage(message: MessageData) {
  const { seen: _, ...core } = message;
  return {
    ...core,
    organizationID: message.groupID,
    createdTimestamp: isoTime(message.createdTimestamp),
    updatedTimestamp: isoTime(message.updatedTimestamp),
    deletedTimestamp: isoTime(message.deletedTimestamp),
    reactions: message.reactions.map((reaction) => ({ ...reaction, timestamp: isoTime(reaction.timestamp) })),
    // Cord's REST API gives file ids in its external form.
    attachments: message.attachments.map((file) => ({ ...file, id: `cord:${file.id}` })),
  };
}
