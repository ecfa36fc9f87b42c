import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AllowedHosts,
  hostRefusal,
  LOCAL_CORD_ALLOWED_HOSTS,
  LOCAL_CORD_CSS_PATH,
  LOCAL_CORD_CUSTOMER_ID,
  LOCAL_CORD_CUSTOMER_SECRET,
  LOCAL_CORD_EMOJI_DATA_PATH,
  LOCAL_CORD_EMOJI_PICKER_PATH,
  LOCAL_CORD_PROJECT_NAME,
  LOCAL_CORD_SCRIPT_PATH,
  LOCAL_CORD_SOCKET_PATH,
} from '@cord-tutorial/stack-config';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../protocol/limits.ts';
import { Store } from '../store/store.ts';
import { sdkAssets } from './assets.ts';
import type { LocalProject } from './auth/clientAuthToken.ts';
import { sampleToken } from './auth/sampleToken.ts';
import { fileServer } from './files/fileServer.ts';
import { sendJson, sendText } from './http/responses.ts';
import { ChangeFeed } from './inspector/changeFeed.ts';
import { inspector } from './inspector/inspectorRoutes.ts';
import { SignInLog } from './inspector/signInLog.ts';
import { handleConnection } from './live/connection.ts';
import { FrameScheduler } from './live/frameScheduler.ts';
import { Hub } from './live/hub.ts';
import { UserLimits } from './live/userLimits.ts';
import { Outbox } from './notifications/outbox.ts';
import { notifier } from './notify.ts';
import type { LocalCustomer } from './rest/customerAuthToken.ts';
import { restApi } from './rest/router.ts';
import { URL_VERIFICATION } from './webhooks/payloads.ts';
import { type WebhookOptions, Webhooks } from './webhooks/webhooks.ts';

export interface LocalCordOptions {
  project: LocalProject;
  /** Whose keys sign project-management tokens (/v1/projects); by default the published development customer. */
  customer?: LocalCustomer | undefined;
  /** A database file, or IN_MEMORY. */
  database: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * Pages allowed to open the WebSocket (their Origin header); undefined allows any.
   * Local Cord's secret is published, so any web page could mint a token: the origin is
   * what keeps other sites out of a developer's local data.
   */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * Host names answered besides `localhost`, `127.0.0.1` and `[::1]` on local Cord's port;
   * by default none. Every route and the WebSocket check the Host: see hostCheck.ts.
   */
  allowedHosts?: AllowedHosts | undefined;
  /**
   * Cord's webhook events: which go, and the address the environment sets at start (the
   * project's eventWebhookURL otherwise, as PUT /v1/projects/<id> last set it; none without one).
   */
  webhook?: WebhookOptions | undefined;
  /** How long the outbox waits, as Cord did, before deciding an e-mail would go (default 40 s). */
  emailDelayMs?: number | undefined;
}

