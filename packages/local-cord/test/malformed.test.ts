// Whatever a browser (or anything else) sends, the server answers or hangs up, stays up,
// keeps serving everyone else, and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import {
  MAX_FRAME_BYTES,
  MAX_MESSAGE_LENGTH,
  MAX_REACTION_LENGTH,
  RATE_BURST,
  RATE_LIMIT,
} from '../src/protocol/limits.ts';
import type { LocalCord } from '../src/server/index.ts';
import { CLOSE_INVALID_SESSION } from '../src/server/index.ts';
import {
  connect,
  memberToken,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
} from '../src/testing/index.ts';

type Ack = Extract<ServerEvent, { type: 'ack' }>;

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;
let mallory: TestClient;
let countsBefore: Record<string, number>;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
  ({ client: mallory } = await signIn(cord, memberToken('mallory', 'team', 'Mallory')));
  await alice.ok({ type: 'thread.observe', threadId: 't1' });
  await bob.ok({ type: 'thread.observe', threadId: 't1' });
  await alice.ok(sendBody('t1', 'm1', 'Before the storm'));
  countsBefore = cord.store.counts();
});
afterEach(() => stopServer(cord));

/** The error ack for a frame answered under `id` ('' when it had no usable id). */
async function errorAck(client: TestClient, id: string) {
  const ack = await client.ack(id);
  if (!('error' in ack)) throw new Error(`expected an error, got ${JSON.stringify(ack)}`);
  return ack.error;
}

/** Nothing was written, the database is sound, the server answers, others still chat. */
async function expectUnharmed() {
  expect(cord.store.counts()).toEqual(countsBefore);
  expect(cord.store.integrityCheck()).toBe('ok');
  const health = await fetch(`${cord.url}/health`);
  expect(health.status).toBe(200);
  await alice.ok(sendBody('t1', 'm-after', 'Still here'));
  const pushed = await bob.next((event) => event.type === 'message' && event.message.id === 'm-after', 'message after');
  expect(pushed).toMatchObject({
    message: { plaintext: 'Still here', authorID: 'alice' },
    users: [{ id: 'alice', name: 'Alice Liddell' }],
  });
}

describe('malformed requests from a signed-in client', () => {
  it('answers invalid JSON with an error', async () => {
    mallory.sendRaw('{"type": "thread.observe", "id": "x1", ');
    expect(await errorAck(mallory, '')).toMatchObject({ code: 'invalid_request' });
    await expectUnharmed();
  });

  it.each([
    ['an unknown type', { type: 'drop.tables', id: 'x1' }],
    ['no type', { id: 'x1', threadId: 't1' }],
    ['a number for threadId', { type: 'thread.observe', id: 'x1', threadId: 42 }],
    ['a string for a boolean', { type: 'thread.update', id: 'x1', threadId: 't1', resolved: 'yes' }],
    ['an object for content', { ...sendBody('t1', 'x-msg', 'hi'), id: 'x1', content: { toString: 'hi' } }],
    ['a bare text node for content', { ...sendBody('t1', 'x-msg', 'hi'), id: 'x1', content: [{ text: 'hi' }] }],
    ['a missing messageId', { type: 'message.update', id: 'x1', content: contentFromText('hi') }],
    ['an empty threadId', { type: 'thread.observe', id: 'x1', threadId: '' }],
    [
      'a reserved thread id',
      { type: 'thread.create', id: 'x1', threadId: 'cord:t', name: 'T', url: 'http://localhost/', location: {} },
    ],
    [
      'a nested location',
      {
        ...sendBody('t2', 'x-msg', 'hi'),
        id: 'x1',
        createThread: { ...sendBody('t2', 'x-msg', 'hi').createThread, location: { page: { nested: true } } },
      },
    ],
    [
      'an unknown thread filter',
      { type: 'threads.observe', id: 'x1', queryId: 'q', filter: { x: 1 }, sort: {}, count: 1 },
    ],
    ['a page over the limit', { type: 'thread.observe', id: 'x1', threadId: 't1', messageCount: 1_001 }],
    [
      'a location with too many keys',
      {
        type: 'presence.watch',
        id: 'x1',
        watchId: 'w',
        location: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
      },
    ],
    [
      'an over-long emoji',
      { type: 'message.update', id: 'x1', messageId: 'm1', addReactions: ['👍'.repeat(MAX_REACTION_LENGTH + 1)] },
    ],
    ['a second hello', { type: 'hello', id: 'x1', token: 'whatever' }],
  ])('answers %s with invalid_request under the request id', async (_, frame) => {
    mallory.send(frame);
    const error = await errorAck(mallory, 'x1');
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^Invalid request: /);
    await expectUnharmed();
  });

  it.each([
    ['no id', { type: 'thread.observe', threadId: 't1' }],
    ['a numeric id', { type: 'thread.observe', id: 7, threadId: 't1' }],
    ['an id over 100 characters', { type: 'thread.observe', id: 'i'.repeat(101), threadId: 't1' }],
    ['null', null],
    ['an array', [{ type: 'thread.observe', id: 'x1', threadId: 't1' }]],
    ['a bare number', 42],
  ])('answers a frame with %s under the empty id', async (_, frame) => {
    mallory.send(frame);
    expect((await errorAck(mallory, '')).code).toBe('invalid_request');
    await expectUnharmed();
  });

  it('refuses a binary frame, even one holding a valid request', async () => {
    mallory.sendRaw(Buffer.from(JSON.stringify({ type: 'thread.observe', id: 'x1', threadId: 't1' })), true);
    expect((await errorAck(mallory, '')).code).toBe('invalid_request');
    expect(mallory.inbox.filter((event) => event.type === 'ack' && event.id === 'x1')).toEqual([]);
    await expectUnharmed();
  });

  it('refuses a message over MAX_MESSAGE_LENGTH, new or edited, and accepts one at the limit', async () => {
    const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);

    const sent = await mallory.refused(sendBody('t1', 'x-long', tooLong));
    const edited = await alice.refused({ type: 'message.update', messageId: 'm1', content: contentFromText(tooLong) });

    const tooLongError = {
      code: 'message_too_long',
      message: `Invalid request: content: a message may be at most ${MAX_MESSAGE_LENGTH} characters long`,
    };
    expect(sent).toEqual(tooLongError);
    expect(edited).toEqual(tooLongError);
    expect(cord.store.messages.get('m1')?.plaintext).toBe('Before the storm');
    await expectUnharmed();

    const atLimit = 'y'.repeat(MAX_MESSAGE_LENGTH);
    await mallory.ok(sendBody('t1', 'x-max', atLimit));
    expect(cord.store.messages.get('x-max')?.plaintext).toHaveLength(MAX_MESSAGE_LENGTH);
  });

  it("refuses content Cord's schema refuses, with Cord's text", async () => {
    mallory.send({ ...sendBody('t1', 'x-bad', 'hi'), id: 'x1', content: [{ type: 'p' }] });
    const error = await errorAck(mallory, 'x1');

    expect(error).toEqual({
      code: 'invalid_request',
      message: `Invalid request: content: Message contents contained invalid element(s): ${JSON.stringify([{ type: 'p' }], null, 4)}`,
    });
    await expectUnharmed();
  });

  it('keeps the misbehaving connection usable after a refused request', async () => {
    mallory.sendRaw('nonsense');
    await errorAck(mallory, '');
    const { messages } = await mallory.ok<{ messages: unknown[] }>({ type: 'thread.observe', threadId: 't1' });
    expect(messages).toHaveLength(1);
  });

  it(`refuses more than a burst of ${RATE_BURST} requests, then ${RATE_LIMIT} a second, and answers each`, async () => {
    // The burst and a second's worth more: whatever the timing, some overflow.
    const ids = Array.from({ length: RATE_BURST + RATE_LIMIT }, (_, i) => `burst${i}`);
    for (const id of ids) mallory.send({ type: 'thread.unobserve', id, threadId: 't1' });
    const acks = await Promise.all(ids.map((id) => mallory.ack(id)));
    const refused = acks.filter((ack): ack is Extract<Ack, { error: unknown }> => 'error' in ack);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((ack) => ack.error.code === 'rate_limited')).toBe(true);
    expect(acks.length - refused.length).toBeGreaterThanOrEqual(RATE_BURST);
    await expectUnharmed();
  });
});

