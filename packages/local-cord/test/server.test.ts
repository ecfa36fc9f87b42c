// The server as a process sees it: HTTP endpoints, its port, and a database file that
// outlives it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOCAL_CORD_CSS_PATH,
  LOCAL_CORD_EMOJI_DATA_PATH,
  LOCAL_CORD_EMOJI_PICKER_PATH,
  LOCAL_CORD_SCRIPT_PATH,
} from '@cord-tutorial/stack-config';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ThreadAnswer } from '../src/protocol/answers.ts';
import { contentFromText } from '../src/protocol/content.ts';
import { type LocalCord, startLocalCord } from '../src/server/index.ts';
import { IN_MEMORY } from '../src/store/store.ts';
import {
  closeAllClients,
  memberToken,
  PROJECT,
  sendBody,
  signIn,
  startThrowawayLocalCord,
} from '../src/testing/index.ts';

const running: LocalCord[] = [];
const tempDirs: string[] = [];

async function start(database: string = IN_MEMORY) {
  const cord = await startThrowawayLocalCord(database);
  running.push(cord);
  return cord;
}

async function stop(cord: LocalCord) {
  await closeAllClients();
  running.splice(running.indexOf(cord), 1);
  await cord.close();
}

afterEach(async () => {
  await closeAllClients();
  await Promise.all(running.splice(0).map((cord) => cord.close()));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('HTTP', () => {
  it('answers /health with 200 JSON', async () => {
    const cord = await start();
    await signIn(cord, memberToken('alice', 'team'));

    const response = await fetch(`${cord.url}/health`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true, project: PROJECT.id, connections: 1 });
  });

  it('serves the SDK script and stylesheet to other origins', async () => {
    const cord = await start();

    const script = await fetch(`${cord.url}${LOCAL_CORD_SCRIPT_PATH}`);
    const css = await fetch(`${cord.url}${LOCAL_CORD_CSS_PATH}`);

    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('serves the emoji picker and its emoji itself, outside the SDK script', async () => {
    const cord = await start();

    const picker = await fetch(`${cord.url}${LOCAL_CORD_EMOJI_PICKER_PATH}`);
    const data = await fetch(`${cord.url}${LOCAL_CORD_EMOJI_DATA_PATH}`);
    const script = await (await fetch(`${cord.url}${LOCAL_CORD_SCRIPT_PATH}`)).text();

    expect(picker.status).toBe(200);
    expect(picker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(picker.headers.get('access-control-allow-origin')).toBe('*');
    const pickerCode = await picker.text();
    expect(pickerCode).toContain('emoji-picker');
    // A module with no imports left to fetch from elsewhere.
    expect(pickerCode).not.toMatch(/\bimport\s*["'(]|from\s*["']/);
    expect(data.headers.get('content-type')).toMatch(/^application\/json/);
    const emoji = (await data.json()) as Array<{ emoji: string; annotation: string }>;
    expect(emoji.find((entry) => entry.emoji === '🦉')?.annotation).toBe('owl');
    expect(emoji.length).toBeGreaterThan(1000);
    // The SDK script only points at them.
    expect(script).toContain(LOCAL_CORD_EMOJI_PICKER_PATH);
    expect(script).not.toContain('customElements.define("emoji-picker"');
  });

  it('answers unknown paths with 404 and other methods with 405, as JSON', async () => {
    const cord = await start();

    const missing = await fetch(`${cord.url}/nope`);
    const posted = await fetch(`${cord.url}/health`, { method: 'POST' });

    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Not found: /nope' });
    expect(posted.status).toBe(405);
    expect(await posted.json()).toHaveProperty('error');
  });
});

describe('origins', () => {
  const opened = (cord: LocalCord, origin?: string) =>
    new Promise<number | 'open'>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${cord.port}/socket`, origin ? { origin } : {});
      socket.once('open', () => {
        socket.close();
        resolve('open');
      });
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    });

  it('opens the WebSocket only to the client origins (and to non-browser clients)', async () => {
    const cord = await startLocalCord({
      project: PROJECT,
      database: IN_MEMORY,
      host: '127.0.0.1',
      port: 0,
      allowedOrigins: ['http://localhost:5173'],
    });
    running.push(cord);
    expect(await opened(cord, 'http://localhost:5173')).toBe('open');
    expect(await opened(cord)).toBe('open');
    expect(await opened(cord, 'http://evil.test')).toBe(403);
  });
});

describe('port', () => {
  it('refuses to start on a port already in use, with a clear error, and leaves the first running', async () => {
    const first = await start();

    const second = startLocalCordOn(first.port);

    await expect(second).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
  });
});

function startLocalCordOn(port: number) {
  return startLocalCord({ project: PROJECT, database: IN_MEMORY, host: '127.0.0.1', port });
}

describe('database file', () => {
  it('keeps threads, messages, users and sessions across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-cord-test-'));
    tempDirs.push(dir);
    const database = join(dir, 'nested', 'cord.db');

    const before = await start(database);
    const alice = await signIn(before, memberToken('alice', 'team', 'Alice Liddell'));
    await alice.client.ok({ type: 'thread.observe', threadId: 't1' });
    await alice.client.ok(sendBody('t1', 'm1', 'Written before the restart'));
    await alice.client.ok({ type: 'message.update', messageId: 'm1', addReactions: ['💾'] });
    await stop(before);

    const after = await start(database);
    // A new client: Bob, who never met the first server, and Alice's old session.
    const bob = await signIn(after, memberToken('bob', 'team', 'Bob Dylan'));
    const { thread, messages, users } = await bob.client.ok<ThreadAnswer>({ type: 'thread.observe', threadId: 't1' });
    const aliceAgain = await signIn(after, { session: alice.session });

    expect(thread).toMatchObject({ id: 't1', groupID: 'team', name: 'Thread t1' });
    expect(messages).toEqual([
      expect.objectContaining({
        id: 'm1',
        content: contentFromText('Written before the restart'),
        plaintext: 'Written before the restart',
        authorID: 'alice',
        reactions: [{ reaction: '💾', userID: 'alice', timestamp: expect.any(Number) }],
      }),
    ]);
    expect(users).toContainEqual(expect.objectContaining({ id: 'alice', name: 'Alice Liddell' }));
    expect(aliceAgain.viewer.name).toBe('Alice Liddell');
    expect(after.store.integrityCheck()).toBe('ok');
  });
});
