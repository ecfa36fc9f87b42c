import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WebSocket, WebSocketServer } from 'ws';
import { isLoopbackCaller } from '../http/loopbackCaller.ts';
import { sendJson, sendText } from '../http/responses.ts';
import type { ChangeFeed } from './changeFeed.ts';
import { type Inspected, inspectorState } from './snapshot.ts';

export interface InspectorServices extends Inspected {
  sockets: WebSocketServer;
  /** Where the page hears that its state changed. */
  feed: ChangeFeed;
}

const PAGE_FILES = new URL('../../inspector/', import.meta.url);

// The page runs only what local Cord serves, talks only to it, and cannot be framed
// by another site to trick a click on "Reset".
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The inspector: a page at `/` showing local Cord's data, its JSON at
 * `/inspector/state` (`?search=` for what matches), news of changes at
 * `/inspector/events`, and `POST /inspector/reset`. A development tool, so it needs no
 * token; instead it answers loopback callers only, by address and by Host (which
 * defeats DNS rebinding), and the reset also demands a same-origin request.
 */
export function inspector(services: InspectorServices) {
  return {
    handles: (path: string) => path === '/' || path.startsWith('/inspector/'),
    handle(request: IncomingMessage, response: ServerResponse) {
      respond(request, response, services).catch((error: unknown) => {
        console.error('local Cord: inspector request failed', error);
        sendJson(response, 500, { error: 'Internal error.' });
      });
    },
  };
}

async function respond(request: IncomingMessage, response: ServerResponse, services: InspectorServices) {
  if (!isLoopbackCaller(request)) {
    return sendJson(response, 403, { error: 'The inspector answers on loopback only.' });
  }
  const url = new URL(request.url ?? '/', 'http://local');
  const path = url.pathname;
  switch (`${request.method} ${path}`) {
    case 'GET /':
      return sendText(response, 'text/html', (await pageFiles()).html, PAGE_HEADERS);
    case 'GET /inspector/inspector.js':
      return sendText(response, 'text/javascript', (await pageFiles()).script, PAGE_HEADERS);
    case 'GET /inspector/inspector.css':
      return sendText(response, 'text/css', (await pageFiles()).stylesheet, PAGE_HEADERS);
    case 'GET /inspector/state':
      return sendJson(response, 200, inspectorState(services, url.searchParams.get('search') ?? ''));
    case 'GET /inspector/events':
      return services.feed.open(request, response, PAGE_HEADERS);
    case 'POST /inspector/reset':
      if (!isSameOrigin(request)) {
        return sendJson(response, 403, { error: 'Reset only from the inspector page itself.' });
      }
      await reset(services);
      return sendJson(response, 200, { ok: true });
    default:
      return path === '/inspector/reset' || path === '/inspector/state' || path === '/'
        ? sendJson(response, 405, { error: 'Method not allowed.' })
        : sendJson(response, 404, { error: `Not found: ${path}` });
  }
}

/**
 * Empties the store. Connections are closed first, and their goodbyes (presence
 * written on leaving) land before the wipe; browsers then reconnect and sign in again.
 */
async function reset({ sockets, store }: InspectorServices) {
  const open = [...sockets.clients].filter((socket) => socket.readyState !== socket.CLOSED);
  await Promise.all(open.map(closed));
  store.reset();
}

function closed(socket: WebSocket) {
  return new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.terminate();
  });
}

function isSameOrigin(request: IncomingMessage): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  return request.headers.origin === `http://${request.headers.host}` && (!fetchSite || fetchSite === 'same-origin');
}

interface PageFiles {
  html: string;
  stylesheet: string;
  script: string;
}

let files: Promise<PageFiles> | undefined;

/** The page's files, the script bundled from TypeScript on first request, then kept. */
function pageFiles(): Promise<PageFiles> {
  files ??= (async () => {
    const read = (name: string) => readFile(new URL(name, PAGE_FILES), 'utf8');
    const [html, stylesheet, bundle] = await Promise.all([
      read('index.html'),
      read('inspector.css'),
      build({
        entryPoints: [fileURLToPath(new URL('inspector.ts', PAGE_FILES))],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        write: false,
      }),
    ]);
    return { html, stylesheet, script: bundle.outputFiles[0]!.text };
  })();
  // A failed build is tried again on the next request, not kept.
  files.catch(() => (files = undefined));
  return files;
}
