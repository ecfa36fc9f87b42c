// Cord's `CordSDK.thread`, method by method: the SDK's real objects (CordSDK over the one data
// layer) in node, signed in with real tokens, against a real local Cord. Each test has a group
// of its own, so what one writes no other test sees.
import type {
  ClientMessageData,
  ClientThreadData,
  MessageContent,
  SearchResultData,
  ThreadActivitySummary,
  ThreadSummary,
  ThreadsData,
} from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CordSDK } from '../src/sdk/cordSDK.ts';
import type { LocalCord } from '../src/server/index.ts';
import { installBrowserLikeWebSocket, startThrowawayLocalCord, stopServer, tokenFor } from '../src/testing/index.ts';
import { recorder } from './support/recorder.ts';
import { closeSdkPages, openSdkPage, threadWhere } from './support/sdkPages.ts';

let cord: LocalCord;
let restoreWebSocket: () => void;
let group: string;
let groupCount = 0;

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
});
beforeEach(() => {
  group = `thread-api-${++groupCount}`;
});
afterEach(closeSdkPages);
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

/** A page of a member of this test's group (or another). */
const page = async (userId: string, groupId = group) => (await openSdkPage(cord, userId, groupId)).sdk;

const text = (value: string) => [{ type: 'p', children: [{ text: value }] }] as MessageContent;
const mention = (userId: string) =>
  [
    { type: 'p', children: [{ type: 'mention', user: { id: userId }, children: [{ text: `@${userId}` }] }] },
  ] as MessageContent;

/** Starts a thread with a first message, as an app does with sendMessage's createThread. */
async function startThread(sdk: CordSDK, id: string, extra: { location?: object; metadata?: object } = {}) {
  await sdk.thread.sendMessage(id, {
    id: `${id}-m1`,
    content: text(`first of ${id}`),
    createThread: {
      name: `Thread ${id}`,
      url: 'http://localhost/',
      location: { page: 'home' },
      ...extra,
    } as Parameters<CordSDK['thread']['createThread']>[0],
  });
}

/** Lets time move on a millisecond, so threads made one after another sort in that order. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

const ids = (threads: ThreadSummary[]) => threads.map((thread) => thread.id);

/** The thread ids of the first loaded delivery of observeThreads with these options. */
async function listed(sdk: CordSDK, options: Parameters<CordSDK['thread']['observeThreads']>[1]) {
  const seen = recorder<ThreadsData>();
  const ref = sdk.thread.observeThreads(seen.callback, options);
  const data = await seen.until((value) => !value.loading, 'a loaded list');
  sdk.thread.unobserveThreads(ref);
  return ids(data.threads);
}

