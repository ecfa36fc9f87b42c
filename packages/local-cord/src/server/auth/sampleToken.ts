import type { IncomingMessage, ServerResponse } from 'node:http';
import { getClientAuthToken } from '@cord-sdk/server';
import { GUIDE_GROUP } from '@cord-tutorial/stack-config/test-users';
import type { Store } from '../../store/store.ts';
import { isLoopbackCaller } from '../http/loopbackCaller.ts';
import { sendJson } from '../http/responses.ts';
import type { Hub } from '../live/hub.ts';
import { changeMembers, publishMembership } from '../rest/membership.ts';
import type { LocalProject } from './clientAuthToken.ts';

// Steps 2 to 6 of Cord's integration guide run before the reader has an account: Cord's
// docs filled `<CLIENT_AUTH_TOKEN>` in their snippets with a sample token from
// `POST https://api.cord.com/sample-token`, for a "Sample User" whom Cord put in a group
// `my-first-group` on first use, so the snippets' `groupId="my-first-group"` works. Local
// Cord answers the same request at `POST /sample-token`, as Cord did, and sets up the user
// and the group when it signs the token.

/** Cord's sample user had a green square with a white "A" as picture; this one is inline. */
const SAMPLE_AVATAR = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#1e9e62"/>' +
    '<text x="20" y="27" fill="#fff" font-family="sans-serif" font-size="20" font-weight="600" text-anchor="middle">A</text></svg>',
)}`;

export const SAMPLE_USER = { id: 'sample-user', name: 'Sample User', profilePictureURL: SAMPLE_AVATAR } as const;
/** The group's name if the sample token creates it; the guide's step 8 renames it. */
export const SAMPLE_GROUP_NAME = 'Cord Sample Group';
/** Cord's sample tokens lasted a week (its snippets say 24 hours). */
const SAMPLE_TOKEN_LIFETIME = '7 days';

export interface SampleTokenServices {
  store: Store;
  hub: Hub;
  project: LocalProject;
}

/**
 * `POST /sample-token`: `{ session_token, client_auth_token }` (the same token twice, as
 * Cord answered), signing only `user_id`, as Cord's did. Answers on loopback only.
 */
export function sampleToken(services: SampleTokenServices) {
  return {
    handles: (path: string) => path === '/sample-token',
    handle(request: IncomingMessage, response: ServerResponse) {
      if (!isLoopbackCaller(request)) {
        return sendJson(response, 403, { error: 'Sample tokens are given on loopback only.' });
      }
      if (request.method !== 'POST') {
        return sendJson(response, 405, { error: 'Method not allowed: use POST.' }, { Allow: 'POST' });
      }
      provisionSampleUser(services);
      const { id, secret } = services.project;
      const token = getClientAuthToken(id, secret, { user_id: SAMPLE_USER.id }, { expires: SAMPLE_TOKEN_LIFETIME });
      return sendJson(response, 200, { session_token: token, client_auth_token: token });
    },
  };
}

/** The Sample User, in my-first-group; a group the reader already made keeps its name. */
function provisionSampleUser({ store, hub }: SampleTokenServices) {
  const membership = store.transaction(() => {
    store.users.upsert(SAMPLE_USER.id, { name: SAMPLE_USER.name, profilePictureURL: SAMPLE_USER.profilePictureURL });
    if (!store.groups.exists(GUIDE_GROUP.id)) store.groups.upsert(GUIDE_GROUP.id, { name: SAMPLE_GROUP_NAME });
    return changeMembers(store, GUIDE_GROUP.id, [SAMPLE_USER.id], []);
  });
  hub.publishUser(SAMPLE_USER.id);
  publishMembership(hub, [membership]);
}
