// Users and groups through Cord's REST API on a real local Cord: every profile field read
// and written, and DELETE /v1/users/<id> and DELETE /v1/groups/<id> with what Cord deletes
// along with them, each gone from the browsers that showed it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';
import {
  browserOf,
  cordRefusal,
  type EventOf,
  eventOf,
  type Json,
  newThread,
  paragraph,
  type RestApi,
  refused,
  restApi,
  usersInGroup,
} from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
});
afterEach(() => stopServer(cord));

const say = (threadId: string, id: string, authorID: string, extra: Json = {}) =>
  api(`v1/threads/${threadId}/messages`, 'POST', {
    id,
    authorID,
    content: paragraph(`${authorID} says ${id}`),
    createThread: newThread('team'),
    ...extra,
  });

describe('user fields', () => {
  it('writes and reads name, shortName, profilePictureURL, email and metadata, and lists by metadata', async () => {
    await api('v1/users/ada', 'PUT', {
      name: 'Ada Lovelace',
      shortName: 'Ada',
      email: 'ada@example.com',
      profilePictureURL: 'https://example.com/ada.png',
      metadata: { role: 'admin', level: 3, beta: true },
    });
    await api('v1/users/bob', 'PUT', { name: 'Bob', metadata: { role: 'viewer' } });
    const expected = {
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
      metadata: { role: 'admin', level: 3, beta: true },
      createdTimestamp: expect.any(String),
    };
    expect(await api('v1/users/ada')).toEqual({
      ...expected,
      groups: [],
      organizations: [],
      groupIDsWithLinkedSlackProfile: [],
    });
    const admins = await api<{ users: Json[] }>(
      `v1/users?filter=${encodeURIComponent('{"metadata":{"role":"admin"}}')}`,
    );
    expect(admins.users).toEqual([expected]);

    // Metadata is replaced as a whole, as in Cord.
    await api('v1/users/ada', 'PUT', { metadata: { role: 'viewer' } });
    expect(await api('v1/users/ada')).toMatchObject({ name: 'Ada Lovelace', metadata: { role: 'viewer' } });
  });
});

describe('user fields, refused', () => {
  it("refuses an e-mail or a picture URL Cord's schema refuses, and takes an empty e-mail as none", async () => {
    await api('v1/users/ada', 'PUT', { name: 'Ada', email: 'ada@example.com' });
    const bad = (body: Json) => refused(api('v1/users/ada', 'PUT', body));
    // Cord's check (ajv's formats), in the words of Cord's validator.
    const invalid = (line: string) =>
      cordRefusal(
        400,
        'invalid_request',
        `Invalid UpdatePlatformUserVariables:\n${line}.\nRefer to https://docs.cord.com/rest-apis/users/`,
      );
    expect(await bad({ email: 'not an address' })).toEqual(
      invalid('Input "not an address" for email must match format "email"'),
    );
    expect(await bad({ profilePictureURL: 'a picture.png' })).toEqual(
      invalid('Input "a picture.png" for profilePictureURL must match format "uri"'),
    );
    expect(await bad({ status: 'away' })).toEqual(
      invalid('Input "away" for status must be equal to one of the allowed values: active or deleted'),
    );
    expect(await api('v1/users/ada')).toMatchObject({ email: 'ada@example.com', profilePictureURL: null });

    // Cord drops an empty e-mail before anything else: it changes nothing.
    await api('v1/users/ada', 'PUT', { email: '' });
    expect(await api('v1/users/ada')).toMatchObject({ email: 'ada@example.com' });
    await api('v1/users/bea', 'PUT', { name: 'Bea', email: '' });
    expect(await api('v1/users/bea')).toMatchObject({ email: null });
  });

  it('shows a browser the fields a REST update changed, live', async () => {
    await usersInGroup(api, 'team', 'ada', 'bob');
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'users.observe', userIds: ['ada'] });
    await client.sync();
    client.inbox.splice(0);
    await api('v1/users/ada', 'PUT', {
      shortName: 'Ada',
      profilePictureURL: 'https://example.com/ada.png',
      metadata: { team: 'engines' },
    });
    const pushed = await client.next(eventOf('user', (event) => event.user.id === 'ada'));
    expect((pushed as EventOf<'user'>).user).toMatchObject({
      id: 'ada',
      name: 'User ada',
      shortName: 'Ada',
      displayName: 'Ada',
      profilePictureURL: 'https://example.com/ada.png',
      metadata: { team: 'engines' },
    });
  });
});