describe('observeThreads', () => {
  it('filters by location (exact or partial), metadata, resolved status and viewer involvement', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    await startThread(bob, `${group}-a1`, { location: { page: 'a', section: 1 }, metadata: { priority: 'high' } });
    await startThread(bob, `${group}-a2`, { location: { page: 'a', section: 2 }, metadata: { priority: 'low' } });
    await startThread(bob, `${group}-b`, { location: { page: 'b' } });
    await bob.thread.updateThread(`${group}-a2`, { resolved: true });
    // A mention subscribes the user mentioned (as in Cord); ada leaves that thread again.
    await bob.thread.sendMessage(`${group}-b`, { content: mention('ada') });
    await ada.thread.setSubscribed(`${group}-b`, false);
    await ada.thread.setSubscribed(`${group}-a1`, true);

    const sorted = (list: string[]) => [...list].sort();
    expect(await listed(ada, { filter: { location: { page: 'a' } } })).toEqual([]);
    expect(await listed(ada, { filter: { location: { page: 'a', section: 1 } } })).toEqual([`${group}-a1`]);
    expect(sorted(await listed(ada, { filter: { location: { value: { page: 'a' }, partialMatch: true } } }))).toEqual([
      `${group}-a1`,
      `${group}-a2`,
    ]);
    expect(await listed(ada, { filter: { metadata: { priority: 'high' } } })).toEqual([`${group}-a1`]);
    expect(await listed(ada, { filter: { resolvedStatus: 'resolved' } })).toEqual([`${group}-a2`]);
    expect(sorted(await listed(ada, { filter: { resolvedStatus: 'unresolved' } }))).toEqual([
      `${group}-a1`,
      `${group}-b`,
    ]);
    expect(await listed(ada, { filter: { resolvedStatus: 'any' } })).toHaveLength(3);
    expect(await listed(ada, {})).toHaveLength(3);
    expect(await listed(ada, { filter: { viewer: 'subscribed' } })).toEqual([`${group}-a1`]);
    expect(await listed(ada, { filter: { viewer: 'mentioned' } })).toEqual([`${group}-b`]);
    expect(sorted(await listed(ada, { filter: { viewer: ['mentioned', 'subscribed'] } }))).toEqual([
      `${group}-a1`,
      `${group}-b`,
    ]);
    expect(
      await listed(ada, {
        filter: { location: { value: { page: 'a' }, partialMatch: true }, resolvedStatus: 'unresolved' },
      }),
    ).toEqual([`${group}-a1`]);
  });

  it('filters by group for a user signed in without one, and reaches only groups the viewer is in', async () => {
    const other = `${group}-other`;
    await startThread(await page('ada'), `${group}-mine`);
    await startThread(await page('ada', other), `${group}-theirs`);
    await startThread(await page('bob', `${group}-bobs`), `${group}-bobs`);
    closeSdkPages();
    // A token without a group: Cord's "all my groups" viewer.
    const { sdk: ada, live } = await openSdkPage(cord, 'ada', group);
    ada.destroy();
    await ada.init({ client_auth_token: tokenFor({ user_id: 'ada' }) });
    await new Promise<void>((resolve) => {
      const stop = live.onViewer(() => {
        if (live.viewer) {
          stop();
          resolve();
        }
      });
    });
    const everywhere = await listed(ada, {});
    expect(everywhere).toContain(`${group}-mine`);
    expect(everywhere).toContain(`${group}-theirs`);
    expect(everywhere).not.toContain(`${group}-bobs`);
    expect(await listed(ada, { filter: { groupID: other } })).toEqual([`${group}-theirs`]);
  });

  it('sorts by first or most recent message, either way', async () => {
    const ada = await page('ada');
    for (const n of [1, 2, 3]) {
      await startThread(ada, `${group}-t${n}`);
      await tick();
    }
    await ada.thread.sendMessage(`${group}-t1`, { content: text('the latest word') });
    const t = (...n: number[]) => n.map((each) => `${group}-t${each}`);

    expect(await listed(ada, {})).toEqual(t(3, 2, 1));
    expect(await listed(ada, { sortBy: 'first_message_timestamp', sortDirection: 'ascending' })).toEqual(t(1, 2, 3));
    expect(await listed(ada, { sortBy: 'most_recent_message_timestamp' })).toEqual(t(1, 3, 2));
    expect(await listed(ada, { sortBy: 'most_recent_message_timestamp', sortDirection: 'ascending' })).toEqual(
      t(2, 3, 1),
    );
  });

  it('pages with fetchMore, saying loading while a page comes and hasMore until the last', async () => {
    const ada = await page('ada');
    for (let n = 0; n < 25; n++) await startThread(ada, `${group}-p${n}`);
    const seen = recorder<ThreadsData>();
    ada.thread.observeThreads(seen.callback, { initialFetchCount: 10 });
    expect(seen.deliveries[0]).toMatchObject({ threads: [], loading: true });
    // The counts are a query of their own, as in Cord: they may come a moment later.
    const first = await seen.until((data) => !data.loading && data.counts !== undefined, 'the first page');
    expect(first.threads).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    expect(first.counts?.total).toBe(25);

    const before = seen.deliveries.length;
    await first.fetchMore(10);
    expect(seen.since(before).some((data) => data.loading)).toBe(true);
    const second = await seen.until((data) => !data.loading && data.threads.length === 20, 'twenty threads');
    expect(second.hasMore).toBe(true);
    expect(ids(second.threads).slice(0, 10)).toEqual(ids(first.threads));

    await second.fetchMore(10);
    const last = await seen.until((data) => !data.loading && data.threads.length === 25, 'all threads');
    expect(last.hasMore).toBe(false);
    expect(new Set(ids(last.threads)).size).toBe(25);
  });

  it("refuses a resolved status Cord does not know, with Cord's text", async () => {
    const ada = await page('ada');
    expect(() => ada.thread.observeThreads(() => {}, { filter: { resolvedStatus: 'closed' as 'resolved' } })).toThrow(
      new Error('Invalid resolved status type closed'),
    );
  });
});

