// Who Cord notifies of what, against a real local Cord over real WebSockets: mentions,
// replies to subscribers, reactions, resolve and reopen, edits; what each notification
// says; the live list and count of a connected recipient; read, unread, delete.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationsPage } from '../src/protocol/answers.ts';
import type { MessageContent } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import type { NotificationFilter } from '../src/protocol/requests.ts';
import type { NotificationData } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  restCall,
  type SignedIn,
  signIn,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';

let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

type Inline = string | { type: 'mention'; user: { id: string }; children: [{ text: string }] };

const mention = (userId: string): Inline => ({
  type: 'mention',
  user: { id: userId },
  children: [{ text: `@${userId}` }],
});
const paragraph = (...parts: Inline[]) =>
  [{ type: 'p', children: parts.map((part) => (typeof part === 'string' ? { text: part } : part)) }] as MessageContent;

/** A user in a group (both made by the token), signed in. */
const join = (userId: string, groupId = 'hogwarts') => signIn(cord, memberToken(userId, groupId, `Name ${userId}`));

/** Sends a message, creating the thread (in the sender's group) if it is new. */
async function send(
  { client }: SignedIn,
  threadId: string,
  content: MessageContent,
  extra: { addSubscribers?: string[]; messageId?: string } = {},
) {
  const { message } = await client.ok<{ message: { id: string } }>({
    type: 'message.send',
    threadId,
    messageId: extra.messageId ?? randomUUID(),
    content,
    createThread: {
      name: `Thread ${threadId}`,
      url: `http://localhost:5173/${threadId}`,
      location: { page: threadId },
      addSubscribers: extra.addSubscribers,
    },
  });
  return message.id;
}

/** The user's notifications now (observed and let go again), newest first. */
async function notificationsOf({ client }: SignedIn, filter: NotificationFilter = {}): Promise<NotificationData[]> {
  const queryId = randomUUID();
  const page = await client.ok<NotificationsPage>({ type: 'notifications.observe', queryId, filter, count: 100 });
  await client.ok({ type: 'notifications.unobserve', queryId });
  return page.notifications;
}

/** The header as a sentence, users by id: "<minerva> mentioned you in **Thread t1**". */
function sentence(notification: NotificationData): string {
  return notification.header
    .map((node) => (node.type === 'user' ? `<${node.userID}>` : node.bold ? `**${node.text}**` : node.text))
    .join('');
}