describe('group fields', () => {
  it('changes name and metadata (replacing it as a whole), and refuses what Cord refuses', async () => {
    await api('v1/groups/team', 'PUT', { name: 'Team', metadata: { tier: 'gold', seats: 5 } });
    expect(await api('v1/groups/team', 'PUT', { name: 'The team', metadata: { tier: 'silver' } })).toEqual({
      success: true,
      message: '✅ You successfully updated group team',
    });
    expect(await api('v1/groups/team')).toMatchObject({ name: 'The team', metadata: { tier: 'silver' } });
    await api('v1/groups/team', 'PUT', { status: 'deleted' });
    expect(await api('v1/groups/team')).toMatchObject({
      name: 'The team',
      status: 'deleted',
      metadata: { tier: 'silver' },
    });

    const bad = (body: Json) => refused(api('v1/groups/team', 'PUT', body));
    const invalid = (line: string) =>
      cordRefusal(
        400,
        'invalid_request',
        `Invalid UpdatePlatformGroupVariables:\n${line}.\nRefer to https://docs.cord.com/rest-apis/groups/`,
      );
    expect(await bad({ metadata: { nested: { no: 1 } } })).toEqual(
      invalid('Input {"no":1} for metadata/nested must be type string or number or boolean'),
    );
    expect(await bad({ name: 42 })).toEqual(invalid('Input 42 for name must be type string'));
    expect(await bad({ colour: 'red' })).toEqual(invalid('Input {"colour":"red"} has unexpected field: colour'));
    expect(await api('v1/groups/team')).toMatchObject({ name: 'The team', metadata: { tier: 'silver' } });
  });
});

describe('POST /v1/groups/<id>/members, removing', () => {
  it("takes the group's threads from a removed member's page at once, and lets them back when added again", async () => {
    await usersInGroup(api, 'team', 'ada', 'bob');
    await say('t1', 'm1', 'ada');
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });
    await client.ok({ type: 'groupMembers.observe', queryId: 'members', groupId: 'team', count: 10 });
    await client.sync();
    client.inbox.splice(0);

    await api('v1/groups/team/members', 'POST', { remove: ['bob'] });
    await client.next(eventOf('threadGone', (event) => event.threadId === 't1'));
    expect(await client.refused({ type: 'thread.update', threadId: 't1', name: 'mine now' })).toMatchObject({
      message: 'Thread not found.',
    });
    await say('t1', 'm2', 'ada');
    await client.sync();
    expect(client.inbox.filter((event) => event.type === 'message')).toEqual([]);

    await api('v1/groups/team/members', 'POST', { add: ['bob'] });
    await client.ok({ type: 'thread.observe', threadId: 't1' });
    await say('t1', 'm3', 'ada');
    await client.next(eventOf('message', (event) => event.message.id === 'm3'));
  });

  it("refuses unknown users and a group that does not exist, in Cord's words, changing nothing", async () => {
    await usersInGroup(api, 'team', 'ada', 'bob');
    expect(await refused(api('v1/groups/team/members', 'POST', { remove: ['zed'] }))).toMatchObject({
      status: 401,
      body: { error: 'user_not_found', message: expect.stringMatching(/^Platform user zed not found\. /) },
    });
    expect(await refused(api('v1/groups/team/members', 'POST', { remove: ['bob'], add: ['zed'] }))).toMatchObject({
      status: 401,
      body: { error: 'user_not_found', message: expect.stringMatching(/^Platform user zed not found\. /) },
    });
    expect(await api('v1/groups/team')).toMatchObject({ members: ['ada', 'bob'] });
  });
});