describe('observeThreadCounts', () => {
  it("counts a filter's threads and follows what others write and what the viewer reads", async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    await startThread(bob, `${group}-c1`, { location: { page: 'counted' } });
    await startThread(bob, `${group}-c2`, { location: { page: 'counted' } });
    await startThread(bob, `${group}-elsewhere`, { location: { page: 'elsewhere' } });
    await bob.thread.updateThread(`${group}-c2`, { resolved: true });

    const counts = recorder<ThreadActivitySummary>();
    ada.thread.observeThreadCounts(counts.callback, { filter: { location: { page: 'counted' } } });
    const first = await counts.until(() => true, 'the counts');
    // Unread and new leave resolved threads out, as Cord's counts do.
    expect(first).toEqual({ total: 2, unread: 1, unreadSubscribed: 0, new: 1, resolved: 1, empty: 0 });

    await ada.thread.setSeen(`${group}-c1`, true);
    await counts.until((value) => value.unread === 0 && value.new === 0, 'c1 read');
    await ada.thread.setSubscribed(`${group}-c1`, true);
    await bob.thread.sendMessage(`${group}-c1`, { content: text('news') });
    const replied = await counts.until((value) => value.unreadSubscribed === 1, 'a reply to a subscriber');
    expect(replied).toMatchObject({ unread: 1, new: 0 });
    await bob.thread.updateThread(`${group}-c2`, { resolved: false });
    await counts.until((value) => value.resolved === 0 && value.unread === 2, 'c2 reopened');
  });
});

describe('observeThread', () => {
  it('gives the newest messages first page by page, oldest first in the list, with fetchMore', async () => {
    const ada = await page('ada');
    const threadId = `${group}-long`;
    await startThread(ada, threadId);
    for (let n = 2; n <= 12; n++)
      await ada.thread.sendMessage(threadId, { id: `${threadId}-m${n}`, content: text(`${n}`) });

    const seen = recorder<ClientThreadData>();
    ada.thread.observeThread(threadId, seen.callback, { initialFetchCount: 5 });
    expect(seen.deliveries[0]).toMatchObject({ thread: undefined, messages: [], loading: true });
    const first = await seen.until((data) => !data.loading, 'the thread');
    expect(first.thread).toMatchObject({ id: threadId, total: 12, name: `Thread ${threadId}` });
    expect(first.messages.map((m) => m.id)).toEqual([8, 9, 10, 11, 12].map((n) => `${threadId}-m${n}`));
    expect(first.hasMore).toBe(true);

    first.fetchMore(4);
    const more = await seen.until((data) => !data.loading && data.messages.length === 9, 'four more');
    expect(more.messages[0]!.id).toBe(`${threadId}-m4`);
    more.fetchMore(100);
    const all = await seen.until((data) => !data.loading && data.messages.length === 12, 'all');
    expect(all.hasMore).toBe(false);
    expect(all.messages[0]!.id).toBe(`${threadId}-m1`);
  });

  it('answers null for a thread that does not exist yet, then shows it once someone starts it', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const threadId = `${group}-later`;
    const seen = recorder<ClientThreadData>();
    ada.thread.observeThread(threadId, seen.callback);
    const none = await seen.until((data) => !data.loading, 'the answer');
    expect(none).toMatchObject({ thread: null, messages: [], hasMore: false });
    await startThread(bob, threadId);
    const started = await seen.until((data) => data.thread?.id === threadId, 'the new thread');
    expect(started.messages.map((m) => m.authorID)).toEqual(['bob']);
  });

  it("refuses an initialFetchCount that is not positive, and shows nothing of another group's thread", async () => {
    const ada = await page('ada');
    expect(() => ada.thread.observeThread('x', () => {}, { initialFetchCount: 0 })).toThrow(
      new Error('initialFetchCount must be a positive number'),
    );
    const outsider = await page('eve', `${group}-outside`);
    await startThread(outsider, `${group}-hidden`);
    const seen = recorder<ClientThreadData>();
    ada.thread.observeThread(`${group}-hidden`, seen.callback);
    const answer = await seen.until((data) => !data.loading, 'the answer');
    expect(answer.thread ?? null).toBeNull();
    expect(answer.messages).toEqual([]);
  });
});

