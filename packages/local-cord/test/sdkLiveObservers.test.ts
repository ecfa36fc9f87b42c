// Every observer of Cord's JavaScript API is live: a change made anywhere (another page, the
// REST API) reaches every observer whose query it touches, already merged into what it is
// given, and no other. One page observes two of everything (two locations, their lists,
// counts, threads, messages and presence); another page and the REST API change one side.
// The SDK's real objects in node against a real local Cord.
import type {
  ClientMessageData,
  ClientThreadData,
  ClientUserData,
  MessageContent,
  ThreadActivitySummary,
  ThreadsData,
  UserLocationData,
} from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { CordSDK } from '../src/sdk/cordSDK.ts';
import type { LocalCord } from '../src/server/index.ts';
import { installBrowserLikeWebSocket, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';
import { type Recorder, recorder } from './support/recorder.ts';
import { type RestApi, restApi } from './support/restApi.ts';
import { closeSdkPages, openSdkPage } from './support/sdkPages.ts';

const GROUP = 'live';
const text = (value: string) => [{ type: 'p', children: [{ text: value }] }] as MessageContent;

let cord: LocalCord;
let api: RestApi;
let restoreWebSocket: () => void;
let ada: CordSDK;
let bob: CordSDK;

beforeAll(() => {
  restoreWebSocket = installBrowserLikeWebSocket();
});
beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  ada = (await openSdkPage(cord, 'ada', GROUP)).sdk;
  bob = (await openSdkPage(cord, 'bob', GROUP)).sdk;
  for (const side of ['a', 'b']) {
    await bob.thread.sendMessage(`t-${side}`, {
      id: `m-${side}`,
      content: text(`first at ${side}`),
      createThread: { name: side, url: 'http://localhost/', location: { page: side } },
    });
  }
});
afterEach(async () => {
  closeSdkPages();
  await stopServer(cord);
});
afterAll(() => restoreWebSocket());

/** What one page observes at one location, each through its own API call. */
interface Side {
  list: Recorder<ThreadsData>;
  counts: Recorder<ThreadActivitySummary>;
  thread: Recorder<ClientThreadData>;
  message: Recorder<ClientMessageData | null | undefined>;
  presence: Recorder<UserLocationData[]>;
}

async function observeSide(sdk: CordSDK, side: string): Promise<Side> {
  const observed: Side = {
    list: recorder(),
    counts: recorder(),
    thread: recorder(),
    message: recorder(),
    presence: recorder(),
  };
  sdk.thread.observeThreads(observed.list.callback, { filter: { location: { page: side } } });
  sdk.thread.observeThreadCounts(observed.counts.callback, { filter: { location: { page: side } } });
  sdk.thread.observeThread(`t-${side}`, observed.thread.callback);
  sdk.thread.observeMessage(`m-${side}`, observed.message.callback);
  sdk.presence.observePresence({ page: side }, observed.presence.callback);
  await observed.list.until((data) => !data.loading && data.counts !== undefined, `the list at ${side}`);
  await observed.counts.until(() => true, `the counts at ${side}`);
  await observed.thread.until((data) => !data.loading, `thread ${side}`);
  await observed.message.until((message) => message?.id === `m-${side}`, `message ${side}`);
  await observed.presence.until(() => true, `presence at ${side}`);
  return observed;
}

/** How many times each observer of a side has been called so far. */
const callsOf = (side: Side) =>
  Object.fromEntries(Object.entries(side).map(([name, seen]) => [name, (seen as Recorder<unknown>).deliveries.length]));

/**
 * Waits until every push local Cord sent the page before now has been handled: a request's
 * answer comes on the same socket, after them.
 */
async function settled(sdk: CordSDK) {
  await sdk.thread.searchMessages({ textToMatch: 'nothing matches this' });
}

