// Cord's `CordSDK.user`, method by method: the SDK's real objects in node, signed in with real
// tokens, against a real local Cord; profiles changed through the real REST API. Each test
// has a group of its own.
import type { ClientUserData, GroupMembersData, OrgMembersData, ViewerUserData } from '@cord-sdk/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { installBrowserLikeWebSocket, startThrowawayLocalCord, stopServer, tokenFor } from '../src/testing/index.ts';
import { recorder } from './support/recorder.ts';
import { type RestApi, restApi } from './support/restApi.ts';
import { closeSdkPages, openSdkPage } from './support/sdkPages.ts';

let cord: LocalCord;
let api: RestApi;
let restoreWebSocket: () => void;
let group: string;
let groupCount = 0;

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
});
beforeEach(() => {
  group = `user-api-${++groupCount}`;
});
afterEach(() => {
  closeSdkPages();
  vi.restoreAllMocks();
});
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
});

const page = async (userId: string, groupId = group) => (await openSdkPage(cord, userId, groupId)).sdk;
/** A user id of this test's own, so profiles changed here touch no other test. */
const own = (name: string) => `${group}-${name}`;

describe('observeViewerData', () => {
  it("gives the signed-in user's data and follows changes made through REST", async () => {
    const ada = await page(own('ada'));
    const seen = recorder<ViewerUserData>();
    ada.user.observeViewerData(seen.callback);
    const viewer = await seen.until(() => true, 'the viewer');
    expect(viewer).toMatchObject({
      id: own('ada'),
      name: `User ${own('ada')}`,
      groupID: group,
      organizationID: group,
      notificationPreferences: { sendViaEmail: true, sendViaSlack: true },
    });
    await api(`v1/users/${own('ada')}`, 'PUT', {
      name: 'Ada Lovelace',
      shortName: 'Ada',
      email: 'ada@example.com',
      profilePictureURL: 'http://localhost/ada.png',
      metadata: { team: 'engines' },
    });
    const changed = await seen.until((value) => value.name === 'Ada Lovelace', 'the new name');
    expect(changed).toMatchObject({
      shortName: 'Ada',
      displayName: 'Ada',
      secondaryDisplayName: 'Ada Lovelace',
      profilePictureURL: 'http://localhost/ada.png',
      metadata: { team: 'engines' },
    });
  });

  it('keeps setNotificationPreferences, shows it in every tab of the viewer, and follows REST', async () => {
    const [tab, otherTab] = [await page(own('ada')), await page(own('ada'))];
    const seen = recorder<ViewerUserData>();
    otherTab.user.observeViewerData(seen.callback);
    await seen.until((viewer) => viewer.notificationPreferences.sendViaEmail, 'the default preferences');

    await expect(tab.user.setNotificationPreferences({ sendViaEmail: false })).resolves.toBe(true);
    const changed = await seen.until((viewer) => !viewer.notificationPreferences.sendViaEmail, 'e-mail off');
    expect(changed.notificationPreferences).toEqual({ sendViaEmail: false, sendViaSlack: true });
    const stored = await api(`v1/users/${own('ada')}/preferences`);
    expect(stored).toEqual({ notification_channels: { sendViaEmail: false, sendViaSlack: true } });

    await api(`v1/users/${own('ada')}/preferences`, 'PUT', {
      key: 'notification_channels',
      value: { sendViaEmail: true, sendViaSlack: false },
    });
    const fromRest = await seen.until((viewer) => !viewer.notificationPreferences.sendViaSlack, 'Slack off');
    expect(fromRest.notificationPreferences).toEqual({ sendViaEmail: true, sendViaSlack: false });
  });
});

describe('observeUserData', () => {
  it('gives one user, or several by id (unknown ones as null), and follows their changes', async () => {
    const ada = await page(own('ada'));
    await page(own('bob'));
    const one = recorder<ClientUserData | null>();
    ada.user.observeUserData(own('bob'), one.callback);
    expect(await one.until(() => true, 'bob')).toMatchObject({ id: own('bob'), name: `User ${own('bob')}` });

    const many = recorder<Record<string, ClientUserData | null>>();
    ada.user.observeUserData([own('bob'), own('ada'), own('nobody')], many.callback);
    const all = await many.until((users) => Object.keys(users).length === 3, 'all three');
    expect(all[own('bob')]?.id).toBe(own('bob'));
    expect(all[own('ada')]?.id).toBe(own('ada'));
    expect(all[own('nobody')]).toBeNull();

    await api(`v1/users/${own('bob')}`, 'PUT', { name: 'Robert' });
    await one.until((user) => user?.name === 'Robert', 'the rename, alone');
    await many.until((users) => users[own('bob')]?.name === 'Robert', 'the rename, among many');
  });

  it("does not show a user who shares no group with the viewer, and refuses what is not an id with Cord's text", async () => {
    const ada = await page(own('ada'));
    await page(own('stranger'), `${group}-elsewhere`);
    const seen = recorder<ClientUserData | null>();
    ada.user.observeUserData(own('stranger'), seen.callback);
    expect(await seen.until(() => true, 'an answer')).toBeNull();
    expect(() => ada.user.observeUserData(42 as unknown as string, () => {})).toThrow(
      new Error('Argument must be a string or array of strings'),
    );
  });
});

