// Real `ws` clients speaking local Cord's protocol, remembering what they receive.
import { type RawData, WebSocket } from 'ws';
import { contentFromText } from '../protocol/content.ts';
import type { ErrorView, ServerEvent } from '../protocol/events.ts';
import type { RequestBody } from '../protocol/requests.ts';
import type { ViewerData } from '../protocol/views.ts';
import type { LocalCord } from '../server/index.ts';
import { type LocalCordAddress, socketUrl } from './throwawayLocalCord.ts';

/** How long a test waits for an event that should come. */
export const WAIT_MS = 2_000;

type Ack = Extract<ServerEvent, { type: 'ack' }>;
export type AckResult<T = Record<string, unknown>> = { ok: true; result: T } | { ok: false; error: ErrorView };

/** One real WebSocket connection to local Cord, remembering every event it received. */
export class TestClient {
  /** Events received and not yet taken by `next`. */
  readonly inbox: ServerEvent[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();
  private nextId = 0;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => {
      this.inbox.push(JSON.parse(data.toString()) as ServerEvent);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      });
    });
  }

  get isOpen() {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends anything, as raw text (or bytes), with no checking: for malformed frames. */
  sendRaw(data: string | Buffer, binary = false) {
    this.socket.send(data, { binary });
  }

  send(frame: unknown) {
    this.sendRaw(JSON.stringify(frame));
  }

  /**
   * Takes the first received event matching `predicate`, waiting for one if needed;
   * rejects after `timeoutMs` or when the socket closes first.
   */
  next<E extends ServerEvent = ServerEvent>(
    predicate: (event: ServerEvent) => boolean,
    what = 'an event',
    timeoutMs = WAIT_MS,
  ): Promise<E> {
    return new Promise<E>((resolve, reject) => {
      const check = () => {
        const index = this.inbox.findIndex(predicate);
        if (index >= 0) {
          finish();
          resolve(this.inbox.splice(index, 1)[0] as E);
        } else if (this.socket.readyState === WebSocket.CLOSED) {
          finish();
          reject(new Error(`socket closed while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for the ack of the request sent under `id`. */
  ack(id: string): Promise<Ack> {
    return this.next<Ack>((event) => event.type === 'ack' && event.id === id, `the ack of ${JSON.stringify(id)}`);
  }

  /** Sends a request under a fresh id and resolves with its ack's result or error. */
  async request<T = Record<string, unknown>>(body: RequestBody): Promise<AckResult<T>> {
    const id = `r${++this.nextId}`;
    this.send({ ...body, id });
    const ack = await this.ack(id);
    return 'error' in ack ? { ok: false, error: ack.error } : { ok: true, result: ack.result as T };
  }

  /** Like `request`, but fails the test unless the server accepted it. */
  async ok<T = Record<string, unknown>>(body: RequestBody): Promise<T> {
    const answer = await this.request<T>(body);
    if (!answer.ok) throw new Error(`${body.type} refused: ${answer.error.code}: ${answer.error.message}`);
    return answer.result;
  }

  /** Like `request`, but fails the test unless the server refused it. */
  async refused(body: RequestBody): Promise<ErrorView> {
    const answer = await this.request(body);
    if (answer.ok) throw new Error(`${body.type} was accepted: ${JSON.stringify(answer.result)}`);
    return answer.error;
  }

  /**
   * A round trip: once its ack is back, every event the server sent this connection
   * before it has arrived too (one ordered socket), so "nothing came" can be asserted
   * without sleeping.
   */
  async sync() {
    await this.ok({ type: 'presence.unwatch', watchId: 'sync' });
  }

  /** Events of a type received and not yet taken, after a round trip. */
  async pending<T extends ServerEvent['type']>(type: T): Promise<Array<Extract<ServerEvent, { type: T }>>> {
    await this.sync();
    return this.inbox.filter((event): event is Extract<ServerEvent, { type: T }> => event.type === type);
  }

  /**
   * Takes every event received so far, after a round trip: a test clears what earlier
   * steps pushed (a thread after each message, say) before asserting what comes next.
   */
  async drain(): Promise<ServerEvent[]> {
    await this.sync();
    return this.inbox.splice(0);
  }

  close(): Promise<unknown> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    return this.closed;
  }
}

/** Every client opened by `connect`, so a test's `afterEach` can close them all. */
const open = new Set<TestClient>();

export async function closeAllClients() {
  await Promise.all([...open].map((client) => client.close()));
  open.clear();
}

/** What every test's afterEach does: close the clients, then the server. */
export async function stopServer(cord: LocalCord) {
  await closeAllClients();
  await cord.close();
}

/** Opens a WebSocket to the server, without saying hello. */
export async function connect(cord: LocalCordAddress): Promise<TestClient> {
  const socket = new WebSocket(socketUrl(cord));
  const client = new TestClient(socket);
  open.add(client);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return client;
}

/** Connects and sends `hello`; resolves with the client and the server's first answer. */
export async function hello(cord: LocalCordAddress, frame: unknown) {
  const client = await connect(cord);
  client.send(frame);
  const first = await client.next((event) => event.type === 'welcome' || event.type === 'error', 'welcome or error');
  return { client, first };
}

export interface SignedIn {
  client: TestClient;
  session: string;
  viewer: ViewerData;
}

/** Connects and signs in, failing the test unless the server welcomes the client. */
export async function signIn(cord: LocalCordAddress, credential: string | { session: string }): Promise<SignedIn> {
  const frame =
    typeof credential === 'string' ? { type: 'hello', token: credential } : { type: 'hello', ...credential };
  const { client, first } = await hello(cord, frame);
  if (first.type !== 'welcome') throw new Error(`not welcomed: ${JSON.stringify(first)}`);
  return { client, session: first.session, viewer: first.viewer };
}

/** Connects with a hello the server must refuse; resolves with its error and close code. */
export async function refusedHello(cord: LocalCordAddress, frame: unknown) {
  const { client, first } = await hello(cord, frame);
  if (first.type !== 'error') throw new Error(`expected a refusal, got ${JSON.stringify(first)}`);
  const { code } = await client.closed;
  return { error: first.error, closeCode: code };
}

export function tokenHello(token: string) {
  return { type: 'hello', token };
}

/** A message.send body as the SDK sends one from a thread element: plain text, and how to create its thread. */
export function sendBody(threadId: string, messageId: string, text: string, extra: { groupId?: string } = {}) {
  return {
    type: 'message.send' as const,
    threadId,
    messageId,
    content: contentFromText(text),
    createThread: {
      name: `Thread ${threadId}`,
      url: 'http://localhost:5173/',
      location: { location: 'http://localhost:5173/' },
      groupId: extra.groupId,
    },
  };
}