it("a message from another page reaches the observers of its thread, list and counts, merged, and no one else's", async () => {
  const a = await observeSide(ada, 'a');
  const b = await observeSide(ada, 'b');
  await settled(ada);
  const quietB = callsOf(b);
  const beforeMessage = a.message.deliveries.length;
  const beforePresence = a.presence.deliveries.length;

  await bob.thread.sendMessage('t-a', { id: 'm-a2', content: text('second at a') });

  const thread = await a.thread.until((data) => data.messages.length === 2, 'the new message in its thread');
  expect(thread.messages.map((message) => message.id)).toEqual(['m-a', 'm-a2']);
  expect(thread.thread).toMatchObject({ total: 2, unread: 2 });
  const list = await a.list.until((data) => data.threads[0]?.total === 2, 'the list with the new total');
  expect(list.threads[0]?.lastMessage?.id).toBe('m-a2');
  expect(list.counts).toMatchObject({ total: 1, unread: 1 });
  await a.counts.until((counts) => counts.total === 1 && counts.unread === 1, 'the counts');
  await settled(ada);

  expect(callsOf(b)).toEqual(quietB);
  // The message observed is not the one sent, and nobody moved.
  expect(a.message.deliveries.length).toBe(beforeMessage);
  expect(a.presence.deliveries.length).toBe(beforePresence);
});

it('a REST change reaches the observers it touches and no others', async () => {
  const a = await observeSide(ada, 'a');
  const b = await observeSide(ada, 'b');
  await settled(ada);
  const quietA = callsOf(a);

  await api('v1/threads/t-b', 'PUT', { name: 'Renamed by the server', metadata: { step: 2 } });
  await b.thread.until((data) => data.thread?.name === 'Renamed by the server', 'the new name in the thread');
  const list = await b.list.until((data) => data.threads[0]?.name === 'Renamed by the server', 'the new name listed');
  expect(list.threads[0]?.metadata).toEqual({ step: 2 });

  await api('v1/threads/t-b/messages/m-b', 'PUT', { content: text('edited by the server') });
  await b.message.until((message) => message?.plaintext === 'edited by the server', 'the edit');
  await b.thread.until((data) => data.messages[0]?.plaintext === 'edited by the server', 'the edit in its thread');

  await api('v1/threads/t-b', 'PUT', { location: { page: 'a' } });
  // The thread leaves b's list and counts and joins a's.
  await b.list.until((data) => data.threads.length === 0, 'the thread gone from b');
  await b.counts.until((counts) => counts.total === 0, "b's counts without it");
  await a.list.until((data) => data.threads.length === 2, 'the thread listed at a');
  await a.counts.until((counts) => counts.total === 2, "a's counts with it");
  await settled(ada);
  // Until then, nothing at a had been told anything.
  const aListCalls = a.list.deliveries.findIndex((data) => data.threads.length === 2);
  expect(aListCalls).toBeGreaterThanOrEqual(quietA.list!);
  expect(a.thread.deliveries.length).toBe(quietA.thread);
  expect(a.message.deliveries.length).toBe(quietA.message);
});

it('presence reaches the observers of its location only, and a rename the observers of that user', async () => {
  const a = await observeSide(ada, 'a');
  const b = await observeSide(ada, 'b');
  const bobSeen = recorder<ClientUserData | null>();
  const carolSeen = recorder<ClientUserData | null>();
  ada.user.observeUserData('bob', bobSeen.callback);
  ada.user.observeUserData('ada', carolSeen.callback);
  await bobSeen.until((user) => user?.id === 'bob', 'bob');
  await carolSeen.until((user) => user?.id === 'ada', 'ada');
  await settled(ada);
  const quietB = callsOf(b);
  const quietThreadA = a.thread.deliveries.length;

  await bob.presence.setPresent({ page: 'a' });
  await a.presence.until((users) => users.some((user) => user.id === 'bob'), 'bob at a');
  await api('v1/users/bob', 'PUT', { name: 'Robert' });
  await bobSeen.until((user) => user?.name === 'Robert', 'the new name');
  await settled(ada);

  expect(callsOf(b)).toEqual(quietB);
  expect(a.thread.deliveries.length).toBe(quietThreadA);
  expect(carolSeen.deliveries).toHaveLength(1);
});
