// A crash in the middle of a burst: local Cord runs as a real process on a database
// file, is killed with SIGKILL while a client is sending 1,000 messages, and restarted
// on the same file. The client is the browser SDK's own Connection (over `ws`), which
// re-sends whatever was not acknowledged once it has signed in again. Just before the
// crash the acknowledgements stop getting through (a proxy drops them), so some messages
// are stored but never acknowledged: their re-sends must not store them twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getClientAuthToken } from '@cord-sdk/server';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT } from '../src/protocol/limits.ts';
import type { MessageData } from '../src/protocol/views.ts';
import { Connection } from '../src/sdk/transport/connection.ts';
import { Store } from '../src/store/store.ts';
import {
  type CliProcess,
  freePort,
  installBrowserLikeWebSocket,
  sendBody,
  startCli,
  stopCli,
} from '../src/testing/index.ts';

const MESSAGES = 1_000;
/** The client's connections ("tabs" of one user), sharing the burst so it takes seconds, not minutes. */
const TABS = 4;
/** Each tab sends at this pace, under RATE_LIMIT a second. */
const PER_TAB_PER_SECOND = RATE_LIMIT - 10;
/** The crash starts right after sending this many messages: mid-burst. */
const KILL_AFTER_SENDING = 400;
/** For this long before the SIGKILL, messages still reach local Cord but its answers are lost. */
const ACKS_LOST_MS = 300;
const THREAD = 'burst-thread';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let database: string;
let port: number;
let cord: CliProcess | undefined;
let proxy: Server;
let proxyPort: number;
const proxied = new Set<Socket>();
/** While true, whatever local Cord sends the client is dropped on the way. */
let dropAnswers = false;
let tabs: Connection[] = [];
let restoreWebSocket: () => void;

async function startCord() {
  cord = startCli({
    LOCAL_CORD_HOST: '127.0.0.1',
    LOCAL_CORD_PORT: String(port),
    LOCAL_CORD_DB: database,
    // The tabs reach local Cord through the proxy's port: 127.0.0.1 on any port, as a port forward needs.
    LOCAL_CORD_ALLOWED_HOSTS: '127.0.0.1',
  });
  await cord.waitFor(/local Cord listening/);
}