describe('oversized frames and bad hellos', () => {
  it(`closes a connection that sends a frame over MAX_FRAME_BYTES (${MAX_FRAME_BYTES})`, async () => {
    const huge = JSON.stringify({ ...sendBody('t1', 'x-huge', 'z'.repeat(MAX_FRAME_BYTES)), id: 'x1' });
    mallory.sendRaw(huge);

    const { code } = await mallory.closed;

    expect([1006, 1009]).toContain(code);
    expect(mallory.inbox.filter((event) => event.type === 'ack')).toEqual([]);
    await expectUnharmed();
    expect(await (await fetch(`${cord.url}/health`)).json()).toMatchObject({ connections: 2 });
  });

  it('closes a connection whose first frame is oversized, before any hello', async () => {
    const client = await connect(cord);
    client.sendRaw('h'.repeat(MAX_FRAME_BYTES + 1));
    expect([1006, 1009]).toContain((await client.closed).code);
    await expectUnharmed();
  });

  it.each([
    ['invalid JSON', '{"type":"hello",'],
    ['a request instead of a hello', JSON.stringify({ type: 'thread.observe', id: 'x1', threadId: 't1' })],
    ['a hello with a number token', JSON.stringify({ type: 'hello', token: 12345 })],
    ['a hello with an over-long token', JSON.stringify({ type: 'hello', token: 'a'.repeat(20_000) })],
  ])('refuses %s as the first frame and closes', async (_, raw) => {
    const client = await connect(cord);
    client.sendRaw(raw);
    const first = await client.next((event) => event.type === 'error', 'error');
    expect(first).toMatchObject({
      type: 'error',
      error: { code: 'invalid_session', message: expect.stringMatching(/^invalid_session - /) },
    });
    expect((await client.closed).code).toBe(CLOSE_INVALID_SESSION);
    await expectUnharmed();
  });

  it('refuses a binary hello', async () => {
    const client = await connect(cord);
    client.sendRaw(Buffer.from(JSON.stringify({ type: 'hello', token: memberToken('alice', 'team') })), true);
    expect((await client.closed).code).toBe(CLOSE_INVALID_SESSION);
    expect(client.inbox).toMatchObject([{ type: 'error', error: { code: 'invalid_session' } }]);
  });

  it('ignores frames that follow a refused hello', async () => {
    const client = await connect(cord);
    client.send({ type: 'hello', token: 'not a token' });
    client.send({ type: 'hello', token: memberToken('sneaky', 'team') });
    expect((await client.closed).code).toBe(CLOSE_INVALID_SESSION);
    expect(client.inbox.map((event) => event.type)).toEqual(['error']);
    expect(cord.store.users.exists('sneaky')).toBe(false);
    await expectUnharmed();
  });

  it('drops an upgrade to any path but /socket', async () => {
    const refusedPath = await refusedUpgrade(`${cord.url.replace(/^http/, 'ws')}/elsewhere`);
    expect(refusedPath).toBe(true);
    await expectUnharmed();
  });
});

function refusedUpgrade(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('open', () => {
      socket.close();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}
