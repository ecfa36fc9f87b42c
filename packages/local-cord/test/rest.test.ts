// Cord's REST API on local Cord, called the way a customer's server calls Cord: with
// `fetchCordRESTApi` from the real @cord-sdk/server.
import { fetchCordRESTApi, getServerAuthToken } from '@cord-sdk/server';
import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../src/protocol/events.ts';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, PROJECT, signIn, startThrowawayLocalCord, stopServer, tokenFor } from '../src/testing/index.ts';

type Method = 'GET' | 'PUT' | 'POST';
type Json = Record<string, unknown>;

let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

function api<T = Json>(endpoint: string, method: Method = 'GET', body?: object, secret = PROJECT.secret) {
  return fetchCordRESTApi<T>(endpoint, {
    project_id: PROJECT.id,
    project_secret: secret,
    api_url: `${cord.url}/`,
    method,
    ...(body && { body }),
  });
}

/** A call the server must refuse: its status and JSON error, from fetchCordRESTApi's error. */
async function refused(call: Promise<unknown>): Promise<{ status: number; body: Json }> {
  const error = await call.then(
    (result) => {
      throw new Error(`accepted: ${JSON.stringify(result)}`);
    },
    (rejection: Error) => rejection,
  );
  const parts = /^Error making Cord API call: (\d+) [^{[]*(.*)$/s.exec(error.message);
  if (!parts) throw error;
  return { status: Number(parts[1]), body: JSON.parse(parts[2]!) as Json };
}

/** What fetchCordRESTApi cannot send: no token, or a token of our choosing. */
async function raw(endpoint: string, init: RequestInit = {}) {
  const response = await fetch(`${cord.url}/${endpoint}`, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** The part of a refusal most tests check: its status and Cord's error name. */
const refusal = (status: number, error: string) => ({ status, body: { error } });
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
const paragraph = (text: string) => [{ type: 'p', children: [{ text }] }];
const newThread = (groupID: string) => ({
  groupID,
  name: 'A thread',
  url: 'http://localhost:5173/',
  location: { page: 'home' },
});

async function usersInGroup(groupId: string, ...userIds: string[]) {
  for (const id of userIds) await api(`v1/users/${id}`, 'PUT', { name: `User ${id}` });
  await api(`v1/groups/${groupId}`, 'PUT', { name: `Group ${groupId}`, members: userIds });
}

describe('users', () => {
  it('creates, reads and updates a user', async () => {
    const created = await api('v1/users/ada', 'PUT', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      profilePictureURL: 'https://example.com/ada.png',
      metadata: { team: 'engines', level: 3 },
    });
    expect(created).toEqual({ success: true, message: '✅ You successfully created user ada' });

    const updated = await api('v1/users/ada', 'PUT', { shortName: 'Ada', name: null, status: 'active' });
    expect(updated).toEqual({ success: true, message: '✅ You successfully updated user ada' });

    expect(await api('v1/users/ada')).toEqual({
      id: 'ada',
      name: 'Ada Lovelace',
      shortName: 'Ada',
      short_name: 'Ada',
      email: 'ada@example.com',
      profilePictureURL: 'https://example.com/ada.png',
      profile_picture_url: 'https://example.com/ada.png',
      first_name: null,
      last_name: null,
      status: 'active',
      metadata: { team: 'engines', level: 3 },
      createdTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      groups: [],
      organizations: [],
      groupIDsWithLinkedSlackProfile: [],
    });
  });

  it('adds a user to groups and removes them', async () => {
    await usersInGroup('red', 'someone');
    await api('v1/groups/blue', 'PUT', { name: 'Blue' });

    await api('v1/users/ada', 'PUT', { name: 'Ada', addGroups: ['red', 'blue'] });
    expect(await api('v1/users/ada')).toMatchObject({ groups: ['blue', 'red'] });
    await api('v1/users/ada', 'PUT', { removeGroups: ['red'] });
    expect(await api('v1/users/ada')).toMatchObject({ groups: ['blue'] });

    const error = await refused(api('v1/users/ada', 'PUT', { addGroups: ['green'] }));
    expect(error).toEqual({ status: 401, body: { error: 'group_not_found', message: 'Group green not found.' } });
    expect(await refused(api('v1/users/ada', 'PUT', { addGroups: ['blue'], removeGroups: ['blue'] }))).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Adding and removing the same group is invalid.' },
    });
  });

  it('lists users by id, a page at a time, and filters them by metadata', async () => {
    for (const id of ['cyd', 'ada', 'bob'])
      await api(`v1/users/${id}`, 'PUT', { name: `User ${id}`, metadata: { team: id === 'cyd' ? 'b' : 'a' } });
    await api('v1/users/bob', 'PUT', { status: 'deleted' });

    const all = await api<{ users: Json[]; pagination: Json }>('v1/users');
    expect(all.users.map((user) => [user.id, user.status])).toEqual([
      ['ada', 'active'],
      ['bob', 'deleted'],
      ['cyd', 'active'],
    ]);
    expect(all.users[0]).toEqual({
      id: 'ada',
      name: 'User ada',
      shortName: null,
      short_name: null,
      email: null,
      profilePictureURL: null,
      profile_picture_url: null,
      first_name: null,
      last_name: null,
      status: 'active',
      metadata: { team: 'a' },
      createdTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(all.pagination).toEqual({ token: null, total: 3 });

    const first = await api<{ users: Json[]; pagination: { token: string; total: number } }>('v1/users?limit=2');
    expect(first.users.map((user) => user.id)).toEqual(['ada', 'bob']);
    expect(first.pagination.total).toBe(3);
    const second = await api<{ users: Json[]; pagination: Json }>(
      `v1/users?limit=2&token=${encodeURIComponent(first.pagination.token)}`,
    );
    expect(second.users.map((user) => user.id)).toEqual(['cyd']);
    expect(second.pagination).toEqual({ token: null, total: 3 });

    const filter = encodeURIComponent(JSON.stringify({ metadata: { team: 'a' } }));
    const teamA = await api<{ users: Json[] }>(`v1/users?filter=${filter}`);
    expect(teamA.users.map((user) => user.id)).toEqual(['ada', 'bob']);
  });

  it("refuses a bad limit, token or filter with Cord's texts", async () => {
    const bad = (query: string) => refused(api(`v1/users?${query}`));
    const field = (message: string) => ({ status: 400, body: { error: 'invalid_field', message } });
    expect(await bad('limit=many')).toEqual(field('Limit must be a number.'));
    expect(await bad('token=not-a-token')).toEqual(field('Pagination token is not valid'));
    expect(await bad('token=a&token=b')).toEqual(field('Pagination token should be of type string.'));
    expect(await bad('filter=[1]')).toEqual(field('The filter object must be a valid JSON object.'));
    expect(await bad(`filter=${encodeURIComponent('{"location":{}}')}`)).toEqual(
      field('The filter object does not support "location" as a field.'),
    );
    expect(await bad(`filter=${encodeURIComponent('{"metadata":{"a":{}}}')}`)).toEqual(
      field('"metadata" must be valid JSON.'),
    );
  });

  it('answers 404 for an unknown user', async () => {
    expect(await refused(api('v1/users/nobody'))).toEqual({
      status: 404,
      body: { error: 'user_not_found', message: 'Platform user not found.' },
    });
  });

  it("refuses an id breaking Cord's identifier rule as Cord does", async () => {
    expect(await refused(api('v1/users/cord:ada', 'PUT', { name: 'Ada' }))).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Input type for userID is not valid, expected identifier.' },
    });
    expect(await refused(api('v1/groups/cord:team', 'PUT', { name: 'Team' }))).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Input type for orgID is not valid, expected identifier.' },
    });
    const bare = { status: 400, body: { error: 'invalid_request', message: 'Invalid request.' } };
    expect(await refused(api('v1/users/cord:ada'))).toEqual(bare);
    expect(await refused(api('v1/groups/cord:team'))).toEqual(bare);
    expect(await refused(api('v1/groups/cord:team/members'))).toEqual(bare);
    expect(cord.store.counts()).toMatchObject({ users: 0, groups: 0 });
  });

  it("refuses a bad body with Cord's validation text, its lines in the order of Cord's schema", async () => {
    const body = { addGroups: [7], nam: 'Ada', email: 'nope', status: 'away', name: 5 };
    expect(await refused(api('v1/users/ada', 'PUT', body))).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message: `Invalid UpdatePlatformUserVariables:\nInput 5 for name must be type null or string,\nInput "away" for status must be equal to one of the allowed values: active or deleted,\nInput "nope" for email must match format "email",\nInput 7 for addGroups/0 must be type string,\nInput ${JSON.stringify(body)} has unexpected field: nam.\nRefer to https://docs.cord.com/rest-apis/users/`,
      },
    });
  });
});

