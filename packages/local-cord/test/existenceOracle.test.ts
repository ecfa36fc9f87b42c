// An existence oracle (issue 11, finding 11): whatever a user of another group does with an
// id of a message they may not see, the answer, and what follows, is the one an id that
// does not exist gets. Otherwise ids (and how old a message is) could be probed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import type { RequestBody } from '../src/protocol/requests.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
} from '../src/testing/index.ts';
import { type RestApi, refused, restApi } from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;
let alice: TestClient;
let eve: TestClient;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team')));
  ({ client: eve } = await signIn(cord, memberToken('eve', 'rivals')));
  // The team's message m1 in t1; Eve's own thread e-thread with three messages, around it in time.
  await eve.ok(sendBody('e-thread', 'e1', 'One'));
  await alice.ok(sendBody('t1', 'm1', 'Team secret'));
  await eve.ok(sendBody('e-thread', 'e2', 'Two'));
  await eve.ok(sendBody('e-thread', 'e3', 'Three'));
});
afterEach(() => stopServer(cord));

/** Eve's answer for the team's id and for an id nobody has: they must be the same. */
async function bothAnswers(request: (messageId: string) => RequestBody) {
  return { existing: await eve.request(request('m1')), missing: await eve.request(request('no-such-message')) };
}

describe('over the WebSocket, a message of another group is answered as one that does not exist', () => {
  it.each([
    ['an edit', (messageId: string) => ({ type: 'message.update', messageId, content: contentFromText('Mine now') })],
    ['a reaction', (messageId: string) => ({ type: 'message.update', messageId, addReactions: ['👍'] })],
    ['a removed reaction', (messageId: string) => ({ type: 'message.update', messageId, removeReactions: ['👍'] })],
    ['a deletion', (messageId: string) => ({ type: 'message.update', messageId, deleted: true })],
    [
      "a reaction naming the message's thread",
      (messageId: string) => ({ type: 'message.update', messageId, threadId: 't1', addReactions: ['👍'] }),
    ],
    ['an observation', (messageId: string) => ({ type: 'message.observe', messageId })],
  ] as const)('%s', async (_case, request) => {
    const { existing, missing } = await bothAnswers(request as (messageId: string) => RequestBody);
    expect(existing).toEqual(missing);
    expect(cord.store.messages.get('m1')).toMatchObject({ reactions: [], deletedAt: null });
  });

  it("paging Eve's own thread from the team's message id gives what an unknown id gives", async () => {
    const page = (beforeMessageId: string) =>
      ({ type: 'thread.olderMessages', threadId: 'e-thread', beforeMessageId, count: 10 }) as const;
    const { existing, missing } = await bothAnswers(page);
    expect(existing).toEqual(missing);
    expect(existing).toMatchObject({ ok: true, result: { messages: [] } });
  });

  it("learns nothing when the team's thread is deleted while she observes its message's id", async () => {
    await eve.ok({ type: 'message.observe', messageId: 'm1' });
    await alice.ok({ type: 'message.observe', messageId: 'm1' });
    await eve.drain();

    await api('v1/threads/t1', 'DELETE');

    // Alice, who could see it, is told it is gone; Eve hears nothing of it.
    await alice.next((event) => event.type === 'messageGone' && event.messageId === 'm1', 'messageGone');
    expect(JSON.stringify(await eve.drain())).not.toContain('m1');
  });

  it("deleting the team's group still tells its members, and only them, that its messages are gone", async () => {
    await eve.ok({ type: 'message.observe', messageId: 'm1' });
    await alice.ok({ type: 'message.observe', messageId: 'm1' });
    await eve.drain();

    await api('v1/groups/team', 'DELETE');

    await alice.next((event) => event.type === 'messageGone' && event.messageId === 'm1', 'messageGone');
    expect(JSON.stringify(await eve.drain())).not.toContain('m1');
  });
});

describe('over REST, a message of another thread is answered as one that does not exist', () => {
  it.each([
    ['read', 'GET', undefined],
    ['edited', 'PUT', { content: contentFromText('Mine now') }],
    ['reacted to', 'PUT', { addReactions: [{ userID: 'eve', reaction: '👍' }] }],
    ['appended to', 'POST', { text: ' and more' }],
    ['deleted', 'DELETE', undefined],
  ] as const)('%s', async (_case, method, body) => {
    const path = (messageId: string) =>
      `v1/threads/e-thread/messages/${messageId}${_case === 'appended to' ? '/append' : ''}`;
    const existing = await refused(api(path('m1'), method, body));
    const missing = await refused(api(path('no-such-message'), method, body));
    expect(existing).toEqual(missing);
    expect(cord.store.messages.get('m1')).toMatchObject({ reactions: [], deletedAt: null });
  });
});