describe('who gets a notification', () => {
  it('a mention notifies the mentioned member, also when it is the author; the others nothing', async () => {
    const [severus, minerva, hermione] = await Promise.all([join('severus'), join('minerva'), join('hermione')]);
    const messageId = await send(severus, 't1', paragraph('Hello ', mention('minerva'), ' and ', mention('severus')));

    const [forMinerva] = await notificationsOf(minerva);
    expect(forMinerva).toMatchObject({
      senderUserIDs: ['severus'],
      iconUrl: null,
      readStatus: 'unread',
      metadata: {},
      extraClassnames: null,
      headerTranslation: { key: 'cord.reply_mention', parameters: { threadName: 'Thread t1' } },
      attachment: { type: 'message', messageID: messageId, threadID: 't1', message: { id: messageId } },
      destination: { url: 'http://localhost:5173/t1', threadID: 't1', groupID: 'hogwarts', location: { page: 't1' } },
    });
    expect(sentence(forMinerva!)).toBe('<severus> mentioned you in **Thread t1**');
    expect(forMinerva!.headerTranslation?.parameters.senders).toEqual([
      expect.objectContaining({ id: 'severus', displayName: 'Name severus' }),
    ]);
    // Cord has no exception for mentioning yourself.
    expect((await notificationsOf(severus)).map(sentence)).toEqual(['<severus> mentioned you in **Thread t1**']);
    expect(await notificationsOf(hermione)).toEqual([]);
  });

  it('a mention carrying a file says so, as Cord says it', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    await send(severus, 't1', paragraph('First'));
    const fileId = randomUUID();
    await severus.client.ok({ type: 'file.create', fileId, name: 'plan.txt', mimeType: 'text/plain', size: 4 });
    await severus.client.ok({
      type: 'message.send',
      threadId: 't1',
      messageId: randomUUID(),
      content: paragraph('See ', mention('minerva')),
      addAttachments: [{ type: 'file', id: fileId }],
    });

    const [forMinerva] = await notificationsOf(minerva);
    expect(forMinerva?.headerTranslation?.key).toBe('cord.reply_mention_attachment');
    expect(sentence(forMinerva!)).toBe('<severus> mentioned you and sent you a file in **Thread t1**');
  });

  it('a reply notifies the thread subscribers but its author; a first message says it created the thread', async () => {
    const [severus, minerva, hermione] = await Promise.all([join('severus'), join('minerva'), join('hermione')]);
    await send(severus, 't1', paragraph('First'), { addSubscribers: ['hermione'] });
    expect((await notificationsOf(hermione)).map(sentence)).toEqual([
      '<severus> created a new thread named **Thread t1**',
    ]);
    expect((await notificationsOf(hermione))[0]?.headerTranslation?.key).toBe('cord.thread_create');

    await send(minerva, 't1', paragraph('A reply'));
    expect((await notificationsOf(severus)).map(sentence)).toEqual(['<minerva> replied on **Thread t1**']);
    expect((await notificationsOf(hermione)).map(sentence)).toEqual([
      '<minerva> replied on **Thread t1**',
      '<severus> created a new thread named **Thread t1**',
    ]);
    // Minerva wrote, so she follows the thread now; not told of her own message.
    expect(await notificationsOf(minerva)).toEqual([]);
    await send(severus, 't1', paragraph('Thanks'));
    expect((await notificationsOf(minerva)).map(sentence)).toEqual(['<severus> replied on **Thread t1**']);
  });

  it('an unsubscribed user gets no replies, but still mentions; a non-member is never notified', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    const outsider = await join('draco', 'slytherin');
    await send(minerva, 't1', paragraph('Mine'));
    await minerva.client.ok({ type: 'thread.setSubscribed', threadId: 't1', subscribed: false });
    await send(severus, 't1', paragraph('Reply'));
    expect(await notificationsOf(minerva)).toEqual([]);
    await send(severus, 't1', paragraph(mention('minerva'), ' look'));
    expect((await notificationsOf(minerva)).map(sentence)).toEqual(['<severus> mentioned you in **Thread t1**']);
    // A mention of someone outside the group is refused (test/mentionsOutsideGroup.test.ts): nothing to notify.
    await expect(send(severus, 't1', paragraph(mention('draco'), ' not here'))).rejects.toThrow(/not a member/);
    expect(await notificationsOf(outsider)).toEqual([]);
    expect(cord.store.notifications.forRecipient('draco')).toEqual([]);
  });

  it('an edit notifies only those it newly mentions', async () => {
    const [severus, minerva, hermione] = await Promise.all([join('severus'), join('minerva'), join('hermione')]);
    const messageId = await send(severus, 't1', paragraph(mention('minerva'), ' hi'));
    await severus.client.ok({
      type: 'message.update',
      messageId,
      content: paragraph(mention('minerva'), ' and ', mention('hermione'), ' hi'),
    });
    expect((await notificationsOf(minerva)).length).toBe(1);
    expect((await notificationsOf(hermione)).map(sentence)).toEqual(['<severus> mentioned you in **Thread t1**']);
    expect((await notificationsOf(hermione))[0]?.attachment).toMatchObject({
      message: { plaintext: '@minerva and @hermione hi' },
    });
  });

  it('reactions notify the author, as one notification per message, and go when taken back', async () => {
    const [severus, minerva, hermione, luna] = await Promise.all([
      join('severus'),
      join('minerva'),
      join('hermione'),
      join('luna'),
    ]);
    const messageId = await send(severus, 't1', paragraph('React to me'));
    const react = (who: SignedIn, emoji: string, on = true) =>
      who.client.ok({
        type: 'message.update',
        messageId,
        ...(on ? { addReactions: [emoji] } : { removeReactions: [emoji] }),
      });

    await react(severus, '🎉');
    expect(await notificationsOf(severus)).toEqual([]);
    await react(minerva, '👍');
    expect((await notificationsOf(severus)).map(sentence)).toEqual(['<minerva> reacted 👍 to your message']);
    await react(hermione, '🎉');
    const [two] = await notificationsOf(severus);
    expect(sentence(two!)).toBe('<hermione>** and **<minerva> reacted 🎉 to your message');
    expect(two).toMatchObject({
      senderUserIDs: ['hermione', 'minerva'],
      headerTranslation: { key: 'cord.reaction_double', parameters: { reaction: '🎉' } },
    });
    await react(luna, '❤️');
    const all = await notificationsOf(severus);
    expect(all.map(sentence)).toEqual(['<luna>** and 2 others** reacted ❤️ to your message']);
    expect(all[0]?.headerTranslation).toMatchObject({ key: 'cord.reaction_overflow', parameters: { count: 2 } });

    await react(luna, '❤️', false);
    expect((await notificationsOf(severus)).map(sentence)).toEqual([
      '<hermione>** and **<minerva> reacted 🎉 to your message',
    ]);
    // Reactions given with the message itself notify nobody.
    await minerva.client.ok({
      type: 'message.send',
      threadId: 't1',
      messageId: randomUUID(),
      content: paragraph('with a reaction'),
      addReactions: ['👀'],
    });
    expect((await notificationsOf(severus)).map(sentence)).toEqual([
      '<minerva> replied on **Thread t1**',
      '<hermione>** and **<minerva> reacted 🎉 to your message',
    ]);
  });

  it('resolving and reopening notify the other subscribers, with the thread attached; a reply reopens', async () => {
    const [severus, minerva, hermione] = await Promise.all([join('severus'), join('minerva'), join('hermione')]);
    await send(severus, 't1', paragraph('Question'));
    await send(minerva, 't1', paragraph('Answer'));
    await minerva.client.ok({ type: 'thread.update', threadId: 't1', resolved: true });
    const [resolved] = await notificationsOf(severus);
    expect(sentence(resolved!)).toBe('<minerva> resolved the thread **Thread t1**');
    expect(resolved).toMatchObject({
      headerTranslation: { key: 'cord.thread_resolve' },
      attachment: { type: 'thread', thread: { id: 't1', resolved: true } },
    });
    // Not the actor, and not who does not follow the thread.
    expect(await notificationsOf(minerva)).toEqual([]);
    expect(await notificationsOf(hermione)).toEqual([]);

    await send(severus, 't1', paragraph('One more thing'));
    expect((await notificationsOf(minerva)).map(sentence)).toEqual([
      '<severus> replied on **Thread t1**',
      '<severus> reopened the thread **Thread t1**',
    ]);
  });
});

