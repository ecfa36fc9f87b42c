import type { MessageData, NotificationData, ThreadData } from '../../protocol/views.ts';
import { isoTime } from './common.ts';

// Cord's REST shapes (CoreThreadData, CoreMessageData, CoreNotificationData) from the data browsers get: the
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
    attachments: [],
  };
}

export function restNotification(notification: NotificationData) {
  const { destination: _, attachment, ...core } = notification;
  return {
    ...core,
    timestamp: isoTime(notification.timestamp),
    attachment:
      attachment?.type === 'message'
        ? { ...attachment, message: restMessage(attachment.message) }
        : attachment?.type === 'thread'
          ? { ...attachment, thread: restThread(attachment.thread) }
          : attachment,
  };
}
