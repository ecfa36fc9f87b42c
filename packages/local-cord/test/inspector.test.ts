// The inspector's server side: its page, its JSON state, the sign-in log and the reset.
import { request as httpRequest } from 'node:http';
import { getClientAuthToken } from '@cord-sdk/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectorState } from '../src/protocol/inspector.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  PROJECT,
  refusedHello,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  tokenHello,
} from '../src/testing/index.ts';

let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

async function state(): Promise<InspectorState> {
  const response = await fetch(`${cord.url}/inspector/state`);
  expect(response.status).toBe(200);
  return (await response.json()) as InspectorState;
}

function reset(headers: Record<string, string>) {
  return fetch(`${cord.url}/inspector/reset`, { method: 'POST', headers });
}

/** A GET with a Host header of our choosing, which fetch does not allow. */
function getWithHost(path: string, host: string) {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(`${cord.url}${path}`, { headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('inspector', () => {
  it('serves its page and script, unframeable and running only its own script', async () => {
    const page = await fetch(`${cord.url}/`);
    const script = await fetch(`${cord.url}/inspector/inspector.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/inspector/inspector.js"');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('/inspector/state');
  });

  it('shows users, groups, threads with messages and presence, but not the secret', async () => {
    const { client } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell'));
    await client.ok({ type: 'thread.observe', threadId: 't1' });
    await client.ok(sendBody('t1', 'm1', '<b>not markup</b>'));
    await client.ok({ type: 'presence.set', location: { page: 'home' }, present: true, durable: true });

    const snapshot = await state();

    expect(snapshot).toMatchObject({
      projectId: PROJECT.id,
      connections: 1,
      users: [{ id: 'alice', name: 'Alice Liddell', status: 'active', groupIds: ['team'] }],
      groups: [{ id: 'team', name: 'Group team', memberIds: ['alice'] }],
      threads: [
        { id: 't1', groupId: 'team', earlierMessages: 0, messages: [{ id: 'm1', plaintext: '<b>not markup</b>' }] },
      ],
      presence: [
        { userId: 'alice', userName: 'Alice Liddell', groupId: 'team', location: { page: 'home' }, present: true },
      ],
    });
    expect(JSON.stringify(snapshot)).not.toContain(PROJECT.secret);
  });

  it('keeps the last sign-ins with their decoded claims and the verdict', async () => {
    await signIn(cord, memberToken('alice', 'team'));
    const forged = getClientAuthToken(PROJECT.id, 'not-the-secret', { user_id: 'mallory' });
    await refusedHello(cord, tokenHello(forged));

    const [refused, accepted] = (await state()).signIns;

    expect(refused).toMatchObject({
      credential: 'token',
      algorithm: 'HS512',
      claims: { user_id: 'mallory', project_id: PROJECT.id },
      accepted: false,
      userId: null,
      reason: 'invalid_session - JsonWebTokenError: invalid signature',
    });
    expect(accepted).toMatchObject({ credential: 'token', accepted: true, userId: 'alice', reason: null });
    expect(accepted?.claims).toMatchObject({ user_id: 'alice', group_id: 'team' });
  });

  it('keeps no more than 20 sign-ins', async () => {
    for (let i = 0; i < 22; i++) await refusedHello(cord, { type: 'hello' });

    const { signIns } = await state();

    expect(signIns).toHaveLength(20);
    expect(signIns[0]).toMatchObject({ credential: 'none', accepted: false });
  });

  it('resets only for a same-origin request, then disconnects browsers and empties the store', async () => {
    const { client } = await signIn(cord, memberToken('alice', 'team'));
    // Leaving writes presence: it must land before the wipe, not after it.
    await client.ok({ type: 'presence.set', location: { page: 'home' }, present: true, durable: true });
    const origin = cord.url;

    expect((await reset({})).status).toBe(403);
    expect((await reset({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await reset({ Origin: origin, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(cord.store.counts()).toMatchObject({ users: 1 });

    const answer = await reset({ Origin: origin, 'Sec-Fetch-Site': 'same-origin' });

    expect(answer.status).toBe(200);
    await client.closed;
    expect(Object.values(cord.store.counts()).every((count) => count === 0)).toBe(true);
    expect(await state()).toMatchObject({ connections: 0, users: [], groups: [], threads: [], presence: [] });
  });

  it('answers a Host that is not loopback with 403, against DNS rebinding', async () => {
    expect(await getWithHost('/inspector/state', 'attacker.example:8161')).toBe(403);
    expect(await getWithHost('/inspector/state', `localhost:${cord.port}`)).toBe(200);
  });

  it('answers a GET of the reset with 405', async () => {
    expect((await fetch(`${cord.url}/inspector/reset`)).status).toBe(405);
  });
});
