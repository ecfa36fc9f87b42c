// Cord's `CordSDK.notification` (the real SDK objects, run in Node through `ws`) against a
// real local Cord, with another user writing over a real WebSocket: the list and count a
// page observes, live; read, unread, all read, delete; Cord's errors.
import type { ClientNotificationData, CoreNotificationData } from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../src/protocol/content.ts';
import { CordSDK } from '../src/sdk/cordSDK.ts';
import { LiveData } from '../src/sdk/data/liveData.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  type SignedIn,
  sendBody,
  signIn,
  socketUrl,
  startThrowawayLocalCord,
  stopServer,
  WAIT_MS,
} from '../src/testing/index.ts';

let cord: LocalCord;
let restoreWebSocket: () => void;
let severus: SignedIn;
let sdk: CordSDK;
let live: LiveData;

beforeAll(() => {
  restoreWebSocket = installBrowserLikeWebSocket();
});
afterAll(() => restoreWebSocket());
beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  severus = await signIn(cord, memberToken('severus', 'hogwarts', 'Severus'));
  live = new LiveData(socketUrl(cord));
  sdk = new CordSDK(live);
  await sdk.init({ client_auth_token: memberToken('minerva', 'hogwarts', 'Minerva') });
  // Minerva exists once local Cord has signed her in.
  await vi.waitFor(() => expect(live.viewer?.id).toBe('minerva'), { timeout: WAIT_MS });
});
afterEach(async () => {
  sdk.destroy();
  vi.restoreAllMocks();
  await stopServer(cord);
});

const mentionMinerva = (text: string) =>
  [
    {
      type: 'p',
      children: [{ type: 'mention', user: { id: 'minerva' }, children: [{ text: '@Minerva' }] }, { text: ` ${text}` }],
    },
  ] as MessageContent;

/** Severus mentions Minerva in a thread of its own; resolves with the message id. */
let sent = 0;
async function mention(text: string, threadId = `t${++sent}`) {
  const messageId = `m${++sent}`;
  await severus.client.ok({ ...sendBody(threadId, messageId, text), content: mentionMinerva(text) });
  return messageId;
}

