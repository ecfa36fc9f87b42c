// Files on local Cord, as browsers use them: the record over the WebSocket (`file.create`),
// the bytes over HTTP with the page's session, attaching them to messages, and fetching
// them back through their signed links, which serve members of the thread's group only.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getServerAuthToken } from '@cord-sdk/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_LINK_LIFETIME_MS, MAX_UPLOAD_BYTES } from '../src/protocol/files.ts';
import type { MessageData } from '../src/protocol/views.ts';
import { type LocalCord, startLocalCord } from '../src/server/index.ts';
import { IN_MEMORY, Store } from '../src/store/store.ts';
import {
  exeBytes,
  memberToken,
  PROJECT,
  pngBytes,
  type SignedIn,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';

const PAGE_ORIGIN = 'http://localhost:5173';

let cord: LocalCord;

beforeEach(async () => {
  cord = await startLocalCord({
    project: PROJECT,
    database: IN_MEMORY,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [PAGE_ORIGIN],
  });
});
afterEach(() => stopServer(cord));

const bearer = (session: string) => ({ Authorization: `Bearer ${session}` });

/** Creates a file's record as the SDK does; resolves with its id. */
async function createFile(user: SignedIn, name: string, size: number, mimeType = 'application/octet-stream') {
  const fileId = crypto.randomUUID();
  await user.client.ok({ type: 'file.create', fileId, name, mimeType, size });
  return fileId;
}

function put(fileId: string, body: BodyInit, headers: Record<string, string>) {
  return fetch(`${cord.url}/files/${fileId}`, { method: 'PUT', body, headers });
}

/** Both steps of an upload; resolves with the file's id and PUT's answer. */
async function upload(
  user: SignedIn,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  declared = 'application/octet-stream',
) {
  const fileId = await createFile(user, name, bytes.length, declared);
  const response = await put(fileId, bytes, bearer(user.session));
  return { fileId, status: response.status, body: (await response.json()) as Record<string, string> };
}

async function sendWithFiles(user: SignedIn, threadId: string, messageId: string, fileIds: string[]) {
  const { message } = await user.client.ok<{ message: MessageData }>({
    ...sendBody(threadId, messageId, 'with a file'),
    addAttachments: fileIds.map((id) => ({ type: 'file', id })),
  });
  return message;
}

function getFile(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers });
}

