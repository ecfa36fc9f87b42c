// Cord's notifications REST API on a real local Cord: listing a user's notifications,
// creating a custom "url" one, deleting one; Cord's shapes, statuses and texts; and a
// message posted through the REST API notifying as one sent from a page does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, restCall, signIn, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

type Json = Record<string, unknown>;
let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
});
afterEach(() => stopServer(cord));

const rest = <T = Json>(method: 'GET' | 'POST' | 'DELETE', endpoint: string, body?: object) =>
  restCall<T>(cord, method, endpoint, body);

async function members(groupId: string, ...userIds: string[]) {
  await rest('POST', 'batch', {
    users: userIds.map((id) => ({ id, name: `Name ${id}`, email: `${id}@example.com` })),
    groups: [{ id: groupId, name: `Group ${groupId}`, members: userIds }],
  });
}

const created = (body: Json) => body.notificationID as string;

describe('POST /v1/notifications', () => {
  it('creates a url notification whose header comes from the template, and lists it', async () => {
    await members('hogwarts', 'severus', 'minerva');
    const answer = await rest('POST', 'notifications', {
      actorID: 'severus',
      recipientID: 'minerva',
      template: '{{actor}} shared a page with {{ recipient }}!',
      url: 'https://example.com/page',
      iconUrl: 'https://example.com/icon.png',
      type: 'url',
      metadata: { kind: 'share' },
      extraClassnames: 'shared',
    });
    expect(answer).toEqual({
      status: 200,
      body: { success: true, message: 'Notification created.', notificationID: expect.stringMatching(/^cord:/) },
    });
    const listed = await rest<Json[]>('GET', 'users/minerva/notifications');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        id: created(answer.body),
        senderUserIDs: ['severus'],
        iconUrl: 'https://example.com/icon.png',
        header: [
          {
            type: 'user',
            userID: 'severus',
            user: expect.objectContaining({ id: 'severus', displayName: 'Name severus' }),
          },
          { type: 'text', text: ' shared a page with ', bold: false },
          { type: 'user', userID: 'minerva', user: expect.objectContaining({ id: 'minerva' }) },
          { type: 'text', text: '!', bold: false },
        ],
        headerTranslation: null,
        attachment: { type: 'url', url: 'https://example.com/page' },
        readStatus: 'unread',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        extraClassnames: 'shared',
        metadata: { kind: 'share' },
      },
    ]);
    // The metadata filter; a location never matches a url notification.
    expect(
      (await rest<Json[]>('GET', `users/minerva/notifications?filter=${filter({ metadata: { kind: 'x' } })}`)).body,
    ).toEqual([]);
    expect(
      (await rest<Json[]>('GET', `users/minerva/notifications?filter=${filter({ metadata: { kind: 'share' } })}`)).body,
    ).toHaveLength(1);
    expect(
      (await rest<Json[]>('GET', `users/minerva/notifications?filter=${filter({ location: { page: 'p' } })}`)).body,
    ).toEqual([]);
  });

  it("refuses what Cord refuses, with Cord's texts", async () => {
    await members('hogwarts', 'minerva');
    const base = { template: 'Hello', url: 'https://example.com/', type: 'url' };
    expect(await rest('POST', 'notifications', base)).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'Missing recipientID' },
    });
    expect(await rest('POST', 'notifications', { ...base, recipientID: 'nobody' })).toEqual({
      status: 401,
      body: { error: 'invalid_user_id', message: 'Invalid recipient user id: nobody.' },
    });
    // Cord's quirk: an unknown actor under the old name is reported as the recipient.
    expect(await rest('POST', 'notifications', { ...base, recipient_id: 'minerva', actor_id: 'ghost' })).toEqual({
      status: 401,
      body: { error: 'invalid_user_id', message: 'Invalid recipient user id: minerva.' },
    });
    expect(
      await rest('POST', 'notifications', {
        ...base,
        recipientID: 'minerva',
        actorID: 'ghost',
        template: '{{actor}} hi',
      }),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Invalid template: must contain {{actor}} variable' },
    });
    expect(await rest('POST', 'notifications', { ...base, recipientID: '' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'Missing recipientID' },
    });
    expect(await rest('POST', 'notifications', { ...base, recipientID: 'x'.repeat(129) })).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'Input type for recipient is not valid, expected identifier.' },
    });
    // The body's shape is checked first, by Cord's schema.
    expect(
      await rest('POST', 'notifications', { template: 'Hello', type: 'email', recipientID: ['minerva'], extra: 1 }),
    ).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message:
          'Invalid CreateNotificationVariables:\nInput ["minerva"] for recipientID must be type string,\nInput "email" for type must be equal to constant,\nInput {"template":"Hello","type":"email","recipientID":["minerva"],"extra":1} requires field: url,\nInput {"template":"Hello","type":"email","recipientID":["minerva"],"extra":1} has unexpected field: extra.\nRefer to https://docs.cord.com/rest-apis/notifications/',
      },
    });
    // An unknown actor under the current name just means no actor.
    const quiet = await rest('POST', 'notifications', { ...base, recipientID: 'minerva', actorID: 'ghost' });
    expect(quiet.status).toBe(200);
    expect(cord.store.notifications.forRecipient('minerva').map((row) => row.senderId)).toEqual([null]);
  });

  it("reaches the recipient's open page at once", async () => {
    const { client } = await signIn(cord, memberToken('minerva', 'hogwarts'));
    await client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });
    await rest('POST', 'notifications', {
      recipientID: 'minerva',
      template: 'Hi',
      url: 'https://x.example/',
      type: 'url',
    });
    expect(await client.next((event) => event.type === 'notificationCounts')).toMatchObject({ unread: 1 });
  });
});

