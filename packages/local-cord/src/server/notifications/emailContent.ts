import type { NotificationData } from '../../protocol/views.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import { userDataById } from '../views/userData.ts';
import { headerText } from './headers.ts';

// What Cord's e-mails about a thread say, in plain text: a notification's (its header as the
// subject) and a thread shared by e-mail (up to its last message). Cord's wording lived in
// SendGrid templates that are not in its source; this follows their outline
// (thread-features.md 9.6): the subject, then up to three messages (the thread's first when
// there are three or more, the one before, the message the e-mail is about), how many are
// left out, and the link.

export interface EmailContent {
  subject: string;
  text: string;
  link: string;
}

/** A notification's e-mail: its header is the subject. */
export function notificationEmail(
  store: Store,
  notification: NotificationData,
  thread: ThreadRecord,
  message: MessageRecord,
): EmailContent {
  return emailContent(store, headerText(notification.header), thread, message);
}

/** A thread shared by e-mail, up to its last live message (Cord's "Share via email"); undefined while it has none. */
export function sharedThreadEmail(store: Store, thread: ThreadRecord, senderId: string): EmailContent | undefined {
  const last = store.messages.inThread(thread.id).findLast((shown) => shown.deletedAt === null);
  if (!last) return undefined;
  const sender = userDataById(store, senderId).displayName;
  return emailContent(store, `${sender} shared a thread with you: ${thread.name || 'a thread'}`, thread, last);
}

function emailContent(store: Store, subject: string, thread: ThreadRecord, message: MessageRecord): EmailContent {
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
