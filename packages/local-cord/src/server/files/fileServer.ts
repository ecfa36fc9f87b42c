import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { PREVIEWABLE_IMAGE_TYPES, UPLOAD_TIMEOUT_MS } from '../../protocol/files.ts';
import type { FileRecord, Store } from '../../store/store.ts';
import type { LocalProject } from '../auth/clientAuthToken.ts';
import { sendJson } from '../http/responses.ts';
import type { Hub } from '../live/hub.ts';
import { publishFile } from './attachments.ts';
import { bearerOf, mayFetch, passCookie, sessionUser } from './fileAccess.ts';
import { keepUpload, receiveBytes, TooLargeError } from './receiveFile.ts';

export interface FileServices {
  store: Store;
  hub: Hub;
  project: LocalProject;
  /** The pages allowed to upload and fetch (their Origin); undefined allows any, as for the WebSocket. */
  allowedOrigins?: readonly string[] | undefined;
}

type Headers = Record<string, string>;

const FILE_PATH = /^\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const PASS_PATH = '/files/session';

/** What a served file never does: run as a page, be sniffed as another type, or reach a referrer. */
const SERVED_FILE_HEADERS: Headers = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Referrer-Policy': 'no-referrer',
  // Revalidated on every use (an ETag makes that cheap), so access is decided each time.
  'Cache-Control': 'private, no-cache',
  // The pages that show files are another site than local Cord.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/**
 * Files over HTTP, the WebSocket's 64 KiB frames being no place for them:
 * - `PUT /files/<id>`: the bytes of a file created with `file.create`, from its owner's
 *   signed-in page (`Authorization: Bearer <session>`), exactly as many as declared;
 * - `GET /files/<id>?expires=…&signature=…`: a file's signed link, served only to members
 *   of a group whose thread has a message carrying it (or its owner, or the project's server);
 * - `POST /files/session`: gives the page's browser the cookie `<img>` needs to load them.
 * Only loopback Host names (or the one local Cord listens on) and the client's origins
 * are answered, so neither another site nor a rebound DNS name can upload or read.
 */
export function fileServer(services: FileServices) {
  /** Files whose bytes are arriving now: not to be cancelled for slowness meanwhile. */
  const arriving = new Set<string>();
  const { store, hub } = services;

  function failUpload(file: FileRecord) {
    store.files.setStatus(file.id, 'failed');
    store.files.removeBytes(file.id);
    publishFile(store, hub, file.id);
  }

  async function upload(request: IncomingMessage, response: ServerResponse, id: string, cors: Headers) {
    const userId = sessionUser(store, request);
    if (userId === undefined) {
      return sendJson(response, 401, { error: 'invalid_session', message: 'Upload from a signed-in page.' }, cors);
    }
    const file = store.files.get(id);
    // Someone else's file is not found either, so ids cannot be probed.
    if (!file || file.ownerId !== userId) {
      return sendJson(response, 404, { error: 'file_not_found', message: 'File not found.' }, cors);
    }
    if (file.status !== 'uploading' || arriving.has(id)) {
      const message = 'This file is not waiting for its contents.';
      return sendJson(response, 409, { error: 'file_not_uploading', message }, cors);
    }
    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) !== file.size) {
      // Refused before reading a byte; the connection closes rather than take the rest.
      failUpload(file);
      const tooLarge = Number(length) > file.size;
      return sendJson(response, tooLarge ? 413 : 400, sizeMismatch(tooLarge, file.size), {
        ...cors,
        Connection: 'close',
      });
    }
    arriving.add(id);
    try {
      const size = await receiveBytes(request, store.files.partPathOf(id), file.size);
      if (size !== file.size) {
        failUpload(file);
        return sendJson(response, 400, sizeMismatch(false, file.size), cors);
      }
      const kept = await keepUpload(store.files.partPathOf(id), store.files.pathOf(id), file.mimeType);
      if (!kept.ok) {
        failUpload(file);
        return sendJson(response, 400, { error: 'file_type_not_allowed', message: kept.message }, cors);
      }
      store.files.setUploaded(id, kept.mimeType);
      publishFile(store, hub, id);
      return sendJson(response, 200, { id, url: store.files.linkOf(id), mimeType: kept.mimeType }, cors);
    } catch (error) {
      failUpload(file);
      // A body that outgrew the size it declared (sent without a length), or a page that
      // went away mid-upload: what arrived is deleted either way.
      if (!(error instanceof TooLargeError)) return;
      if (!response.headersSent) sendJson(response, 413, sizeMismatch(true, file.size), cors);
    } finally {
      arriving.delete(id);
    }
  }

  function download(request: IncomingMessage, response: ServerResponse, id: string, url: URL, cors: Headers) {
    const expires = Number(url.searchParams.get('expires'));
    if (!store.files.isValidLink(id, expires, url.searchParams.get('signature') ?? '')) {
      const message =
        'This file link is not valid, or has expired (links last a day): take a new one from the message.';
      return sendJson(response, 403, { error: 'invalid_link', message }, cors);
    }
    const file = store.files.get(id)!;
    if (!mayFetch(store, services.project, request, file)) {
      const message = 'Only members of the group whose thread has this file may fetch it.';
      return sendJson(response, 403, { error: 'forbidden', message }, cors);
    }
    if (file.status !== 'uploaded') {
      return sendJson(response, 404, { error: 'file_not_found', message: `The file is ${file.status}.` }, cors);
    }
    const headers = { ...cors, ...SERVED_FILE_HEADERS, ...fileHeaders(file) };
    if (request.headers['if-none-match'] === headers.ETag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    // A read that fails half-way (the file deleted meanwhile) cuts the answer off, as it must.
    else pipeline(createReadStream(store.files.pathOf(id)), response).catch(() => response.destroy());
  }

  function givePass(request: IncomingMessage, response: ServerResponse, cors: Headers) {
    const session = bearerOf(request);
    const userId = sessionUser(store, request);
    if (session === undefined || userId === undefined) {
      return sendJson(response, 401, { error: 'invalid_session', message: 'Only a signed-in page gets a pass.' }, cors);
    }
    response.writeHead(204, { ...cors, 'Set-Cookie': passCookie(userId, session), 'Cache-Control': 'no-store' });
    response.end();
  }

  async function respond(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://local');
    const origin = request.headers.origin;
    if (origin !== undefined && services.allowedOrigins && !services.allowedOrigins.includes(origin)) {
      return sendJson(response, 403, { error: 'forbidden', message: `Origin ${origin} is not allowed.` });
    }
    const cors: Headers =
      origin === undefined
        ? {}
        : {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Credentials': 'true',
            'Access-Control-Expose-Headers': 'Content-Disposition',
            Vary: 'Origin',
          };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      response.end();
      return;
    }
    const id = FILE_PATH.exec(url.pathname)?.[1];
    const route = url.pathname === PASS_PATH ? 'pass' : id === undefined ? undefined : 'file';
    switch (`${request.method} ${route}`) {
      case 'POST pass':
        return givePass(request, response, cors);
      case 'PUT file':
        return upload(request, response, id!, cors);
      case 'GET file':
      case 'HEAD file':
        return download(request, response, id!, url, cors);
      default:
        return route === undefined
          ? sendJson(response, 404, { error: 'not_found', message: `Not found: ${url.pathname}` }, cors)
          : sendJson(response, 405, { error: 'method_not_allowed', message: 'Method not allowed.' }, cors);
    }
  }

  return {
    handles: (path: string) => path.startsWith('/files/'),
    handle(request: IncomingMessage, response: ServerResponse) {
      respond(request, response).catch((error: unknown) => {
        console.error('local Cord: file request failed', error);
        if (!response.headersSent) sendJson(response, 500, { error: 'internal_error', message: 'Internal error.' });
        else response.destroy();
      });
    },
    /** Cord's timeout: a file whose bytes have not come within a minute is cancelled. */
    sweep(now = Date.now()) {
      for (const file of store.files.stale(now - UPLOAD_TIMEOUT_MS, arriving)) {
        store.files.setStatus(file.id, 'cancelled');
        publishFile(store, hub, file.id);
      }
    },
  };
}

function sizeMismatch(tooLarge: boolean, size: number) {
  return tooLarge
    ? { error: 'file_too_large', message: 'Maximum file size exceeded' }
    : {
        error: 'invalid_request',
        message: `The upload must have exactly the ${size} bytes the file was created with.`,
      };
}

/** The file's type, length and name; only a raster image is shown inline, everything else downloads. */
function fileHeaders(file: FileRecord): Headers {
  const disposition = PREVIEWABLE_IMAGE_TYPES.includes(file.mimeType) ? 'inline' : 'attachment';
  // The quoted name for old clients keeps to printable ASCII; filename* carries the real one.
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'Content-Type': file.mimeType,
    'Content-Length': String(file.size),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.name)}`,
    ETag: `"${file.id}"`,
  };
}

/** A value for `filename*=UTF-8''…`: percent-encoded, including the characters that end it. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
