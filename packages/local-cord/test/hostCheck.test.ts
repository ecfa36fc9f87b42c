import { request as httpRequest } from 'node:http';
import { getServerAuthToken } from '@cord-sdk/server';
import { LOCAL_CORD_CSS_PATH, LOCAL_CORD_SCRIPT_PATH } from '@cord-tutorial/stack-config';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LocalCord } from '../src/server/index.ts';
import { PROJECT, socketUrl, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

// DNS rebinding (issue 11, finding 3): a page of another site whose name now resolves to
// 127.0.0.1 reaches local Cord with that name as its Host. Every route and the WebSocket
// answer only loopback names on local Cord's port, and the names the configuration allows.

let cord: LocalCord | undefined;

afterEach(async () => {
  if (cord) await stopServer(cord);
  cord = undefined;
});

/** A request to local Cord's address with the Host header a rebound page would send (fetch cannot set it). */
function requestAs(host: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const { port } = new URL(cord!.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { ...init.headers, Host: host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject).end();
  });
}

/** The status of a WebSocket upgrade sent with this Host: 101 when it opened. */
function upgradeAs(host: string) {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(socketUrl(cord!), { headers: { Host: host } });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

const serverToken = () => ({ Authorization: `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}` });
const port = () => new URL(cord!.url).port;
const ROUTES = ['/v1/users', LOCAL_CORD_SCRIPT_PATH, LOCAL_CORD_CSS_PATH, '/', '/inspector/state', '/health'];
const FILE_ROUTE = '/files/6f1b1c52-5a3c-4a3e-9d8f-2b1c0e9d8a77';

describe('the Host check', () => {
  it('refuses every route and the WebSocket to another host name, with 403 naming the setting', async () => {
    cord = await startThrowawayLocalCord();
    const rebound = `rebound.example:${port()}`;

    for (const path of [...ROUTES, FILE_ROUTE, '/sample-token']) {
      const method = path === '/sample-token' ? 'POST' : 'GET';
      const answer = await requestAs(rebound, path, { method, headers: serverToken() });
      expect(answer.status, path).toBe(403);
      expect(JSON.parse(answer.body), path).toEqual({
        error: 'host_not_allowed',
        message: expect.stringContaining('LOCAL_CORD_ALLOWED_HOSTS'),
      });
    }
    expect(await upgradeAs(rebound)).toBe(403);
  });

  it('answers localhost, 127.0.0.1 and [::1] on its own port, and no other port', async () => {
    cord = await startThrowawayLocalCord();
    for (const name of ['localhost', '127.0.0.1', '[::1]', 'LOCALHOST']) {
      const answer = await requestAs(`${name}:${port()}`, '/v1/users', { headers: serverToken() });
      expect(answer.status, name).toBe(200);
      expect(await upgradeAs(`${name}:${port()}`), name).toBe(101);
    }
    const otherPort = Number(port()) === 1 ? 2 : 1;
    expect((await requestAs(`localhost:${otherPort}`, '/health')).status).toBe(403);
    expect((await requestAs('localhost', '/health')).status).toBe(403);
    expect((await requestAs(`user@127.0.0.1:${port()}`, '/health')).status).toBe(403);
  });

  it('answers the names the configuration allows, and subdomains of a name given with a leading dot', async () => {
    cord = await startThrowawayLocalCord(undefined, {
      allowedHosts: { names: ['cord.example', '.dev.test'], setting: 'LOCAL_CORD_ALLOWED_HOSTS' },
    });
    for (const host of ['cord.example', `cord.example:${port()}`, 'dev.test', 'laptop.dev.test:8080']) {
      expect((await requestAs(host, '/v1/users', { headers: serverToken() })).status, host).toBe(200);
      expect(await upgradeAs(host), host).toBe(101);
    }
    for (const host of ['other.example', 'notdev.test', 'cord.example.evil']) {
      expect((await requestAs(host, '/v1/users', { headers: serverToken() })).status, host).toBe(403);
    }
  });
});