describe('observeMessage', () => {
  it('follows one message through edits and deletion, and answers null for an unknown id', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    await startThread(bob, `${group}-t`);
    const messageId = `${group}-t-m1`;
    const seen = recorder<ClientMessageData | null | undefined>();
    ada.thread.observeMessage(messageId, seen.callback);
    await seen.until((message) => message?.id === messageId, 'the message');
    await bob.thread.updateMessage(messageId, { content: text('edited') });
    const edited = await seen.until((message) => message?.plaintext === 'edited', 'the edit');
    expect(edited?.updatedTimestamp).toBeInstanceOf(Date);
    await bob.thread.updateMessage(messageId, { deleted: true });
    await seen.until((message) => message?.deletedTimestamp instanceof Date, 'the deletion');

    const unknown = recorder<unknown>();
    ada.thread.observeMessage(`${group}-nobody`, unknown.callback);
    expect(await unknown.until(() => true, 'an answer')).toBeNull();
  });
});

describe('the deprecated aliases', () => {
  it('observeLocationData lists unresolved threads at a location (resolved too when asked)', async () => {
    const ada = await page('ada');
    await startThread(ada, `${group}-open`, { location: { page: 'old', part: 1 } });
    await startThread(ada, `${group}-done`, { location: { page: 'old', part: 2 } });
    await ada.thread.updateThread(`${group}-done`, { resolved: true });

    const exact = recorder<Parameters<Parameters<CordSDK['thread']['observeLocationData']>[1]>[0]>();
    ada.thread.observeLocationData({ page: 'old', part: 1 }, exact.callback);
    expect(ids((await exact.until((data) => !data.loading, 'the list')).threads)).toEqual([`${group}-open`]);

    const partial = recorder<Parameters<Parameters<CordSDK['thread']['observeLocationData']>[1]>[0]>();
    ada.thread.observeLocationData({ page: 'old' }, partial.callback, { partialMatch: true, includeResolved: true });
    const both = await partial.until((data) => !data.loading, 'the list');
    expect(ids(both.threads).sort()).toEqual([`${group}-done`, `${group}-open`]);
    expect(both).not.toHaveProperty('counts');
  });

  it('observeLocationSummary counts every thread at a location, resolved ones too', async () => {
    const ada = await page('ada');
    await startThread(ada, `${group}-s1`, { location: { page: 'summary', part: 1 } });
    await startThread(ada, `${group}-s2`, { location: { page: 'summary', part: 2 } });
    await ada.thread.updateThread(`${group}-s2`, { resolved: true });
    const counts = recorder<ThreadActivitySummary>();
    ada.thread.observeLocationSummary({ page: 'summary' }, counts.callback, { partialMatch: true });
    expect(await counts.until(() => true, 'counts')).toMatchObject({ total: 2, resolved: 1 });
    const exact = recorder<ThreadActivitySummary>();
    ada.activity.observeThreadSummary({ page: 'summary', part: 2 }, exact.callback);
    expect(await exact.until(() => true, 'counts')).toMatchObject({ total: 1, resolved: 1 });
  });

  it("observeThreadSummary gives the thread's summary and observeThreadData its messages and first message", async () => {
    const ada = await page('ada');
    const threadId = `${group}-old-style`;
    await startThread(ada, threadId);
    await ada.thread.sendMessage(threadId, { content: text('second') });
    const summaries = recorder<ThreadSummary>();
    const ref = ada.thread.observeThreadSummary(threadId, summaries.callback);
    expect(await summaries.until(() => true, 'the summary')).toMatchObject({ id: threadId, total: 2 });
    expect(ada.thread.unobserveThreadSummary(ref)).toBe(true);
    expect(ada.thread.unobserveThreadSummary(ref)).toBe(false);

    const data = recorder<Parameters<Parameters<CordSDK['thread']['observeThreadData']>[1]>[0]>();
    ada.thread.observeThreadData(threadId, data.callback);
    const loaded = await data.until((value) => !value.loading, 'the messages');
    expect(loaded.messages.map((m) => m.plaintext)).toEqual([`first of ${threadId}`, 'second']);
    expect(loaded.firstMessage?.id).toBe(`${threadId}-m1`);
  });
});