describe('groups', () => {
  it('needs a name to create a group, then reads it', async () => {
    const nameless = await refused(api('v1/groups/team', 'PUT', { status: 'active' }));
    expect(nameless).toEqual({
      status: 400,
      body: {
        error: 'missing_field',
        message:
          'Invalid UpdatePlatformGroupVariables:\nGroup does not exist, "name" is a required field to create a new group.',
      },
    });
    expect(await refused(api('v1/groups/team'))).toEqual({
      status: 404,
      body: { error: 'group_not_found', message: 'Platform group not found.' },
    });

    await usersInGroup('team', 'ada', 'bob');

    expect(await api('v1/groups/team')).toEqual({
      id: 'team',
      name: 'Group team',
      status: 'active',
      members: ['ada', 'bob'],
      connectedToSlack: false,
      metadata: {},
    });
  });

  it('replaces the members with `members`, as Cord does, and refuses unknown users', async () => {
    await usersInGroup('team', 'ada', 'bob');
    await api('v1/users/cyd', 'PUT', { name: 'Cyd' });

    expect(await api('v1/groups/team', 'PUT', { members: ['bob', 'cyd'] })).toEqual({
      success: true,
      message: '✅ You successfully updated group team',
    });
    expect(await api('v1/groups/team')).toMatchObject({ name: 'Group team', members: ['bob', 'cyd'] });

    const error = await refused(api('v1/groups/team', 'PUT', { members: ['bob', 'zed', 'yan'] }));
    expect(error).toEqual({
      status: 401,
      body: { error: 'user_not_found', message: 'Platform users zed and yan not found.' },
    });
    expect(await refused(api('v1/groups/team', 'PUT', { members: ['xi', 'zed', 'yan'] }))).toMatchObject({
      body: { message: 'Platform users xi, zed, and yan not found.' },
    });
    expect(await api('v1/groups/team')).toMatchObject({ members: ['bob', 'cyd'] });
  });

  it('lists every group, deleted ones too', async () => {
    await usersInGroup('team', 'ada');
    await api('v1/groups/old', 'PUT', { name: 'Old', status: 'deleted', metadata: { year: 1999 } });

    expect(await api('v1/groups')).toEqual([
      { id: 'team', name: 'Group team', status: 'active', connectedToSlack: false, metadata: {} },
      { id: 'old', name: 'Old', status: 'deleted', connectedToSlack: false, metadata: { year: 1999 } },
    ]);
  });

  it("lists a group's members a page at a time, and answers 404 for an unknown group", async () => {
    await usersInGroup('team', 'cyd', 'ada', 'bob');
    await api('v1/users/ada', 'PUT', { email: 'ada@example.com', shortName: 'Ada' });

    const first = await api<{ users: Json[]; pagination: { token: string; total: number } }>(
      'v1/groups/team/members?limit=2',
    );
    expect(first.users).toEqual([
      {
        id: 'ada',
        email: 'ada@example.com',
        status: 'active',
        name: 'User ada',
        shortName: 'Ada',
        profilePictureURL: null,
        metadata: {},
        createdTimestamp: expect.stringMatching(/^\d{4}-/),
      },
      expect.objectContaining({ id: 'bob' }),
    ]);
    expect(first.pagination.total).toBe(3);
    const rest = await api<{ users: Json[]; pagination: Json }>(
      `v1/groups/team/members?token=${first.pagination.token}`,
    );
    expect(rest).toEqual({ users: [expect.objectContaining({ id: 'cyd' })], pagination: { token: null, total: 3 } });

    expect(await refused(api('v1/groups/nobody/members'))).toEqual({
      status: 404,
      body: { error: 'group_not_found', message: 'Platform group not found.' },
    });
  });

  it("refuses bad group and member bodies with Cord's validation texts", async () => {
    await usersInGroup('team', 'ada');
    const group = await refused(api('v1/groups/team', 'PUT', { name: 5, members: [''], extra: 1 }));
    expect(group).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message:
          'Invalid UpdatePlatformGroupVariables:\nInput 5 for name must be type string,\nInput "" for members/0 must NOT have fewer than 1 characters,\nInput {"name":5,"members":[""],"extra":1} has unexpected field: extra.\nRefer to https://docs.cord.com/rest-apis/groups/',
      },
    });
    const members = await refused(api('v1/groups/team/members', 'POST', { adds: ['ada'], remove: [true] }));
    expect(members.body).toEqual({
      error: 'invalid_request',
      message:
        'Invalid UpdatePlatformGroupMembersVariables:\nInput true for remove/0 must be type string or number,\nInput {"adds":["ada"],"remove":[true]} has unexpected field: adds.\nRefer to https://docs.cord.com/rest-apis/groups/',
    });
  });

  it('adds and removes members', async () => {
    await usersInGroup('team', 'ada');
    await api('v1/users/bob', 'PUT', { name: 'Bob' });

    const answer = await api('v1/groups/team/members', 'POST', { add: ['bob'], remove: ['ada'] });

    expect(answer).toEqual({ success: true, message: '✅ You successfully updated group members' });
    expect(await api('v1/groups/team')).toMatchObject({ members: ['bob'] });
    expect(cord.store.groups.isMember('team', 'ada')).toBe(false);

    const both = await refused(api('v1/groups/team/members', 'POST', { add: ['bob'], remove: ['bob'] }));
    expect(both).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Platform member bob both added and removed.' },
    });
    const missing = await refused(api('v1/groups/nope/members', 'POST', { add: ['bob'] }));
    expect(missing).toEqual({
      status: 401,
      body: {
        error: 'group_not_found',
        message:
          'Platform group nope not found. If you wanted to create a new group, add group_details to your request. Refer to https://docs.cord.com/reference/authentication#JSON-group-details for details.',
      },
    });
    const stranger = await refused(api('v1/groups/team/members', 'POST', { add: ['bob', 'ghost'] }));
    expect(stranger).toEqual({
      status: 401,
      body: {
        error: 'user_not_found',
        message:
          'Platform user ghost not found. If you wanted to create a new user, add user_details to your request. Refer to https://docs.cord.com/reference/authentication#JSON-user-details for details.',
      },
    });
  });
});

