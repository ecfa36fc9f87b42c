// Cord's `CordSDK.file.uploadFile` and attachments through `CordSDK.thread`, run as a page
// runs them (the real SDK objects, Node standing in for the browser) against a real local Cord.
import type { ClientCreateMessage, ClientMessageData } from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import { MAX_UPLOAD_BYTES } from '../src/protocol/files.ts';
import type { LocalCord } from '../src/server/index.ts';
import { installBrowserLikeWebSocket, pngBytes, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';
import { closeSdkPages, openSdkPage, threadWhere } from './support/sdkPages.ts';

let cord: LocalCord;
let restoreWebSocket: () => void;

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
});
afterEach(() => {
  closeSdkPages();
});
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

/** A page signed in as a member of `groupId`. */
const pageAs = async (userId: string, groupId = 'red') => (await openSdkPage(cord, userId, groupId)).sdk;

/** Plain text as Cord's content type has it. */
const text = (words: string) => contentFromText(words) as ClientCreateMessage['content'];
const picture = () => new Blob([pngBytes()], { type: 'image/png' });
const createThread = { name: 'Files', url: 'http://localhost:5173/', location: { page: 'files' } };

describe('CordSDK.file.uploadFile', () => {
  it('gives the id first, then the link once the bytes are kept', async () => {
    const ada = await pageAs('ada');
    const { id, uploadPromise } = await ada.file.uploadFile({ name: 'photo.png', blob: picture() });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cord.store.files.get(id)).toMatchObject({ ownerId: 'ada', name: 'photo.png', size: 70 });

    const uploaded = await uploadPromise;
    expect(uploaded).toEqual({ id, url: expect.stringMatching(new RegExp(`^${cord.url}/files/${id}\\?expires=`)) });
    expect(cord.store.files.get(id)?.status).toBe('uploaded');
  });

  it("refuses before sending anything, with Cord's texts", async () => {
    const ada = await pageAs('ada');
    const before = cord.store.counts().files;
    await expect(
      ada.file.uploadFile({ name: 'huge.png', blob: new Blob([new Uint8Array(MAX_UPLOAD_BYTES)]) }),
    ).rejects.toThrow(new Error('File huge.png is too large'));
    await expect(ada.file.uploadFile({ name: 'script.js', blob: new Blob(['alert(1)']) })).rejects.toThrow(
      new Error('Cannot attach file script.js'),
    );
    await expect(
      ada.file.uploadFile({ name: 'setup', blob: new Blob(['MZ'], { type: 'application/x-msdownload' }) }),
    ).rejects.toThrow(new Error('Cannot attach file setup'));
    expect(cord.store.counts().files).toBe(before);
  });

  it("rejects the upload promise with Cord's text when local Cord refuses the bytes", async () => {
    const ada = await pageAs('ada');
    const exe = new Uint8Array(0x100);
    exe.set([0x4d, 0x5a]);
    exe.set([0x80], 0x3c);
    exe.set([0x50, 0x45, 0, 0], 0x80);
    const { id, uploadPromise } = await ada.file.uploadFile({
      name: 'readme.txt',
      blob: new Blob([exe], { type: 'text/plain' }),
    });
    await expect(uploadPromise).rejects.toThrow(new Error('Unable to upload file readme.txt'));
    expect(cord.store.files.get(id)?.status).toBe('failed');
  });
});

describe('attachments through CordSDK.thread', () => {
  it("sends, shows and removes a file in Cord's MessageFileAttachment shape, for the others too", async () => {
    const ada = await pageAs('ada');
    const bob = await pageAs('bob');
    const { id, uploadPromise } = await ada.file.uploadFile({ name: 'photo.png', blob: picture() });
    await uploadPromise;
    await ada.thread.sendMessage('t1', {
      id: 'm1',
      content: text('look'),
      addAttachments: [{ type: 'file', id }],
      createThread,
    });

    const seen = await threadWhere(bob, 't1', (data) => data.messages.length === 1);
    const attachments: ClientMessageData['attachments'] = seen.messages[0]!.attachments;
    expect(attachments).toEqual([
      {
        type: 'file',
        id,
        name: 'photo.png',
        url: expect.stringContaining(`${cord.url}/files/${id}?expires=`),
        mimeType: 'image/png',
        size: 70,
        uploadStatus: 'uploaded',
      },
    ]);

    await ada.thread.updateMessage('m1', { removeAttachments: [{ type: 'file', id }] });
    await threadWhere(bob, 't1', (data) => data.messages[0]?.attachments.length === 0);
  });

  it("refuses another user's file with Cord's text", async () => {
    const ada = await pageAs('ada');
    const bob = await pageAs('bob');
    const { id } = await ada.file.uploadFile({ name: 'mine.png', blob: picture() });
    await expect(
      bob.thread.sendMessage('t2', {
        content: text('not mine'),
        addAttachments: [{ type: 'file', id }],
        createThread,
      }),
    ).rejects.toThrow('Cannot attach files owned by another user');
  });
});