describe('createThread and updateThread', () => {
  it("creates an empty thread with Cord's fields, and refuses one that exists or has no data", async () => {
    const ada = await page('ada');
    const threadId = `${group}-empty`;
    await expect(
      ada.thread.createThread({
        id: threadId,
        name: 'Empty',
        url: 'http://localhost/empty',
        location: { page: 'empty' },
        metadata: { kind: 'question' },
        extraClassnames: 'plain',
        addSubscribers: ['ada'],
      }),
    ).resolves.toBe(true);
    const thread = (await threadWhere(ada, threadId, (data) => Boolean(data.thread))).thread!;
    expect(thread).toMatchObject({
      id: threadId,
      groupID: group,
      name: 'Empty',
      url: 'http://localhost/empty',
      location: { page: 'empty' },
      metadata: { kind: 'question' },
      extraClassnames: 'plain',
      subscribers: ['ada'],
      total: 0,
      resolved: false,
    });
    await expect(
      ada.thread.createThread({ id: threadId, name: 'Again', url: 'http://localhost/', location: { page: 'x' } }),
    ).rejects.toThrow('Thread already exists.');
    await expect(ada.thread.createThread(undefined as never)).rejects.toThrow('Missing thread data');
  });

  it('changes name, url, metadata, classes and resolved, and shows typing, as the other member sees it', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const threadId = `${group}-updated`;
    await startThread(ada, threadId);
    const seen = recorder<ClientThreadData>();
    bob.thread.observeThread(threadId, seen.callback);
    await seen.until((data) => Boolean(data.thread), 'the thread');

    await ada.thread.updateThread(threadId, {
      name: 'Renamed',
      url: 'http://localhost/renamed',
      metadata: { step: 2 },
      extraClassnames: 'loud',
    });
    const renamed = await seen.until((data) => data.thread?.name === 'Renamed', 'the new name');
    expect(renamed.thread).toMatchObject({
      url: 'http://localhost/renamed',
      metadata: { step: 2 },
      extraClassnames: 'loud',
    });

    await ada.thread.updateThread(threadId, { resolved: true });
    const resolved = await seen.until((data) => data.thread?.resolved === true, 'resolved');
    expect(resolved.thread?.resolvedTimestamp).toBeInstanceOf(Date);
    await ada.thread.updateThread(threadId, { resolved: false });
    const reopened = await seen.until((data) => data.thread?.resolved === false, 'reopened');
    expect(reopened.thread?.resolvedTimestamp).toBeNull();

    await ada.thread.updateThread(threadId, { typing: true });
    await seen.until((data) => data.thread?.typing.includes('ada') === true, 'ada typing');
  });

  it("refuses a thread that does not exist or is another group's, alike, with Cord's text", async () => {
    const ada = await page('ada');
    await startThread(await page('eve', `${group}-outside`), `${group}-theirs`);
    await expect(ada.thread.updateThread(`${group}-none`, { name: 'x' })).rejects.toThrow('Thread not found.');
    await expect(ada.thread.updateThread(`${group}-theirs`, { name: 'x' })).rejects.toThrow('Thread not found.');
    await expect(ada.thread.updateThread(`${group}-theirs`, { typing: true })).rejects.toThrow('Thread not found.');
  });
});