describe('DELETE /v1/users/<id>', () => {
  beforeEach(async () => {
    await usersInGroup(api, 'team', 'ada', 'bob', 'cyd');
  });

  it("refuses what Cord refuses, in Cord's words", async () => {
    const remove = (id: string, body?: unknown) => refused(api(`v1/users/${id}`, 'DELETE', body));
    expect(await remove('ada')).toEqual(
      cordRefusal(
        400,
        'invalid_request',
        'Invalid DeleteUserVariables:\nInput {} requires field: permanently_delete.\nRefer to https://docs.cord.com/rest-apis/users/',
      ),
    );
    expect(await remove('ada', { permanently_delete: false })).toEqual(
      cordRefusal(400, 'invalid_request', 'Invalid request.'),
    );
    expect(await remove('cord:ada', { permanently_delete: true })).toEqual(
      cordRefusal(400, 'invalid_field', 'Input type for userID is not valid, expected identifier.'),
    );
    expect(await remove('ghost', { permanently_delete: true })).toEqual(
      cordRefusal(401, 'invalid_user_id', 'Invalid user id: ghost.'),
    );
    expect(cord.store.users.exists('ada')).toBe(true);
  });

  it('deletes the user with what they wrote and reacted, threads left empty, and their memberships', async () => {
    await say('solo', 'a1', 'ada');
    await say('solo', 'a2', 'ada', { addReactions: [{ reaction: '👍', userID: 'bob' }] });
    await say('mixed', 'b1', 'bob', { addReactions: [{ reaction: '❤️', userID: 'ada' }] });
    await say('mixed', 'a3', 'ada');
    await api('v1/threads/mixed', 'PUT', { resolved: true, userID: 'ada' });

    expect(await api('v1/users/ada', 'DELETE', { permanently_delete: true })).toEqual({
      success: true,
      message: 'User deleted.',
      userID: 'ada',
      failedDeletionFileIDs: [],
    });
    expect(await refused(api('v1/users/ada'))).toMatchObject({ status: 404, body: { error: 'user_not_found' } });
    expect(await refused(api('v1/threads/solo'))).toMatchObject({ status: 404 });
    // Bob's thread stays, without Ada's message, her resolve action, her reaction and her part in it.
    const mixed = await api<{ participants: Json[]; subscribers: string[] }>('v1/threads/mixed');
    expect(mixed).toMatchObject({ total: 1, resolved: true, actionMessages: 0, subscribers: ['bob'] });
    expect(mixed.participants.map((participant) => participant.userID)).toEqual(['bob']);
    expect(await api('v1/threads/mixed/messages/b1')).toMatchObject({ reactions: [] });
    expect(await api('v1/groups/team')).toMatchObject({ members: ['bob', 'cyd'] });
  });

  it('takes the user out of the pages that showed them, and signs their own pages out', async () => {
    await say('solo', 'a1', 'ada');
    await say('mixed', 'b1', 'bob', { addReactions: [{ reaction: '❤️', userID: 'ada' }] });
    await say('mixed', 'a2', 'ada');
    const ada = await browserOf(cord, 'ada', 'team');
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 'solo' });
    await client.ok({ type: 'thread.observe', threadId: 'mixed' });
    await client.ok({ type: 'groupMembers.observe', queryId: 'members', groupId: 'team', count: 10 });
    await client.sync();
    client.inbox.splice(0);

    await api('v1/users/ada', 'DELETE', { permanently_delete: true });
    await client.next(
      eventOf('threadGone', (e) => e.threadId === 'solo'),
      'the thread only Ada wrote in',
    );
    await client.next(
      eventOf('messageGone', (e) => e.messageId === 'a2'),
      "Ada's message",
    );
    const unreacted = await client.next<EventOf<'message'>>(
      eventOf('message', (e) => e.message.id === 'b1'),
      "Bob's message without Ada's reaction",
    );
    expect(unreacted.message.reactions).toEqual([]);
    const members = await client.next<EventOf<'groupMembers'>>(eventOf('groupMembers'), 'Ada leaving the group');
    expect(members).toMatchObject({ added: [], removed: ['ada'] });

    const closed = await ada.client.closed;
    expect(closed.code).toBe(4001);
    expect(ada.client.inbox).toContainEqual({
      type: 'error',
      error: { code: 'invalid_session', message: 'invalid_session - Platform user ada was deleted.' },
    });
  });
});

describe('DELETE /v1/groups/<id>', () => {
  it('deletes the group with its threads and memberships, keeps its users, and refuses as Cord refuses', async () => {
    await usersInGroup(api, 'team', 'ada', 'bob');
    await usersInGroup(api, 'other', 'bob');
    await say('t1', 'm1', 'ada', { addReactions: [{ reaction: '👍', userID: 'bob' }] });
    await api('v1/threads/kept/messages', 'POST', {
      authorID: 'bob',
      content: paragraph('elsewhere'),
      createThread: newThread('other'),
    });
    const { client } = await browserOf(cord, 'bob', 'other');
    await client.ok({ type: 'thread.observe', threadId: 't1', groupId: 'team' });
    await client.sync();
    client.inbox.splice(0);

    expect(await refused(api('v1/groups/nowhere', 'DELETE'))).toEqual(
      cordRefusal(401, 'group_not_found', 'Platform group not found.'),
    );
    expect(await refused(api('v1/groups/cord:team', 'DELETE'))).toEqual(
      cordRefusal(400, 'invalid_field', 'Input type for orgID is not valid, expected identifier.'),
    );
    expect(await api('v1/groups/team', 'DELETE')).toEqual({
      success: true,
      message: '✅ You successfully deleted group team',
    });

    expect(await refused(api('v1/groups/team'))).toMatchObject({ status: 404, body: { error: 'group_not_found' } });
    expect(await refused(api('v1/threads/t1'))).toMatchObject({ status: 404 });
    expect(await api('v1/threads/kept')).toMatchObject({ groupID: 'other', total: 1 });
    expect(await api('v1/users/ada')).toMatchObject({ id: 'ada', groups: [] });
    expect(await api('v1/users/bob')).toMatchObject({ groups: ['other'] });
    expect(cord.store.counts()).toMatchObject({ threads: 1, messages: 1, reactions: 0 });

    await client.next(
      eventOf('threadGone', (e) => e.threadId === 't1'),
      'the deleted group thread',
    );
    const viewer = await client.next<EventOf<'viewer'>>(eventOf('viewer'), "Bob's groups without team");
    expect(viewer.viewer.groups).toEqual(['other']);
  });
});
