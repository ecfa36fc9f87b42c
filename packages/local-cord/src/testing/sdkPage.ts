// A page of the browser SDK run in Node against a real local Cord: Cord's `window.CordSDK`
// (CordSDK over its own data layer, as the SDK script makes it), signed in with a token.
// Call installBrowserLikeWebSocket first. Kept apart from the kit's index, so code that
// only speaks the wire protocol does not load the SDK.
import { CordSDK } from '../sdk/cordSDK.ts';
import { LiveData } from '../sdk/data/liveData.ts';
import { WAIT_MS } from './testClient.ts';
import { type LocalCordAddress, socketUrl } from './throwawayLocalCord.ts';

export interface SdkPage {
  sdk: CordSDK;
  live: LiveData;
}

/** A page signed in with `token`, once local Cord has welcomed it. */
export async function openSdkPage(cord: LocalCordAddress, token: string): Promise<SdkPage> {
  const live = new LiveData(socketUrl(cord));
  const sdk = new CordSDK(live);
  await sdk.init({ client_auth_token: token });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the page was not signed in'));
    }, WAIT_MS);
    const stop = live.onViewer(() => {
      if (!live.viewer) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
  return { sdk, live };
}