describe('sendMessage', () => {
  it("writes content, metadata and classes, makes the thread with createThread's fields, and refuses without it", async () => {
    const ada = await page('ada');
    const threadId = `${group}-sent`;
    await expect(
      ada.thread.sendMessage(threadId, {
        id: `${threadId}-hello`,
        content: text('hello'),
        metadata: { mood: 'cheerful' },
        extraClassnames: 'greeting',
        createThread: { name: 'Hellos', url: 'http://localhost/hi', location: { page: 'hi' }, metadata: { a: 1 } },
      }),
    ).resolves.toBe(true);
    const data = await threadWhere(ada, threadId, (value) => value.messages.length === 1);
    expect(data.thread).toMatchObject({ name: 'Hellos', url: 'http://localhost/hi', location: { page: 'hi' } });
    expect(data.thread?.metadata).toEqual({ a: 1 });
    expect(data.messages[0]).toMatchObject({
      id: `${threadId}-hello`,
      authorID: 'ada',
      content: text('hello'),
      plaintext: 'hello',
      metadata: { mood: 'cheerful' },
      extraClassnames: 'greeting',
    });
    await expect(ada.thread.sendMessage(`${group}-nowhere`, { content: text('lost') })).rejects.toThrow(
      `Could not find thread with ID ${group}-nowhere`,
    );
    await expect(ada.thread.sendMessage(threadId, { id: `${threadId}-hello`, content: text('again') })).resolves.toBe(
      true,
    );
    const bob = await page('bob');
    await expect(bob.thread.sendMessage(threadId, { id: `${threadId}-hello`, content: text('mine') })).rejects.toThrow(
      `Message with id: ${threadId}-hello already exists.`,
    );
  });
});

describe('updateMessage', () => {
  it('edits content and metadata, deletes and restores, and adds and removes reactions', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const threadId = `${group}-edited`;
    const messageId = `${threadId}-m1`;
    await startThread(ada, threadId);
    const seen = recorder<ClientThreadData>();
    bob.thread.observeThread(threadId, seen.callback);

    await ada.thread.updateMessage(messageId, { content: text('better'), metadata: { edits: 1 } });
    const edited = (await seen.until((data) => data.messages[0]?.plaintext === 'better', 'the edit')).messages[0]!;
    expect(edited.metadata).toEqual({ edits: 1 });
    expect(edited.updatedTimestamp).toBeInstanceOf(Date);

    await bob.thread.updateMessage(messageId, { addReactions: ['👍', '🎉'] });
    await ada.thread.updateMessage(messageId, { addReactions: ['👍'] });
    const reacted = await seen.until((data) => data.messages[0]?.reactions.length === 3, 'three reactions');
    expect(reacted.messages[0]!.reactions.map(({ reaction, userID }) => `${userID}:${reaction}`).sort()).toEqual(
      ['ada:👍', 'bob:🎉', 'bob:👍'].sort(),
    );
    await bob.thread.updateMessage(messageId, { removeReactions: ['🎉'] });
    await seen.until((data) => data.messages[0]?.reactions.length === 2, 'one removed');

    // The deprecated form names the thread too.
    await ada.thread.updateMessage(threadId, messageId, { deleted: true });
    await seen.until((data) => data.messages[0]?.deletedTimestamp instanceof Date, 'deleted');
    await ada.thread.updateMessage(messageId, { deleted: false });
    await seen.until((data) => data.messages[0]?.deletedTimestamp === null, 'restored');
  });

  it("refuses what Cord refuses, with Cord's texts", async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const threadId = `${group}-guarded`;
    await startThread(ada, threadId);
    await expect(bob.thread.updateMessage(`${threadId}-m1`, { content: text('mine now') })).rejects.toThrow(
      'This user cannot edit this message.',
    );
    await expect(ada.thread.updateMessage(`${group}-none`, { content: text('x') })).rejects.toThrow(
      'Message not found.',
    );
    await expect(
      ada.thread.updateMessage(`${threadId}-m1`, { addReactions: ['a'], removeReactions: ['a'] }),
    ).rejects.toThrow('Adding and removing the same reaction is invalid.');
    await expect(ada.thread.updateMessage(`${threadId}-m1`, undefined as never)).rejects.toThrow(
      'Invalid arguments, need a message ID and data',
    );
  });
});

