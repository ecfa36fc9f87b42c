import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { ErrorView, ServerEvent } from '../../protocol/events.ts';
import { isMessageTooLong } from '../../protocol/fields.ts';
import { MAX_CONNECTIONS_PER_USER, RATE_LIMIT } from '../../protocol/limits.ts';
import { helloSchema, type Request, requestSchema } from '../../protocol/requests.ts';
import { describeIssue } from '../../protocol/validation.ts';
import type { Store } from '../../store/store.ts';
import { InvalidSessionError, type LocalProject } from '../auth/clientAuthToken.ts';
import type { SignInLog } from '../inspector/signInLog.ts';
import type { Notify } from '../writes.ts';
import type { FrameScheduler } from './frameScheduler.ts';
import { handlers } from './handlers/index.ts';
import type { Hub } from './hub.ts';
import { Outflow } from './outflow.ts';
import { RateLimiter } from './rateLimiter.ts';
import { ReadGate } from './readGate.ts';
import { RequestError } from './requestError.ts';
import { openSession } from './session.ts';
import { newSubscriber, type Subscriber } from './subscriber.ts';
import type { UserLimits } from './userLimits.ts';

const HELLO_TIMEOUT_MS = 10_000;
/** Close code for a refused sign-in, in the range reserved for applications. */
export const CLOSE_INVALID_SESSION = 4001;
/**
 * Close code for a connection over its user's MAX_CONNECTIONS_PER_USER (HTTP's 429 in the
 * application range). No error event: the SDK keeps its session and tries again later,
 * when one of the user's other tabs may have closed.
 */
export const CLOSE_TOO_MANY_CONNECTIONS = 4029;
export const TOO_MANY_CONNECTIONS = `Too many connections: a user may have ${MAX_CONNECTIONS_PER_USER} open at once.`;

interface Services {
  store: Store;
  hub: Hub;
  notify: Notify;
  project: LocalProject;
  /** Where every connection's frames wait their turn. */
  frames: FrameScheduler;
  /** Each user's connections and request rate, over all their connections. */
  userLimits: UserLimits;
  /** Where sign-in attempts are noted for the inspector. */
  signIns?: SignInLog;
}

/**
 * One browser's WebSocket: the first frame must be a hello (a token or a session),
 * every later one a request, answered by an ack carrying its id. Frames are handled in
 * turn with every other connection's (frameScheduler.ts), under the connection's and
 * its user's rate limits.
 */
export function handleConnection(socket: WebSocket, transport: Duplex, services: Services) {
  let subscriber: Subscriber | undefined;
  let forgotten = false;
  const rateLimiter = new RateLimiter();
  /** The hub stops serving the connection (its presence ends): once, however it ends. */
  const forget = () => {
    if (!subscriber || forgotten) return;
    forgotten = true;
    services.hub.remove(subscriber);
    services.userLimits.release(subscriber.viewer.userId);
  };
  const reading = new ReadGate(socket);
  const outflow = new Outflow(socket, transport, reading.holder(), forget);

  const send = (event: ServerEvent) => outflow.send(event);
  const helloTimer = setTimeout(() => socket.close(1008, 'No hello'), HELLO_TIMEOUT_MS);

  // Frames wait their turn with every other connection's; one whose turn came runs once
  // the client has read what it was sent. It counts against the rate as it comes off the
  // lane (the first frame is the hello), so requests kept waiting for a slow reader are
  // not a burst when they run.
  let frames = 0;
  const lane = services.frames.open(reading.holder(), (data, isBinary) => {
    const withinRate = frames++ === 0 || rateLimiter.take();
    outflow.whenCaughtUp(() => receive(data, isBinary, withinRate));
  });
  socket.on('message', (data, isBinary) => lane.push(data, isBinary));

  function receive(data: RawData, isBinary: boolean, withinRate: boolean) {
    // Frames that arrive after a refused hello (or any close) are not read: no second try.
    if (socket.readyState !== socket.OPEN) return;
    const frame = isBinary ? undefined : parseJson(data.toString());
    if (!subscriber) {
      subscriber = signIn(frame);
      return;
    }
    const id = requestId(frame);
    if (!withinRate) {
      reply(id, new RequestError('rate_limited', `Too many requests: at most ${RATE_LIMIT} a second.`));
      return;
    }
    const overUserLimit = services.userLimits.refusal(subscriber.viewer.userId);
    if (overUserLimit) {
      reply(id, new RequestError('rate_limited', overUserLimit));
      return;
    }
    const parsed = requestSchema.safeParse(frame);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const code = isMessageTooLong(issue) ? 'message_too_long' : 'invalid_request';
      reply(id, new RequestError(code, `Invalid request: ${describeIssue(issue)}`));
      return;
    }
    reply(parsed.data.id, run(subscriber, parsed.data));
  }

  socket.on('close', () => {
    clearTimeout(helloTimer);
    lane.close();
    outflow.dispose();
    forget();
  });
  socket.on('error', () => socket.terminate());

  function signIn(frame: unknown): Subscriber | undefined {
    clearTimeout(helloTimer);
    const hello = helloSchema.safeParse(frame);
    try {
      if (!hello.success) throw new InvalidSessionError('The first message must be a hello with a token.');
      const opened = openSession(services.store, services.project, hello.data);
      if (!services.userLimits.admit(opened.viewer.userId)) {
        services.signIns?.record(frame, { refused: TOO_MANY_CONNECTIONS });
        socket.close(CLOSE_TOO_MANY_CONNECTIONS, TOO_MANY_CONNECTIONS);
        return undefined;
      }
      const signedIn = newSubscriber(opened.viewer, send, refuse);
      // The token's details may have renamed the user or put them in a group: the others see
      // it at once (this connection learns it from its welcome).
      if (opened.profileChanged) services.hub.publishUser(opened.viewer.userId);
      if (opened.joined) services.hub.publishMembership(opened.joined, [opened.viewer.userId], []);
      services.hub.add(signedIn);
      send({ type: 'welcome', session: opened.session, viewer: opened.view });
      services.signIns?.record(frame, { userId: opened.viewer.userId });
      return signedIn;
    } catch (error) {
      if (!(error instanceof InvalidSessionError)) console.error('local Cord: sign-in failed', error);
      const message = error instanceof InvalidSessionError ? error.message : 'Internal error.';
      services.signIns?.record(frame, { refused: `invalid_session - ${message}` });
      refuse(message);
      return undefined;
    }
  }

  /** Ends the session with Cord's invalid_session error: at sign-in, or later when its user is deleted. */
  function refuse(message: string) {
    send({ type: 'error', error: { code: 'invalid_session', message: `invalid_session - ${message}` } });
    socket.close(CLOSE_INVALID_SESSION, 'invalid_session');
  }

  function run(signedIn: Subscriber, request: Request): unknown {
    try {
      const handler = handlers[request.type] as (context: unknown, request: Request) => unknown;
      return handler({ ...services, subscriber: signedIn }, request);
    } catch (error) {
      if (error instanceof RequestError) return error;
      console.error(`local Cord: ${request.type} failed`, error);
      return new RequestError('invalid_request', 'Internal error: nothing was changed.');
    }
  }

  function reply(id: string, outcome: unknown) {
    if (outcome instanceof RequestError) {
      const error: ErrorView = { code: outcome.code, message: outcome.message };
      send({ type: 'ack', id, error });
    } else {
      send({ type: 'ack', id, result: outcome });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The id to answer under, if the frame has a usable one; '' otherwise. */
function requestId(frame: unknown): string {
  const id = (frame as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 100 ? id : '';
}
