import type { ServerEvent } from '@cord-tutorial/local-cord/protocol';
import { sendBody } from '@cord-tutorial/local-cord/testing';
import { percentile, signInTo, startLocalCordProcess } from './support.ts';

// The server's part of a notification, as the recipient's notifications pile up: one
// WebSocket client mentions another, who observes their unread count and their list (as the
// threads page does); the time from sending to the recipient's new count, over 300
// mentions in one thread, each marked read before the next. Local Cord runs as its own
// process; the clients share this one.
const MENTIONS = Number(process.env.MENTIONS ?? 300);
const BUCKET = 100;

const cord = await startLocalCordProcess();
try {
  const sender = await signInTo(cord, 'severus', 'hogwarts');
  const recipient = await signInTo(cord, 'minerva', 'hogwarts');
  await recipient.client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });
  await recipient.client.ok({ type: 'notifications.observe', queryId: 'list', filter: {}, count: 10 });
  const unread = (count: number) =>
    recipient.client.next(
      (event: ServerEvent) => event.type === 'notificationCounts' && event.unread === count,
      `an unread count of ${count}`,
      10_000,
    );

  const timings: number[] = [];
  for (let n = 0; n < MENTIONS; n++) {
    const counted = unread(1);
    const sentAt = performance.now();
    sender.client.send({
      ...sendBody('scaling', `m${n}`, 'x'),
      content: [
        { type: 'p', children: [{ type: 'mention', user: { id: 'minerva' }, children: [{ text: '@Minerva' }] }] },
      ],
      id: `send-${n}`,
    });
    await counted;
    timings.push(performance.now() - sentAt);
    await recipient.client.ok({ type: 'notifications.markAllRead', filter: {} });
    await unread(0);
  }
  console.log(`Notify: a mention -> the recipient's unread count, by how many notifications they already had`);
  for (let start = 0; start < timings.length; start += BUCKET) {
    const bucket = timings.slice(start, start + BUCKET).sort((a, b) => a - b);
    console.log(
      `  ${start}-${start + bucket.length - 1}: median ${percentile(bucket, 0.5).toFixed(1)} ms, ` +
        `p90 ${percentile(bucket, 0.9).toFixed(1)} ms, max ${bucket.at(-1)!.toFixed(1)} ms`,
    );
  }
} finally {
  await cord.stop();
}
