import type { NotificationData } from '../../protocol/views.ts';
import type { Store } from '../../store/store.ts';
import { headerOf } from '../notifications/headers.ts';
import type { ShownNotification } from '../notifications/visibleNotifications.ts';
import { messageData, threadData, threadSnapshot } from './threadViews.ts';
import { userDataById } from './userData.ts';

// Cord's CoreNotificationData of a notification as its recipient sees it: the same for the
// live API, the REST API and webhooks (which turn its times into ISO strings).

export function notificationData(store: Store, shown: ShownNotification, recipientId: string): NotificationData {
  const { newest } = shown;
  const thread = newest.type === 'url' ? undefined : store.threads.get(newest.threadId);
  const message = newest.type === 'url' ? undefined : store.messages.get(newest.messageId);
  const senderIds = [...new Set(shown.rows.flatMap((row) => (row.senderId === null ? [] : [row.senderId])))];
  const senders = senderIds.map((id) => userDataById(store, id));
  const { header, headerTranslation } = headerOf(newest, senders, userDataById(store, recipientId), thread?.name ?? '');
  const common = {
    id: newest.id,
    senderUserIDs: senderIds,
    iconUrl: newest.type === 'url' ? newest.iconUrl : null,
    header,
    headerTranslation,
    readStatus: newest.read ? ('read' as const) : ('unread' as const),
    timestamp: newest.createdAt,
    extraClassnames: newest.extraClassnames,
    metadata: newest.metadata,
  };
  if (newest.type === 'url' || !thread || !message) {
    const url = newest.type === 'url' ? newest.url : '';
    return {
      ...common,
      attachment: { type: 'url', url },
      destination: { url, threadID: null, groupID: null, location: null },
    };
  }
  const destination = { url: thread.url, threadID: thread.id, groupID: thread.groupId, location: thread.location };
  if (newest.type === 'thread_action') {
    const snapshot = threadSnapshot(store, thread, []);
    return { ...common, attachment: { type: 'thread', thread: threadData(snapshot, recipientId) }, destination };
  }
  const participants = store.participants.inThread(thread.id);
  return {
    ...common,
    attachment: {
      type: 'message',
      messageID: message.id,
      threadID: thread.id,
      message: messageData(message, thread, participants, recipientId),
    },
    destination,
  };
}
