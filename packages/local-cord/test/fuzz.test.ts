// 10,000 random and malformed WebSocket frames from many connections, signed in or not:
// each is refused with the right error (or its connection closed), the server stays up,
// two well-behaved users keep chatting throughout, and the database is left untouched.

import { getClientAuthToken } from '@cord-sdk/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_FRAME_BYTES, MAX_MESSAGE_LENGTH, RATE_LIMIT } from '../src/protocol/limits.ts';
import type { ServerEvent } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import { CLOSE_INVALID_SESSION } from '../src/server/index.ts';
import {
  closeAllClients,
  connect,
  memberToken,
  PROJECT,
  type SignedIn,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  type TestClient,
  tokenFor,
} from '../src/testing/index.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const TOTAL_FRAMES = 10_000;
/** Signed-in connections sharing most frames, each paced under RATE_LIMIT. */
const CONNECTIONS = 50;
const FRAMES_PER_SECOND = RATE_LIMIT - 10;
/** Frames over MAX_FRAME_BYTES, each on its own connection (half signed in). */
const OVERSIZED = 60;
/** First frames of connections that never signed in, one per connection. */
const UNSIGNED = 600;
const SIGNED_FRAMES = TOTAL_FRAMES - OVERSIZED - UNSIGNED;

type Ack = Extract<ServerEvent, { type: 'ack' }>;
type ErrorCode = 'invalid_request' | 'message_too_long';

interface Frame {
  data: string | Buffer;
  binary: boolean;
  /** What the server must answer: the ack's id and error code. */
  ackId: string;
  code: ErrorCode;
}

// --- generators ----------------------------------------------------------------------

type FieldKind = 'requestId' | 'id' | 'threadId' | 'text' | 'boolean' | 'location' | 'emoji' | 'threadName' | 'url';

const LOCATION = { page: 'fuzz' };
/** Valid requests aimed at the real thread t1 and message m1: if a corrupted one got through, it would write. */
const TEMPLATES: Array<{ body: Record<string, unknown>; fields: Record<string, FieldKind>; optional?: string[] }> = [
  {
    body: { type: 'thread.open', threadId: 't1', groupId: 'team' },
    fields: { threadId: 'threadId', groupId: 'id' },
    optional: ['groupId'],
  },
  { body: { type: 'thread.close', threadId: 't1' }, fields: { threadId: 'threadId' } },
  {
    body: { ...sendBody('t1', 'fuzz-message', 'Fuzzed'), groupId: 'team' },
    fields: {
      threadId: 'threadId',
      messageId: 'id',
      text: 'text',
      groupId: 'id',
      threadName: 'threadName',
      url: 'url',
      location: 'location',
    },
    optional: ['groupId'],
  },
  {
    body: { ...sendBody('fuzz-thread', 'fuzz-message', 'Fuzzed') },
    fields: {
      threadId: 'threadId',
      messageId: 'id',
      text: 'text',
      threadName: 'threadName',
      url: 'url',
      location: 'location',
    },
  },
  { body: { type: 'message.edit', messageId: 'm1', text: 'Defaced' }, fields: { messageId: 'id', text: 'text' } },
  { body: { type: 'message.delete', messageId: 'm1', deleted: true }, fields: { messageId: 'id', deleted: 'boolean' } },
  {
    body: { type: 'reaction.set', messageId: 'm1', emoji: '👍', on: true },
    fields: { messageId: 'id', emoji: 'emoji', on: 'boolean' },
  },
  {
    body: { type: 'thread.resolve', threadId: 't1', resolved: true },
    fields: { threadId: 'threadId', resolved: 'boolean' },
  },
  { body: { type: 'typing', threadId: 't1', typing: true }, fields: { threadId: 'threadId', typing: 'boolean' } },
  {
    body: { type: 'presence.watch', watchId: 'w', location: LOCATION, groupId: 'team' },
    fields: { watchId: 'id', location: 'location', groupId: 'id' },
    optional: ['groupId'],
  },
  { body: { type: 'presence.unwatch', watchId: 'w' }, fields: { watchId: 'id' } },
  {
    body: { type: 'presence.set', location: LOCATION, present: true, durable: true },
    fields: { location: 'location', present: 'boolean', durable: 'boolean' },
  },
];
const FIELD_NAMES = new Set(['type', 'id', ...TEMPLATES.flatMap((template) => Object.keys(template.fields))]);
const KNOWN_TYPES = TEMPLATES.map((template) => template.body.type as string);
/** Over-limit lengths, in characters, per kind of field. */
const LIMITS: Record<Exclude<FieldKind, 'boolean'>, number> = {
  requestId: 100,
  id: 320,
  threadId: 320,
  text: MAX_MESSAGE_LENGTH,
  emoji: 32,
  threadName: 1000,
  url: 4000,
  location: 2000,
};
/** Room for the rest of a frame around one huge string. */
const HUGE_STRING_MAX = MAX_FRAME_BYTES - 2_000;

