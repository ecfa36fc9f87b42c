import type { IncomingMessage, ServerResponse } from 'node:http';
import { HAS_CONTROL_CHARACTERS, hasControlCharacters } from '../../protocol/fields.ts';
import { sendJson } from '../http/responses.ts';
import { batchRoutes } from './batch.ts';
import { ApiError, type RestContext, type Route } from './common.ts';
import { type LocalCustomer, verifyCustomerAuthToken } from './customerAuthToken.ts';
import { deletionRoutes } from './deletions.ts';
import { fileRoutes } from './files.ts';
import { groupRoutes } from './groups.ts';
import { messageRoutes } from './messages.ts';
import { messageWriteRoutes } from './messageWrites.ts';
import { notificationRoutes } from './notifications.ts';
import { permissionRoutes } from './permissions.ts';
import { preferenceRoutes } from './preferences.ts';
import { presenceRoutes } from './presence.ts';
import { projectRoutes } from './projects.ts';
import { verifyServerAuthToken } from './serverAuthToken.ts';
import { threadRoutes } from './threads.ts';
import { threadUpdateRoutes } from './threadUpdate.ts';
import { userRoutes } from './users.ts';

const PREFIX = '/v1/';
const ROUTES: readonly Route[] = [
  ...userRoutes,
  ...presenceRoutes,
  ...preferenceRoutes,
  ...groupRoutes,
  ...batchRoutes,
  ...threadRoutes,
  ...threadUpdateRoutes,
  ...messageRoutes,
  ...messageWriteRoutes,
  ...deletionRoutes,
  ...fileRoutes,
  ...notificationRoutes,
  ...permissionRoutes,
  ...projectRoutes,
];
/** Room for a batch of 10,000 users; anything larger is not a request Cord would take. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface RestServices extends RestContext {
  /** Whose keys sign tokens for the project-management API. */
  customer: LocalCustomer;
}

/** Cord's REST API, for a customer's server: the part of it that maps onto local Cord. */
export function restApi(services: RestServices) {
  return {
    handles: (path: string) => path.startsWith(PREFIX),
    handle(request: IncomingMessage, response: ServerResponse) {
      void respond(request, response, services);
    },
  };
}

async function respond(request: IncomingMessage, response: ServerResponse, services: RestServices) {
  try {
    const url = new URL(request.url ?? '/', 'http://local');
    const { route, id, childId } = match(request.method ?? 'GET', url.pathname.slice(PREFIX.length));
    if (route.auth === 'customer') verifyCustomerAuthToken(request.headers.authorization, services.customer);
    else verifyServerAuthToken(request.headers.authorization, services.project);
    const body = route.method === 'GET' || route.readsOwnBody ? {} : await readJson(request);
    const answer = await route.handle(services, { id, childId, body, query: url.searchParams, incoming: request });
    sendJson(response, 200, answer);
  } catch (error) {
    if (error instanceof ApiError) {
      sendJson(response, error.status, { error: error.code, message: error.message }, error.headers);
      return;
    }
    // Never a stack trace: the caller gets a fixed message, the console the details.
    console.error('local Cord: REST request failed', error);
    sendJson(response, 500, { error: 'internal_error', message: 'Internal error.' });
  }
}

/** The route for a path after /v1/, with its ids decoded; 404 or 405 if there is none. */
function match(method: string, path: string): { route: Route; id: string; childId: string } {
  const segments = path.split('/');
  const candidates = ROUTES.flatMap((route) => {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) return [];
    const ids = { id: '', childId: '' };
    for (const [index, part] of pattern.entries()) {
      const segment = segments[index] ?? '';
      if ((part === ':id' || part === ':childId') && segment !== '')
        ids[part === ':id' ? 'id' : 'childId'] = decode(segment);
      else if (part !== segment) return [];
    }
    return [{ route, ...ids }];
  });
  const found = candidates.find(({ route }) => route.method === method);
  if (found) return found;
  if (candidates.length === 0) throw new ApiError(404, 'not_found', `No such endpoint: ${PREFIX}${path}`);
  const allowed = candidates.map(({ route }) => route.method).join(', ');
  throw new ApiError(405, 'method_not_allowed', `${allowed} only, not ${method}.`, { Allow: allowed });
}

function decode(segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'invalid_request', `Not a valid URL-encoded id: ${segment}`);
  }
  // No id holds one (the schemas refuse them on the way in); SQLite would read "m1%00x" as "m1".
  if (hasControlCharacters(id))
    throw new ApiError(400, 'invalid_field', `The id ${segment} ${HAS_CONTROL_CHARACTERS}.`);
  return id;
}

/** The request's JSON body; an empty body counts as `{}`, as Cord's JSON parser has it. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading, and dropping, the rest: the answer must reach the caller.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else reject(new ApiError(413, 'payload_too_large', `The body is over ${MAX_BODY_BYTES} bytes.`));
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not valid JSON.');
  }
}
