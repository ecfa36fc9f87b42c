// The frame scheduler hands frames out fairly between connections, and stops reading a
// connection whose frames pile up until they are handled.
import { describe, expect, it } from 'vitest';
import { FrameScheduler } from '../src/server/live/frameScheduler.ts';

/** A socket stand-in that notes when it is paused and resumed. */
function source(log: string[], name: string) {
  return { pause: () => log.push(`${name} paused`), resume: () => log.push(`${name} resumed`) };
}

const frame = (text: string) => Buffer.from(text);
/** Waits until nothing is left waiting, then one more turn of the event loop. */
async function drained(scheduler: FrameScheduler) {
  do await new Promise(setImmediate);
  while (scheduler.queued > 0);
  await new Promise(setImmediate);
}

describe('FrameScheduler', () => {
  it('takes a frame from each waiting connection in turn: a flood does not hold up another connection', async () => {
    const scheduler = new FrameScheduler();
    const handled: string[] = [];
    const log: string[] = [];
    const flood = scheduler.open(source(log, 'flood'), (data) => handled.push(data.toString()));
    const quiet = scheduler.open(source(log, 'quiet'), (data) => handled.push(data.toString()));

    for (let i = 0; i < 1_000; i++) flood.push(frame(`flood ${i}`), false);
    quiet.push(frame('quiet'), false);
    expect(handled).toEqual([]);
    await drained(scheduler);

    expect(handled).toHaveLength(1_001);
    expect(handled.indexOf('quiet')).toBe(1);
    // In order within a connection.
    expect(handled.filter((text) => text.startsWith('flood'))).toEqual(
      Array.from({ length: 1_000 }, (_, i) => `flood ${i}`),
    );
    // The flood stopped being read once over its share, and was read again once handled.
    expect(log).toEqual(['flood paused', 'flood resumed']);
    expect(scheduler.queued).toBe(0);
  });

  it('gives the event loop a turn in the middle of a round when the slice is used up, and goes on where it stopped', async () => {
    const scheduler = new FrameScheduler();
    const handled: string[] = [];
    /** A frame that takes longer than a whole slice (10 ms) to handle. */
    const slow = (name: string) =>
      scheduler.open(source([], name), () => {
        const until = performance.now() + 12;
        while (performance.now() < until);
        handled.push(name);
      });
    const lanes = ['a', 'b', 'c'].map((name) => {
      const lane = slow(name);
      lane.push(frame(name), false);
      lane.push(frame(name), false);
      return lane;
    });
    expect(lanes).toHaveLength(3);

    await new Promise(setImmediate);
    // One frame, then the slice was over: the other connections (and /health) wait one slice, not a round.
    expect(handled).toEqual(['a']);
    await drained(scheduler);
    expect(handled).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it("drops a closed connection's waiting frames, and counts them no more", async () => {
    const scheduler = new FrameScheduler();
    const handled: string[] = [];
    const lane = scheduler.open(source([], 'gone'), (data) => handled.push(data.toString()));
    lane.push(frame('one'), false);
    lane.push(frame('two'), false);
    expect(scheduler.queued).toBe(6);

    lane.close();
    lane.push(frame('three'), false);
    await drained(scheduler);

    expect(handled).toEqual([]);
    expect(scheduler.queued).toBe(0);
  });
});
