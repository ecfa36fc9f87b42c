import { annotationAttachments } from '../../protocol/annotation.ts';
import { displayName } from '../../protocol/userNames.ts';
import type { MessageData, NotificationData, ThreadData } from '../../protocol/views.ts';
import type { GroupRecord, MessageRecord, ParticipantRecord, ThreadRecord, UserRecord } from '../../store/store.ts';
import { messageData, type ThreadSnapshot, threadData } from '../views/threadViews.ts';
import { isoTime } from './common.ts';

// Cord's REST shapes, in one place. Threads, messages and notifications (CoreThreadData,
// CoreMessageData, CoreNotificationData) come from the data browsers get: the same fields,
// times as ISO strings, without what depends on a viewer (nobody's view: the REST API
// speaks for the project, not for a user). Users and groups come from their records.

/** Cord's CoreThreadData from the data a browser gets (a notification carries one). */
export function restThreadData(thread: ThreadData) {
  const { unread: _, viewerIsThreadParticipant: __, firstMessage: ___, lastMessage: ____, ...core } = thread;
  return {
    ...core,
    organizationID: core.groupID,
    resolvedTimestamp: isoTime(core.resolvedTimestamp),
    participants: core.participants.map((participant) => ({
      ...participant,
      lastSeenTimestamp: isoTime(participant.lastSeenTimestamp),
    })),
  };
}

/** Cord's CoreThreadData, as GET /v1/threads/<id> answers. */
export function restThread(snapshot: ThreadSnapshot) {
  const core = restThreadData(threadData(snapshot, ''));
  return {
    ...core,
    // Every message, deleted ones too: the browsers' total leaves those out, Cord's REST total does not.
    total: core.total + core.deletedMessages,
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

/** Cord's CoreMessageData from the data a browser gets (a notification carries one). */
export function restMessageData(message: MessageData) {
  const { seen: _, annotation, ...core } = message;
  return {
    ...core,
    organizationID: core.groupID,
    createdTimestamp: isoTime(core.createdTimestamp),
    updatedTimestamp: isoTime(core.updatedTimestamp),
    deletedTimestamp: isoTime(core.deletedTimestamp),
    reactions: core.reactions.map((reaction) => ({ ...reaction, timestamp: isoTime(reaction.timestamp) })),
    // Cord's REST API gives file ids in its external form.
    attachments: [
      ...core.attachments.map((file) => ({ ...file, id: `cord:${file.id}` })),
      ...annotationAttachments(annotation),
    ],
  };
}

/** Cord's CoreMessageData: a deleted message keeps its content and reactions here, unlike in browsers. */
export function restMessage(message: MessageRecord, thread: ThreadRecord, participants: readonly ParticipantRecord[]) {
  return {
    ...restMessageData(messageData(message, thread, participants, '')),
    content: message.content,
    plaintext: message.plaintext,
    reactions: message.reactions.map(({ emoji, userId, createdAt }) => ({
      reaction: emoji,
      userID: userId,
      timestamp: isoTime(createdAt),
    })),
  };
}

/** Cord's CoreNotificationData: what a browser gets, with ISO times and REST shapes inside. */
export function restNotification(notification: NotificationData) {
  const { destination: _, attachment, ...core } = notification;
  return {
    ...core,
    timestamp: isoTime(notification.timestamp),
    attachment:
      attachment?.type === 'message'
        ? { ...attachment, message: restMessageData(attachment.message) }
        : attachment?.type === 'thread'
          ? { ...attachment, thread: restThreadData(attachment.thread) }
          : attachment,
  };
}

/** Cord's ServerUserData, as GET /v1/users lists it. */
export function restListedUser(user: UserRecord) {
  return {
    id: user.id,
    name: user.name,
    shortName: user.shortName,
    short_name: user.shortName,
    email: user.email,
    profilePictureURL: user.profilePictureURL,
    profile_picture_url: user.profilePictureURL,
    first_name: null,
    last_name: null,
    status: user.status,
    metadata: user.metadata,
    createdTimestamp: isoTime(user.createdAt),
  };
}

/** Cord's ServerGetUser: the listed data and the user's groups. */
export function restUser(user: UserRecord) {
  return {
    ...restListedUser(user),
    groups: user.groupIds,
    organizations: user.groupIds,
    groupIDsWithLinkedSlackProfile: [],
  };
}

/** Cord's ServerListGroupMember: fewer fields than a user, and no snake_case twins. */
export function restGroupMember(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    status: user.status,
    name: user.name,
    shortName: user.shortName,
    profilePictureURL: user.profilePictureURL,
    metadata: user.metadata,
    createdTimestamp: isoTime(user.createdAt),
  };
}

/** Cord's ServerListGroup. */
export function restListedGroup(group: GroupRecord) {
  return { id: group.id, name: group.name, status: group.status, connectedToSlack: false, metadata: group.metadata };
}

/** Cord's ServerGetGroup: the listed data and the members' ids. */
export function restGroup(group: GroupRecord) {
  return { ...restListedGroup(group), members: group.memberIds };
}