describe('uploading', () => {
  it("refuses a file record with Cord's limit, names and types, before any byte", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const create = (name: string, size: number, mimeType = 'text/plain') =>
      ada.client.refused({ type: 'file.create', fileId: crypto.randomUUID(), name, mimeType, size });

    expect((await create('big.txt', MAX_UPLOAD_BYTES)).message).toBe('Maximum file size exceeded');
    expect((await create('setup.EXE', 10)).message).toBe('Cannot upload file named setup.EXE');
    expect((await create('archive.tar', 10)).message).toBe('Cannot upload file named archive.tar');
    expect((await create('tool.bin', 10, 'application/x-msdownload')).message).toBe(
      'Input application/x-msdownload MIME type is not allowed',
    );
    // One byte under the limit is fine.
    await createFile(ada, 'just-fits.bin', MAX_UPLOAD_BYTES - 1);
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
  });

  it('keeps the bytes on disk, typed by what they are rather than what the page said', async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const png = await upload(ada, 'picture.txt', pngBytes(), 'text/plain');
    expect(png.status).toBe(200);
    expect(png.body).toMatchObject({ id: png.fileId, mimeType: 'image/png' });
    expect(cord.store.files.get(png.fileId)).toMatchObject({ status: 'uploaded', mimeType: 'image/png', size: 70 });
    expect(existsSync(cord.store.files.pathOf(png.fileId))).toBe(true);

    const typed = async (bytes: string, declared: string) =>
      (await upload(ada, 'file.dat', new TextEncoder().encode(bytes), declared)).body.mimeType;
    expect(await typed('not a picture', 'image/png')).toBe('text/plain');
    expect(await typed('<html><script>alert(1)</script></html>', 'text/html')).toBe('text/plain');
    expect(
      await typed('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'),
    ).toBe('text/plain');
    expect(await typed('a,b\n1,2\n', 'text/csv')).toBe('text/csv');
    expect(await typed('\u0000\u0001binary', 'image/gif')).toBe('application/octet-stream');
  });

  it('refuses an executable under another name, and keeps nothing of it', async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const exe = await upload(ada, 'notes.txt', exeBytes(), 'text/plain');
    expect(exe.status).toBe(400);
    expect(exe.body).toEqual({
      error: 'file_type_not_allowed',
      message: 'Input application/x-msdownload MIME type is not allowed',
    });
    expect(cord.store.files.get(exe.fileId)?.status).toBe('failed');
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
  });

  it("refuses more bytes than the record declared, with Cord's text, storing nothing", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const fileId = await createFile(ada, 'small.txt', 4);
    const response = await put(fileId, 'more than four bytes', bearer(ada.session));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'file_too_large', message: 'Maximum file size exceeded' });
    expect(cord.store.files.get(fileId)?.status).toBe('failed');
    expect(readdirSync(cord.store.files.directory)).toEqual([]);

    // Sent without a length, the body is cut off at the declared size.
    const streamed = await createFile(ada, 'streamed.txt', 4);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('abcdefgh'));
        controller.close();
      },
    });
    const chunked = await fetch(`${cord.url}/files/${streamed}`, {
      method: 'PUT',
      body,
      headers: bearer(ada.session),
      duplex: 'half',
    } as RequestInit).then(
      (answer) => answer.status,
      () => 'connection closed',
    );
    expect([413, 'connection closed']).toContain(chunked);
    expect(cord.store.files.get(streamed)?.status).toBe('failed');
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
  });

  it("takes bytes only from the owner's signed-in page, once, from the client's origins on a loopback name", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const bob = await signIn(cord, memberToken('bob', 'red'));
    const fileId = await createFile(ada, 'a.txt', 2, 'text/plain');

    expect((await put(fileId, 'hi', {})).status).toBe(401);
    expect((await put(fileId, 'hi', bearer('not-a-session'))).status).toBe(401);
    expect((await put(fileId, 'hi', bearer(bob.session))).status).toBe(404);
    expect((await put(fileId, 'hi', { ...bearer(ada.session), Origin: 'http://evil.example' })).status).toBe(403);
    // A page of another site whose name was rebound to 127.0.0.1 (fetch cannot set Host).
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const { port } = new URL(cord.url);
      const headers = { ...bearer(ada.session), Host: `evil.example:${port}`, 'Content-Length': '2' };
      request({ host: '127.0.0.1', port, method: 'PUT', path: `/files/${fileId}`, headers }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end('hi');
    });
    expect(rebound).toBe(403);
    expect(cord.store.files.get(fileId)?.status).toBe('uploading');

    const accepted = await put(fileId, 'hi', { ...bearer(ada.session), Origin: PAGE_ORIGIN });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect((await put(fileId, 'hi', bearer(ada.session))).status).toBe(409);
  });

  it('answers the preflight of the client origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${cord.url}/files/${crypto.randomUUID()}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    const allowed = await preflight(PAGE_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const refused = await preflight('http://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cancels a file whose bytes did not come within a minute, and tells who shows it', async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const bob = await signIn(cord, memberToken('bob', 'red'));
    const fileId = crypto.randomUUID();
    cord.store.files.create(
      { id: fileId, ownerId: 'ada', name: 'slow.txt', mimeType: 'text/plain', size: 3 },
      Date.now() - 61_000,
    );
    await sendWithFiles(ada, 't1', 'm1', [fileId]);
    await bob.client.ok({ type: 'thread.observe', threadId: 't1' });
    const pushed = await bob.client.next(
      (event) => event.type === 'message' && event.message.attachments[0]?.uploadStatus === 'cancelled',
      'the cancelled file',
    );
    expect(pushed).toMatchObject({ message: { id: 'm1' } });
    expect((await put(fileId, 'abc', bearer(ada.session))).status).toBe(409);
  });
});

