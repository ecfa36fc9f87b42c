import type { Hello } from '../../protocol/requests.ts';
import type { ViewerData } from '../../protocol/views.ts';
import type { Store } from '../../store/store.ts';
import { InvalidSessionError, type LocalProject, verifyClientAuthToken } from '../auth/clientAuthToken.ts';
import { viewerData } from '../views/userData.ts';

export interface Viewer {
  userId: string;
  /** The group named in the token, where the viewer's threads and presence go by default. */
  groupId: string | null;
}

export interface OpenedSession {
  session: string;
  viewer: Viewer;
  view: ViewerData;
  /** Whether the token's user details changed a user others may already be showing. */
  profileChanged?: boolean;
  /** The group the token's details just added the user to, for the others to be told. */
  joined?: string | undefined;
}

/**
 * Turns a browser's hello into a session. A client auth token is verified and its
 * details applied in Cord's order; the long-lived session that comes back lets the
 * page reconnect after the short token has expired.
 */
export function openSession(store: Store, project: LocalProject, hello: Hello): OpenedSession {
  if ('session' in hello) {
    const known = store.sessions.get(hello.session);
    if (!known) throw new InvalidSessionError('Session expired or unknown.');
    return describe(store, hello.session, known);
  }

  const claims = verifyClientAuthToken(hello.token, project);
  const viewer: Viewer = { userId: claims.userId, groupId: claims.groupId ?? null };
  let joined: string | undefined;
  let profileChanged = false;
  const session = store.transaction(() => {
    if (claims.userDetails) {
      const before = store.users.profile(claims.userId);
      store.users.upsert(claims.userId, claims.userDetails);
      profileChanged =
        before !== undefined && JSON.stringify(before) !== JSON.stringify(store.users.profile(claims.userId));
    }
    if (claims.groupId !== undefined && claims.groupDetails) {
      if (!store.groups.upsert(claims.groupId, claims.groupDetails)) {
        throw new InvalidSessionError(
          `Group ${claims.groupId} does not exist: group_details needs a name to create it.`,
        );
      }
    }
    // Only into a group that exists (a foreign key): a missing one is refused below.
    const joins = claims.userDetails || claims.groupDetails;
    if (claims.groupId !== undefined && joins && store.groups.exists(claims.groupId)) {
      if (store.groups.addMember(claims.groupId, claims.userId)) joined = claims.groupId;
    }
    if (!store.users.exists(claims.userId)) {
      throw new InvalidSessionError(`User ${claims.userId} not found: send user_details to create it.`);
    }
    if (viewer.groupId !== null) {
      if (!store.groups.exists(viewer.groupId)) {
        throw new InvalidSessionError(`Group ${viewer.groupId} not found.`);
      }
      if (!store.groups.isMember(viewer.groupId, viewer.userId)) {
        throw new InvalidSessionError('The user is not a member of the group.');
      }
    }
    return store.sessions.create(viewer);
  });
  return { ...describe(store, session, viewer), profileChanged, joined };
}

function describe(store: Store, session: string, viewer: Viewer): OpenedSession {
  const user = store.users.profile(viewer.userId);
  if (!user) throw new InvalidSessionError(`User ${viewer.userId} not found.`);
  return { session, viewer, view: viewerData(store, user, viewer.groupId) };
}
