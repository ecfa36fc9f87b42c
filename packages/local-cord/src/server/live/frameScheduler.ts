import type { RawData } from 'ws';

// Frames are not handled the moment they arrive: a socket delivers everything it has read
// in one go, and a client that sends thousands of frames at once would hold the server
// for as long as they take. Each connection's frames wait in its lane instead, and the
// server handles them in turn, a frame from each waiting connection per round.

/** Longest one run of frame handling lasts before the event loop gets a turn (/health, REST, new sockets). */
export const SLICE_MS = 10;
/** A connection with this much waiting is not read (its sender is held back by TCP) until it is handled. */
const LANE_MAX_BYTES = 256 * 1024;
const LANE_MAX_FRAMES = 64;
/** Past this much waiting over every connection, each connection that sends more is not read until its lane is empty. */
const SERVER_MAX_BYTES = 16 * 1024 * 1024;

/** Where frames come from: a socket that can stop being read for a while. */
export interface FrameSource {
  pause(): void;
  resume(): void;
}

type FrameHandler = (data: RawData, isBinary: boolean) => void;

/** One connection's waiting frames. */
export class FrameLane {
  readonly frames: Array<{ data: RawData; isBinary: boolean; bytes: number }> = [];
  bytes = 0;
  paused = false;
  closed = false;

  constructor(
    private readonly scheduler: FrameScheduler,
    readonly source: FrameSource,
    readonly handle: FrameHandler,
  ) {}

  push(data: RawData, isBinary: boolean) {
    this.scheduler.push(this, data, isBinary);
  }

  /** The connection closed: what it sent and was not handled yet is dropped. */
  close() {
    this.scheduler.close(this);
  }
}

/** Every connection's lane, handled fairly in slices of at most SLICE_MS. */
export class FrameScheduler {
  private readonly waiting = new Set<FrameLane>();
  private queuedBytes = 0;
  private scheduled = false;

  open(source: FrameSource, handle: FrameHandler): FrameLane {
    return new FrameLane(this, source, handle);
  }

  /** Bytes waiting over every connection. */
  get queued(): number {
    return this.queuedBytes;
  }

  push(lane: FrameLane, data: RawData, isBinary: boolean) {
    if (lane.closed) return;
    const bytes = byteLength(data);
    lane.frames.push({ data, isBinary, bytes });
    lane.bytes += bytes;
    this.queuedBytes += bytes;
    const full =
      lane.bytes > LANE_MAX_BYTES || lane.frames.length > LANE_MAX_FRAMES || this.queuedBytes > SERVER_MAX_BYTES;
    if (full && !lane.paused) {
      lane.paused = true;
      lane.source.pause();
    }
    this.waiting.add(lane);
    this.schedule();
  }

  close(lane: FrameLane) {
    lane.closed = true;
    this.queuedBytes -= lane.bytes;
    lane.frames.length = 0;
    lane.bytes = 0;
    this.waiting.delete(lane);
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  private readonly run = () => {
    this.scheduled = false;
    const started = performance.now();
    // Round robin within the slice: a lane that was served goes to the back of the line (a
    // Set visits what is added while it is walked), and the slice ends on time even in the
    // middle of a round, so 200 busy connections cannot hold the event loop for a round each.
    for (const lane of this.waiting) {
      const frame = lane.frames.shift();
      if (frame) {
        lane.bytes -= frame.bytes;
        this.queuedBytes -= frame.bytes;
        try {
          lane.handle(frame.data, frame.isBinary);
        } catch (error) {
          // A connection's bad luck must not stop every other connection's frames.
          console.error('local Cord: a frame could not be handled', error);
        }
      }
      if (lane.frames.length === 0) {
        this.drained(lane);
      } else {
        this.waiting.delete(lane);
        this.waiting.add(lane);
      }
      if (performance.now() - started >= SLICE_MS) break;
    }
    if (this.waiting.size > 0) this.schedule();
  };

  private drained(lane: FrameLane) {
    this.waiting.delete(lane);
    if (lane.paused && !lane.closed) {
      lane.paused = false;
      lane.source.resume();
    }
  }
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}
