import { RATE_LIMIT } from '@cord-tutorial/local-cord/protocol';
import { installBrowserLikeWebSocket } from '@cord-tutorial/local-cord/testing';
import { openSdkPage } from '@cord-tutorial/local-cord/testing/sdk';
import { localToken, percentile, sleep, startLocalCordProcess } from './support.ts';

// Issue goal: a message sent by one user reaches 50 observers in other pages: p50 <= 20 ms,
// p99 <= 100 ms on loopback. Each page is the SDK's own code (CordSDK over its data layer,
// as the SDK script runs it) signed in as its own user, here in Node with a browser-like
// WebSocket; 50 pages observe the thread with `CordSDK.thread.observeThread`, a 51st page
// (another user) sends with `CordSDK.thread.sendMessage`. Measured: from just before
// sendMessage to the moment the last of the 50 observers' callbacks is given the message.
// Local Cord runs as its own process; the 51 pages share this one (so the figure includes
// 50 pages taking the message in turn on one core, where real pages each have their own).
const OBSERVERS = Number(process.env.OBSERVERS ?? 50);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const WARMUP = 20;
/** One send every 50 ms: 20 a second, well under RATE_LIMIT for the sender's connection. */
const INTERVAL_MS = 50;
if (1_000 / INTERVAL_MS > RATE_LIMIT / 2) throw new Error('the sender would come close to RATE_LIMIT');
const GROUP = 'fanout';
const THREAD = 'fanout-thread';
const text = (value: string) => [{ type: 'p', children: [{ text: value }] }];

const restoreWebSocket = installBrowserLikeWebSocket();
const cord = await startLocalCordProcess();
try {
  const sender = (await openSdkPage(cord, localToken('sender', GROUP))).sdk;
  await sender.thread.sendMessage(THREAD, {
    content: text('Fan-out starts'),
    createThread: { name: 'Fan-out', url: 'http://localhost/', location: { page: 'fanout' } },
  } as Parameters<typeof sender.thread.sendMessage>[1]);

  // messageId -> how many observers have it, and what to call when all do.
  const inFlight = new Map<string, { received: Set<number>; done: (lastAt: number) => void }>();
  const observers = [];
  for (let i = 0; i < OBSERVERS; i++) {
    const { sdk } = await openSdkPage(cord, localToken(`fan${i}`, GROUP));
    await new Promise<void>((loaded) => {
      sdk.thread.observeThread(THREAD, (data) => {
        if (!data.loading) loaded();
        const newest = data.messages.at(-1)?.id;
        const entry = newest === undefined ? undefined : inFlight.get(newest);
        if (!entry || entry.received.has(i)) return;
        entry.received.add(i);
        if (entry.received.size === OBSERVERS) entry.done(performance.now());
      });
    });
    observers.push(sdk);
  }

  const latencies: number[] = [];
  for (let n = 0; n < WARMUP + MESSAGES; n++) {
    const messageId = `fan-${n}`;
    const allReceived = new Promise<number>((done) => inFlight.set(messageId, { received: new Set(), done }));
    const sentAt = performance.now();
    await sender.thread.sendMessage(THREAD, { id: messageId, content: text(`Fan-out ${n}`) } as Parameters<
      typeof sender.thread.sendMessage
    >[1]);
    const lastAt = await allReceived;
    if (n >= WARMUP) latencies.push(lastAt - sentAt);
    inFlight.delete(messageId);
    const wait = sentAt + INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }

  latencies.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `Live fan-out: 1 page sends, ${OBSERVERS} other pages observe the thread (CordSDK.thread.observeThread), ` +
      `${MESSAGES} messages (after ${WARMUP} warm-up), one every ${INTERVAL_MS} ms`,
  );
  console.log(
    `  sendMessage -> all ${OBSERVERS} observers called with it: p50 ${ms(percentile(latencies, 0.5))}, ` +
      `p90 ${ms(percentile(latencies, 0.9))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1)!)} ` +
      '(goals: p50 <= 20 ms, p99 <= 100 ms)',
  );
  for (const sdk of [sender, ...observers]) sdk.destroy();
} finally {
  await cord.stop();
  restoreWebSocket();
}