const someString = fc.string({ unit: 'grapheme', maxLength: 30 });
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(someString, { maxLength: 3 }),
  fc.dictionary(someString, someString, { maxKeys: 3 }),
);
const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', '', '1'),
  fc.integer({ min: 0, max: 1 }),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const notALocation = fc.oneof(
  someString,
  fc.integer(),
  fc.constant(null),
  fc.array(someString, { maxLength: 3 }),
  someString.map((key) => ({ [key || 'k']: { nested: true } })),
  someString.map((key) => ({ [key || 'k']: null })),
  someString.map((key) => ({ [key || 'k']: [1, 2] })),
  fc
    .integer({ min: 51, max: 300 })
    .map((keys) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 201, max: 2_000 }).map((length) => ({ ['k'.repeat(length)]: 1 })),
);
/**
 * A string of `length` code points (the unit zod's limits count in) made of a random
 * pattern; plain ASCII if that would not fit in a frame.
 */
const longString = (min: number, max: number) =>
  fc
    .tuple(
      fc.integer({ min, max: Math.min(max, HUGE_STRING_MAX) }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    )
    .map(([length, pattern]) => {
      const points = [...pattern];
      const text = Array.from({ length }, (_, i) => points[i % points.length]).join('');
      return Buffer.byteLength(JSON.stringify(text)) <= HUGE_STRING_MAX ? text : 'x'.repeat(length);
    });
const tooLongFor = (kind: Exclude<FieldKind, 'boolean'>) => {
  const limit = LIMITS[kind];
  // Mostly just over the limit, sometimes as big as a frame allows.
  const length = fc.oneof(
    { arbitrary: longString(limit + 1, limit + 50), weight: 3 },
    { arbitrary: longString(limit + 1, HUGE_STRING_MAX), weight: 1 },
  );
  return kind === 'location' ? length.map((value) => ({ page: value })) : length;
};
const badValueFor = (kind: FieldKind): fc.Arbitrary<unknown> | undefined => {
  if (kind === 'threadId') return someString.map((rest) => `cord:${rest}`);
  if (kind === 'text') return fc.constantFrom('', ' ', '\n\t ', '\u00a0\u2003');
  if (kind === 'id' || kind === 'emoji') return fc.constant('');
  return undefined;
};

/** A valid template with exactly one field broken: deleted, of the wrong type, over its limit, or a refused value. */
const corruptedRequest: fc.Arbitrary<Frame> = fc
  .tuple(fc.constantFrom(...TEMPLATES), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), fc.nat())
  .chain(([template, requestId, pick]) => {
    const fields: Array<[string, FieldKind]> = [
      ['type', 'requestId'],
      ['id', 'requestId'],
      ...Object.entries(template.fields),
    ];
    const [field, kind] = fields[pick % fields.length]!;
    const corruptions: Array<fc.Arbitrary<{ value: unknown; tooLongText?: boolean }>> = [];
    if (!template.optional?.includes(field)) corruptions.push(fc.constant({ value: undefined }));
    corruptions.push(
      (kind === 'boolean' ? notABoolean : kind === 'location' ? notALocation : notAString).map((value) => ({ value })),
    );
    if (field === 'type')
      corruptions.push(someString.filter((type) => !KNOWN_TYPES.includes(type)).map((value) => ({ value })));
    if (kind !== 'boolean')
      corruptions.push(tooLongFor(kind).map((value) => ({ value, tooLongText: kind === 'text' })));
    const bad = field === 'type' ? undefined : badValueFor(kind);
    if (bad) corruptions.push(bad.map((value) => ({ value })));
    return fc.oneof(...corruptions).map(({ value, tooLongText }) => {
      const frame: Record<string, unknown> = { ...template.body, id: `fuzz-${requestId}` };
      if (value === undefined) delete frame[field];
      else frame[field] = value;
      const id = frame.id;
      return {
        data: JSON.stringify(frame),
        binary: false,
        ackId: typeof id === 'string' && id.length <= 100 ? id : '',
        code: tooLongText && field === 'text' ? 'message_too_long' : 'invalid_request',
      } satisfies Frame;
    });
  });

