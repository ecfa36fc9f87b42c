// Signing in with client auth tokens (contract section 3) and with sessions.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { CLOSE_INVALID_SESSION } from '../src/server/index.ts';
import {
  memberToken,
  PROJECT,
  refusedHello,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  tokenFor,
  tokenHello,
} from '../src/testing/index.ts';

let cord: LocalCord;
beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

const nowSeconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a payload the way a hand-rolled server might, for the odd cases. */
function signed(payload: object, options: { secret?: string; algorithm?: jwt.Algorithm; expiresIn?: number } = {}) {
  return jwt.sign(payload, options.secret ?? PROJECT.secret, {
    algorithm: options.algorithm ?? 'HS512',
    ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
  });
}

const alice = {
  user_id: 'alice',
  group_id: 'team',
  user_details: { name: 'Alice Liddell' },
  group_details: { name: 'Team' },
};

/** Cord's ViewerUserData for Alice, a member of team, with the group her token named. */
const aliceViewer = (groupID: string | null) => ({
  id: 'alice',
  name: 'Alice Liddell',
  shortName: null,
  displayName: 'Alice Liddell',
  secondaryDisplayName: 'Alice Liddell',
  profilePictureURL: null,
  metadata: {},
  groupID,
  groups: ['team'],
  notificationPreferences: { sendViaSlack: true, sendViaEmail: true },
});

