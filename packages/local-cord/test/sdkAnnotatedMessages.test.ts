// A floating thread's first message points at a spot on the page: sent by one page with
// its annotation, it reaches another page's `observeThread` as Cord's annotation
// attachment. Real SDK objects in node against a real local Cord.
import type { ClientThreadData } from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import { sendMessage } from '../src/sdk/api/messageWrites.ts';
import { CordSDK } from '../src/sdk/cordSDK.ts';
import { LiveData } from '../src/sdk/data/liveData.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  signIn,
  socketUrl,
  startThrowawayLocalCord,
  stopServer,
  WAIT_MS,
} from '../src/testing/index.ts';

const GROUP = 'annotated';
const ANCHOR = JSON.stringify({ path: '#board>p:nth-of-type(2)', x: 0.25, y: 0.5 });

let cord: LocalCord;
let restoreWebSocket: () => void;
const opened: CordSDK[] = [];

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
});
afterEach(() => {
  for (const sdk of opened.splice(0)) sdk.destroy();
});
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

async function page(userId: string) {
  const live = new LiveData(socketUrl(cord));
  const sdk = new CordSDK(live);
  opened.push(sdk);
  await sdk.init({ client_auth_token: memberToken(userId, GROUP) });
  await new Promise<void>((resolve) => {
    const stop = live.onViewer(() => {
      if (!live.viewer) return;
      stop();
      resolve();
    });
  });
  return { sdk, live };
}

function observed(sdk: CordSDK, threadId: string, check: (data: ClientThreadData) => boolean) {
  return new Promise<ClientThreadData>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`thread ${threadId} never passed the check`)), WAIT_MS);
    const ref = sdk.thread.observeThread(threadId, (data) => {
      if (!check(data)) return;
      clearTimeout(timer);
      sdk.thread.unobserveThread(ref);
      resolve(data);
    });
  });
}

describe('annotated messages', () => {
  it("reach another page as Cord's annotation attachment, on the message and the thread's first message", async () => {
    const ann = await page('ann');
    const bob = await page('bob');
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

    const data = await observed(bob.sdk, 'floating-1', (thread) => thread.messages.length === 2);
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