describe('batch', () => {
  it('creates and updates users and groups in one call', async () => {
    await api('v1/users/ada', 'PUT', { name: 'Ada' });

    const answer = await api('v1/batch', 'POST', {
      users: [
        { id: 'ada', shortName: 'A.' },
        { id: 'bob', name: 'Bob', email: 'bob@example.com' },
        { id: 7, name: 'Seven' },
      ],
      groups: [{ id: 'team', name: 'Team', members: ['ada', 'bob', 7] }],
    });

    expect(answer).toEqual({ success: true, message: '✅ You successfully batch updated 3 users and 1 group' });
    expect(await api('v1/users/ada')).toMatchObject({ name: 'Ada', shortName: 'A.', groups: ['team'] });
    expect(await api('v1/users/7')).toMatchObject({ id: '7', name: 'Seven' });
    expect(await api('v1/groups/team')).toMatchObject({ members: ['7', 'ada', 'bob'] });
  });

  it('changes nothing when one item is refused', async () => {
    const error = await refused(
      api('v1/batch', 'POST', {
        users: [{ id: 'ada', name: 'Ada' }],
        groups: [{ id: 'team', name: 'Team', members: ['ada', 'ghost'] }],
      }),
    );

    expect(error).toEqual({
      status: 401,
      body: { error: 'user_not_found', message: 'Platform user ghost not found.' },
    });
    expect(cord.store.counts()).toMatchObject({ users: 0, groups: 0, group_members: 0 });
  });

  it('names the bad field of a bad item', async () => {
    const error = await refused(api('v1/batch', 'POST', { users: [{ id: 'ada' }, { id: 'bob', name: 5 }] }));

    expect(error).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message:
          'Invalid BatchAPIVariables:\nInput 5 for users/1/name must be type null or string.\nRefer to https://docs.cord.com/rest-apis/batch/',
      },
    });
    const idless = await refused(
      api('v1/batch', 'POST', { users: [{ name: 'Ada' }], groups: [{ id: 'g', nme: 'G' }] }),
    );
    expect(idless.body.message).toBe(
      'Invalid BatchAPIVariables:\nInput {"name":"Ada"} requires field: id,\nInput {"id":"g","nme":"G"} has unexpected field: nme.\nRefer to https://docs.cord.com/rest-apis/batch/',
    );
  });
});

