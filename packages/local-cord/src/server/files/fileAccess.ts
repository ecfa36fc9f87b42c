import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FILE_LINK_LIFETIME_MS } from '../../protocol/files.ts';
import type { FileRecord, Store } from '../../store/store.ts';
import type { LocalProject } from '../auth/clientAuthToken.ts';
import { ApiError } from '../rest/common.ts';
import { verifyServerAuthToken } from '../rest/serverAuthToken.ts';

// Who asks for a file. A signed link alone is not enough: the request must also come
// from someone signed in who may see the file now. Browsers prove it with their session
// (the credential their WebSocket signed in with): in an Authorization header when the
// SDK fetches, or in a cookie for what the page loads by URL (<img>). A customer's server
// proves it with a server auth token, as for the REST API.

const PASS_COOKIE_PREFIX = 'cord-files-';
/** A browser that signed in as many users keeps a cookie for each; more than this is not read. */
const MAX_PASSES = 20;

/**
 * The cookie that lets a browser's page load a user's files by URL. One per user (so
 * tabs signed in as different users each keep theirs), HttpOnly, sent only to /files/,
 * cross-site (the page and local Cord are different sites) and partitioned by the page's
 * site (CHIPS), which is how browsers that block third-party cookies still keep it.
 */
export function passCookie(userId: string, session: string): string {
  const name = PASS_COOKIE_PREFIX + createHash('sha256').update(userId).digest('hex').slice(0, 16);
  const maxAge = FILE_LINK_LIFETIME_MS / 1000;
  return `${name}=${session}; Path=/files/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=None; Partitioned`;
}

/** The credential in `Authorization: Bearer <credential>`. */
export function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer +(\S+) *$/.exec(request.headers.authorization ?? '')?.[1];
}

/** The session in `Authorization: Bearer <session>`, if it is one local Cord knows. */
export function sessionUser(store: Store, request: IncomingMessage): string | undefined {
  const bearer = bearerOf(request);
  return bearer === undefined ? undefined : store.sessions.get(bearer)?.userId;
}

/** The users a request is signed in as: its bearer session and its pass cookies. */
function requestUsers(store: Store, request: IncomingMessage): string[] {
  const passes = (request.headers.cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(PASS_COOKIE_PREFIX))
    .slice(0, MAX_PASSES)
    .map((pair) => pair.slice(pair.indexOf('=') + 1));
  const bearer = bearerOf(request);
  return [...(bearer === undefined ? [] : [bearer]), ...passes].flatMap((session) => {
    const known = store.sessions.get(session);
    return known ? [known.userId] : [];
  });
}

function isServerCaller(request: IncomingMessage, project: LocalProject): boolean {
  const bearer = bearerOf(request);
  if (bearer === undefined || !bearer.includes('.')) return false;
  try {
    verifyServerAuthToken(request.headers.authorization, project);
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

/**
 * Whether the request may have the file now: it comes from the project's server, or from
 * the file's owner, or from a member of a group whose thread has a message carrying it.
 * Membership is read at this moment, so leaving the group ends access at once.
 */
export function mayFetch(store: Store, project: LocalProject, request: IncomingMessage, file: FileRecord): boolean {
  if (isServerCaller(request, project)) return true;
  const users = requestUsers(store, request);
  if (users.includes(file.ownerId)) return true;
  const groups = store.files.groupsSharing(file.id);
  return users.some((userId) => groups.some((groupId) => store.groups.isMember(groupId, userId)));
}