const refusedUnder =
  (ackId: string) =>
  (data: string | Buffer, binary = false): Frame => ({ data, binary, ackId, code: 'invalid_request' });

/** A known type with a request id but none of its fields: always missing something. */
const fieldlessRequest = fc
  .tuple(
    fc.constantFrom(...KNOWN_TYPES, 'hello'),
    fc.string({ maxLength: 10 }),
    fc.dictionary(
      someString.filter((key) => !FIELD_NAMES.has(key)),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ),
  )
  .map(([type, id, junk]) => refusedUnder(`f-${id}`)(JSON.stringify({ ...junk, type, id: `f-${id}` })));

const notJson = fc.oneof(
  fc.constantFrom(...TEMPLATES).chain((template) => {
    const json = JSON.stringify({ ...template.body, id: 'cut' });
    return fc.integer({ min: 0, max: json.length - 1 }).map((cut) => json.slice(0, cut));
  }),
  fc.constantFrom(
    "{'type': 'thread.open', 'id': 'x', 'threadId': 't1'}",
    '{"type":"thread.open","id":"x","threadId":"t1",}',
    '\ufeff{"type":"thread.open","id":"x","threadId":"t1"}',
    '{"type":"thread.open" /* comment */,"id":"x","threadId":"t1"}',
    '{"id": NaN}',
    'undefined',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => !isJson(text)),
);

const JUNK = fc.oneof(
  // Valid JSON that is not a request object: numbers, strings, arrays, nulls, deep nesting.
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.integer({ min: 1_000, max: 30_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.constantFrom('1e999999', '-0', `"${'a'.repeat(50_000)}"`, `[${'1,'.repeat(20_000)}1]`),
);

/** Objects that are not requests: unknown types, or a type that is not a string. */
const unknownType = fc
  .tuple(
    fc.oneof(
      someString.filter((type) => !KNOWN_TYPES.includes(type)),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'THREAD.OPEN',
        'thread.open ',
        'drop.tables',
      ),
      notAString,
    ),
    fc.string({ maxLength: 10 }),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([type, id, extra]) =>
    refusedUnder(`u-${id}`)(JSON.stringify({ type, id: `u-${id}`, threadId: 't1', messageId: 'm1', extra })),
  );

const signedInFrame: fc.Arbitrary<Frame> = fc.oneof(
  { arbitrary: corruptedRequest, weight: 8 },
  { arbitrary: fieldlessRequest, weight: 2 },
  { arbitrary: unknownType, weight: 2 },
  { arbitrary: notJson.map((data) => refusedUnder('')(data)), weight: 2 },
  { arbitrary: JUNK.map((data) => refusedUnder('')(data)), weight: 1 },
  {
    arbitrary: fc
      .oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc.constantFrom(...TEMPLATES).map((template) => Buffer.from(JSON.stringify({ ...template.body, id: 'bin' }))),
      )
      .map((data) => refusedUnder('')(data, true)),
    weight: 1,
  },
);

