import type { OutboxEntry } from '../../protocol/inspector.ts';
import type { NotificationData } from '../../protocol/views.ts';
import type { NotificationRecord, Store, ThreadRecord } from '../../store/store.ts';
import { userDataById } from '../views/userData.ts';
import { notificationEmail, sharedThreadEmail } from './emailContent.ts';

// Where Cord would have e-mailed someone about a notification, local Cord sends nothing and
// keeps the e-mail here for the inspector. Cord's rules: replies and resolves only (never
// reactions or REST notifications), to recipients with an e-mail address; sent 40 s later,
// and only if by then the recipient has not seen the message (a self-mention goes anyway),
// the message still exists, and the recipient is active. A thread shared by e-mail goes at
// once. A recipient whose preferences say sendViaEmail: false gets none: Cord decided that
// when the notification was made, so the e-mail is listed as skipped at once; so did a project
// whose e-mail settings say enableEmailNotifications: false (PUT /v1/projects/<id>). Slack: local
// Cord has no workspace connected, so nothing would go there. Kept in memory only.

/** Cord's delay before an e-mail goes out. */
export const EMAIL_DELAY_MS = 40_000;
const EMAIL_TURNED_OFF = 'The recipient turned e-mail notifications off (sendViaEmail: false).';
const PROJECT_EMAIL_OFF =
  "The project's e-mail settings turn e-mail notifications off (emailSettings.enableEmailNotifications: false).";
/** E-mails the inspector lists. */
const KEPT = 100;

/** The notifications Cord e-mails about. */
type EmailedNotification = Extract<NotificationRecord, { type: 'reply' | 'thread_action' }>;

export class Outbox {
  private readonly entries: OutboxEntry[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private nextId = 0;

  constructor(
    private readonly store: Store,
    /** The project whose e-mail settings say whether e-mails go at all. */
    private readonly projectId: string,
    private readonly delayMs = EMAIL_DELAY_MS,
    /** Hears of each new e-mail and each decision. */
    private readonly onChange: () => void = () => {},
  ) {}

  /** Records the e-mail Cord would send about a new notification, if it would send one. */
  record(notification: NotificationRecord, data: NotificationData, now = Date.now()) {
    if (notification.type !== 'reply' && notification.type !== 'thread_action') return;
    const recipient = this.store.users.profile(notification.recipientId);
    const thread = this.store.threads.get(notification.threadId);
    const message = this.store.messages.get(notification.messageId);
    if (!recipient?.email || !thread || !message) return;
    const entry: OutboxEntry = {
      id: `email-${++this.nextId}`,
      channel: 'email',
      to: `${userDataById(this.store, recipient.id).displayName} <${recipient.email}>`,
      ...notificationEmail(this.store, data, thread, message),
      createdAt: now,
      dueAt: now + this.delayMs,
      status: 'waiting',
      reason: null,
    };
    const turnedOff = !this.store.preferences.notificationChannels(recipient.id).sendViaEmail
      ? EMAIL_TURNED_OFF
      : this.store.projects.get(this.projectId)?.emailSettings.enableEmailNotifications === false
        ? PROJECT_EMAIL_OFF
        : undefined;
    if (turnedOff !== undefined) {
      this.keep({ ...entry, dueAt: now, status: 'skipped', reason: turnedOff });
      this.onChange();
      return;
    }
    this.keep(entry);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.decide(entry, notification);
    }, this.delayMs);
    this.timers.add(timer);
    this.onChange();
  }

  /**
   * Records the e-mail of a thread shared to an address ("Share via email"), which Cord sends
   * at once, whoever the address belongs to. False when the thread has no message to share.
   */
  recordShare(thread: ThreadRecord, senderId: string, email: string, now = Date.now()): boolean {
    const content = sharedThreadEmail(this.store, thread, senderId);
    if (!content) return false;
    this.keep({
      id: `email-${++this.nextId}`,
      channel: 'email',
      to: email,
      ...content,
      createdAt: now,
      dueAt: now,
      status: 'would send',
      reason: null,
    });
    return true;
  }

  private keep(entry: OutboxEntry) {
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, KEPT);
  }

  /** Newest first. */
  list(): OutboxEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  close() {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** When the e-mail is due: would Cord send it now? */
  private decide(entry: OutboxEntry, notification: EmailedNotification) {
    const reason = this.skipReason(notification);
    entry.status = reason === null ? 'would send' : 'skipped';
    entry.reason = reason;
    this.onChange();
  }

  private skipReason(notification: EmailedNotification): string | null {
    const message = this.store.messages.get(notification.messageId);
    if (!message || message.deletedAt !== null) return 'The message was deleted.';
    const recipient = this.store.users.record(notification.recipientId);
    if (recipient?.status !== 'active') return 'The recipient is not active.';
    const selfMention =
      notification.type === 'reply' &&
      notification.senderId === notification.recipientId &&
      notification.replyActions.includes('mention');
    const seenAt = this.store.participants.lastSeenAt(notification.threadId, notification.recipientId);
    if (!selfMention && seenAt !== null && seenAt >= message.createdAt) {
      return 'The recipient saw the message before the e-mail was due.';
    }
    return null;
  }
}