describe('threads', () => {
  it('creates a thread and reads it, alone and in the list', async () => {
    await usersInGroup('team', 'ada');

    const answer = await api('v1/threads', 'POST', { id: 't1', ...newThread('team') });
    const generated = await api<{ threadID: string }>('v1/threads', 'POST', newThread('team'));

    expect(answer).toEqual({ success: true, message: 'Thread created.', threadID: 't1' });
    // Cord's generated ids: cord:<uuid>.
    expect(generated.threadID).toMatch(/^cord:[0-9a-f-]{36}$/);
    const thread = await api('v1/threads/t1');
    expect(thread).toEqual({
      id: 't1',
      groupID: 'team',
      organizationID: 'team',
      total: 0,
      userMessages: 0,
      actionMessages: 0,
      deletedMessages: 0,
      resolved: false,
      resolvedTimestamp: null,
      participants: [],
      subscribers: [],
      repliers: [],
      mentioned: [],
      actionMessageRepliers: [],
      typing: [],
      name: 'A thread',
      url: 'http://localhost:5173/',
      location: { page: 'home' },
      metadata: {},
      extraClassnames: null,
    });
    const list = await api<{ threads: Json[]; pagination: Json }>('v1/threads');
    expect(list.pagination).toEqual({ token: null, total: 2 });
    // Cord lists a thread without extraClassnames, its participants without names.
    const { extraClassnames: _, ...listed } = thread;
    expect(list.threads).toContainEqual(listed);
  });

  it('refuses a thread id in use, an unknown group, and answers 404 for an unknown thread', async () => {
    await usersInGroup('team', 'ada');
    await api('v1/threads', 'POST', { id: 't1', ...newThread('team') });

    expect(await refused(api('v1/threads', 'POST', { id: 't1', ...newThread('team') }))).toMatchObject({
      status: 409,
      body: { error: 'thread_already_exists' },
    });
    // Cord answers an unknown group with 401.
    expect(await refused(api('v1/threads', 'POST', newThread('nope')))).toEqual({
      status: 401,
      body: { error: 'group_not_found', message: 'Platform group not found.' },
    });
    expect(await refused(api('v1/threads/nope'))).toMatchObject(refusal(404, 'thread_not_found'));
    expect(await refused(api('v1/threads/nope/messages'))).toMatchObject({ status: 404 });
  });
});

