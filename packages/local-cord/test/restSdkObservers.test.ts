// What Cord's JavaScript API shows when the REST API changes or deletes what it observes:
// the SDK's real objects (CordSDK over the one data layer) in node, against a real local
// Cord, with REST calls made through the real @cord-sdk/server.
import type { ClientMessageData, ClientThreadData } from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { CordSDK } from '../src/sdk/cordSDK.ts';
import { LiveData } from '../src/sdk/data/liveData.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  socketUrl,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';
import { recorder } from './support/recorder.ts';
import { newThread, paragraph, type RestApi, restApi, usersInGroup } from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;
let sdk: CordSDK;
let restoreWebSocket: () => void;

beforeAll(() => {
  restoreWebSocket = installBrowserLikeWebSocket();
});
beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await usersInGroup(api, 'team', 'ada', 'bob');
  for (const id of ['m1', 'm2']) {
    await api('v1/threads/t1/messages', 'POST', {
      id,
      authorID: 'bob',
      content: paragraph(id),
      createThread: newThread('team'),
    });
  }
  sdk = new CordSDK(new LiveData(socketUrl(cord)));
  await sdk.init({ client_auth_token: memberToken('ada', 'team') });
});
afterEach(async () => {
  sdk.destroy();
  await stopServer(cord);
});
afterAll(() => restoreWebSocket());

it('observeThread and observeMessage follow REST edits and deletions', async () => {
  const thread = recorder<ClientThreadData>();
  const message = recorder<ClientMessageData | null | undefined>();
  sdk.thread.observeThread('t1', thread.callback);
  sdk.thread.observeMessage('m2', message.callback);
  await thread.until((data) => data.messages.length === 2, 'both messages');
  await message.until((data) => data?.id === 'm2', 'the message');

  await api('v1/threads/t1', 'PUT', { name: 'Renamed by the server' });
  await thread.until((data) => data.thread?.name === 'Renamed by the server', 'the new name');

  await api('v1/threads/t1/messages/m2', 'DELETE');
  const after = await thread.until((data) => data.messages.length === 1, 'm2 gone from the thread');
  expect(after.messages.map((m) => m.id)).toEqual(['m1']);
  await message.until((data) => data === null, 'the observed message gone');

  await api('v1/threads/t1', 'DELETE');
  await thread.until((data) => data.thread === null && data.messages.length === 0, 'the thread gone');
});
