import type { ErrorView, ServerEvent } from '../../protocol/events.ts';
import { RATE_LIMIT, RATE_WINDOW_MS } from '../../protocol/limits.ts';
import type { RequestBody } from '../../protocol/requests.ts';
import type { ViewerData } from '../../protocol/views.ts';

export interface ConnectionCallbacks {
  /** Signed in (again): re-open what was open. Pending requests are re-sent after it. */
  onWelcome(viewer: ViewerData): void;
  onEvent(event: ServerEvent): void;
  /** The token was refused; the connection gives up until the next `init`. */
  onRefused(message: string): void;
}

/** A request the server refused, with Cord-style code and message. */
export class CordRequestError extends Error {
  readonly code: string;
  constructor(error: ErrorView) {
    super(error.message);
    this.code = error.code;
  }
}

interface Pending {
  frame: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5_000;
/** Frames sent per rate window, with room under the server's limit for timing jitter. */
const SEND_BUDGET = RATE_LIMIT - 10;

/**
 * The browser's link to local Cord. It signs in with the client auth token once, then
 * with the long-lived session it gets back, so reconnects work after the short token
 * has expired. Requests made while disconnected, or not yet acknowledged when the link
 * dropped, are sent (again) once signed in: the server treats re-sends as no-ops.
 */
export class Connection {
  private socket: WebSocket | undefined;
  private session: string | undefined;
  private signedIn = false;
  private stopped = false;
  private retryDelay = RECONNECT_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  /** Frames waiting for room under the rate limit, e.g. after a reconnect with a backlog. */
  private outbox: string[] = [];
  private sentAt: number[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private token: string,
    private readonly callbacks: ConnectionCallbacks,
  ) {
    this.open();
  }

  /** The session signed in with, the page's credential for HTTP requests too; undefined until welcomed. */
  get currentSession(): string | undefined {
    return this.signedIn ? this.session : undefined;
  }

  /** A fresh token for the same user: used if the session is ever refused. */
  refreshToken(token: string) {
    this.token = token;
  }

  request<T>(body: RequestBody): Promise<T> {
    const id = `r${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      const frame = JSON.stringify({ ...body, id });
      this.pending.set(id, { frame, resolve: resolve as (result: unknown) => void, reject });
      if (this.signedIn) this.transmit([frame]);
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    this.socket?.close(1000, 'destroyed');
    for (const { reject } of this.pending.values()) reject(new Error('Cord was shut down.'));
    this.pending.clear();
  }

  private open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      const hello = this.session ? { type: 'hello', session: this.session } : { type: 'hello', token: this.token };
      socket.send(JSON.stringify(hello));
    });
    socket.addEventListener('message', (message) => this.receive(JSON.parse(String(message.data)) as ServerEvent));
    socket.addEventListener('close', () => {
      this.signedIn = false;
      // Whatever was not acknowledged is still in `pending`, and goes again after sign-in.
      this.outbox = [];
      if (this.socket === socket && !this.stopped) this.scheduleReconnect();
    });
  }

  private receive(event: ServerEvent) {
    switch (event.type) {
      case 'welcome':
        this.session = event.session;
        this.signedIn = true;
        this.retryDelay = RECONNECT_MIN_MS;
        this.callbacks.onWelcome(event.viewer);
        this.transmit([...this.pending.values()].map(({ frame }) => frame));
        return;
      case 'error':
        if (this.session) {
          // The session is gone (local Cord was reset): sign in with the token again.
          this.session = undefined;
          return;
        }
        this.stopped = true;
        this.callbacks.onRefused(event.error.message);
        return;
      case 'ack': {
        const pending = this.pending.get(event.id);
        if (!pending) return;
        this.pending.delete(event.id);
        if ('error' in event) pending.reject(new CordRequestError(event.error));
        else pending.resolve(event.result);
        return;
      }
      default:
        this.callbacks.onEvent(event);
    }
  }

  /**
   * Sends frames in order, never more than the server accepts per window: a backlog
   * re-sent after a reconnect would otherwise be refused as rate-limited.
   */
  private transmit(frames: string[]) {
    this.outbox.push(...frames);
    const now = Date.now();
    this.sentAt = this.sentAt.filter((at) => now - at < RATE_WINDOW_MS);
    while (this.outbox.length > 0 && this.sentAt.length < SEND_BUDGET) {
      this.socket?.send(this.outbox.shift()!);
      this.sentAt.push(now);
    }
    if (this.outbox.length > 0 && this.flushTimer === undefined) {
      const wait = RATE_WINDOW_MS - (now - this.sentAt[0]!);
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.transmit([]);
      }, wait);
    }
  }

  private scheduleReconnect() {
    this.retryTimer = setTimeout(() => this.open(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
  }
}
