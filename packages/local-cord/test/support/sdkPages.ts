// Pages of the browser SDK run in node against a real local Cord: each a `CordSDK` over its
// own data layer, signed in with a member's token (installBrowserLikeWebSocket first).
import type { ClientThreadData } from '@cord-sdk/types';
import { CordSDK } from '../../src/sdk/cordSDK.ts';
import { LiveData } from '../../src/sdk/data/liveData.ts';
import type { LocalCord } from '../../src/server/index.ts';
import { memberToken, socketUrl, WAIT_MS } from '../../src/testing/index.ts';

export interface SdkPage {
  sdk: CordSDK;
  live: LiveData;
}

const opened: CordSDK[] = [];

/** A page signed in as a member of `groupId`, once local Cord has welcomed it. */
export async function openSdkPage(cord: LocalCord, userId: string, groupId: string): Promise<SdkPage> {
  const live = new LiveData(socketUrl(cord));
  const sdk = new CordSDK(live);
  opened.push(sdk);
  await sdk.init({ client_auth_token: memberToken(userId, groupId) });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${userId} was not signed in`)), WAIT_MS);
    const stop = live.onViewer(() => {
      if (!live.viewer) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
  return { sdk, live };
}

/** Signs out every page opened so far (after each test). */
export function closeSdkPages() {
  for (const sdk of opened.splice(0)) sdk.destroy();
}

/** The first delivery of an observed thread that passes `check`. */
export function threadWhere(sdk: CordSDK, threadId: string, check: (data: ClientThreadData) => boolean) {
  return new Promise<ClientThreadData>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`thread ${threadId} never matched`)), WAIT_MS);
    const ref = sdk.thread.observeThread(threadId, (data) => {
      if (!check(data)) return;
      clearTimeout(timer);
      queueMicrotask(() => sdk.thread.unobserveThread(ref));
      resolve(data);
    });
  });
}
