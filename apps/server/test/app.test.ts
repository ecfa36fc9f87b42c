import { get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GUIDE_VARIANTS, TEST_USERS } from '@cord-tutorial/stack-config/test-users';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';

const PROJECT_ID = '2b0f7c6a-1d3e-4f58-9a7b-6c5d4e3f2a1b';
const SECRET = 'token-server-test-secret';
const DEFAULT_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

type AppConfig = Parameters<typeof createApp>[0];

/** Starts the app for real on an ephemeral loopback port; `close` stops it. */
async function startApp(overrides: Partial<AppConfig> = {}) {
  const app = createApp({
    projectId: PROJECT_ID,
    projectSecret: SECRET,
    tokenExpiresSeconds: undefined,
    guideVariant: GUIDE_VARIANTS.tutorial,
    allowedOrigins: DEFAULT_ORIGINS,
    ...overrides,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const started = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(started)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Verifies the token as Cord would (HS512 with the project's secret) and returns its claims. */
function verifyToken(token: unknown, secret = SECRET): JwtPayload {
  expect(typeof token).toBe('string');
  const claims = jwt.verify(token as string, secret, { algorithms: ['HS512'] });
  expect(typeof claims).toBe('object');
  return claims as JwtPayload;
}

async function fetchToken(base: string, query = ''): Promise<JwtPayload> {
  const response = await fetch(`${base}/generate-cord-token${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
  const body = (await response.json()) as { clientAuthToken?: unknown };
  return verifyToken(body.clientAuthToken);
}

beforeEach(() => {
  // The app logs one line per request; keep the test output readable.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return () => {
    vi.restoreAllMocks();
  };
});

describe('GET /generate-cord-token', () => {
  let server: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it("signs the tutorial's token for Severus Atreides with the project's secret", async () => {
    const response = await fetch(`${server.url}/generate-cord-token`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { clientAuthToken: string };
    expect(Object.keys(body)).toEqual(['clientAuthToken']);

    const claims = verifyToken(body.clientAuthToken);
    expect(claims.user_id).toBe('severusatreides');
    expect(claims.organization_id).toBe('starpotterdunewars');
    expect(claims.user_details).toEqual({ email: 'sevvy@arrakis.spice', name: 'Severus Atreides' });
    expect(claims.organization_details).toEqual({ name: 'starpotterdunewars' });
    expect(claims.project_id).toBe(PROJECT_ID);
    expect(typeof claims.iat).toBe('number');
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(30);

    const { header } = jwt.decode(body.clientAuthToken, { complete: true })!;
    expect(header.alg).toBe('HS512');
  });

  it('the token does not verify with another secret', async () => {
    const response = await fetch(`${server.url}/generate-cord-token`);
    const { clientAuthToken } = (await response.json()) as { clientAuthToken: string };
    expect(() => jwt.verify(clientAuthToken, 'not-the-secret', { algorithms: ['HS512'] })).toThrow(/invalid signature/);
  });

  it.each([0, 1, 2])('?userIndex=%i signs for that test user', async (index) => {
    const user = TEST_USERS[index]!;
    const claims = await fetchToken(server.url, `?userIndex=${index}`);
    expect(claims.user_id).toBe(user.id);
    expect(claims.user_details).toEqual({ email: user.email, name: user.name });
    expect(claims.organization_id).toBe('starpotterdunewars');
    expect(claims.organization_details).toEqual({ name: 'starpotterdunewars' });
    expect(claims.project_id).toBe(PROJECT_ID);
  });

  it('the three users are the ones of the tutorial', async () => {
    const users = [];
    for (const index of [0, 1, 2]) {
      const claims = await fetchToken(server.url, `?userIndex=${index}`);
      users.push([claims.user_id, claims.user_details.name, claims.user_details.email]);
    }
    expect(users).toEqual([
      ['severusatreides', 'Severus Atreides', 'sevvy@arrakis.spice'],
      ['minervahalleck', 'Minerva Halleck', 'minnie@caladan.spice'],
      ['hermioneorgana', 'Hermione Organa', 'hermy@alderaan.spice'],
    ]);
  });

  it.each([
    ['', 'severusatreides'],
    ['?userIndex=', 'severusatreides'],
    ['?userIndex=abc', 'severusatreides'],
    ['?userIndex=1e999', 'minervahalleck'],
    ['?userIndex=3', 'severusatreides'],
    ['?userIndex=4', 'minervahalleck'],
    ['?userIndex=-1', 'hermioneorgana'],
    ['?userIndex=-2', 'minervahalleck'],
    ['?userIndex=99999999999999999999999999', 'severusatreides'],
    ['?userIndex=-99999999999999999999999999', 'severusatreides'],
    [`?userIndex=${'9'.repeat(1000)}`, 'severusatreides'],
    ['?userIndex=%00', 'severusatreides'],
    ['?userIndex=NaN', 'severusatreides'],
  ])('%s gives a valid token, never a 500', async (query, userId) => {
    const claims = await fetchToken(server.url, query);
    expect(claims.user_id).toBe(userId);
    expect(claims.organization_id).toBe('starpotterdunewars');
  });

  it('signs a new token whatever conditional headers say: never an empty 304, never cached', async () => {
    const conditions: Record<string, string>[] = [
      { 'If-None-Match': '*' },
      { 'If-Modified-Since': new Date().toUTCString() },
    ];
    for (const headers of conditions) {
      const response = await fetch(`${server.url}/generate-cord-token`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { clientAuthToken: string };
      expect(verifyToken(body.clientAuthToken).user_id).toBe('severusatreides');
    }
  });

  it('refuses ?userIndex given twice with a 400 JSON error', async () => {
    const response = await fetch(`${server.url}/generate-cord-token?userIndex=1&userIndex=2`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('clientAuthToken');
    expect(body.error).toMatch(/userIndex/);
  });
});

describe("GET /generate-cord-token for the integration guide's step 11 (CORD_GUIDE_VARIANT=guide)", () => {
  let server: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    server = await startApp({ guideVariant: GUIDE_VARIANTS.guide });
  });
  afterAll(() => server.close());

  it('signs only user_id (and the project) for the users the CLI created, by ?userIndex=', async () => {
    const signed = [];
    for (const query of ['', '?userIndex=1', '?userIndex=2', '?userIndex=3']) {
      const claims = await fetchToken(server.url, query);
      expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'project_id', 'user_id']);
      expect(claims.project_id).toBe(PROJECT_ID);
      signed.push(claims.user_id);
    }
    expect(signed).toEqual(['cordymccordface', 'yaketyyak', 'jibberjabber', 'cordymccordface']);
  });
});

describe('token lifetime', () => {
  it('uses tokenExpiresSeconds when it is set', async () => {
    const server = await startApp({ tokenExpiresSeconds: 3600 });
    try {
      const claims = await fetchToken(server.url);
      expect(claims.exp! - claims.iat!).toBe(3600);
    } finally {
      await server.close();
    }
  });

  it('signs with the configured project', async () => {
    const projectId = '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';
    const server = await startApp({ projectId, projectSecret: 'another-secret' });
    try {
      const response = await fetch(`${server.url}/generate-cord-token`);
      const { clientAuthToken } = (await response.json()) as { clientAuthToken: string };
      const claims = verifyToken(clientAuthToken, 'another-secret');
      expect(claims.project_id).toBe(projectId);
      expect(() => verifyToken(clientAuthToken, SECRET)).toThrow();
    } finally {
      await server.close();
    }
  });
});

describe('CORS', () => {
  let server: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it.each(DEFAULT_ORIGINS)('allows the client at %s', async (origin) => {
    const response = await fetch(`${server.url}/generate-cord-token`, { headers: { Origin: origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/i);
  });

  it.each(['http://evil.test', 'http://localhost:5174', 'https://localhost:5173', 'null'])(
    'does not allow %s',
    async (origin) => {
      const response = await fetch(`${server.url}/generate-cord-token`, {
        headers: { Origin: origin },
      });
      expect(response.headers.has('access-control-allow-origin')).toBe(false);
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/i);
    },
  );

  it('sends no Access-Control-Allow-Origin without an Origin', async () => {
    const response = await fetch(`${server.url}/generate-cord-token`);
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('allows exactly the configured origins', async () => {
    const custom = await startApp({ allowedOrigins: ['https://app.example.com'] });
    try {
      const allowed = await fetch(`${custom.url}/generate-cord-token`, {
        headers: { Origin: 'https://app.example.com' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const refused = await fetch(`${custom.url}/generate-cord-token`, {
        headers: { Origin: 'http://localhost:5173' },
      });
      expect(refused.headers.has('access-control-allow-origin')).toBe(false);
    } finally {
      await custom.close();
    }
  });
});

describe('other requests', () => {
  let server: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it.each(['/', '/nope', '/generate-cord-token/extra', '/generate-cord-tokens'])(
    'answers GET %s with a 404 JSON error',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
      const body = (await response.json()) as { error?: unknown };
      expect(body.error).toMatch(/not found/i);
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'answers %s /generate-cord-token with a 405 JSON error and no stack trace',
    async (method) => {
      const response = await fetch(`${server.url}/generate-cord-token`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{"user_id":"someone-else"}',
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
      const text = await response.text();
      expect(text).not.toMatch(/\bat .*\(|\.ts:\d+|node_modules|Error:/);
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(body).not.toHaveProperty('clientAuthToken');
      expect(body.error).toMatch(/method not allowed/i);
    },
  );

  it('answers an allowed origin on errors too', async () => {
    const response = await fetch(`${server.url}/nope`, {
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('does not advertise Express', async () => {
    const response = await fetch(`${server.url}/generate-cord-token`);
    expect(response.headers.has('x-powered-by')).toBe(false);
  });
});

/** A GET with the Host header a page would send after rebinding its name to 127.0.0.1 (fetch cannot set Host). */
function getAs(base: string, host: string, path = '/generate-cord-token') {
  const { port } = new URL(base);
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const outgoing = httpGet({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) }));
    });
    outgoing.on('error', reject);
  });
}

describe('the Host check (DNS rebinding)', () => {
  it('signs no token for another host name: 403 naming TOKEN_SERVER_ALLOWED_HOSTS', async () => {
    const server = await startApp();
    try {
      const { port } = new URL(server.url);
      const refused = await getAs(server.url, `rebound.example:${port}`);
      expect(refused.status).toBe(403);
      expect(refused.body).not.toHaveProperty('clientAuthToken');
      expect(refused.body.error).toContain('TOKEN_SERVER_ALLOWED_HOSTS');
      expect((await getAs(server.url, 'localhost:1')).status).toBe(403);

      for (const name of ['localhost', '127.0.0.1', '[::1]']) {
        const answer = await getAs(server.url, `${name}:${port}`);
        expect(answer.status, name).toBe(200);
        expect(answer.body).toHaveProperty('clientAuthToken');
      }
    } finally {
      await server.close();
    }
  });

  it('answers the host names it is configured to allow', async () => {
    const server = await startApp({
      allowedHosts: { names: ['tokens.example'], setting: 'TOKEN_SERVER_ALLOWED_HOSTS' },
    });
    try {
      expect((await getAs(server.url, 'tokens.example')).status).toBe(200);
      expect((await getAs(server.url, 'other.example')).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
