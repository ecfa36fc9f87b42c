// What `cord` sends for the commands whose endpoints local Cord does not have yet, checked
// against Cord's documented requests by a server that records them.
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT } from '@cord-tutorial/local-cord/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runIn, tempConfig } from './support.ts';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let requests: Recorded[];
let config: ReturnType<typeof tempConfig>;

beforeEach(async () => {
  requests = [];
  config = tempConfig();
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      // A page, not an API, answers the paths that name one.
      if (request.url?.includes('page'))
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hi</html>');
      else response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  config.remove();
});

function recorderEnv() {
  const { port } = server.address() as AddressInfo;
  return {
    CORD_CONFIG_PATH: config.path,
    CORD_API_URL: `http://127.0.0.1:${port}/v1`,
    CORD_PROJECT_ID: PROJECT.id,
    CORD_PROJECT_SECRET: PROJECT.secret,
  };
}

async function sent(...argv: string[]): Promise<Recorded & { json: unknown }> {
  const result = await runIn(argv, { env: recorderEnv() });
  expect(result).toMatchObject({ code: 0, stdout: '{\n  "success": true\n}\n', stderr: '' });
  expect(requests).toHaveLength(1);
  const request = requests[0]!;
  const isJson = request.headers['content-type'] === 'application/json';
  return { ...request, json: isJson ? JSON.parse(request.body.toString()) : undefined };
}

describe('requests as Cord documents them', () => {
  it("signs each call with a server auth token for the project, and says it is Cord's CLI", async () => {
    const { headers } = await sent('thread', 'delete', 't1');
    expect(headers['x-cord-source']).toBe('cli');
    const [, payload] = (headers.authorization ?? '').replace(/^Bearer /, '').split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({ app_id: PROJECT.id });
  });

  it('user delete: DELETE with {permanently_delete}', async () => {
    expect(await sent('user', 'delete', 'a b/c', '--permanently-delete', 'true')).toMatchObject({
      method: 'DELETE',
      url: '/v1/users/a%20b%2Fc',
      json: { permanently_delete: true },
    });
  });

  it('user update-presence: PUT with the group, location and flags', async () => {
    const request = await sent(
      'user',
      'update-presence',
      'ada',
      '--groupID',
      'g',
      '--location',
      '{"page":"p"}',
      '--durable',
      'true',
    );
    expect(request).toMatchObject({
      method: 'PUT',
      url: '/v1/users/ada/presence',
      json: { groupID: 'g', location: { page: 'p' }, durable: true },
    });
  });

  it('thread update: PUT with the renamed fields and times as ISO strings or null', async () => {
    const request = await sent(
      'thread',
      'update',
      't1',
      '--newID',
      't2',
      '--organization-id',
      'g2',
      '--resolved',
      'false',
      '--typing',
      '[]',
      '--resolvedTimestamp',
      '1700000000000',
    );
    expect(request).toMatchObject({ method: 'PUT', url: '/v1/threads/t1' });
    expect(request.json).toEqual({
      id: 't2',
      groupID: 'g2',
      resolved: false,
      typing: [],
      resolvedTimestamp: '2023-11-14T22:13:20.000Z',
    });
    requests = [];
    const reopened = await sent('thread', 'update', 't1', '--resolvedTimestamp', 'null');
    expect(reopened.json).toEqual({ resolvedTimestamp: null });
  });

  it('message update: PUT with markdown converted to content', async () => {
    const request = await sent('message', 'update', 'm1', '--threadID', 't1', '--markdownContent', 'now *edited*');
    expect(request).toMatchObject({ method: 'PUT', url: '/v1/threads/t1/messages/m1' });
    expect(request.json).toEqual({
      content: [{ type: 'p', children: [{ text: 'now ' }, { text: 'edited', italic: true }] }],
    });
  });

  it('notification create: POST with iconUrl spelt as Cord spells it there', async () => {
    const request = await sent(
      'notification',
      'create',
      '--recipientId',
      'ada',
      '--actorID',
      'bob',
      '--template',
      '{{actor}} waved',
      '--url',
      'http://x/',
      '--type',
      'url',
      '--iconUrl',
      'http://x/i.png',
    );
    expect(request).toMatchObject({ method: 'POST', url: '/v1/notifications' });
    expect(request.json).toEqual({
      type: 'url',
      url: 'http://x/',
      template: '{{actor}} waved',
      recipientID: 'ada',
      actorID: 'bob',
      iconUrl: 'http://x/i.png',
    });
  });

  it('file upload: multipart with the file (its name and type) and the owner', async () => {
    const file = join(config.path, '..', 'notes.txt');
    writeFileSync(file, 'hello file');
    const request = await sent('file', 'upload', '--file', file, '--ownerID', 'ada', '--name', 'renamed.txt');
    expect(request).toMatchObject({ method: 'POST', url: '/v1/files' });
    const form = await new Response(request.body, {
      headers: { 'Content-Type': String(request.headers['content-type']) },
    }).formData();
    const uploaded = form.get('file') as File;
    expect({ name: uploaded.name, type: uploaded.type, text: await uploaded.text() }).toEqual({
      name: 'renamed.txt',
      type: 'text/plain',
      text: 'hello file',
    });
    expect(form.get('ownerID')).toBe('ada');
  });

  it('notification ls and message ls: GET with the query, and no bare "?"', async () => {
    expect(await sent('notification', 'ls', 'ada', '--filter', '{"metadata":{"a":1}}')).toMatchObject({
      method: 'GET',
      url: `/v1/users/ada/notifications?filter=${encodeURIComponent('{"metadata":{"a":1}}')}`,
    });
    requests = [];
    expect(await sent('message', 'ls')).toMatchObject({ url: '/v1/messages' });
  });

  it('fails, with a hint, when a 200 answer is not JSON', async () => {
    const result = await runIn(['group', 'get', 'a-page'], { env: recorderEnv() });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: EXIT.cordRefused, stdout: '' });
    expect(result.stderr).toMatch(
      /answered GET .*\/v1\/groups\/a-page with 200 but not with JSON: <html>hi<\/html>\nHint: /,
    );
  });
});
