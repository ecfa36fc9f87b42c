// The top-level `window.CordSDK` object (init, options, groupID, i18n, destroy) driving
// the SDK's real client against a real local Cord, with tokens made by Cord's own
// `getClientAuthToken`. Node stands in for the browser through `ws`.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ViewerData } from '../src/protocol/views.ts';
import { CordSDK } from '../src/sdk/cordSDK.ts';
import { LiveData } from '../src/sdk/data/liveData.ts';
import { defaultOptions } from '../src/sdk/options.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  PROJECT,
  socketUrl,
  startThrowawayLocalCord,
  stopServer,
  tokenFor,
  WAIT_MS,
} from '../src/testing/index.ts';

let cord: LocalCord;
let restoreWebSocket: () => void;
const opened: CordSDK[] = [];

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
});
afterEach(() => {
  for (const sdk of opened.splice(0)) sdk.destroy();
  vi.restoreAllMocks();
});
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

/** A page's SDK object and the client under it. */
function page() {
  const client = new LiveData(socketUrl(cord));
  const sdk = new CordSDK(client);
  opened.push(sdk);
  return { sdk, client };
}

/** The viewer once local Cord has welcomed the client. */
function signedIn(client: LiveData): Promise<ViewerData> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not signed in')), WAIT_MS);
    const check = () => {
      if (!client.viewer) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(client.viewer);
    };
    const unsubscribe = client.onViewer(check);
    check();
  });
}

