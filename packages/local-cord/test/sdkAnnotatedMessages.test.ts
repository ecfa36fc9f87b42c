// A floating thread's first message points at a spot on the page: sent by one page with
// its annotation, it reaches another page's `observeThread` as Cord's annotation
// attachment. Real SDK objects in node against a real local Cord.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import { sendMessage } from '../src/sdk/api/messageWrites.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  signIn,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';
import { closeSdkPages, openSdkPage, threadWhere } from './support/sdkPages.ts';

const GROUP = 'annotated';
const ANCHOR = JSON.stringify({ path: '#board>p:nth-of-type(2)', x: 0.25, y: 0.5 });

let cord: LocalCord;
let restoreWebSocket: () => void;

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
});
afterEach(closeSdkPages);
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

describe('annotated messages', () => {
  it("reach another page as Cord's annotation attachment, on the message and the thread's first message", async () => {
    const ann = await openSdkPage(cord, 'ann', GROUP);
    const bob = await openSdkPage(cord, 'bob', GROUP);
    await sendMessage(
      ann.live,
      'floating-1',
      {
        content: contentFromText('This paragraph'),
        createThread: { name: 'Board', url: 'http://localhost/board', location: { page: 'board' }, groupID: GROUP },
      },
      { locationData: ANCHOR, textContent: 'the selected words' },
    );
    await ann.sdk.thread.sendMessage('floating-1', { content: contentFromText('A plain reply') });

    const data = await threadWhere(bob.sdk, 'floating-1', (thread) => thread.messages.length === 2);
    const annotation = {
      type: 'annotation',
      screenshot: null,
      locationData: ANCHOR,
      customData: null,
      textContent: 'the selected words',
    };
    expect(data.messages[0]?.attachments).toEqual([annotation]);
    expect(data.thread?.firstMessage?.attachments).toEqual([annotation]);
    expect(data.messages[1]?.attachments).toEqual([]);
  });

  it('refuses an annotation that is not one, keeping nothing', async () => {
    const carol = await signIn(cord, memberToken('carol', GROUP));
    const refusal = await carol.client.refused({
      type: 'message.send',
      threadId: 'floating-2',
      content: contentFromText('x'),
      createThread: { name: 'x', url: 'http://localhost/', location: { page: 'board' }, groupId: GROUP },
      annotation: { locationData: 'x'.repeat(4001), textContent: null },
    });
    expect(refusal.code).toBe('invalid_request');
    expect(cord.store.threads.get('floating-2')).toBeUndefined();
  });
});
