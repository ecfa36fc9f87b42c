// Property-based fuzzing of the token route against the real Express app on 127.0.0.1:
// whatever the query string and headers, never a 5xx, never a stack trace or the secret
// in a response, and a token only ever for one of the tutorial's test users.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { GUIDE_VARIANTS, TEST_USERS, TUTORIAL_GROUP } from '@cord-tutorial/stack-config/test-users';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';

const PROJECT_ID = randomUUID();
const SECRET = `fuzz-secret-${randomBytes(16).toString('hex')}`;
const ALLOWED_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let server: Server;
let port: number;
let errorLog: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  // One log line per request is the app's job; here it would only bury the test output.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  errorLog = vi.spyOn(console, 'error').mockImplementation(() => {});
  const app = createApp({
    projectId: PROJECT_ID,
    projectSecret: SECRET,
    tokenExpiresSeconds: undefined,
    guideVariant: GUIDE_VARIANTS.tutorial,
    allowedOrigins: ALLOWED_ORIGINS,
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  vi.restoreAllMocks();
});

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
  raw: string;
}

/**
 * Sends bytes exactly as given (no client-side validation or normalisation, unlike
 * fetch or http.request) and reads the whole answer; the request asks for the
 * connection to be closed after it.
 */
function rawRequest(head: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(3_000, () => {
      socket.destroy();
      reject(new Error('no answer within 3 s'));
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = raw.slice(0, split < 0 ? raw.length : split).split('\r\n');
      const headers = new Map<string, string>();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      let body = split < 0 ? '' : raw.slice(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') body = dechunk(body);
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: Buffer.from(body, 'latin1').toString('utf8'),
        raw,
      });
    });
    socket.end(head);
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