/** Reads the database file directly, with local Cord not running. */
function readStore<T>(read: (store: Store) => T): T {
  const store = new Store(database);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  dataDir = mkdtempSync(join(tmpdir(), 'local-cord-faults-'));
  database = join(dataDir, 'local-cord.db');
  port = await freePort();
  await startCord();
  // The tabs connect through this: a TCP proxy that can lose local Cord's answers.
  proxy = createServer((downstream) => {
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      proxied.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        proxied.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream);
    upstream.on('data', (chunk) => {
      if (!dropAnswers) downstream.write(chunk);
    });
  });
  proxyPort = await new Promise<number>((resolve) =>
    proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as { port: number }).port)),
  );
});
afterAll(async () => {
  if (cord) await stopCli(cord, 'SIGKILL');
  for (const tab of tabs) tab.stop();
  for (const socket of proxied) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  restoreWebSocket();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of a burst of messages', () => {
  it(`loses and duplicates none of ${MESSAGES} messages`, { timeout: 60_000 }, async () => {
    const token = getClientAuthToken(LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET, {
      user_id: 'burst',
      group_id: 'burst-team',
      user_details: { name: 'Burst Sender' },
      group_details: { name: 'Burst team' },
    });
    let refused: string | undefined;
    tabs = Array.from(
      { length: TABS },
      () =>
        new Connection(`ws://127.0.0.1:${proxyPort}/socket`, token, {
          onWelcome: () => {},
          onEvent: () => {},
          onRefused: (message) => (refused = message),
        }),
    );

    // What the client learns: every acknowledgement, with when it came and the stored message.
    const acked = new Map<string, { at: number; message: MessageData }>();
    let killedAt = Number.POSITIVE_INFINITY;
    let killing: Promise<void> | undefined;
    let ackedBeforeRestart: string[] = [];
    let lostInCrash: string[] | undefined;
    let inFlightAtKill = 0;
    let issued = 0;

    const kill = async () => {
      // The burst goes on; what arrives from now on is stored but never acknowledged.
      dropAnswers = true;
      await sleep(ACKS_LOST_MS);
      killedAt = Date.now();
      inFlightAtKill = issued - acked.size;
      await stopCli(cord!, 'SIGKILL');
      dropAnswers = false;
      try {
        // Give the tabs time to see their sockets drop; acks that were already on the wire count.
        await sleep(300);
        ackedBeforeRestart = [...acked.keys()];
        // Read the file as the crash left it, before anything is re-sent.
        const stored = readStore((store) => new Set(store.messages.inThread(THREAD).map((message) => message.id)));
        lostInCrash = ackedBeforeRestart.filter((id) => !stored.has(id));
      } finally {
        await startCord();
      }
    };

    /**
     * Sends one message through a tab and waits for its acknowledgement. After the
     * reconnect the tab re-sends its whole backlog, paced under the rate limit: no
     * message may come back refused.
     */
    const deliver = async (tab: Connection, index: number) => {
      const messageId = `burst-${String(index).padStart(4, '0')}`;
      const { message } = await tab.request<{ message: MessageData }>(
        sendBody(THREAD, messageId, `Burst message ${index}`),
      );
      acked.set(messageId, { at: Date.now(), message });
    };

    const started = performance.now();
    const deliveries: Array<Promise<void>> = [];
    for (let index = 0; index < MESSAGES; index++) {
      const tab = index % TABS;
      const due = started + (Math.floor(index / TABS) * 1_000) / PER_TAB_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      issued++;
      deliveries.push(deliver(tabs[tab]!, index));
      // From here on answers are lost for ACKS_LOST_MS, then the SIGKILL; sending goes on.
      if (issued === KILL_AFTER_SENDING) killing = kill();
    }
    await killing;
    // Everything acknowledged had been committed first, so it survived the crash.
    expect(lostInCrash, 'acknowledged before the crash, missing after it').toEqual([]);
    // Each message ends acknowledged; a refused one fails its delivery (and the test),
    // one that is never answered was silently dropped.
    let deadline: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(deliveries), new Promise((resolve) => (deadline = setTimeout(resolve, 30_000)))]);
    clearTimeout(deadline);
    const dropped = Array.from({ length: MESSAGES }, (_, index) => `burst-${String(index).padStart(4, '0')}`).filter(
      (id) => !acked.has(id),
    );
    expect(dropped, 'not acknowledged within 30 s of the last send').toEqual([]);
    for (const tab of tabs) tab.stop();
    await stopCli(cord!);

    // The kill came mid-burst, with messages issued and not yet acknowledged.
    expect(Number.isFinite(killedAt)).toBe(true);
    expect(ackedBeforeRestart.length).toBeGreaterThan(KILL_AFTER_SENDING / 2);
    expect(ackedBeforeRestart.length).toBeLessThan(MESSAGES);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(refused).toBeUndefined();

    // Every message was acknowledged in the end, with what was stored.
    expect(acked.size).toBe(MESSAGES);
    const stored = readStore((store) => {
      expect(store.integrityCheck()).toBe('ok');
      return store.messages.inThread(THREAD);
    });
    expect(stored).toHaveLength(MESSAGES);
    const storedById = new Map(stored.map((message) => [message.id, message]));
    expect(storedById.size).toBe(MESSAGES);
    expect(new Set(stored.map((message) => message.plaintext)).size).toBe(MESSAGES);
    for (let index = 0; index < MESSAGES; index++) {
      const messageId = `burst-${String(index).padStart(4, '0')}`;
      const message = storedById.get(messageId);
      expect(message, messageId).toMatchObject({
        plaintext: `Burst message ${index}`,
        authorId: 'burst',
        threadId: THREAD,
        deletedAt: null,
      });
      // A re-send of a message stored before the crash answered with the stored one, not a copy.
      expect(acked.get(messageId)!.message, messageId).toMatchObject({
        id: messageId,
        threadID: THREAD,
        authorID: 'burst',
        content: message!.content,
        plaintext: message!.plaintext,
        createdTimestamp: message!.createdAt,
      });
    }
    // Stored before the crash, acknowledged only after the restart: the re-sends were answered
    // with the stored message (same createdTimestamp, checked above), not stored again.
    const storedThenResent = [...acked.values()].filter(
      ({ at, message }) => message.createdTimestamp < killedAt && at > killedAt,
    );
    expect(storedThenResent.length).toBeGreaterThan(0);
    if (process.env.FAULTS_VERBOSE) {
      console.info({
        ackedBeforeRestart: ackedBeforeRestart.length,
        inFlightAtKill,
        storedThenResent: storedThenResent.length,
      });
    }
  });
});