describe('messages', () => {
  beforeEach(async () => {
    await usersInGroup('team', 'ada', 'bob');
  });

  it('creates the thread with its first message, keeps the plain text, and lists the messages', async () => {
    const content = [
      { type: 'p', children: [{ text: 'Hello ' }, { text: 'world', bold: true }] },
      { type: 'p', children: [{ type: 'mention', user: { id: 'bob' }, children: [{ text: '@Bob' }] }] },
    ];
    const first = await api('v1/threads/t1/messages', 'POST', {
      id: 'm1',
      authorID: 'ada',
      content,
      createThread: newThread('team'),
    });
    const second = await api<{ messageID: string }>('v1/threads/t1/messages', 'POST', { authorID: 'bob', text: 'Hi!' });

    expect(first).toEqual({ success: true, message: 'Message created.', messageID: 'm1' });
    expect(cord.store.messages.inThread('t1').map((m) => m.plaintext)).toEqual(['Hello world\n@Bob', 'Hi!']);
    const listed = await api<Json[]>('v1/threads/t1/messages');
    expect(listed.map((m) => m.id)).toEqual([second.messageID, 'm1']);
    expect(listed[1]).toEqual({
      id: 'm1',
      threadID: 't1',
      groupID: 'team',
      organizationID: 'team',
      authorID: 'ada',
      type: 'user_message',
      content,
      plaintext: 'Hello world\n@Bob',
      url: null,
      createdTimestamp: expect.stringMatching(/^\d{4}-/),
      updatedTimestamp: null,
      deletedTimestamp: null,
      iconURL: null,
      translationKey: null,
      metadata: {},
      extraClassnames: null,
      attachments: [],
      reactions: [],
      // The author has seen what they wrote, and Bob, who wrote after it, has seen it too (Cord's rule).
      seenBy: ['ada', 'bob'],
      skipLinkPreviews: false,
    });
    const ascending = await api<Json[]>('v1/threads/t1/messages?sortDirection=ascending');
    expect(ascending.map((m) => m.id)).toEqual(['m1', second.messageID]);
    expect(await api('v1/threads/t1')).toMatchObject({ total: 2, subscribers: ['ada', 'bob'], repliers: ['bob'] });
  });

  it('reads one message, only in its own thread', async () => {
    await api('v1/threads/t1/messages', 'POST', {
      id: 'm1',
      authorID: 'ada',
      text: 'One',
      createThread: newThread('team'),
    });
    await api('v1/threads/t2/messages', 'POST', {
      id: 'm2',
      authorID: 'bob',
      text: 'Two',
      createThread: newThread('team'),
    });

    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({
      id: 'm1',
      threadID: 't1',
      authorID: 'ada',
      plaintext: 'One',
    });
    expect(await refused(api('v1/threads/t1/messages/m2'))).toEqual({
      status: 404,
      body: { error: 'message_not_found', message: 'Message not found.' },
    });
    expect(await refused(api('v1/threads/t9/messages/m1'))).toMatchObject(refusal(404, 'thread_not_found'));
  });

  it('refuses what Cord refuses', async () => {
    const post = (body: object, thread = 't1') => refused(api(`v1/threads/${thread}/messages`, 'POST', body));
    await api('v1/users/eve', 'PUT', { name: 'Eve' });
    const first = { id: 'm1', authorID: 'ada', text: 'First', createThread: newThread('team') };
    await api('v1/threads/t1/messages', 'POST', first);

    expect(await post({ authorID: 'ada', text: 'x' }, 'other')).toMatchObject(refusal(404, 'thread_not_found'));
    expect(await post({ id: 'm1', authorID: 'ada', text: 'again' })).toMatchObject({
      status: 409,
      body: { error: 'message_already_exists' },
    });
    expect(await post({ authorID: 'ghost', text: 'x' })).toEqual({
      status: 401,
      body: { error: 'user_not_found', message: 'Invalid message sender user id: ghost.' },
    });
    expect(await post({ authorID: 'eve', text: 'x' })).toMatchObject(refusal(400, 'invalid_request'));
    expect(await post({ authorID: 'ada' })).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message:
          'Invalid CreateMessageVariables:\nInput {"authorID":"ada"} requires field: content.\nRefer to https://docs.cord.com/rest-apis/messages/',
      },
    });
    expect(await post({ authorID: 'ada', text: '   ' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_field', message: 'text: a message needs some text' },
    });
    expect(await post({ authorID: 'ada', content: [{ type: 'p' }] })).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_field',
        message: `content field is invalid: Message contents contained invalid element(s): ${JSON.stringify([{ type: 'p' }], null, 4)}`,
      },
    });
    expect(await post({ authorID: 'ada', text: 'x', content: paragraph('y') })).toMatchObject({ status: 400 });
    expect(cord.store.messages.inThread('t1')).toHaveLength(1);
  });
});

