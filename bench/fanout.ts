import { RATE_LIMIT, type ServerEvent } from '@cord-tutorial/local-cord/protocol';
import { sendBody } from '@cord-tutorial/local-cord/testing';
import { percentile, signInTo, sleep, startLocalCordProcess } from './support.ts';

// Issue goal: 50 WebSocket clients on one thread, one of them sends; the time until all
// 50 (the sender included) have the message pushed: p50 <= 20 ms, p99 <= 100 ms on
// loopback. Local Cord runs as its own process; the clients share this one.
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const WARMUP = 20;
/** One send every 50 ms: 20 a second, well under RATE_LIMIT for the sender's connection. */
const INTERVAL_MS = 50;
if (1_000 / INTERVAL_MS > RATE_LIMIT / 2) throw new Error('the sender would come close to RATE_LIMIT');
const THREAD = 'fanout-thread';

const cord = await startLocalCordProcess();
try {
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) clients.push((await signInTo(cord, `fan${i}`, 'fanout')).client);
  await Promise.all(clients.map((client) => client.ok({ type: 'thread.observe', threadId: THREAD })));

  // messageId -> [sent at, received by how many, last arrival]
  const inFlight = new Map<string, { sentAt: number; received: number; done: (lastAt: number) => void }>();
  for (const client of clients) {
    client.socket.on('message', (data) => {
      const at = performance.now();
      const event = JSON.parse(data.toString()) as ServerEvent;
      if (event.type !== 'message') return;
      const entry = inFlight.get(event.message.id);
      if (entry && ++entry.received === CLIENTS) entry.done(at);
    });
  }
  const sender = clients[0]!;
  const latencies: number[] = [];
  for (let n = 0; n < WARMUP + MESSAGES; n++) {
    const messageId = `fan-${n}`;
    const allReceived = new Promise<number>((resolve) => {
      inFlight.set(messageId, { sentAt: 0, received: 0, done: resolve });
    });
    const sentAt = performance.now();
    sender.send({ ...sendBody(THREAD, messageId, `Fan-out ${n}`), id: `send-${n}` });
    const lastAt = await allReceived;
    if (n >= WARMUP) latencies.push(lastAt - sentAt);
    inFlight.delete(messageId);
    const wait = sentAt + INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  // The sender was never refused for going too fast.
  const refused = sender.inbox.filter((event) => event.type === 'ack' && 'error' in event);
  if (refused.length > 0) throw new Error(`sender refused: ${JSON.stringify(refused[0])}`);

  latencies.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `Live fan-out: ${CLIENTS} clients on one thread, ${MESSAGES} messages (after ${WARMUP} warm-up), one every ${INTERVAL_MS} ms`,
  );
  console.log(
    `  send -> all ${CLIENTS} received: p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))}, ` +
      `p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1)!)} (goals: p50 <= 20 ms, p99 <= 100 ms)`,
  );
  await Promise.all(clients.map((client) => client.close()));
} finally {
  await cord.stop();
}
