import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ServerEvent } from '../../protocol/events.ts';
import { MAX_QUEUED_BYTES, QUEUED_BYTES_BEFORE_WAITING, SLOW_READER_MS } from '../../protocol/limits.ts';
import { SLICE_MS } from './frameScheduler.ts';
import type { ReadControl } from './readGate.ts';

/** Close code for a client that stopped reading what it is sent. */
export const CLOSE_TOO_SLOW = 4008;
const TOO_SLOW_REASON = 'too_slow - the connection did not read what it was sent';
/** How often a connection that is behind is looked at again. */
const CHECK_MS = 20;
/**
 * How long a client closed as too slow has to read its queue and the close frame before
 * its socket is dropped, and with it everything still queued for it.
 */
const CLOSE_GRACE_MS = 1_000;

/**
 * Backpressure for one WebSocket. Its requests run only while the client keeps up with
 * what it was sent (the socket stops being read while it does not); a client that stays
 * behind, or whose queue passes MAX_QUEUED_BYTES however it grew (pushes of others'
 * changes too), is closed with CLOSE_TOO_SLOW and its queue freed.
 */
export class Outflow {
  private readonly waiting: Array<() => void> = [];
  private checkTimer: ReturnType<typeof setInterval> | undefined;
  private dropTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the client last read enough for a waiting request to run. */
  private progressAt = 0;
  /** Whether what is sent now waits to leave with the rest of this turn's events. */
  private coalescing = false;

  constructor(
    private readonly socket: WebSocket,
    /** The WebSocket's TCP connection, whose writes can be held and sent together. */
    private readonly transport: Pick<Writable, 'cork' | 'uncork'>,
    /** Stops and restarts reading the socket's requests (shared with the frame scheduler). */
    private readonly reading: ReadControl,
    /** Told once, when the client is closed as too slow: nothing more should be made for it. */
    private readonly onTooSlow: () => void,
  ) {}

  send(event: ServerEvent) {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_QUEUED_BYTES) this.closeTooSlow();
    else {
      this.coalesce();
      this.socket.send(JSON.stringify(event));
    }
  }

  /**
   * Everything sent to this client in one turn of the event loop leaves in one write. A
   * burst of frames (acks to a flood of requests, a slice of the scheduler's work) was
   * a system call each, about half of the work of answering them.
   */
  private coalesce() {
    if (this.coalescing) return;
    this.coalescing = true;
    this.transport.cork();
    process.nextTick(() => this.flush());
  }

  /** Sends what this turn has held back so far. */
  private flush() {
    if (!this.coalescing) return;
    this.coalescing = false;
    this.transport.uncork();
  }

  /** Runs `work` (a request) now if the client has read what it was sent, else once it has, in order. */
  whenCaughtUp(work: () => void) {
    if (this.waiting.length === 0 && !this.behind()) {
      work();
      return;
    }
    this.waiting.push(work);
    if (this.checkTimer) return;
    this.progressAt = Date.now();
    this.reading.pause();
    this.checkTimer = setInterval(() => this.check(), CHECK_MS);
  }

  /** Stops the timers: the socket has closed. */
  dispose() {
    clearInterval(this.checkTimer);
    clearTimeout(this.dropTimer);
    this.waiting.length = 0;
  }

  private behind() {
    if (this.socket.bufferedAmount <= QUEUED_BYTES_BEFORE_WAITING) return false;
    // Bytes held back only to leave with the rest of this turn's say nothing of the client:
    // send them and look again.
    this.flush();
    return this.socket.bufferedAmount > QUEUED_BYTES_BEFORE_WAITING;
  }

  private check() {
    if (this.socket.readyState !== this.socket.OPEN) return this.dispose();
    if (this.behind()) {
      if (Date.now() - this.progressAt > SLOW_READER_MS) this.closeTooSlow();
      return;
    }
    this.progressAt = Date.now();
    // Requests held back run in slices as the scheduler's do, the rest at the next check:
    // a client that caught up with a long queue must not hold the event loop for all of it.
    const started = performance.now();
    while (this.waiting.length > 0 && !this.behind() && this.socket.readyState === this.socket.OPEN) {
      this.waiting.shift()?.();
      if (performance.now() - started >= SLICE_MS) return;
    }
    if (this.waiting.length > 0) return;
    clearInterval(this.checkTimer);
    this.checkTimer = undefined;
    this.reading.resume();
  }

  private closeTooSlow() {
    clearInterval(this.checkTimer);
    this.waiting.length = 0;
    this.socket.close(CLOSE_TOO_SLOW, TOO_SLOW_REASON);
    this.dropTimer = setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS);
    // After the change being sent to it, not in the middle of it.
    queueMicrotask(this.onTooSlow);
  }
}