describe('setSeen and setSubscribed', () => {
  it('shows who has seen each message as participants look, older messages untouched by a later look', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const cat = await page('cat');
    const threadId = `${group}-looks`;
    await startThread(ada, threadId);
    await ada.thread.sendMessage(threadId, { id: `${threadId}-m2`, content: text('second') });
    const seen = recorder<ClientThreadData>();
    bob.thread.observeThread(threadId, seen.callback);
    const first = await seen.until((data) => data.messages.length === 2, 'both messages');
    expect(first.messages.map((m) => [m.seen, m.seenBy])).toEqual([
      [false, ['ada']],
      [false, ['ada']],
    ]);
    await bob.thread.setSeen(threadId, true);
    const looked = await seen.until(
      (data) => data.messages.length === 2 && data.messages.every((m) => m.seen),
      'bob has seen both',
    );
    expect(looked.messages.map((m) => m.seenBy)).toEqual([
      ['ada', 'bob'],
      ['ada', 'bob'],
    ]);
    await cat.thread.setSeen(threadId, true);
    await seen.until(
      (data) => data.messages.length === 2 && data.messages.every((m) => m.seenBy.includes('cat')),
      'cat has seen both',
    );
    await ada.thread.sendMessage(threadId, { id: `${threadId}-m3`, content: text('third') });
    const third = await seen.until((data) => data.messages.length === 3, 'the third');
    expect(third.messages.map((m) => m.seen)).toEqual([true, true, false]);
    expect(third.messages[2]!.seenBy).toEqual(['ada']);
    await bob.thread.setSeen(threadId, false);
    const unseen = await seen.until(
      (data) => data.messages.length === 3 && data.messages.every((m) => !m.seen),
      'bob unseen again',
    );
    expect(unseen.messages.map((m) => m.seenBy.includes('bob'))).toEqual([false, false, false]);
  });

  it('marks a thread, or every thread a filter matches, seen and unseen', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    for (const n of [1, 2, 3])
      await startThread(bob, `${group}-u${n}`, { location: { page: n < 3 ? 'inbox' : 'other' } });
    const counts = recorder<ThreadActivitySummary>();
    ada.thread.observeThreadCounts(counts.callback);
    await counts.until((value) => value.unread === 3, 'three unread');

    await ada.thread.setSeen(`${group}-u1`, true);
    await counts.until((value) => value.unread === 2, 'one seen');
    await ada.thread.setSeen({ location: { page: 'inbox' } }, true);
    await counts.until((value) => value.unread === 1, 'the inbox seen');
    await ada.thread.setSeen({}, true);
    await counts.until((value) => value.unread === 0, 'all seen');
    await ada.thread.setSeen(`${group}-u2`, false);
    await counts.until((value) => value.unread === 1, 'one unseen again');
    // Cord marks whatever threads match, none here, and says so by succeeding.
    await expect(ada.thread.setSeen(`${group}-none`, true)).resolves.toBe(true);
  });

  it("subscribes and unsubscribes the viewer, as the thread's subscribers show", async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    const threadId = `${group}-subs`;
    await startThread(bob, threadId);
    const seen = recorder<ClientThreadData>();
    ada.thread.observeThread(threadId, seen.callback);
    await seen.until((data) => data.thread?.subscribers.join() === 'bob', 'only bob subscribed');
    await ada.thread.setSubscribed(threadId, true);
    await seen.until((data) => data.thread?.subscribers.includes('ada') === true, 'ada subscribed');
    await ada.thread.setSubscribed(threadId, false);
    await seen.until((data) => data.thread?.subscribers.join() === 'bob', 'ada unsubscribed');
    await expect(ada.thread.setSubscribed(`${group}-none`, true)).rejects.toThrow('Thread not found.');
  });
});