describe('live in the browser', () => {
  const isMessage = (id: string) => (event: ServerEvent) => event.type === 'message' && event.message.id === id;
  type MessageEvent = Extract<ServerEvent, { type: 'message' }>;
  type UserEvent = Extract<ServerEvent, { type: 'user' }>;

  it('pushes an API message to a browser that observes the thread, and its author under the new name after a rename', async () => {
    const { client } = await signIn(cord, memberToken('alice', 'team', 'Alice'));
    await api('v1/users/bob', 'PUT', { name: 'Bob' });
    await api('v1/groups/team/members', 'POST', { add: ['bob'] });
    await client.ok({ type: 'thread.observe', threadId: 't1' });

    await api('v1/threads/t1/messages', 'POST', {
      id: 'm1',
      authorID: 'bob',
      content: paragraph('Posted by the server'),
      createThread: newThread('team'),
    });
    const pushed = await client.next<MessageEvent>(isMessage('m1'), 'the API message');
    expect(pushed.message).toMatchObject({ plaintext: 'Posted by the server', authorID: 'bob' });
    expect(pushed.users).toEqual([expect.objectContaining({ id: 'bob', name: 'Bob' })]);

    // The browser knows Bob from that message: his new name reaches it, once, for every place he shows.
    await api('v1/users/bob', 'PUT', { name: 'Robert' });
    const renamed = await client.next<UserEvent>((event) => event.type === 'user', 'the author under the new name');
    expect(renamed.user).toMatchObject({ id: 'bob', name: 'Robert', displayName: 'Robert' });

    await api('v1/threads/t1/messages', 'POST', { id: 'm2', authorID: 'bob', text: 'Still me' });
    const next = await client.next<MessageEvent>(isMessage('m2'), 'the second API message');
    expect(next.message.authorID).toBe('bob');
    expect(next.users).toEqual([expect.objectContaining({ id: 'bob', name: 'Robert' })]);
  });

  it('pushes nothing to a browser outside the thread group', async () => {
    const { client } = await signIn(cord, memberToken('mallory', 'other'));
    await usersInGroup('team', 'bob');
    await client.ok({ type: 'thread.observe', threadId: 't1', groupId: 'other' });

    const secret = { id: 'm1', authorID: 'bob', text: 'Secret', createThread: newThread('team') };
    await api('v1/threads/t1/messages', 'POST', secret);

    expect(await client.pending('message')).toEqual([]);
    expect(await client.pending('thread')).toEqual([]);
  });
});