describe('attaching', () => {
  it("puts files on a message in Cord's shape, and shows their upload finishing to the others", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const bob = await signIn(cord, memberToken('bob', 'red'));
    const fileId = await createFile(ada, 'photo.png', pngBytes().length, 'image/png');
    const sent = await sendWithFiles(ada, 't1', 'm1', [fileId]);
    expect(sent.attachments).toEqual([
      {
        type: 'file',
        id: fileId,
        name: 'photo.png',
        url: expect.stringMatching(new RegExp(`^${cord.url}/files/${fileId}\\?expires=\\d+&signature=[\\w-]+$`)),
        mimeType: 'image/png',
        size: 70,
        uploadStatus: 'uploading',
      },
    ]);

    await bob.client.ok({ type: 'thread.observe', threadId: 't1' });
    expect((await put(fileId, pngBytes(), bearer(ada.session))).status).toBe(200);
    const pushed = await bob.client.next(
      (event) => event.type === 'message' && event.message.attachments[0]?.uploadStatus === 'uploaded',
      'the uploaded file',
    );
    expect(pushed).toMatchObject({ message: { id: 'm1', attachments: [{ id: fileId, uploadStatus: 'uploaded' }] } });
  });

  it("refuses what Cord refuses, with Cord's texts", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const bob = await signIn(cord, memberToken('bob', 'red'));
    const mine = (await upload(ada, 'a.txt', new TextEncoder().encode('a'))).fileId;
    const theirs = (await upload(bob, 'b.txt', new TextEncoder().encode('b'))).fileId;
    const send = (ids: string[], messageId: string) =>
      ada.client.refused({
        ...sendBody('t1', messageId, 'files'),
        addAttachments: ids.map((id) => ({ type: 'file', id })),
      });

    expect(await send([mine, mine], 'm1')).toEqual({
      code: 'invalid_request',
      message: 'Cannot attach the same file multiple times',
    });
    expect(await send([crypto.randomUUID()], 'm2')).toEqual({ code: 'not_found', message: 'File not found.' });
    expect(await send([theirs], 'm3')).toEqual({
      code: 'forbidden',
      message: 'Cannot attach files owned by another user',
    });
    expect(cord.store.messages.get('m1')).toBeUndefined();
  });

  it('adds and removes files on an edit, by its author only', async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const bob = await signIn(cord, memberToken('bob', 'red'));
    const [first, second] = [
      (await upload(ada, '1.txt', new TextEncoder().encode('1'))).fileId,
      (await upload(ada, '2.txt', new TextEncoder().encode('2'))).fileId,
    ];
    await sendWithFiles(ada, 't1', 'm1', [first]);
    const update = (body: object) =>
      ada.client.request<{ message: MessageData }>({ type: 'message.update', messageId: 'm1', ...body });
    const file = (id: string) => ({ type: 'file' as const, id });

    expect(await update({ addAttachments: [file(first)] })).toMatchObject({
      ok: false,
      error: { message: 'Cannot attach an already-attached file' },
    });
    expect(await update({ addAttachments: [file(second)], removeAttachments: [file(second)] })).toMatchObject({
      ok: false,
      error: { message: 'Adding and removing the same attachment is invalid.' },
    });
    expect(
      await bob.client.refused({ type: 'message.update', messageId: 'm1', removeAttachments: [file(first)] }),
    ).toMatchObject({ message: 'This user cannot edit this message.' });

    const swapped = await update({ addAttachments: [file(second)], removeAttachments: [file(first)] });
    expect(swapped.ok && swapped.result.message.attachments.map((attachment) => attachment.name)).toEqual(['2.txt']);
    // Removing what is not attached, or a link preview (local Cord makes none), changes nothing.
    const unchanged = await update({
      removeAttachments: [file(first), { type: 'link_preview', id: 'preview' }],
    });
    expect(unchanged.ok && unchanged.result.message.attachments.map((attachment) => attachment.id)).toEqual([second]);

    const deleted = await update({ deleted: true });
    expect(deleted.ok && deleted.result.message.attachments).toEqual([]);
  });
});