/** Every value a callback gets; `until` waits for one that passes. */
function recorder<T>() {
  const values: T[] = [];
  const waiters = new Set<() => void>();
  return {
    values,
    callback: (value: T) => {
      values.push(value);
      for (const wake of waiters) wake();
    },
    until(check: (value: T) => boolean, what = 'a matching callback'): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`)), WAIT_MS);
        const look = () => {
          const found = values.findLast(check);
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(found);
        };
        waiters.add(look);
        look();
      });
    },
  };
}

const plaintexts = (data: ClientNotificationData) =>
  data.notifications.map((n) => (n.attachment?.type === 'message' ? n.attachment.message.plaintext : n.id));

describe('observeNotifications', () => {
  it('calls back loading, then the page newest first, then each new notification at the top', async () => {
    await mention('first');
    await mention('second');
    const list = recorder<ClientNotificationData>();
    sdk.notification.observeNotifications(list.callback);
    expect(list.values[0]).toMatchObject({ notifications: [], loading: true });
    const loaded = await list.until((data) => !data.loading);
    expect(plaintexts(loaded)).toEqual(['@Minerva second', '@Minerva first']);
    const [newest] = loaded.notifications as [CoreNotificationData];
    expect(newest.timestamp).toBeInstanceOf(Date);
    expect(newest).toMatchObject({
      senderUserIDs: ['severus'],
      readStatus: 'unread',
      header: [{ type: 'user', userID: 'severus' }, { text: ' mentioned you in ' }, { text: 'Thread t3', bold: true }],
    });
    expect(newest).not.toHaveProperty('destination');
    if (newest.attachment?.type !== 'message') throw new Error('a message notification');
    expect(newest.attachment.message.createdTimestamp).toBeInstanceOf(Date);

    await mention('third');
    const live = await list.until((data) => data.notifications.length === 3);
    expect(plaintexts(live)).toEqual(['@Minerva third', '@Minerva second', '@Minerva first']);
    // Unchanged notifications keep their identity, so React can tell what changed.
    expect(live.notifications[1]).toBe(newest);
  });

  it('pages with fetchMore, ignoring calls made while loading', async () => {
    for (let n = 0; n < 13; n++) await mention(`n${n}`);
    const list = recorder<ClientNotificationData>();
    sdk.notification.observeNotifications(list.callback);
    const first = await list.until((data) => !data.loading);
    expect(first.notifications).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    await Promise.all([first.fetchMore(2), first.fetchMore(2)]);
    const second = await list.until((data) => data.notifications.length === 12 && !data.loading);
    expect(plaintexts(second).slice(-2)).toEqual(['@Minerva n2', '@Minerva n1']);
    await second.fetchMore(5);
    const all = await list.until((data) => data.notifications.length === 13 && !data.loading);
    expect(all.hasMore).toBe(false);
  });

  it('filters by group and metadata, and logs as Cord does for a group the viewer is not in', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await mention('here');
    const inGroup = recorder<ClientNotificationData>();
    sdk.notification.observeNotifications(inGroup.callback, { filter: { groupID: 'hogwarts' } });
    expect(plaintexts(await inGroup.until((data) => !data.loading))).toEqual(['@Minerva here']);
    const tagged = recorder<ClientNotificationData>();
    sdk.notification.observeNotifications(tagged.callback, { filter: { metadata: { tag: 'x' } } });
    expect((await tagged.until((data) => !data.loading)).notifications).toEqual([]);

    const counts = vi.fn();
    sdk.notification.observeNotificationCounts(counts, { filter: { groupID: 'slytherin' } });
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('User is not part of group slytherin.'));
    expect(counts).not.toHaveBeenCalled();
  });
});

describe('observeNotificationCounts and marking', () => {
  it('calls back the unread count once and then on every change: read, unread, all read, delete', async () => {
    const counts = recorder<{ unread: number }>();
    sdk.notification.observeNotificationCounts(counts.callback);
    await counts.until((summary) => summary.unread === 0, 'the first count');
    const first = await mention('one');
    await mention('two');
    await counts.until((summary) => summary.unread === 2);

    const list = recorder<ClientNotificationData>();
    sdk.notification.observeNotifications(list.callback);
    const [two, one] = (await list.until((data) => data.notifications.length === 2)).notifications as [
      CoreNotificationData,
      CoreNotificationData,
    ];
    await sdk.notification.markAsRead(two.id);
    await counts.until((summary) => summary.unread === 1);
    expect((await list.until((data) => data.notifications[0]?.readStatus === 'read')).notifications[0]?.id).toBe(
      two.id,
    );
    await sdk.notification.markAsUnread(two.id);
    await counts.until((summary) => summary.unread === 2);
    await sdk.notification.markAllAsRead({ filter: { messageID: first } });
    await counts.until((summary) => summary.unread === 1);
    await sdk.notification.markAllAsRead();
    await counts.until((summary) => summary.unread === 0);
    await expect(sdk.notification.delete(one.id)).resolves.toBe(true);
    await list.until((data) => data.notifications.length === 1);
    // Never the same number twice in a row.
    const told = counts.values.map((summary) => summary.unread);
    expect(told.filter((unread, i) => unread === told[i - 1])).toEqual([]);
  });

  it("refuses what Cord refuses, in Cord's words; marking a message's notifications never fails", async () => {
    await expect(sdk.notification.markAllAsRead({ filter: { messageID: 'm1', groupID: 'hogwarts' } })).rejects.toThrow(
      'Cannot combine messageID filter with others',
    );
    await expect(sdk.notification.delete('cord:nothing')).rejects.toThrow('No such notification');
    await expect(sdk.notification.markAsRead('cord:nothing')).rejects.toThrow('No such notification');
    await expect(sdk.notification.markAllAsRead({ filter: { messageID: 'no-such-message' } })).resolves.toBeUndefined();
  });

  it('sends the marks of one moment as one request, as a page of messages coming into view does', async () => {
    const ids = await Promise.all([mention('a'), mention('b'), mention('c')]);
    const counts = recorder<{ unread: number }>();
    sdk.notification.observeNotificationCounts(counts.callback);
    await counts.until((summary) => summary.unread === 3);
    const request = vi.spyOn(live, 'request');
    await Promise.all(ids.map((messageID) => sdk.notification.markAllAsRead({ filter: { messageID } })));
    await counts.until((summary) => summary.unread === 0);
    const marks = request.mock.calls.filter(([body]) => body.type === 'notifications.markReadAbout');
    expect(marks).toEqual([[{ type: 'notifications.markReadAbout', messageIds: ids }]]);
  });
});
