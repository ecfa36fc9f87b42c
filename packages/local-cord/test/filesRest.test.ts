// POST /v1/files, Cord's one-step upload for a customer's server, and attaching the file
// with POST /v1/threads/<id>/messages, called as a server calls Cord (a server auth token).
import { readdirSync } from 'node:fs';
import { fetchCordRESTApi, getServerAuthToken } from '@cord-sdk/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../src/protocol/files.ts';
import type { LocalCord } from '../src/server/index.ts';
import { exeBytes, PROJECT, pngBytes, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

type Json = Record<string, unknown>;

let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  for (const id of ['ada', 'bob']) await api(`v1/users/${id}`, 'PUT', { name: `User ${id}` });
  await api('v1/groups/red', 'PUT', { name: 'Red', members: ['ada', 'bob'] });
});
afterEach(() => stopServer(cord));

const serverToken = () => ({ Authorization: `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}` });

function api<T = Json>(endpoint: string, method: 'GET' | 'PUT' | 'POST' = 'GET', body?: object) {
  return fetchCordRESTApi<T>(endpoint, {
    project_id: PROJECT.id,
    project_secret: PROJECT.secret,
    api_url: `${cord.url}/`,
    method,
    ...(body && { body }),
  });
}

/** POST /v1/files with a form as Cord's CLI sends one; resolves with the status and JSON answer. */
async function postFile(parts: {
  file?: [Uint8Array<ArrayBuffer>, string, string];
  ownerID?: string;
  name?: string;
  extra?: string;
}) {
  const form = new FormData();
  if (parts.file) form.append('file', new Blob([parts.file[0]], { type: parts.file[2] }), parts.file[1]);
  if (parts.ownerID !== undefined) form.append('ownerID', parts.ownerID);
  if (parts.name !== undefined) form.append('name', parts.name);
  if (parts.extra !== undefined) form.append('extra', parts.extra);
  const response = await fetch(`${cord.url}/v1/files`, { method: 'POST', body: form, headers: serverToken() });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('POST /v1/files', () => {
  it('creates an uploaded file that a message by its owner can carry', async () => {
    const created = await postFile({ file: [pngBytes(), 'photo.png', 'image/png'], ownerID: 'ada' });
    expect(created).toEqual({
      status: 200,
      body: { success: true, message: '✅ File created.', fileID: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    const fileID = created.body.fileID as string;
    expect(cord.store.files.get(fileID)).toMatchObject({ ownerId: 'ada', status: 'uploaded', mimeType: 'image/png' });

    await api('v1/threads/t1/messages', 'POST', {
      id: 'm1',
      authorID: 'ada',
      content: [{ type: 'p', children: [{ text: 'a picture' }] }],
      createThread: { groupID: 'red', name: 'Pictures', url: 'http://localhost:5173/', location: { page: 'home' } },
      addAttachments: [{ type: 'file', id: fileID }],
    });
    const message = await api<{ attachments: Json[] }>('v1/threads/t1/messages/m1');
    expect(message.attachments).toEqual([
      {
        type: 'file',
        id: `cord:${fileID}`,
        name: 'photo.png',
        url: expect.stringContaining(`${cord.url}/files/${fileID}?expires=`),
        mimeType: 'image/png',
        size: 70,
        uploadStatus: 'uploaded',
      },
    ]);
    const bytes = await fetch(message.attachments[0]!.url as string, { headers: serverToken() });
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(Buffer.from(pngBytes()));
  });

  it('takes the name given over the file name, and types the bytes by what they are', async () => {
    const created = await postFile({
      file: [pngBytes(), 'upload.bin', 'text/plain'],
      ownerID: 'ada',
      name: 'Chart.png',
    });
    expect(cord.store.files.get(created.body.fileID as string)).toMatchObject({
      name: 'Chart.png',
      mimeType: 'image/png',
    });
  });

  it("refuses what Cord refuses, in Cord's order, keeping nothing", async () => {
    const text = new TextEncoder().encode('hello');
    expect(await postFile({ file: [text, 'a.txt', 'text/plain'] })).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'Invalid CreateFileVariables:\nInput {} requires field: ownerID.' },
    });
    expect(await postFile({ ownerID: 'ada' })).toEqual({
      status: 400,
      body: { error: 'missing_field', message: 'Missing file contents' },
    });
    expect((await postFile({ file: [text, 'a.txt', 'text/plain'], ownerID: 'ada', extra: 'x' })).body).toEqual({
      error: 'invalid_request',
      message: 'Invalid CreateFileVariables:\nInput {"ownerID":"ada","extra":"x"} has unexpected field: extra.',
    });
    expect(await postFile({ file: [text, 'a.txt', 'text/plain'], ownerID: 'nobody' })).toEqual({
      status: 401,
      body: { error: 'invalid_user_id', message: 'Invalid owner ID' },
    });
    expect(await postFile({ file: [text, 'run.bat', 'text/plain'], ownerID: 'ada' })).toEqual({
      status: 400,
      body: { error: 'file_name_not_allowed', message: 'Cannot upload file named run.bat' },
    });
    expect(await postFile({ file: [text, 'a.bin', 'application/x-ms-installer'], ownerID: 'ada' })).toEqual({
      status: 400,
      body: { error: 'file_type_not_allowed', message: 'Input application/x-ms-installer MIME type is not allowed' },
    });
    expect(await postFile({ file: [exeBytes(), 'harmless.pdf', 'application/pdf'], ownerID: 'ada' })).toEqual({
      status: 400,
      body: { error: 'file_type_not_allowed', message: 'Input application/x-msdownload MIME type is not allowed' },
    });
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
    expect(cord.store.counts().files).toBe(0);
  });

  it("refuses a file of Cord's limit (100 MiB) with 413, reading it through and keeping nothing", async () => {
    const tooLarge = await postFile({
      file: [new Uint8Array(MAX_UPLOAD_BYTES), 'big.bin', 'application/octet-stream'],
      ownerID: 'ada',
    });
    expect(tooLarge).toEqual({ status: 413, body: { error: 'file_too_large', message: 'Maximum file size exceeded' } });
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
    expect(cord.store.counts().files).toBe(0);
  }, 30_000);

  it('refuses a body far over the limit before reading it', async () => {
    const response = await fetch(`${cord.url}/v1/files`, {
      method: 'POST',
      headers: { ...serverToken(), 'Content-Type': 'multipart/form-data; boundary=x' },
      body: new Uint8Array(MAX_UPLOAD_BYTES + 2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'file_too_large', message: 'Maximum file size exceeded' });
    expect(readdirSync(cord.store.files.directory)).toEqual([]);
  }, 30_000);

  it("attaches only the author's own files that exist", async () => {
    const bobs = (await postFile({ file: [pngBytes(), 'b.png', 'image/png'], ownerID: 'bob' })).body.fileID as string;
    const post = (id: string) =>
      fetch(`${cord.url}/v1/threads/t1/messages`, {
        method: 'POST',
        headers: { ...serverToken(), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          authorID: 'ada',
          text: 'files',
          createThread: { groupID: 'red', name: 'T', url: 'http://localhost:5173/', location: { page: 'home' } },
          addAttachments: [{ type: 'file', id }],
        }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await post(bobs)).toEqual({
      status: 403,
      body: { error: 'file_belongs_to_different_user', message: 'Cannot attach files owned by another user' },
    });
    expect(await post(crypto.randomUUID())).toEqual({
      status: 404,
      body: { error: 'file_not_found', message: 'File not found.' },
    });
    expect(cord.store.threads.get('t1')).toBeUndefined();
  });
});
