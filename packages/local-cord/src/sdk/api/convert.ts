import type {
  ClientMessageData,
  ClientUserData,
  CoreNotificationData,
  ThreadSummary,
  ViewerUserData,
} from '@cord-sdk/types';
import { annotationAttachments } from '../../protocol/annotation.ts';
import type { MessageData, NotificationData, ThreadData, UserData, ViewerData } from '../../protocol/views.ts';

// From what local Cord sends (times as numbers) to Cord's own types (times as Dates).
// Each converted object is kept for the object it came from: data that did not change
// keeps its identity, so React and lit can tell what did.

const date = (at: number) => new Date(at);
const maybeDate = (at: number | null) => (at === null ? null : new Date(at));

function memo<A extends object, B>(convert: (from: A) => B): (from: A) => B {
  const done = new WeakMap<A, B>();
  return (from) => {
    let converted = done.get(from);
    if (converted === undefined) {
      converted = convert(from);
      done.set(from, converted);
    }
    return converted;
  };
}

export const toClientMessage = memo(
  ({ annotation, ...message }: MessageData): ClientMessageData => ({
    ...message,
    organizationID: message.groupID,
    createdTimestamp: date(message.createdTimestamp),
    updatedTimestamp: maybeDate(message.updatedTimestamp),
    deletedTimestamp: maybeDate(message.deletedTimestamp),
    reactions: message.reactions.map((reaction) => ({ ...reaction, timestamp: date(reaction.timestamp) })),
    attachments: [...message.attachments, ...annotationAttachments(annotation)],
  }),
);

export const toThreadSummary = memo(
  (thread: ThreadData): ThreadSummary => ({
    ...thread,
    organizationID: thread.groupID,
    resolvedTimestamp: maybeDate(thread.resolvedTimestamp),
    participants: thread.participants.map((participant) => ({
      ...participant,
      lastSeenTimestamp: maybeDate(participant.lastSeenTimestamp),
    })),
    firstMessage: thread.firstMessage && toClientMessage(thread.firstMessage),
    lastMessage: thread.lastMessage && toClientMessage(thread.lastMessage),
  }),
);

export const toClientUser = memo((user: UserData): ClientUserData => ({ ...user }));

export const toViewer = memo(
  (viewer: ViewerData): ViewerUserData => ({
    ...viewer,
    organizationID: viewer.groupID,
    isSlackConnected: false,
    organizationIsSlackConnected: false,
    groupIsSlackConnected: false,
  }),
);

export const toCoreNotification = memo((notification: NotificationData): CoreNotificationData => {
  const { destination: _, attachment, timestamp, ...core } = notification;
  return {
    ...core,
    timestamp: date(timestamp),
    attachment:
      attachment?.type === 'message'
        ? { ...attachment, message: toClientMessage(attachment.message) }
        : attachment?.type === 'thread'
          ? { ...attachment, thread: toThreadSummary(attachment.thread) }
          : attachment,
  };
});