const filter = (value: object) => encodeURIComponent(JSON.stringify(value));

describe('GET /v1/users/<id>/notifications', () => {
  it("lists Cord's notifications of a user, newest first, with the message attached", async () => {
    await members('hogwarts', 'severus', 'minerva');
    await rest('POST', 'threads/t1/messages', {
      authorID: 'severus',
      content: [
        { type: 'p', children: [{ type: 'mention', user: { id: 'minerva' }, children: [{ text: '@Minerva' }] }] },
      ],
      createThread: {
        groupID: 'hogwarts',
        name: 'Plans',
        url: 'https://example.com/plans',
        location: { page: 'plans' },
      },
    });
    const listed = await rest<Json[]>('GET', 'users/minerva/notifications');
    expect(listed.body).toEqual([
      expect.objectContaining({
        senderUserIDs: ['severus'],
        headerTranslation: expect.objectContaining({ key: 'cord.reply_mention' }),
        attachment: expect.objectContaining({
          type: 'message',
          threadID: 't1',
          message: expect.objectContaining({
            threadID: 't1',
            plaintext: '@Minerva',
            createdTimestamp: expect.any(String),
          }),
        }),
      }),
    ]);
    expect(listed.body[0]).not.toHaveProperty('destination');
    const atPlans = await rest<Json[]>(
      'GET',
      `users/minerva/notifications?filter=${filter({ location: { page: 'plans' } })}`,
    );
    expect(atPlans.body).toHaveLength(1);
    const partial = filter({ location: { value: { page: 'plans', x: 1 }, partialMatch: true } });
    expect((await rest<Json[]>('GET', `users/minerva/notifications?filter=${partial}`)).body).toEqual([]);
    expect(
      (await rest<Json[]>('GET', `users/minerva/notifications?filter=${filter({ groupID: 'hogwarts' })}`)).body,
    ).toHaveLength(1);
  });

  it("refuses unknown users, users in no group, others' groups and filters Cord does not take", async () => {
    await members('hogwarts', 'minerva');
    await rest('POST', 'batch', { users: [{ id: 'loner', name: 'Loner' }], groups: [{ id: 'other', name: 'Other' }] });
    expect(await rest('GET', 'users/nobody/notifications')).toEqual({
      status: 401,
      body: { error: 'user_not_found', message: 'Platform user not found.' },
    });
    expect(await rest('GET', 'users/loner/notifications')).toEqual({
      status: 401,
      body: { error: 'group_not_found', message: 'Platform group not found.' },
    });
    expect((await rest('GET', `users/minerva/notifications?filter=${filter({ groupID: 'other' })}`)).status).toBe(401);
    expect(await rest('GET', `users/minerva/notifications?filter=${filter({ resolvedStatus: 'any' })}`)).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: 'The filter object does not support "resolvedStatus" as a field.' },
    });
  });
});

describe('DELETE /v1/notifications/<id>', () => {
  it('deletes the notification and every row shown with it, telling open pages; 404 for an unknown one', async () => {
    await members('hogwarts', 'severus', 'minerva', 'hermione');
    const { client } = await signIn(cord, memberToken('severus', 'hogwarts'));
    await client.ok({ type: 'notificationCounts.observe', queryId: 'count', filter: {} });
    await rest('POST', 'threads/t1/messages', {
      id: 'm1',
      authorID: 'severus',
      text: 'React to me',
      createThread: { groupID: 'hogwarts', name: 'T', url: 'https://example.com/', location: { page: 't' } },
    });
    for (const userId of ['minerva', 'hermione']) {
      const reacting = await signIn(cord, memberToken(userId, 'hogwarts'));
      await reacting.client.ok({ type: 'message.update', messageId: 'm1', addReactions: ['👍'] });
    }
    const counted = () => client.next((event) => event.type === 'notificationCounts');
    // Two reactions, one notification.
    expect(await counted()).toMatchObject({ unread: 1 });
    const [shown] = (await rest<Json[]>('GET', 'users/severus/notifications')).body;
    expect(await rest('DELETE', `notifications/${encodeURIComponent(shown!.id as string)}`)).toEqual({
      status: 200,
      body: { success: true, message: `💀 You successfully deleted notification ${shown!.id}` },
    });
    expect(cord.store.notifications.forRecipient('severus')).toEqual([]);
    expect(await counted()).toMatchObject({ unread: 0 });
    expect(await rest('DELETE', 'notifications/cord:none')).toEqual({
      status: 404,
      body: { error: 'notification_not_found', message: 'Notification not found.' },
    });
  });
});
