// A client that stops reading its socket: local Cord closes it once too much waits for it,
// instead of queueing without end, and every other client carries on.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PAGE_BYTES, MAX_PAGE_SIZE, MAX_QUEUED_BYTES } from '../src/protocol/limits.ts';
import { CLOSE_TOO_SLOW, type LocalCord } from '../src/server/index.ts';
import { memberToken, signIn, startThrowawayLocalCord, stopServer, type TestClient } from '../src/testing/index.ts';

let cord: LocalCord;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'local-cord-backpressure-'));
  cord = await startThrowawayLocalCord(join(dir, 'cord.db'));
});
afterEach(async () => {
  await stopServer(cord);
  rmSync(dir, { recursive: true, force: true });
});

/** A thread of `bytes` of message text, written straight to the store (quicker than sending it). */
function bigThread(threadId: string, groupId: string, authorId: string, bytes: number) {
  const text = 'x'.repeat(MAX_MESSAGE_LENGTH);
  cord.store.transaction(() => {
    cord.store.threads.create({ id: threadId, groupId, name: threadId, url: 'http://localhost/', location: {} });
    for (let i = 0; i * MAX_MESSAGE_LENGTH < bytes; i++) {
      cord.store.messages.insert({ id: `${threadId}-m${i}`, threadId, authorId, content: contentFromText(text) });
    }
  });
}

async function connections(): Promise<number> {
  const health = (await (await fetch(`${cord.url}/health`)).json()) as { connections: number };
  return health.connections;
}

/** The client's TCP socket: pausing it stops reading, as a stuck tab or a hostile client does. */
const tcp = (client: TestClient) => (client.socket as unknown as { _socket: Socket })._socket;

describe('backpressure', () => {
  it('closes a client that stops reading once its queue passes the limit, and serves the others', async () => {
    const alice = await signIn(cord, memberToken('alice', 'team'));
    const slow = await signIn(cord, memberToken('mallory', 'team'));
    const threads = ['big-1', 'big-2', 'big-3', 'big-4'];
    for (const threadId of threads) bigThread(threadId, 'team', 'alice', MAX_QUEUED_BYTES);
    expect(await connections()).toBe(2);

    tcp(slow.client).pause();
    // Each answer is a full page of long messages: together far more than may wait unread.
    for (let i = 0; i < 10; i++) {
      for (const threadId of threads) {
        slow.client.send({ type: 'thread.observe', id: `${threadId}-${i}`, threadId, messageCount: MAX_PAGE_SIZE });
      }
    }

    // The hub lets go of the slow client at once; the reading one is served meanwhile.
    await expect.poll(connections, { timeout: 10_000 }).toBe(1);
    const answer = await alice.client.ok<{ messages: unknown[] }>({ type: 'thread.observe', threadId: 'big-1' });
    expect(answer.messages.length).toBeGreaterThan(0);

    // Reading again, the slow client finds why it was closed after what was queued for it.
    tcp(slow.client).resume();
    const closed = await slow.client.closed;
    expect(closed).toEqual({ code: CLOSE_TOO_SLOW, reason: 'too_slow - the connection did not read what it was sent' });
    expect(alice.client.isOpen).toBe(true);
  }, 20_000);

  it('keeps a client that reads what it asks for, however much', async () => {
    const alice = await signIn(cord, memberToken('alice', 'team'));
    const threads = ['big-1', 'big-2', 'big-3'];
    for (const threadId of threads) bigThread(threadId, 'team', 'alice', MAX_QUEUED_BYTES);

    const answers = await Promise.all(
      threads.map((threadId) =>
        alice.client.ok<{ messages: unknown[] }>({ type: 'thread.observe', threadId, messageCount: MAX_PAGE_SIZE }),
      ),
    );

    for (const answer of answers) expect(answer.messages.length).toBeGreaterThan(0);
    expect(alice.client.isOpen).toBe(true);
    expect(await connections()).toBe(1);
  }, 20_000);

  it('sends a thread of long messages a bounded page at a time, the rest as the reader asks', async () => {
    const alice = await signIn(cord, memberToken('alice', 'team'));
    bigThread('big', 'team', 'alice', MAX_QUEUED_BYTES);
    const all = Math.ceil(MAX_QUEUED_BYTES / MAX_MESSAGE_LENGTH);
    type Page = { messages: Array<{ id: string; content: unknown }>; hasMore: boolean };

    const first = await alice.client.ok<Page>({ type: 'thread.observe', threadId: 'big', messageCount: MAX_PAGE_SIZE });
    const pages = [first];
    while (pages.at(-1)?.hasMore) {
      const oldest = pages.at(-1)!.messages[0]!;
      pages.push(
        await alice.client.ok<Page>({
          type: 'thread.olderMessages',
          threadId: 'big',
          beforeMessageId: oldest.id,
          count: MAX_PAGE_SIZE,
        }),
      );
    }

    expect(first.hasMore).toBe(true);
    expect(first.messages.at(-1)?.id).toBe(`big-m${all - 1}`);
    for (const page of pages) {
      const bytes = page.messages.reduce((sum, message) => sum + JSON.stringify(message.content).length, 0);
      expect(bytes).toBeLessThanOrEqual(MAX_MESSAGE_PAGE_BYTES);
    }
    const ids = pages.reverse().flatMap((page) => page.messages.map((message) => message.id));
    expect(ids).toEqual(Array.from({ length: all }, (_, i) => `big-m${i}`));
  }, 20_000);
});