describe('serving', () => {
  async function attachedPng() {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const { fileId } = await upload(ada, 'photo.png', pngBytes(), 'image/png');
    const message = await sendWithFiles(ada, 't1', 'm1', [fileId]);
    return { ada, fileId, url: message.attachments[0]!.url };
  }

  /** The cookie local Cord gives a signed-in page for its <img> elements. */
  async function passFor(user: SignedIn) {
    const response = await fetch(`${cord.url}/files/session`, {
      method: 'POST',
      headers: { ...bearer(user.session), Origin: PAGE_ORIGIN },
    });
    expect(response.status).toBe(204);
    return response.headers.get('set-cookie') ?? '';
  }

  it("serves a member with the file's type, never as a page", async () => {
    const { url } = await attachedPng();
    const bob = await signIn(cord, memberToken('bob', 'red'));

    const cookie = await passFor(bob);
    expect(cookie).toMatch(
      /^cord-files-[0-9a-f]{16}=[\w-]+; Path=\/files\/; Max-Age=86400; HttpOnly; Secure; SameSite=None; Partitioned$/,
    );
    const byCookie = await getFile(url, { Cookie: cookie.split(';')[0]! });
    expect(byCookie.status).toBe(200);
    expect(Buffer.from(await byCookie.arrayBuffer())).toEqual(Buffer.from(pngBytes()));
    expect(Object.fromEntries(byCookie.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': '70',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'content-disposition': `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
      'cache-control': 'private, no-cache',
    });

    const byHeader = await getFile(url, bearer(bob.session));
    expect(byHeader.status).toBe(200);
    // Cached copies are checked again: unchanged bytes for someone still allowed.
    const etag = byHeader.headers.get('etag') ?? '';
    expect((await getFile(url, { ...bearer(bob.session), 'If-None-Match': etag })).status).toBe(304);
  });

  it('offers anything but a raster image as a download, SVG and HTML included', async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const { fileId } = await upload(ada, 'logo "ü".svg', new TextEncoder().encode(svg), 'image/svg+xml');
    const message = await sendWithFiles(ada, 't1', 'm1', [fileId]);
    const response = await getFile(message.attachments[0]!.url, bearer(ada.session));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="logo ___.svg"; filename*=UTF-8''logo%20%22%C3%BC%22.svg`,
    );
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  });

  it('refuses everyone else with 403: another group, no one signed in, and a member once removed', async () => {
    const { url } = await attachedPng();
    const eve = await signIn(cord, memberToken('eve', 'blue'));
    const bob = await signIn(cord, memberToken('bob', 'red'));

    expect((await getFile(url, { Cookie: (await passFor(eve)).split(';')[0]! })).status).toBe(403);
    expect((await getFile(url, bearer(eve.session))).status).toBe(403);
    const nobody = await getFile(url);
    expect(nobody.status).toBe(403);
    expect(await nobody.json()).toEqual({
      error: 'forbidden',
      message: 'Only members of the group whose thread has this file may fetch it.',
    });

    expect((await getFile(url, bearer(bob.session))).status).toBe(200);
    cord.store.groups.removeMember('red', 'bob');
    expect((await getFile(url, bearer(bob.session))).status).toBe(403);
  });

  it('refuses a link that expired or was tampered with, whoever asks', async () => {
    const { ada, fileId, url } = await attachedPng();
    const expired = cord.store.files.linkOf(fileId, Date.now() - FILE_LINK_LIFETIME_MS - 2 * 60 * 60 * 1000)!;
    const stale = await getFile(expired, bearer(ada.session));
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ error: 'invalid_link' });

    const later = new URL(url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 1));
    expect((await getFile(later.href, bearer(ada.session))).status).toBe(403);
    const unsigned = `${cord.url}/files/${fileId}`;
    expect((await getFile(unsigned, bearer(ada.session))).status).toBe(403);
    expect((await getFile(url, bearer(ada.session))).status).toBe(200);
  });

  it("serves the owner their unattached file, and the project's server any file", async () => {
    const ada = await signIn(cord, memberToken('ada', 'red'));
    const eve = await signIn(cord, memberToken('eve', 'blue'));
    const { body } = await upload(ada, 'draft.txt', new TextEncoder().encode('draft'));
    expect((await getFile(body.url!, bearer(ada.session))).status).toBe(200);
    expect((await getFile(body.url!, bearer(eve.session))).status).toBe(403);
    const server = { Authorization: `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}` };
    const response = await getFile(body.url!, server);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('draft');
  });
});

describe('the files directory', () => {
  it('sits next to the database file and empties with a reset; an in-memory store uses one removed on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-cord-files-test-'));
    try {
      const onDisk = await startThrowawayLocalCord(join(dir, 'local-cord.db'));
      const ada = await signIn(onDisk, memberToken('ada', 'red'));
      const fileId = crypto.randomUUID();
      await ada.client.ok({ type: 'file.create', fileId, name: 'a.png', mimeType: 'image/png', size: 70 });
      await fetch(`${onDisk.url}/files/${fileId}`, { method: 'PUT', body: pngBytes(), headers: bearer(ada.session) });
      expect(onDisk.store.files.directory).toBe(join(dir, 'local-cord.db-files'));
      expect(readdirSync(onDisk.store.files.directory)).toEqual([fileId]);
      onDisk.store.reset();
      expect(readdirSync(onDisk.store.files.directory)).toEqual([]);
      await stopServer(onDisk);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const inMemory = new Store(IN_MEMORY);
    const temporary = inMemory.files.directory;
    expect(existsSync(temporary)).toBe(true);
    inMemory.close();
    expect(existsSync(temporary)).toBe(false);
  });
});