describe('authentication', () => {
  it('refuses a request without a bearer token', async () => {
    expect(await raw('v1/users/ada')).toMatchObject(refusal(401, 'missing_authorization_header'));
    expect(await raw('v1/users/ada', { headers: { Authorization: 'Basic YWRhOnB3' } })).toMatchObject({
      status: 401,
      body: { error: 'invalid_authorization_header' },
    });
    expect(await raw('v1/users/ada', bearer('not-a-jwt'))).toMatchObject({
      status: 401,
      body: { error: 'invalid_authorization_header' },
    });
  });

  it("refuses a client auth token: it is the browser's, not the server's", async () => {
    const answer = await raw('v1/users/ada', bearer(tokenFor({ user_id: 'ada' })));

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      error: 'invalid_project_token',
      message: expect.stringContaining('client auth token'),
    });
  });

  it('refuses a token signed with another secret, an expired one, and one for another project', async () => {
    expect(await refused(api('v1/users/ada', 'GET', undefined, 'wrong-secret'))).toEqual({
      status: 401,
      body: { error: 'invalid_project_token', message: 'JsonWebTokenError: invalid signature' },
    });
    // Past the 30 s of clock tolerance Cord gives server tokens.
    const expired = jwt.sign({ app_id: PROJECT.id, exp: Math.floor(Date.now() / 1000) - 60 }, PROJECT.secret, {
      algorithm: 'HS512',
    });
    expect(await raw('v1/users/ada', bearer(expired))).toMatchObject({
      status: 401,
      body: { error: 'invalid_project_token', message: 'TokenExpiredError: jwt expired' },
    });
    const elsewhere = getServerAuthToken('00000000-0000-4000-8000-000000000000', PROJECT.secret);
    // Cord's default text for this error: the project's id is not in it.
    expect(await raw('v1/users/ada', bearer(elsewhere))).toMatchObject({
      status: 401,
      body: { error: 'project_not_found', message: 'Platform project not found.' },
    });
  });

  it('takes only HS512, as Cord does for server tokens, with its error text', async () => {
    const hs256 = jwt.sign({ app_id: PROJECT.id }, PROJECT.secret, { algorithm: 'HS256', expiresIn: '1 min' });
    const hs384 = jwt.sign({ app_id: PROJECT.id }, PROJECT.secret, { algorithm: 'HS384', expiresIn: '1 min' });
    const hs512 = jwt.sign({ app_id: PROJECT.id }, PROJECT.secret, { algorithm: 'HS512', expiresIn: '1 min' });

    for (const token of [hs256, hs384]) {
      expect(await raw('v1/users/ada', bearer(token))).toMatchObject({
        status: 401,
        body: { error: 'invalid_project_token', message: 'JsonWebTokenError: invalid algorithm' },
      });
    }
    expect(await raw('v1/users/ada', bearer(hs512))).toMatchObject(refusal(404, 'user_not_found'));
  });

  it('takes a token issued at most a day ago, with 30 s of clock tolerance either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = (iat: number) => jwt.sign({ app_id: PROJECT.id, iat }, PROJECT.secret, { algorithm: 'HS512' });
    const day = 24 * 60 * 60;
    // A few seconds of margin on each side: the request is answered a moment after it is signed.
    const tooOld = issuedAt(now - day - 30 - 5);
    const oldButTolerated = issuedAt(now - day - 30 + 5);
    const aheadButTolerated = issuedAt(now + 25);

    expect(await raw('v1/users/ada', bearer(tooOld))).toMatchObject({
      status: 401,
      body: { error: 'invalid_project_token', message: 'TokenExpiredError: maxAge exceeded' },
    });
    expect(await raw('v1/users/ada', bearer(oldButTolerated))).toMatchObject(refusal(404, 'user_not_found'));
    expect(await raw('v1/users/ada', bearer(aheadButTolerated))).toMatchObject(refusal(404, 'user_not_found'));
  });
});