describe('CordSDK', () => {
  it("resolves init before local Cord answers, then signs in; groupID is the token's group", async () => {
    const { sdk, client } = page();
    expect(sdk.groupID).toBeUndefined();
    await sdk.init({ client_auth_token: memberToken('severus', 'starpotterdunewars') });
    expect(client.viewer).toBeNull();
    expect(sdk.groupID).toBe('starpotterdunewars');
    expect((await signedIn(client)).id).toBe('severus');
  });

  it('merges the options given over the defaults, skipping undefined ones as CordProvider sends them', async () => {
    const { sdk } = page();
    await sdk.init({
      client_auth_token: memberToken('severus', 'g1'),
      react_package_version: '1.47.2',
      enable_tasks: undefined,
      screenshot_options: { blur: undefined, capture_when: ['new-thread'] },
      language: undefined,
    });
    expect(sdk.options).toEqual({
      ...defaultOptions(),
      screenshot_options: { ...defaultOptions().screenshot_options, capture_when: ['new-thread'] },
    });
    // The token is the page's secret to local Cord; it is not an option anyone reads back.
    expect(JSON.stringify(sdk.options)).not.toContain('client_auth_token');
  });

  it("refuses a missing token and bad options with Cord's texts, signing nobody in", async () => {
    const { sdk, client } = page();
    // Connecting starts by resetting the client, which tells its listeners at once.
    let touched = 0;
    client.onViewer(() => touched++);
    await expect(sdk.init({})).rejects.toThrow(new Error('Missing client_auth_token'));
    await expect(
      sdk.init({ client_auth_token: memberToken('severus', 'g1'), annotation_mode: 'loud' as 'none' }),
    ).rejects.toThrow(new Error('Invalid value for annotation_mode'));
    expect(sdk.groupID).toBeUndefined();
    expect(touched).toBe(0);
    await sdk.init({ client_auth_token: memberToken('severus', 'g1') });
    expect(touched).toBeGreaterThan(0);
  });

  it("reports a refused token through onInitError with local Cord's text", async () => {
    const { sdk } = page();
    const refused = new Promise<{ message: string }>((resolve) =>
      sdk.init({
        client_auth_token: tokenFor({ user_id: 'severus' }, {}, { ...PROJECT, secret: 'not the secret' }),
        onInitError: resolve,
      }),
    );
    await expect(refused).resolves.toEqual({ message: 'invalid_session - JsonWebTokenError: invalid signature' });
  });

  it('keeps the connection for a fresh token of the same user, warning as Cord does when nothing changed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sdk, client } = page();
    await sdk.init({ client_auth_token: memberToken('severus', 'g1'), navigate: (url) => url !== '' });
    const viewer = await signedIn(client);

    // CordProvider calls init again with a new token and a new (but identical) callback.
    await sdk.init({ client_auth_token: memberToken('severus', 'g1'), navigate: (url) => url !== '' });
    expect(warn).toHaveBeenCalledWith('Initializing CordSDK with the same options');
    expect(client.viewer).toBe(viewer);

    // Changed options are applied, still without signing in again.
    await sdk.init({
      client_auth_token: memberToken('severus', 'g1'),
      translations: { en: { composer: { send_message_placeholder: 'Owl post...' } } },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(client.viewer).toBe(viewer);
    expect(sdk.options.navigate).toBeNull();
    expect(sdk.i18n.t('composer:send_message_placeholder')).toBe('Owl post...');
  });

  it("signs in again for another user's token, with that token's group", async () => {
    const { sdk, client } = page();
    await sdk.init({ client_auth_token: memberToken('severus', 'g1') });
    await signedIn(client);
    await sdk.init({ client_auth_token: memberToken('minerva', 'g2') });
    expect(sdk.groupID).toBe('g2');
    expect((await signedIn(client)).id).toBe('minerva');
  });

  it('changes only the options given to updateOptions, and the strings at once', async () => {
    const { sdk } = page();
    await sdk.init({ client_auth_token: memberToken('severus', 'g1'), enable_slack: false });
    sdk.updateOptions({ translations: { en: { thread: { placeholder_title: 'Chat by owl' } } } });
    expect(sdk.options.enable_slack).toBe(false);
    expect(sdk.i18n.t('thread:placeholder_title')).toBe('Chat by owl');
    sdk.updateOptions({ language: 'fr', translations: { fr: { thread: { placeholder_title: 'Hibou' } } } });
    expect(sdk.i18n.language).toBe('fr');
    expect(sdk.i18n.t('thread:placeholder_title')).toBe('Hibou');
    expect(() => sdk.updateOptions({ screenshot_options: { capture_when: ['never' as 'new-thread'] } })).toThrow(
      new Error('Invalid value for screenshot_options.capture_when'),
    );
    expect(sdk.options.language).toBe('fr');
  });

  it("keeps the token it signed in with as accessToken, which the guide's step 2 logs", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sdk } = page();
    expect(sdk.accessToken).toBeUndefined();
    const severus = memberToken('severus', 'g1');
    await sdk.init({ client_auth_token: severus });
    expect(sdk.accessToken).toBe(severus);
    // A fresh token for the same user changes nothing, as in Cord; another user's does.
    const fresh = tokenFor(
      {
        user_id: 'severus',
        group_id: 'g1',
        user_details: { name: 'User severus' },
        group_details: { name: 'Group g1' },
      },
      { expires: '2 min' },
    );
    expect(fresh).not.toBe(severus);
    await sdk.init({ client_auth_token: fresh });
    expect(sdk.accessToken).toBe(severus);
    const minerva = memberToken('minerva', 'g2');
    await sdk.init({ client_auth_token: minerva });
    expect(sdk.accessToken).toBe(minerva);
    sdk.destroy();
    expect(sdk.accessToken).toBeUndefined();
  });

  it('forgets the user, the group and the options on destroy', async () => {
    const { sdk, client } = page();
    await sdk.init({ client_auth_token: memberToken('severus', 'g1'), language: 'de' });
    await signedIn(client);
    sdk.destroy();
    expect(client.viewer).toBeNull();
    expect(sdk.groupID).toBeUndefined();
    expect(sdk.options).toEqual(defaultOptions());
    // After destroy the same user's token signs in again.
    await sdk.init({ client_auth_token: memberToken('severus', 'g1') });
    expect((await signedIn(client)).id).toBe('severus');
  });

  it('has the members @cord-sdk/react touches besides the data APIs', async () => {
    const { sdk } = page();
    expect(sdk.i18n.isInitialized).toBe(true);
    expect(sdk.__CORD_OPENSOURCE_COMPONENTS).toBeInstanceOf(Set);
    sdk.__CORD_OPENSOURCE_COMPONENTS.add('Thread');
    sdk.__logV2Component('Thread', 'usage');
    await expect(sdk.logEvent('sdk-group-id-error', { component: 'Thread' })).resolves.toBeUndefined();
    await expect(sdk.logDeprecation('annotations')).resolves.toBeUndefined();
    expect(sdk.annotations).toBe(sdk.annotation);
    expect(sdk.experimental).toEqual({});
  });
});