describe('what a user is shown', () => {
  it('hides notifications about deleted messages and threads of groups the user is not in', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    const messageId = await send(severus, 't1', paragraph(mention('minerva')));
    await severus.client.ok({ type: 'message.update', messageId, deleted: true });
    expect(await notificationsOf(minerva)).toEqual([]);
    await severus.client.ok({ type: 'message.update', messageId, deleted: false });
    expect(await notificationsOf(minerva)).toHaveLength(1);
    cord.store.groups.removeMember('hogwarts', 'minerva');
    expect(await notificationsOf(minerva)).toEqual([]);
  });

  it('takes the notifications of a group away from a page at once when its user leaves the group', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    await minerva.client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });
    await send(severus, 't1', paragraph(mention('minerva')));
    expect(await minerva.client.next((event) => event.type === 'notificationCounts')).toMatchObject({ unread: 1 });
    await restCall(cord, 'POST', 'groups/hogwarts/members', { remove: ['minerva'] });
    expect(await minerva.client.next((event) => event.type === 'notificationCounts')).toMatchObject({ unread: 0 });
  });

  it('filters by group, location and metadata; a group the viewer is not in is refused', async () => {
    const severus = await join('severus');
    const minerva = await join('minerva');
    await signIn(cord, memberToken('minerva', 'order', 'Name minerva'));
    const inOrder = await signIn(cord, memberToken('severus', 'order', 'Name severus'));
    await send(severus, 'home', paragraph(mention('minerva')));
    await send(inOrder, 'order-home', paragraph(mention('minerva')));

    expect((await notificationsOf(minerva)).map((n) => n.destination.threadID)).toEqual(['order-home', 'home']);
    expect((await notificationsOf(minerva, { groupId: 'order' })).map((n) => n.destination.threadID)).toEqual([
      'order-home',
    ]);
    const at = (page: string, partialMatch: boolean) => ({ location: { value: { page }, partialMatch } });
    expect((await notificationsOf(minerva, at('home', false))).map((n) => n.destination.threadID)).toEqual(['home']);
    expect(await notificationsOf(minerva, { metadata: { any: 'thing' } })).toEqual([]);
    expect(await notificationsOf(minerva, { metadata: {} })).toHaveLength(2);
    const refused = await minerva.client.refused({
      type: 'notifications.observe',
      queryId: 'q',
      filter: { groupId: 'slytherin' },
      count: 10,
    });
    expect(refused).toEqual({ code: 'forbidden', message: 'User is not part of group slytherin.' });
  });

  it('pages newest first, and a page later pushes what changed in the pages loaded', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    for (let n = 0; n < 5; n++) await send(severus, `t${n}`, paragraph(mention('minerva'), ` ${n}`));
    const first = await minerva.client.ok<NotificationsPage>({
      type: 'notifications.observe',
      queryId: 'list',
      filter: {},
      count: 2,
    });
    expect(first.hasMore).toBe(true);
    expect(first.notifications.map((n) => n.destination.threadID)).toEqual(['t4', 't3']);
    const second = await minerva.client.ok<NotificationsPage>({
      type: 'notifications.more',
      queryId: 'list',
      count: 2,
    });
    expect(second.notifications.map((n) => n.destination.threadID)).toEqual(['t2', 't1']);
    expect(second.hasMore).toBe(true);

    await send(severus, 'new', paragraph(mention('minerva')));
    const pushed = await minerva.client.next<Extract<ServerEvent, { type: 'notifications' }>>(
      (event) => event.type === 'notifications',
    );
    expect(pushed.notifications.map((n) => n.destination.threadID)).toEqual(['new']);
    // The list now: the new one, then the four loaded; t0 is still on the next page.
    expect(pushed.order).toEqual([
      pushed.notifications[0]!.id,
      ...[...first.notifications, ...second.notifications].map((n) => n.id),
    ]);
    const last = await minerva.client.ok<NotificationsPage>({ type: 'notifications.more', queryId: 'list', count: 2 });
    expect(last).toMatchObject({ hasMore: false, notifications: [{ destination: { threadID: 't0' } }] });
  });
});