describe('observeGroupMembers and observeOrgMembers', () => {
  it('pages through the members ten at a time, and hears who joins and leaves', async () => {
    const members = Array.from({ length: 12 }, (_, n) => own(`member${n}`));
    for (const id of members) await api(`v1/users/${id}`, 'PUT', { name: id });
    await api(`v1/groups/${group}`, 'PUT', { name: group, members });
    const ada = await page(own('member0'));

    const seen = recorder<GroupMembersData>();
    ada.user.observeGroupMembers(seen.callback);
    const first = await seen.until((data) => !data.loading, 'the first page');
    expect(first.groupMembers).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    first.fetchMore(10);
    const all = await seen.until((data) => !data.loading && data.groupMembers.length === 12, 'every member');
    expect(all.hasMore).toBe(false);
    expect(all.groupMembers.map((user) => user.id).sort()).toEqual([...members].sort());

    await api(`v1/users/${own('late')}`, 'PUT', { name: 'Late' });
    await api(`v1/groups/${group}/members`, 'POST', { add: [own('late')], remove: [own('member5')] });
    const after = await seen.until((data) => data.groupMembers.some((user) => user.id === own('late')), 'the newcomer');
    expect(after.groupMembers.map((user) => user.id)).not.toContain(own('member5'));

    // The deprecated name shares the one query of the group's members, pages loaded included.
    const org = recorder<OrgMembersData>();
    ada.user.observeOrgMembers(org.callback, { organizationID: group });
    const orgMembers = await org.until((data) => !data.loading, 'the org members');
    expect(orgMembers.orgMembers.map((user) => user.id)).toEqual(after.groupMembers.map((user) => user.id));
    expect(orgMembers).not.toHaveProperty('groupMembers');
  });

  it('names the group to observe when the token names none, and refuses two different groups as Cord does', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await page(own('ada'));
    const { sdk: groupless, live } = await openSdkPage(cord, own('ada'), `${group}-second`);
    await groupless.init({ client_auth_token: tokenFor({ user_id: own('ada') }) });
    await vi.waitFor(() => expect(live.viewer?.groupID ?? null).toBeNull());

    const named = recorder<GroupMembersData>();
    groupless.user.observeGroupMembers(named.callback, { groupID: group });
    expect((await named.until((data) => !data.loading, 'members')).groupMembers.map((user) => user.id)).toEqual([
      own('ada'),
    ]);
    groupless.user.observeGroupMembers(() => {});
    expect(error).toHaveBeenLastCalledWith('observeGroupMembers: Must specify a groupID');

    const ada = await page(own('ada'));
    const never = vi.fn();
    ada.user.observeGroupMembers(never, { groupID: `${group}-second` });
    expect(error).toHaveBeenLastCalledWith(
      'observeGroupMembers: Must not specify a groupID in the options if the user is signed in with an access token that contains a groupID - choose one or the other',
    );
    expect(never).not.toHaveBeenCalled();
  });
});

describe('searchUsers', () => {
  it("finds the group's members by the start of a word of their name, the viewer last", async () => {
    // The token names ada "User <id>": her name is given after she signs in.
    const ada = await page(own('ada'));
    for (const [id, name] of [
      ['ada', 'Ada Lovelace'],
      ['alan', 'Alan Turing'],
      ['grace', 'Grace Hopper'],
    ]) {
      await api(`v1/users/${own(id!)}`, 'PUT', { name });
    }
    await api(`v1/groups/${group}`, 'PUT', { name: group, members: ['ada', 'alan', 'grace'].map(own) });
    const found = async (searchQuery?: string) =>
      (await ada.user.searchUsers({ searchQuery })).users.map((user) => user.name);

    expect(await found('a')).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(await found('hop')).toEqual(['Grace Hopper']);
    expect(await found('turing al')).toEqual(['Alan Turing']);
    expect(await found('love')).toEqual(['Ada Lovelace']);
    expect(await found('zed')).toEqual([]);
    expect((await found()).sort()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  });

  it('puts who was last at a location first when asked', async () => {
    const ada = await page(own('ada'));
    const bob = await page(own('bob'));
    const cat = await page(own('cat'));
    await bob.presence.setPresent({ page: 'docs' }, { durable: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cat.presence.setPresent({ page: 'docs' }, { durable: true });
    const order = async (sortDirection?: 'ascending' | 'descending') =>
      (
        await ada.user.searchUsers({
          sortBy: { type: 'location', location: { page: 'docs' } as unknown as Location },
          sortDirection,
        })
      ).users.map((user) => user.id);
    expect(await order()).toEqual([own('cat'), own('bob'), own('ada')]);
    expect(await order('ascending')).toEqual([own('bob'), own('cat'), own('ada')]);
  });

  it("refuses a group the token does not name, or none, with Cord's texts", async () => {
    const ada = await page(own('ada'));
    await expect(ada.user.searchUsers({ groupID: `${group}-other` })).rejects.toThrow(
      'searchUsers: Must not specify a groupID in the options if the user is signed in with an access token that contains a groupID - choose one or the other',
    );
    const { sdk: groupless, live } = await openSdkPage(cord, own('ada'), group);
    await groupless.init({ client_auth_token: tokenFor({ user_id: own('ada') }) });
    await vi.waitFor(() => expect(live.viewer?.groupID ?? null).toBeNull());
    await expect(groupless.user.searchUsers({})).rejects.toThrow('searchUsers: Must specify a groupID');
    await expect(groupless.user.searchUsers({ groupID: `${group}-not-mine` })).rejects.toThrow(
      'SearchUsers: Could not get retrieve users',
    );
  });
});