describe('bad requests', () => {
  const auth = () => ({ Authorization: `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}` });

  it('names an unexpected or mistyped field', async () => {
    expect(await refused(api('v1/users/ada', 'PUT', { name: 'Ada', nickname: 'A' }))).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message: `Invalid UpdatePlatformUserVariables:\nInput {"name":"Ada","nickname":"A"} has unexpected field: nickname.\nRefer to https://docs.cord.com/rest-apis/users/`,
      },
    });
    const mistyped = await refused(api('v1/users/ada', 'PUT', { metadata: { nested: { no: 1 } } }));
    expect(mistyped).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message: `Invalid UpdatePlatformUserVariables:\nInput {"no":1} for metadata/nested must be type string or number or boolean.\nRefer to https://docs.cord.com/rest-apis/users/`,
      },
    });
  });

  it('refuses a body that is not JSON, and one that is too big', async () => {
    const notJson = await raw('v1/users/ada', { method: 'PUT', headers: auth(), body: '{"name":' });
    expect(notJson).toMatchObject(refusal(400, 'invalid_request'));

    const huge = await raw('v1/batch', { method: 'POST', headers: auth(), body: 'x'.repeat(6 * 1024 * 1024) });
    expect(huge).toMatchObject(refusal(413, 'payload_too_large'));
  });

  it('answers unknown endpoints with 404 and wrong methods with 405, as JSON without a stack', async () => {
    const unknown = await raw('v1/nothing', { headers: auth() });
    const wrongMethod = await raw('v1/users/ada', { method: 'POST', headers: auth(), body: '{}' });

    expect(unknown).toMatchObject(refusal(404, 'not_found'));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, PUT, DELETE');
    for (const { body } of [unknown, wrongMethod]) expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  });
});