describe('live, read, unread and delete', () => {
  it("pushes a new notification and the unread count to the recipient's connections at once", async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    const otherTab = await join('minerva');
    for (const { client } of [minerva, otherTab]) {
      await client.ok({ type: 'notifications.observe', queryId: 'list', filter: {}, count: 10 });
      expect(await client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} })).toEqual({
        unread: 0,
      });
    }
    await severus.client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });

    await send(severus, 't1', paragraph(mention('minerva'), ' ping'));
    for (const { client } of [minerva, otherTab]) {
      const counted = await client.next((event) => event.type === 'notificationCounts');
      expect(counted).toEqual({ type: 'notificationCounts', queryId: 'count', unread: 1 });
      const listed = await client.next<Extract<ServerEvent, { type: 'notifications' }>>(
        (event) => event.type === 'notifications',
      );
      expect(listed.notifications.map(sentence)).toEqual(['<severus> mentioned you in **Thread t1**']);
    }
    // Nothing for the author, whose count did not change.
    expect(await severus.client.pending('notificationCounts')).toEqual([]);
  });

  it('marks one read and unread, all read, those about a message read, and deletes: for every tab', async () => {
    const [severus, minerva] = await Promise.all([join('severus'), join('minerva')]);
    const otherTab = await join('minerva');
    await otherTab.client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });
    const first = await send(severus, 't1', paragraph(mention('minerva'), ' one'));
    await send(severus, 't2', paragraph(mention('minerva'), ' two'));
    const count = async () =>
      (
        await otherTab.client.next<Extract<ServerEvent, { type: 'notificationCounts' }>>(
          (event) => event.type === 'notificationCounts',
        )
      ).unread;
    expect([await count(), await count()]).toEqual([1, 2]);
    const [newest, older] = await notificationsOf(minerva);

    await minerva.client.ok({ type: 'notification.setRead', notificationId: newest!.id, read: true });
    expect(await count()).toBe(1);
    expect((await notificationsOf(minerva)).map((n) => n.readStatus)).toEqual(['read', 'unread']);
    await minerva.client.ok({ type: 'notification.setRead', notificationId: newest!.id, read: false });
    expect(await count()).toBe(2);
    await minerva.client.ok({ type: 'notifications.markAllRead', filter: {} });
    expect(await count()).toBe(0);
    await minerva.client.ok({ type: 'notification.setRead', notificationId: older!.id, read: false });
    expect(await count()).toBe(1);
    // What @cord-sdk/react asks for every message it shows: unknown ids are fine.
    await minerva.client.ok({ type: 'notifications.markReadAbout', messageIds: [first, 'no-such-message'] });
    expect(await count()).toBe(0);

    await minerva.client.ok({ type: 'notification.delete', notificationId: older!.id });
    expect((await notificationsOf(minerva)).map((n) => n.id)).toEqual([newest!.id]);
    // Someone else's notification, or none at all, is not theirs to touch.
    for (const request of [
      { type: 'notification.delete' as const, notificationId: newest!.id },
      { type: 'notification.setRead' as const, notificationId: newest!.id, read: true },
      { type: 'notification.delete' as const, notificationId: 'cord:nothing' },
    ]) {
      expect(await severus.client.refused(request)).toEqual({ code: 'not_found', message: 'No such notification' });
    }
  });

  it("reads, unreads and deletes a message's reactions as one", async () => {
    const [severus, minerva, hermione] = await Promise.all([join('severus'), join('minerva'), join('hermione')]);
    const messageId = await send(severus, 't1', paragraph('React'));
    await minerva.client.ok({ type: 'message.update', messageId, addReactions: ['👍'] });
    await hermione.client.ok({ type: 'message.update', messageId, addReactions: ['👍'] });
    const [both] = await notificationsOf(severus);
    expect(cord.store.notifications.forRecipient('severus')).toHaveLength(2);
    await severus.client.ok({ type: 'notification.setRead', notificationId: both!.id, read: true });
    expect(cord.store.notifications.forRecipient('severus').map((row) => row.read)).toEqual([true, true]);
    await severus.client.ok({ type: 'notification.delete', notificationId: both!.id });
    expect(cord.store.notifications.forRecipient('severus')).toEqual([]);
  });
});
