// Pages of the browser SDK run in node against a real local Cord (the kit's SdkPage), each
// signed in with a member's token (installBrowserLikeWebSocket first), and signed out after
// each test.
import type { ClientThreadData } from '@cord-sdk/types';
import type { CordSDK } from '../../src/sdk/cordSDK.ts';
import type { LocalCord } from '../../src/server/index.ts';
import { memberToken, WAIT_MS } from '../../src/testing/index.ts';
import { openSdkPage as openPage, type SdkPage } from '../../src/testing/sdkPage.ts';

const opened: CordSDK[] = [];

/** A page signed in as a member of `groupId`, once local Cord has welcomed it. */
export async function openSdkPage(cord: LocalCord, userId: string, groupId: string): Promise<SdkPage> {
  const page = await openPage(cord, memberToken(userId, groupId));
  opened.push(page.sdk);
  return page;
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
