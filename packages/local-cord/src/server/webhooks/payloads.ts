import type { NotificationReplyAction } from '@cord-sdk/types';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';
import type { ShownNotification } from '../notifications/visibleNotifications.ts';
import { restMessage, restNotification, restThread } from '../rest/cordShapes.ts';
import { notificationData } from '../views/notificationViews.ts';
import { userDataById } from '../views/userData.ts';

// The bodies of Cord's webhook events (@cord-sdk/types' WebhookPayloads), with Cord's
// deprecated flat fields beside the current ones.

/** Who a new message notified, and why (null for a resolve or reopen). */
export interface NotifiedUser {
  userId: string;
  replyActions: NotificationReplyAction[] | null;
}

export function threadMessageAdded(
  store: Store,
  hub: Hub,
  projectId: string,
  thread: ThreadRecord,
  message: MessageRecord,
  notified: readonly NotifiedUser[],
) {
  const author = userDataById(store, message.authorId);
  const participants = store.participants.inThread(thread.id);
  return {
    messageID: message.id,
    threadID: thread.id,
    orgID: thread.groupId,
    organizationID: thread.groupId,
    groupID: thread.groupId,
    applicationID: projectId,
    projectID: projectId,
    author,
    content: message.content,
    plaintext: message.plaintext,
    url: message.url ?? thread.url,
    messageType: message.type,
    metadata: message.metadata,
    message: { ...restMessage(message, thread, participants), author },
    // Nobody's view: a webhook speaks for the project, not for a user.
    thread: restThread(hub.snapshot(thread)),
    usersToNotify: notified.map(({ userId, replyActions }) => ({ ...userDataById(store, userId), replyActions })),
  };
}

/** The notification as its recipient sees it (a group of rows as a whole), and who that is. */
export function notificationCreated(store: Store, shown: ShownNotification) {
  const recipientId = shown.newest.recipientId;
  return { ...restNotification(notificationData(store, shown, recipientId)), recipientUserID: recipientId };
}

export const URL_VERIFICATION = { message: 'Please respond with a HTTP 200 status code.' };