describe('searchMessages', () => {
  it('finds by text, author, metadata, location and group, newest first unless asked, up to a limit', async () => {
    const ada = await page('ada');
    const bob = await page('bob');
    await startThread(ada, `${group}-x`, { location: { page: 'search', part: 1 } });
    await tick();
    await bob.thread.sendMessage(`${group}-x`, {
      id: `${group}-owl`,
      content: text('An owl arrived'),
      metadata: { post: true },
    });
    await tick();
    await startThread(bob, `${group}-y`, { location: { page: 'search', part: 2 } });
    await tick();
    await bob.thread.sendMessage(`${group}-y`, { id: `${group}-owls`, content: text('More owls') });
    await startThread(await page('eve', `${group}-outside`), `${group}-z`);
    await (await page('eve', `${group}-outside`)).thread.sendMessage(`${group}-z`, { content: text('owl outside') });

    const found = (results: SearchResultData[] | undefined) => results?.map((result) => result.id);
    expect(found(await ada.thread.searchMessages({ textToMatch: 'owl' }))).toEqual([`${group}-owls`, `${group}-owl`]);
    expect(found(await ada.thread.searchMessages({ textToMatch: 'owl', sortDirection: 'ascending' }))).toEqual([
      `${group}-owl`,
      `${group}-owls`,
    ]);
    expect(found(await ada.thread.searchMessages({ textToMatch: 'owl', limit: 1 }))).toEqual([`${group}-owls`]);
    expect(found(await ada.thread.searchMessages({ authorID: 'ada' }))).toEqual([`${group}-x-m1`]);
    expect(found(await ada.thread.searchMessages({ metadata: { post: true } }))).toEqual([`${group}-owl`]);
    const atPart2 = await ada.thread.searchMessages({
      locationOptions: { location: { page: 'search', part: 2 }, partialMatch: false },
    });
    expect(found(atPart2)?.sort()).toEqual([`${group}-owls`, `${group}-y-m1`].sort());
    expect(atPart2?.[0]?.location).toEqual({ page: 'search', part: 2 });
    const onSearch = await ada.thread.searchMessages({
      locationOptions: { location: { page: 'search' }, partialMatch: true },
    });
    expect(onSearch).toHaveLength(4);
    expect(found(await ada.thread.searchMessages({ textToMatch: 'owl', groupID: group }))).toHaveLength(2);

    const owl = (await ada.thread.searchMessages({ metadata: { post: true } }))![0]!;
    const at = owl.createdTimestamp.getTime();
    const between = (from: number, to: number) =>
      ada.thread.searchMessages({ textToMatch: 'owl', timestampRange: { from: new Date(from), to: new Date(to) } });
    expect(found(await between(at, at))).toEqual([`${group}-owl`]);
    expect(found(await between(at + 1, Date.now() + 1_000))).toEqual([`${group}-owls`]);
  });
});