describe('client auth tokens', () => {
  it('accepts a token from getClientAuthToken (HS512) and welcomes the user by name', async () => {
    const token = tokenFor(alice);
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('HS512');

    const { viewer, session } = await signIn(cord, token);

    expect(viewer).toEqual(aliceViewer('team'));
    expect(session).toMatch(/^[\w-]{20,}$/);
    expect(cord.store.sessions.get(session)).toEqual({ userId: 'alice', groupId: 'team' });
  });

  it('accepts an HS256 token', async () => {
    const token = signed({ ...alice, project_id: PROJECT.id }, { algorithm: 'HS256', expiresIn: 60 });

    const { viewer } = await signIn(cord, token);

    expect(viewer.name).toBe('Alice Liddell');
  });

  it('accepts the legacy app_id and organization_id claims and a numeric user_id', async () => {
    const token = signed({
      app_id: PROJECT.id,
      user_id: 42,
      organization_id: 'legacy-org',
      user_details: { name: 'Forty Two' },
      organization_details: { name: 'Legacy' },
    });

    const { viewer } = await signIn(cord, token);

    expect(viewer).toMatchObject({ id: '42', name: 'Forty Two', groupID: 'legacy-org' });
    expect(cord.store.groups.isMember('legacy-org', '42')).toBe(true);
  });

  it('refuses an expired token, with no clock leeway', async () => {
    const token = signed({ ...alice, project_id: PROJECT.id, exp: nowSeconds() - 1 });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error).toEqual({ code: 'invalid_session', message: 'invalid_session - TokenExpiredError: jwt expired' });
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses a token signed with another secret', async () => {
    const token = signed({ ...alice, project_id: PROJECT.id }, { secret: 'not-the-project-secret' });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toBe('invalid_session - JsonWebTokenError: invalid signature');
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...alice, project_id: PROJECT.id })}.`;
    expect(jwt.decode(token)).toMatchObject({ user_id: 'alice' });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.code).toBe('invalid_session');
    expect(error.message).toMatch(/^invalid_session - JsonWebTokenError: /);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
    expect(cord.store.users.exists('alice')).toBe(false);
  });

  it('refuses an algorithm other than HS256 and HS512', async () => {
    const token = signed({ ...alice, project_id: PROJECT.id }, { algorithm: 'HS384' });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toBe('invalid_session - JsonWebTokenError: invalid algorithm');
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses a token for another project', async () => {
    const other = randomUUID();
    const token = jwt.sign({ ...alice, project_id: other }, PROJECT.secret, { algorithm: 'HS512' });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toBe(`invalid_session - Platform project ${other} not found.`);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses a project id that is not a UUID', async () => {
    const token = signed({ ...alice, project_id: 'my-project' });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toMatch(/^invalid_session - Invalid ClientAuthTokenData: /);
    expect(error.message).toContain('my-project');
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses a token without user_id', async () => {
    const token = signed({ project_id: PROJECT.id, group_id: 'team', user_details: { name: 'Nobody' } });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toMatch(/^invalid_session - Invalid ClientAuthTokenData: .*requires field: user_id/);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses a user_id longer than 128 characters', async () => {
    const token = signed({ ...alice, project_id: PROJECT.id, user_id: 'u'.repeat(129) });

    const { error } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toMatch(/^invalid_session - Invalid ClientAuthTokenData: .*user_id/);
    expect(cord.store.counts().users).toBe(0);
  });

  it.each([
    ['not a JWT', 'hello world'],
    ['an empty string', ''],
    ['a JWT whose payload is not an object', `${base64url({ alg: 'HS512' })}.${base64url('just text')}.sig`],
  ])('refuses %s', async (_, token) => {
    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.code).toBe('invalid_session');
    expect(error.message).toMatch(/^invalid_session - /);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });

  it('refuses an unknown user when the token carries no user_details', async () => {
    const { error, closeCode } = await refusedHello(cord, tokenHello(tokenFor({ user_id: 'ghost' })));

    expect(error.message).toMatch(/^invalid_session - .*ghost/);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
    expect(cord.store.users.exists('ghost')).toBe(false);
  });

  it('accepts a known user without user_details (a token with only user_id)', async () => {
    await signIn(cord, tokenFor(alice));

    const { viewer } = await signIn(cord, tokenFor({ user_id: 'alice' }));

    // No group in the token: the viewer writes nowhere by default, but is still in their groups.
    expect(viewer).toEqual(aliceViewer(null));
  });

  it('refuses a group the user is not a member of when the token carries no details', async () => {
    await signIn(cord, memberToken('alice', 'team-a'));
    await signIn(cord, memberToken('bob', 'team-b'));

    const { error, closeCode } = await refusedHello(cord, tokenHello(tokenFor({ user_id: 'bob', group_id: 'team-a' })));

    expect(error.message).toBe('invalid_session - The user is not a member of the group.');
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
    expect(cord.store.groups.isMember('team-a', 'bob')).toBe(false);
  });

  it('refuses a group that does not exist, creating nothing', async () => {
    const before = cord.store.counts();
    const token = tokenFor({ user_id: 'carol', group_id: 'nowhere', user_details: { name: 'Carol' } });

    const { error, closeCode } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toMatch(/^invalid_session - Group nowhere /);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
    expect(cord.store.counts()).toEqual(before);
  });

  it('refuses group_details without a name for a group that does not exist', async () => {
    const token = tokenFor({
      user_id: 'carol',
      group_id: 'unnamed',
      user_details: { name: 'Carol' },
      group_details: {} as { name: string },
    });

    const { error } = await refusedHello(cord, tokenHello(token));

    expect(error.message).toMatch(/^invalid_session - Group unnamed /);
    expect(cord.store.groups.exists('unnamed')).toBe(false);
    expect(cord.store.users.exists('carol')).toBe(false);
  });

  it('refuses a hello without a token or session', async () => {
    const { error, closeCode } = await refusedHello(cord, { type: 'hello' });

    expect(error.code).toBe('invalid_session');
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });
});

describe('user and group details', () => {
  it('creates the user and the group and adds the membership', async () => {
    await signIn(
      cord,
      tokenFor({
        user_id: 'alice',
        group_id: 'team',
        user_details: {
          name: 'Alice Liddell',
          shortName: 'Alice',
          email: 'alice@example.com',
          profilePictureURL: 'https://example.com/a.png',
        },
        group_details: { name: 'Team' },
      }),
    );

    expect(cord.store.users.profile('alice')).toEqual({
      id: 'alice',
      name: 'Alice Liddell',
      shortName: 'Alice',
      email: 'alice@example.com',
      profilePictureURL: 'https://example.com/a.png',
      metadata: {},
    });
    expect(cord.store.groups.exists('team')).toBe(true);
    expect(cord.store.groups.isMember('team', 'alice')).toBe(true);
    expect(cord.store.groups.groupIdsOf('alice')).toEqual(['team']);
  });

  it('updates the name from a later token and keeps what that token leaves out', async () => {
    await signIn(cord, tokenFor({ ...alice, user_details: { name: 'Alice Liddell', email: 'alice@example.com' } }));

    const { viewer } = await signIn(cord, tokenFor({ ...alice, user_details: { name: 'Alice Pleasance' } }));

    expect(viewer.name).toBe('Alice Pleasance');
    expect(cord.store.users.profile('alice')).toMatchObject({ name: 'Alice Pleasance', email: 'alice@example.com' });
    expect(cord.store.counts()).toMatchObject({ users: 1, groups: 1, group_members: 1 });
  });

  it('adds an existing user to an existing group when the token carries user_details', async () => {
    await signIn(cord, memberToken('alice', 'team'));
    await signIn(cord, memberToken('bob', 'other'));
    expect(cord.store.groups.isMember('team', 'bob')).toBe(false);

    const { viewer } = await signIn(
      cord,
      tokenFor({ user_id: 'bob', group_id: 'team', user_details: { name: 'Bob' } }),
    );

    expect(viewer.groupID).toBe('team');
    expect(cord.store.groups.isMember('team', 'bob')).toBe(true);
  });
});

describe('sessions', () => {
  it('lets a new connection sign in with the session from welcome, with no token', async () => {
    const first = await signIn(cord, tokenFor(alice));
    await first.client.close();

    const again = await signIn(cord, { session: first.session });

    expect(again.session).toBe(first.session);
    expect(again.viewer).toEqual(first.viewer);
    // The session is fully signed in: it can write to the token's group.
    await again.client.ok({ type: 'presence.set', location: { page: 1 }, present: true, durable: false });
  });

  it('outlives the token it came from', async () => {
    const token = tokenFor(alice); // getClientAuthToken's default: valid for one minute
    const first = await signIn(cord, token);
    // A minute and a bit later, for the token check and the server alike (sockets keep real timers).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      const refused = await refusedHello(cord, tokenHello(token));
      expect(refused.error.message).toBe('invalid_session - TokenExpiredError: jwt expired');

      const again = await signIn(cord, { session: first.session });
      expect(again.viewer.id).toBe('alice');
      await again.client.ok({ type: 'thread.observe', threadId: 'after-expiry' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an unknown session', async () => {
    const { error, closeCode } = await refusedHello(cord, { type: 'hello', session: 'not-a-session' });

    expect(error.code).toBe('invalid_session');
    expect(error.message).toMatch(/^invalid_session - /);
    expect(closeCode).toBe(CLOSE_INVALID_SESSION);
  });
});
