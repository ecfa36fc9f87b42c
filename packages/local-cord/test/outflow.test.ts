// A connection's outflow (server/live/outflow.ts) on a stand-in socket: requests held while
// the client is behind run once it has caught up, in order, a slice at a time; what is sent
// in one turn of the event loop leaves in one write.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { QUEUED_BYTES_BEFORE_WAITING } from '../src/protocol/limits.ts';
import { Outflow } from '../src/server/live/outflow.ts';

/** A TCP connection that records each write it makes: how many frames went out in it. */
function recordingTransport() {
  const writes: number[] = [];
  const transport = new Writable({
    write(_chunk, _encoding, done) {
      writes.push(1);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.length);
      done();
    },
  });
  return { transport, writes };
}

/** A socket whose unread bytes the test sets, writing its frames to `transport`. */
function standInSocket(transport = recordingTransport().transport) {
  return {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send(data: string) {
      transport.write(data);
    },
    close() {},
    terminate() {},
  };
}

const noReading = { pause() {}, resume() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Outflow', () => {
  it('runs held requests in order once the client caught up, a slice at a time', async () => {
    const socket = standInSocket();
    const outflow = new Outflow(socket as unknown as WebSocket, recordingTransport().transport, noReading, () => {});
    const ran: number[] = [];
    /** A request that takes longer than a whole slice (10 ms). */
    const slowRequest = (n: number) => () => {
      const until = performance.now() + 12;
      while (performance.now() < until);
      ran.push(n);
    };

    socket.bufferedAmount = QUEUED_BYTES_BEFORE_WAITING + 1;
    for (let n = 0; n < 4; n++) outflow.whenCaughtUp(slowRequest(n));
    await sleep(30);
    expect(ran).toEqual([]);

    socket.bufferedAmount = 0;
    await expect.poll(() => ran.length, { interval: 1 }).toBeGreaterThan(0);
    // One check ran one slow request and gave the event loop back, not all four at once.
    expect(ran).toEqual([0]);
    await expect.poll(() => ran).toEqual([0, 1, 2, 3]);
    outflow.dispose();
  });

  it('sends what one turn of the event loop produced in one write', async () => {
    const { transport, writes } = recordingTransport();
    const outflow = new Outflow(standInSocket(transport) as unknown as WebSocket, transport, noReading, () => {});
    const ack = (id: number) => ({ type: 'ack', id: `r${id}`, result: null }) as const;

    for (let id = 0; id < 100; id++) outflow.send(ack(id));
    expect(writes).toEqual([]);
    await sleep(0);
    expect(writes).toEqual([100]);

    outflow.send(ack(100));
    await sleep(0);
    expect(writes).toEqual([100, 1]);
    outflow.dispose();
  });

  it('does not hold a request back for a large answer that is only waiting to leave with its turn', () => {
    const { transport, writes } = recordingTransport();
    // The client reads everything at once: only bytes not yet handed to the connection count.
    const socket = {
      ...standInSocket(transport),
      get bufferedAmount() {
        return transport.writableLength;
      },
    };
    const outflow = new Outflow(socket as unknown as WebSocket, transport, noReading, () => {});
    const big = 'x'.repeat(QUEUED_BYTES_BEFORE_WAITING + 1);

    outflow.send({ type: 'ack', id: 'big', result: big });
    let ran = false;
    outflow.whenCaughtUp(() => {
      ran = true;
    });

    expect(ran).toBe(true);
    expect(writes).toEqual([1]);
    outflow.dispose();
  });
});
