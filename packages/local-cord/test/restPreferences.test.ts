// GET and PUT /v1/users/<id>/preferences on a real local Cord: Cord's one preference,
// `notification_channels`, its default, partial updates, and Cord's refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';
import { cordRefusal, type Json, type RestApi, rawCall, refused, restApi } from './support/restApi.ts';

const REFER = '\nRefer to https://docs.cord.com/rest-apis/preferences/';

let cord: LocalCord;
let api: RestApi;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await api('v1/users/ada', 'PUT', { name: 'Ada' });
});
afterEach(() => stopServer(cord));

const preferencesOf = (userId: string) => api(`v1/users/${userId}/preferences`);
const setPreferences = (userId: string, body: Json) => api(`v1/users/${userId}/preferences`, 'PUT', body);

describe('/v1/users/<id>/preferences', () => {
  it("reads Cord's default, both channels on, for a user who never set them", async () => {
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: true, sendViaEmail: true } });
  });

  it('changes the channels given and keeps the others, for that user alone', async () => {
    await api('v1/users/bob', 'PUT', { name: 'Bob' });
    expect(await setPreferences('ada', { key: 'notification_channels', value: { sendViaEmail: false } })).toEqual({
      success: true,
      message: '✅ You successfully updated user ada preferences',
    });
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: true, sendViaEmail: false } });
    await setPreferences('ada', { key: 'notification_channels', value: { sendViaSlack: false } });
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: false, sendViaEmail: false } });
    await setPreferences('ada', { key: 'notification_channels', value: { sendViaEmail: true } });
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: false, sendViaEmail: true } });
    expect(await preferencesOf('bob')).toEqual({ notification_channels: { sendViaSlack: true, sendViaEmail: true } });
  });

  it('are deleted with their user', async () => {
    await setPreferences('ada', { key: 'notification_channels', value: { sendViaEmail: false } });
    await api('v1/users/ada', 'DELETE', { permanently_delete: true });
    await api('v1/users/ada', 'PUT', { name: 'Ada again' });
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: true, sendViaEmail: true } });
  });

  it('refuses unknown users', async () => {
    const unknown = cordRefusal(401, 'user_not_found', 'Platform user not found.');
    expect(await refused(preferencesOf('nobody'))).toEqual(unknown);
    expect(
      await refused(setPreferences('nobody', { key: 'notification_channels', value: { sendViaEmail: false } })),
    ).toEqual(unknown);
  });

  it("refuses bad bodies with Cord's texts, and changes nothing", async () => {
    const refusal = (line: string) =>
      cordRefusal(400, 'invalid_request', `Invalid UpdateUserPreferenceVariables:\n${line}.${REFER}`);
    expect(await refused(setPreferences('ada', { value: { sendViaEmail: false } }))).toEqual(
      refusal('Input {"value":{"sendViaEmail":false}} requires field: key'),
    );
    expect(await refused(setPreferences('ada', { key: 'theme', value: { sendViaEmail: false } }))).toEqual(
      refusal('Input "theme" for key must be equal to constant'),
    );
    expect(
      await refused(setPreferences('ada', { key: 'notification_channels', value: { sendViaEmail: 'no' } })),
    ).toEqual(refusal('Input "no" for value/sendViaEmail must be type boolean'));
    expect(await refused(setPreferences('ada', { key: 'notification_channels', value: { sendViaSms: true } }))).toEqual(
      refusal('Input {"sendViaSms":true} has unexpected field: sendViaSms'),
    );
    expect(await rawCall(cord, 'v1/users/ada/preferences', 'PUT', '[1]')).toEqual(
      cordRefusal(400, 'invalid_request', `Invalid UpdateUserPreferenceVariables:\nExpected JSON object.${REFER}`),
    );
    expect(await preferencesOf('ada')).toEqual({ notification_channels: { sendViaSlack: true, sendViaEmail: true } });
  });
});