export interface LocalCord {
  url: string;
  port: number;
  store: Store;
  hub: Hub;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 1_000;
/** The SDK script and stylesheet load into pages of another origin (the Vite client). */
const SDK_HEADERS = { 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' };

/**
 * Starts local Cord: the SDK script and stylesheet over HTTP, the live API over WebSocket,
 * files under /files/, Cord's REST API under /v1/, the inspector page at /, and the guide's sample tokens.
 */
export async function startLocalCord(options: LocalCordOptions): Promise<LocalCord> {
  const assets = await sdkAssets();
  const store = new Store(options.database);
  const { project } = options;
  store.projects.ensure(project.id, LOCAL_CORD_PROJECT_NAME);
  // The environment's address wins at start; the API can change it until the next one.
  if (options.webhook?.url) store.projects.update(project.id, { eventWebhookUrl: options.webhook.url });
  const hub = new Hub(store);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // Whatever the inspector shows tells it when it changes.
  const feed = new ChangeFeed();
  store.onWrite(feed.changed);
  const signIns = new SignInLog(feed.changed);
  const frames = new FrameScheduler();
  const userLimits = new UserLimits();
  const outbox = new Outbox(store, project.id, options.emailDelayMs, feed.changed);
  const webhookUrl = () => store.projects.get(project.id)?.eventWebhookUrl ?? null;
  const webhooks = new Webhooks(project, webhookUrl, options.webhook, feed.changed);
  const notifications = notifier({ store, hub, outbox, webhooks, projectId: options.project.id });
  const { notify } = notifications;
  const customer = options.customer ?? { id: LOCAL_CORD_CUSTOMER_ID, secret: LOCAL_CORD_CUSTOMER_SECRET };
  const rest = restApi({ store, hub, notify, project, customer });
  const inspect = inspector({ store, hub, projectId: options.project.id, signIns, sockets, outbox, webhooks, feed });
  const files = fileServer({ store, hub, project: options.project, allowedOrigins: options.allowedOrigins });
  const allowedHosts = options.allowedHosts ?? { names: [], setting: LOCAL_CORD_ALLOWED_HOSTS };
  const sample = sampleToken({ store, hub, project: options.project });

  const server = createServer((request, response) => {
    const refusal = hostRefusal(request, allowedHosts);
    if (refusal !== undefined) return sendJson(response, 403, { error: 'host_not_allowed', message: refusal });
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (rest.handles(path)) return rest.handle(request, response);
    if (inspect.handles(path)) return inspect.handle(request, response);
    if (files.handles(path)) return files.handle(request, response);
    if (sample.handles(path)) return sample.handle(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'Method not allowed.' });
    }
    if (path === '/health') {
      return sendJson(response, 200, { ok: true, project: options.project.id, connections: hub.size });
    }
    if (path === LOCAL_CORD_SCRIPT_PATH) return sendText(response, 'text/javascript', assets.script, SDK_HEADERS);
    if (path === LOCAL_CORD_CSS_PATH) return sendText(response, 'text/css', assets.stylesheet, SDK_HEADERS);
    if (path === LOCAL_CORD_EMOJI_PICKER_PATH) {
      return sendText(response, 'text/javascript', assets.emojiPicker, SDK_HEADERS);
    }
    if (path === LOCAL_CORD_EMOJI_DATA_PATH)
      return sendText(response, 'application/json', assets.emojiData, SDK_HEADERS);
    return sendJson(response, 404, { error: `Not found: ${path}` });
  });

  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    if (new URL(request.url ?? '/', 'http://local').pathname !== LOCAL_CORD_SOCKET_PATH) {
      socket.destroy();
      return;
    }
    const refusal = hostRefusal(request, allowedHosts);
    if (refusal !== undefined) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n${refusal}\n`);
      return;
    }
    // Browsers always send Origin; servers and tests (no Origin) are not pages.
    const origin = request.headers.origin;
    if (origin !== undefined && options.allowedOrigins && !options.allowedOrigins.includes(origin)) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nOrigin ${origin} is not allowed.\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      handleConnection(ws, socket, { store, hub, notify, project: options.project, frames, userLimits, signIns });
      // The inspector counts open connections (an opening one is told of by its sign-in).
      ws.once('close', feed.changed);
    });
  });

  try {
    await listen(server, options.host, options.port);
  } catch (error) {
    store.close();
    throw error;
  }
  const sweeper = setInterval(() => {
    hub.sweep();
    files.sweep();
  }, SWEEP_INTERVAL_MS);
  // Cord checks an address when it is set as the project's webhook; here, at every start.
  webhooks.send('url-verification', () => URL_VERIFICATION);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  // File links point here: the address pages reach local Cord at, as its script's URL says.
  store.files.setLinkOrigin(url);
  store.announceWriter(url);

  return {
    url,
    port,
    store,
    hub,
    async close() {
      clearInterval(sweeper);
      feed.close();
      notifications.close();
      outbox.close();
      webhooks.close();
      // A closing connection still writes (its user leaves the places it kept them present
      // in): the store closes only once every connection has said goodbye.
      const goodbyes = [...sockets.clients].map(
        (client) => new Promise<void>((resolve) => client.once('close', () => resolve())),
      );
      for (const client of sockets.clients) client.terminate();
      await Promise.all([...goodbyes, new Promise<void>((resolve) => server.close(() => resolve()))]);
      store.close();
    },
  };
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use. Is local Cord already running ` +
                `(http://${host}:${port}/health)? Stop it, or set LOCAL_CORD_PORT.`,
            )
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}
