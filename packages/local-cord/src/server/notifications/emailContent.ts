import type { NotificationData } from '../../protocol/views.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import { userDataById } from '../views/userData.ts';
import { headerText } from './headers.ts';

// What Cord's notification e-mail says, in plain text. Cord's wording lived in a SendGrid
// template that is not in its source; this follows its outline (thread-features.md 9.6):
// the header as the subject, then up to three messages (the thread's first when there are
// three or more, the one before, the new one), how many are left out, and the link.

export interface EmailContent {
  subject: string;
  text: string;
  link: string;
}

export function emailContent(
  store: Store,
  notification: NotificationData,
  thread: ThreadRecord,
  message: MessageRecord,
): EmailContent {
  const subject = headerText(notification.header);
  const link = message.url ?? thread.url;
  const upToNow = store.messages
    .inThread(thread.id)
    .filter((shown) => shown.deletedAt === null && shown.createdAt <= message.createdAt);
  const current = upToNow.findIndex((shown) => shown.id === message.id);
  const previous = current > 0 ? [upToNow[current - 1]!] : [];
  const first = current >= 2 ? [upToNow[0]!] : [];
  const leftOut = Math.max(0, current - first.length - previous.length);
  const line = (shown: MessageRecord) => `${userDataById(store, shown.authorId).displayName}: ${shown.plaintext}`;
  const text = [
    subject,
    '',
    ...first.map(line),
    ...(leftOut > 0 ? [`(${leftOut} more)`] : []),
    ...previous.map(line),
    line(message),
    '',
    `Open ${thread.name || 'the thread'}: ${link}`,
  ].join('\n');
  return { subject, text, link };
}
