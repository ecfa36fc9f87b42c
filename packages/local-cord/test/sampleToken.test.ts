// `POST /sample-token`: the token Cord's docs put into the integration guide's steps 2 to 6,
// for a Sample User in my-first-group, from a real local Cord; signed in with for real.

import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { fetchCordRESTApi } from '@cord-sdk/server';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_GROUP_NAME, SAMPLE_USER } from '../src/server/auth/sampleToken.ts';
import type { LocalCord } from '../src/server/index.ts';
import { PROJECT, sendBody, signIn, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

let cord: LocalCord;
beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

async function sampleToken(): Promise<string> {
  const response = await fetch(`${cord.url}/sample-token`, { method: 'POST' });
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  // Cord answered with the same token under both names.
  expect(Object.keys(body)).toEqual(['session_token', 'client_auth_token']);
  expect(body.session_token).toBe(body.client_auth_token);
  return body.client_auth_token as string;
}

describe('POST /sample-token', () => {
  it("signs a week-long token with only user_id, with the project's secret", async () => {
    const token = await sampleToken();
    const claims = jwt.verify(token, PROJECT.secret, { algorithms: ['HS512'] }) as JwtPayload;
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'project_id', 'user_id']);
    expect(claims.user_id).toBe('sample-user');
    expect(claims.project_id).toBe(PROJECT.id);
    expect(claims.exp! - claims.iat!).toBe(7 * 24 * 60 * 60);
  });

  it('creates the Sample User, with a picture, in my-first-group, which the token then writes to', async () => {
    const { viewer, client } = await signIn(cord, await sampleToken());
    expect(viewer).toMatchObject({ id: 'sample-user', name: 'Sample User', groupID: null, groups: ['my-first-group'] });
    expect(viewer.profilePictureURL).toMatch(/^data:image\/svg\+xml,/);
    expect(cord.store.groups.record('my-first-group')?.name).toBe(SAMPLE_GROUP_NAME);

    // The guide's step 5: <Thread threadId="a-first-conversation" groupId="my-first-group" />.
    await client.ok(
      sendBody('a-first-conversation', randomUUID(), 'This is a test message.', { groupId: 'my-first-group' }),
    );
    expect(cord.store.threads.get('a-first-conversation')?.groupId).toBe('my-first-group');
  });

  it("gives the same user every time, and leaves the name of the reader's own group alone", async () => {
    await fetchCordRESTApi('v1/groups/my-first-group', {
      project_id: PROJECT.id,
      project_secret: PROJECT.secret,
      api_url: `${cord.url}/`,
      method: 'PUT',
      body: { name: 'my first cord group' },
    });
    const first = jwt.decode(await sampleToken()) as JwtPayload;
    const second = jwt.decode(await sampleToken()) as JwtPayload;
    expect(second.user_id).toBe(first.user_id);
    expect(cord.store.groups.record('my-first-group')?.name).toBe('my first cord group');
    expect(cord.store.groups.memberIds('my-first-group')).toEqual([SAMPLE_USER.id]);
  });

  it('answers POST only', async () => {
    const response = await fetch(`${cord.url}/sample-token`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(cord.store.users.exists(SAMPLE_USER.id)).toBe(false);
  });

  it('answers loopback host names only (no DNS rebinding)', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const sent = request(
        `${cord.url}/sample-token`,
        { method: 'POST', headers: { Host: 'evil.example:80' } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      sent.on('error', reject);
      sent.end();
    });
    expect(status).toBe(403);
    expect(cord.store.users.exists(SAMPLE_USER.id)).toBe(false);
  });
});