/** First frames from connections that are not signed in: anything but a valid hello. */
const unsignedFrame = fc.oneof(
  signedInFrame,
  fc
    .oneof(
      fc.string({ maxLength: 300 }).map((token) => ({ type: 'hello', token })),
      fc.string({ maxLength: 200 }).map((session) => ({ type: 'hello', session })),
      notAString.map((token) => ({ type: 'hello', token })),
      fc.constant({
        type: 'hello',
        token: getClientAuthToken(PROJECT.id, 'not-the-secret', {
          user_id: 'intruder',
          group_id: 'team',
          user_details: { name: 'I' },
          group_details: { name: 'T' },
        }),
      }),
      fc.constant({
        type: 'hello',
        token: tokenFor(
          { user_id: 'intruder', group_id: 'team', user_details: { name: 'I' }, group_details: { name: 'T' } },
          { expires: -10 },
        ),
      }),
      fc.constant({
        type: 'hello',
        token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ project_id: PROJECT.id, user_id: 'intruder' })).toString('base64url')}.`,
      }),
      fc.constant({ type: 'hello', token: 'a'.repeat(20_000) }),
    )
    .map((hello) => refusedUnder('')(JSON.stringify(hello))),
);

function isJson(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the run ---------------------------------------------------------------------------

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;
const errorLog = vi.spyOn(console, 'error');

beforeAll(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
  await alice.ok({ type: 'thread.open', threadId: 't1' });
  await bob.ok({ type: 'thread.open', threadId: 't1' });
  await alice.ok(sendBody('t1', 'm1', 'Before the storm'));
});
afterAll(async () => {
  await closeAllClients();
  await cord.close();
});

/** Sends frames no faster than FRAMES_PER_SECOND; returns the acks, in order. */
async function fuzzSignedIn(client: TestClient, frames: Frame[]): Promise<Ack[]> {
  const started = performance.now();
  for (const [index, frame] of frames.entries()) {
    const due = started + (index * 1_000) / FRAMES_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    client.sendRaw(frame.data, frame.binary);
  }
  // One ordered socket: once this round trip is back, every earlier ack is in the inbox.
  await client.sync();
  return client.inbox.filter((event): event is Ack => event.type === 'ack');
}

/** Opens a connection, sends one frame and returns how it ended. */
async function oneFrame(frame: Frame, signInWith?: string) {
  const client = await connect(cord);
  if (signInWith) {
    client.send({ type: 'hello', session: signInWith });
    await client.next((event) => event.type === 'welcome', 'welcome');
  }
  client.sendRaw(frame.data, frame.binary);
  const { code } = await client.closed;
  return { code, events: client.inbox };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

describe(`${TOTAL_FRAMES} fuzzed frames (seed ${SEED}, rerun with FUZZ_SEED=${SEED})`, () => {
  it('are each refused or cut off, while the server stays up, others keep chatting, and nothing is written', {
    timeout: 60_000,
  }, async () => {
    const signedFrames = fc.sample(signedInFrame, { numRuns: SIGNED_FRAMES, seed: SEED });
    const unsignedFrames = fc.sample(unsignedFrame, { numRuns: UNSIGNED, seed: SEED + 1 });
    const oversized = fc.sample(
      fc
        .tuple(
          fc.integer({ min: MAX_FRAME_BYTES + 1, max: 4 * MAX_FRAME_BYTES }),
          fc.constantFrom(...TEMPLATES),
          fc.boolean(),
        )
        .map(([size, template, json]) =>
          refusedUnder('x1')(
            json ? JSON.stringify({ ...template.body, id: 'x1', text: 'z'.repeat(size) }) : 'q'.repeat(size),
          ),
        ),
      { numRuns: OVERSIZED, seed: SEED + 2 },
    );
    expect(signedFrames.length + unsignedFrames.length + oversized.length).toBe(TOTAL_FRAMES);
    expect(signedFrames.every((frame) => Buffer.byteLength(frame.data) <= MAX_FRAME_BYTES)).toBe(true);

    const fuzzers: SignedIn[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      fuzzers.push(await signIn(cord, memberToken(`fuzzer${i}`, i % 2 ? 'team' : 'rivals', `Fuzzer ${i}`)));
    }
    // Every sign-in is done: from here on nothing may be written but the good users' messages.
    const countsBefore = cord.store.counts();

    // Meanwhile, Alice keeps writing and Bob keeps receiving.
    let fuzzing = true;
    let goodMessages = 0;
    const conversation = (async () => {
      while (fuzzing) {
        const id = `good-${goodMessages++}`;
        await alice.ok(sendBody('t1', id, `Still talking ${id}`));
        await bob.next((event) => event.type === 'message' && event.message.id === id, `Bob receiving ${id}`);
        await sleep(200);
      }
    })();

    const perConnection = Math.ceil(SIGNED_FRAMES / CONNECTIONS);
    const [signedAcks, unsignedEnds, oversizedEnds] = await Promise.all([
      Promise.all(
        fuzzers.map(({ client }, i) =>
          fuzzSignedIn(client, signedFrames.slice(i * perConnection, (i + 1) * perConnection)),
        ),
      ),
      inParallel(unsignedFrames, 10, (frame) => oneFrame(frame)),
      inParallel(oversized, 5, (frame, index) => oneFrame(frame, index % 2 ? fuzzers[0]!.session : undefined)),
    ]);
    fuzzing = false;
    await conversation;

    // Signed in: one ack per frame, in order, under the frame's id, with the right error.
    let rateLimited = 0;
    const wrong: string[] = [];
    signedAcks.forEach((acks, i) => {
      const frames = signedFrames.slice(i * perConnection, (i + 1) * perConnection);
      expect(acks).toHaveLength(frames.length);
      acks.forEach((ack, j) => {
        const frame = frames[j]!;
        if (!('error' in ack)) {
          wrong.push(`accepted: ${String(frame.data).slice(0, 200)}`);
        } else if (ack.error.code === 'rate_limited') {
          rateLimited++;
        } else if (
          ack.id !== frame.ackId ||
          ack.error.code !== frame.code ||
          !ack.error.message.startsWith('Invalid request: ')
        ) {
          wrong.push(`${JSON.stringify(ack).slice(0, 200)} for ${String(frame.data).slice(0, 200)}`);
        }
      });
      expect(fuzzers[i]!.client.isOpen).toBe(true);
    });
    expect(wrong).toEqual([]);
    // Paced under the limit, so (almost) every frame reached validation.
    expect(rateLimited).toBeLessThanOrEqual(SIGNED_FRAMES / 100);

    // Not signed in: refused as a session error and hung up on, nothing else.
    for (const { code, events } of unsignedEnds) {
      expect(code).toBe(CLOSE_INVALID_SESSION);
      expect(events).toMatchObject([
        { type: 'error', error: { code: 'invalid_session', message: expect.stringMatching(/^invalid_session - /) } },
      ]);
    }
    // Too big: the connection is closed (1009, or 1006 when cut before the close frame), unanswered.
    for (const { code, events } of oversizedEnds) {
      expect([1006, 1009]).toContain(code);
      expect(events.filter((event) => event.type === 'ack')).toEqual([]);
    }

    // The server is up, and wrote only the good users' messages.
    expect(goodMessages).toBeGreaterThan(3);
    expect(cord.store.counts()).toEqual({ ...countsBefore, messages: countsBefore.messages! + goodMessages });
    expect(cord.store.integrityCheck()).toBe('ok');
    expect(cord.store.messages.inThread('t1')[0]).toMatchObject({
      id: 'm1',
      text: 'Before the storm',
      reactions: [],
      deletedAt: null,
    });
    expect(cord.store.threads.get('t1')).toMatchObject({ resolvedAt: null });
    expect(cord.store.threads.get('fuzz-thread')).toBeUndefined();
    const health = await fetch(`${cord.url}/health`);
    expect(health.status).toBe(200);
    await expect.poll(() => cord.hub.size).toBe(2 + CONNECTIONS);
    await alice.ok(sendBody('t1', 'after', 'After the storm'));
    await bob.next((event) => event.type === 'message' && event.message.id === 'after', 'message after the fuzzing');
    // A fuzzer that misbehaved for seconds can still be served once it behaves.
    const { thread } = await fuzzers[1]!.client.ok<{ thread: { messages: unknown[] } }>({
      type: 'thread.open',
      threadId: 't1',
    });
    expect(thread.messages.length).toBe(goodMessages + 2);
    // Nothing on the server side failed unexpectedly (that would log "... failed").
    expect(errorLog).not.toHaveBeenCalled();
  });
});
