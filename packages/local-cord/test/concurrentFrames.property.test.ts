// A property: whatever mix of frames many connections send at once (writes, reads,
// presence, garbage, and hanging up midway), local Cord keeps answering /health and its
// store stays consistent: every acknowledged message is stored as its sender's, in a group
// of theirs, and nothing else is; presence outlives no connection and passes no limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import { MAX_PRESENT_LOCATIONS } from '../src/protocol/limits.ts';
import {
  closeAllClients,
  memberToken,
  signIn,
  startThrowawayLocalCord,
  type TestClient,
  WAIT_MS,
} from '../src/testing/index.ts';

type Ack = Extract<ServerEvent, { type: 'ack' }>;

const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
/** Connections: two each of three users, two of them in one group, the third in another. */
const USERS = [
  { id: 'alice', groupId: 'team' },
  { id: 'bob', groupId: 'team' },
  { id: 'eve', groupId: 'rivals' },
];
const TABS_PER_USER = 2;
const dir = mkdtempSync(join(tmpdir(), 'local-cord-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const threadId = fc.constantFrom('t0', 't1', 't2');
const messageId = fc.integer({ min: 0, max: 30 }).map((n) => `m${n}`);
const location = fc.record({ page: fc.constantFrom('p0', 'p1'), spot: fc.integer({ min: 0, max: 3 }) });

/** One step of a connection: a frame to send, or hanging up. */
const step = fc.oneof(
  fc.tuple(threadId, messageId, fc.string({ maxLength: 20 })).map(([thread, message, text]) => ({
    type: 'message.send',
    threadId: thread,
    messageId: message,
    content: contentFromText(text || 'x'),
    createThread: { name: thread, url: 'http://localhost:5173/', location: { page: 'p0' } },
  })),
  fc
    .tuple(messageId, fc.string({ maxLength: 20 }))
    .map(([message, text]) => ({ type: 'message.update', messageId: message, content: contentFromText(text || 'y') })),
  fc.tuple(threadId, fc.boolean()).map(([thread, resolved]) => ({ type: 'thread.update', threadId: thread, resolved })),
  fc.tuple(location, fc.boolean(), fc.boolean(), fc.boolean()).map(([where, present, durable, exclusive]) => ({
    type: 'presence.set',
    location: where,
    present,
    durable,
    ...(exclusive && { exclusiveWithin: { page: where.page } }),
  })),
  location.map((where) => ({ type: 'presence.watch', watchId: 'w', location: { page: where.page } })),
  threadId.map((thread) => ({ type: 'thread.observe', threadId: thread })),
  fc.constant({ type: 'threads.observe', queryId: 'list', filter: {}, sort: {}, count: 10 }),
  fc.jsonValue().map((garbage) => ({ garbage })),
  fc.constant('hang up' as const),
);

const scenario = fc.array(fc.array(step, { maxLength: 40 }), {
  minLength: USERS.length * TABS_PER_USER,
  maxLength: USERS.length * TABS_PER_USER,
});

/** Sends a connection's steps at once; resolves with the acks of what the server handled. */
async function play(client: TestClient, steps: ReadonlyArray<object | 'hang up'>, tab: number) {
  const sent: Array<{ id: string; frame: object }> = [];
  for (const [index, frame] of steps.entries()) {
    if (frame === 'hang up') {
      await client.close();
      break;
    }
    const id = `c${tab}-${index}`;
    sent.push({ id, frame });
    client.send({ ...frame, id });
  }
  if (client.isOpen) await client.sync();
  // Hung up: what was handled before the close was answered before it.
  const acks = new Map(
    client.inbox.filter((event): event is Ack => event.type === 'ack').map((ack) => [ack.id, ack] as const),
  );
  return sent.flatMap(({ id, frame }) => (acks.has(id) ? [{ frame, ack: acks.get(id)! }] : []));
}

describe(`frames from many connections at once (seed ${SEED}, rerun with PROPERTY_SEED=${SEED})`, () => {
  it('leave /health answering and the store consistent', { timeout: 120_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const cord = await startThrowawayLocalCord(join(dir, `run-${run++}.db`));
        try {
          const tabs = await Promise.all(
            steps.map(async (_, tab) => {
              const user = USERS[tab % USERS.length]!;
              return { user, client: (await signIn(cord, memberToken(user.id, user.groupId))).client };
            }),
          );
          const health = fetch(`${cord.url}/health`);
          const played = await Promise.all(tabs.map(({ client }, tab) => play(client, steps[tab]!, tab)));
          expect((await health).status).toBe(200);

          // Every connection that hung up is gone from the hub, its presence with it.
          const open = tabs.filter(({ client }) => client.isOpen);
          const deadline = Date.now() + WAIT_MS;
          while (cord.hub.size !== open.length && Date.now() < deadline) await new Promise(setImmediate);
          const answer = (await (await fetch(`${cord.url}/health`)).json()) as { ok: boolean; connections: number };
          expect(answer).toMatchObject({ ok: true, connections: open.length });
          expect(cord.store.integrityCheck()).toBe('ok');

          // Stored user messages are exactly the acknowledged sends, each its sender's, in a group of theirs.
          const sends = played.flatMap((acks, tab) =>
            acks
              .filter(({ frame, ack }) => 'type' in frame && frame.type === 'message.send' && 'result' in ack)
              .map(({ frame }) => ({ id: (frame as { messageId: string }).messageId, user: tabs[tab]!.user })),
          );
          const stored = ['team', 'rivals'].flatMap((groupId) =>
            cord.store.threads
              .listed([groupId])
              .flatMap((thread) => cord.store.messages.inThread(thread.id).map((message) => ({ message, groupId })))
              // Resolving a thread adds Cord's action message: not a send.
              .filter(({ message }) => message.type === 'user_message'),
          );
          // A send again under the same id is answered as the first (the SDK re-sends after a reconnect).
          const sentIds = [...new Set(sends.map(({ id }) => id))];
          expect(stored.map(({ message }) => message.id).sort()).toEqual(sentIds.sort());
          for (const { message, groupId } of stored) {
            const senders = sends.filter(({ id }) => id === message.id).map(({ user }) => user);
            expect(senders).toContainEqual({ id: message.authorId, groupId });
          }

          // Presence: nobody is present without an open connection, nobody past the limit.
          const present = ['team', 'rivals'].flatMap((groupId) =>
            cord.store.presence.visibleIn([groupId]).filter((row) => row.present),
          );
          const connected = new Set(open.map(({ user }) => user.id));
          for (const row of present) expect(connected).toContain(row.user.id);
          for (const { id } of USERS)
            expect(cord.store.presence.presentCount(id)).toBeLessThanOrEqual(MAX_PRESENT_LOCATIONS);
        } finally {
          await closeAllClients();
          await cord.close();
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  });
});