function requestBytes(target: string | Buffer, headers: Array<[string, string | Buffer]>): Buffer {
  const parts: Buffer[] = [
    Buffer.from('GET '),
    Buffer.from(target as string, 'latin1'),
    // The server's own port: another one would be refused by the Host check (DNS rebinding).
    Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`),
  ];
  for (const [name, value] of headers) {
    parts.push(
      Buffer.from(`${name}: `, 'latin1'),
      Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from('Connection: close\r\n\r\n'));
  return Buffer.concat(parts);
}

// --- generators ------------------------------------------------------------------

const INDEX_EDGE_CASES = [
  '',
  '0',
  '1',
  '2',
  '3',
  '-1',
  '-0',
  '+1',
  '00',
  '1.9',
  '-1.5',
  '1e3',
  '0x1',
  ' 1',
  '1 ',
  'NaN',
  'Infinity',
  '-Infinity',
  '9007199254740991',
  '9007199254740993',
  '-9007199254740993',
  '1'.repeat(400),
  '١',
  '１',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '[]',
  '{}',
  'true',
  '%',
  '%00',
  '%zz',
];
const userIndexValue = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom(...INDEX_EDGE_CASES),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const KEY_EDGE_CASES = [
  'userIndex',
  'userIndex',
  'userIndex',
  'userindex',
  'USERINDEX',
  'userIndex[]',
  'userIndex[0]',
  'userIndex.x',
  'user%49ndex',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  '',
];
const queryKey = fc.oneof(fc.constantFrom(...KEY_EDGE_CASES), fc.string({ maxLength: 12 }));

/** How a key or value is written into the URL: encoded, as is, or with broken escapes. */
const encoded = (value: string) =>
  fc.constantFrom('encode', 'raw', 'broken').map((how) => {
    if (how === 'encode') return percentEncode(value);
    // Raw: only what a request target may hold unescaped (no space, '#', or control).
    if (how === 'raw') return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]/g, '');
    return `${percentEncode(value)}${['%', '%E0%A4%A', '%G1', '%%', '%ff'][value.length % 5]}`;
  });

/** Like encodeURIComponent, but lone surrogates become U+FFFD instead of throwing. */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const queryPair = fc
  .tuple(queryKey, userIndexValue, fc.boolean())
  .chain(([key, value, withValue]) =>
    fc
      .tuple(key === 'user%49ndex' ? fc.constant(key) : encoded(key), encoded(value))
      .map(([k, v]) => (withValue ? `${k}=${v}` : k)),
  );
const queryString = fc
  .tuple(fc.array(queryPair, { maxLength: 6 }), fc.constantFrom('&', '&', '&&', ';'))
  .map(([pairs, separator]) => pairs.join(separator));

const HEADER_NAMES = [
  'Origin',
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Content-Type',
  'Cookie',
  'Authorization',
  'Referer',
  'User-Agent',
  'X-Forwarded-For',
  'X-Forwarded-Host',
  'X-Forwarded-Proto',
  'X-HTTP-Method-Override',
  'If-None-Match',
  'Range',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'Forwarded',
  'X-Real-IP',
];
const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const headerName = fc.oneof(
  fc.constantFrom(...HEADER_NAMES),
  fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 20 }),
);
const ORIGINS = [
  ...ALLOWED_ORIGINS,
  'http://localhost:5173/',
  'HTTP://LOCALHOST:5173',
  'http://evil.example',
  'null',
  '*',
  '',
];
const visibleAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 200,
});
const wellFormedHeaders = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constant('Origin'),
      fc.oneof(
        fc.constantFrom(...ORIGINS),
        visibleAscii.map((value) => value.trim()),
      ),
    ),
    fc.tuple(
      headerName,
      visibleAscii.map((value) => value.trim()),
    ),
  ),
  { maxLength: 8 },
);

// Hostile: any byte in the target and in header values, CR and LF included, and
// header values past Node's 16 KiB limit.
const anyBytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes));
const hostileTarget = fc.oneof(
  fc
    .tuple(queryString, anyBytes(40))
    .map(([query, bytes]) => Buffer.concat([Buffer.from(`/generate-cord-token?${query}`), bytes])),
  anyBytes(60).map((bytes) => Buffer.concat([Buffer.from('/generate-cord-token?userIndex='), bytes])),
  fc
    .constantFrom(
      '/generate-cord-token?userIndex=1#frag',
      '/generate-cord-token/?userIndex=1',
      '//generate-cord-token',
      '/generate-cord-token%00',
      '/%2e%2e/generate-cord-token',
      '*',
      'http://127.0.0.1/generate-cord-token?userIndex=2',
      `/generate-cord-token?${'a=1&'.repeat(2_000)}`,
    )
    .map((value) => Buffer.from(value)),
);
const hostileHeaders = fc.array(
  fc.tuple(
    fc.oneof(
      headerName,
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 }).map((name) => name.replace(/[\r\n:]/g, '')),
    ),
    fc.oneof(
      anyBytes(100),
      fc.integer({ min: 8_000, max: 20_000 }).map((size) => Buffer.alloc(size, 'x')),
    ),
  ),
  { maxLength: 5 },
);

// --- what every answer must satisfy -------------------------------------------------

const STACK_TRACE = /\n\s+at\s|\bat [^\s]+ \(|node_modules|\/src\/|\.ts:\d+|Error: /;

function expectSafe(response: RawResponse) {
  expect(response.status, response.raw.slice(0, 300)).toBeGreaterThanOrEqual(200);
  expect(response.status, response.raw.slice(0, 300)).toBeLessThan(500);
  expect(response.raw).not.toMatch(STACK_TRACE);
  expect(response.raw).not.toContain(SECRET);
  expect(response.headers.has('x-powered-by')).toBe(false);
}

/** If the answer holds a token, it is ours, valid, and for one of the test users. */
function tokenUser(response: RawResponse): string | undefined {
  if (response.status !== 200) return undefined;
  const { clientAuthToken } = JSON.parse(response.body) as { clientAuthToken: string };
  const claims = jwt.verify(clientAuthToken, SECRET, { algorithms: ['HS512'] }) as Record<string, unknown>;
  const user = TEST_USERS.find((candidate) => candidate.id === claims.user_id);
  expect(user, `token for ${String(claims.user_id)}`).toBeDefined();
  expect(claims).toMatchObject({
    project_id: PROJECT_ID,
    organization_id: TUTORIAL_GROUP.id,
    user_details: { name: user!.name, email: user!.email },
    organization_details: { name: TUTORIAL_GROUP.name },
  });
  return user!.id;
}

/** The tutorial's rule, from the contract: an integer, else 0, modulo the list length. */
function expectedUser(value: string | undefined) {
  const parsed = Number.parseInt(value ?? '', 10);
  const index = Number.isSafeInteger(parsed)
    ? ((parsed % TEST_USERS.length) + TEST_USERS.length) % TEST_USERS.length
    : 0;
  return TEST_USERS[index]!.id;
}

describe('GET /generate-cord-token under fuzzed input', () => {
  it('answers any well-formed query and headers with the right test user, or 400 for a repeated userIndex', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, wellFormedHeaders, async (query, headers) => {
        const response = await rawRequest(requestBytes(`/generate-cord-token?${query}`, headers));
        expectSafe(response);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);

        // Express's default ("simple") query parser is node:querystring.
        const userIndex = parseQuery(query).userIndex;
        if (Array.isArray(userIndex)) {
          expect(response.status).toBe(400);
          expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining('userIndex') });
        } else {
          expect(response.status).toBe(200);
          expect(tokenUser(response)).toBe(expectedUser(userIndex));
        }

        const origins = headers.filter(([name]) => name === 'Origin').map(([, value]) => value);
        const allowOrigin = response.headers.get('access-control-allow-origin');
        if (origins.length === 1 && ALLOWED_ORIGINS.includes(origins[0]!)) expect(allowOrigin).toBe(origins[0]);
        else if (origins.length === 0 || origins.every((origin) => !ALLOWED_ORIGINS.includes(origin)))
          expect(allowOrigin).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(errorLog).not.toHaveBeenCalled();
  });

  it('never answers hostile bytes with a 5xx, a stack trace, or a token for anyone else', async () => {
    let tokens = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileTarget, hostileHeaders, async (target, headers) => {
        const response = await rawRequest(requestBytes(target, headers));
        expectSafe(response);
        if (tokenUser(response)) tokens++;
        else refused++;
      }),
      { numRuns: RUNS },
    );
    // Both outcomes happened: the fuzzer reached the route, and also the parser's refusals.
    expect(tokens).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(errorLog).not.toHaveBeenCalled();
  });
});
