// A message may mention only members of its thread's group: the WebSocket API (a browser)
// and the REST API (a customer's server) refuse content mentioning anyone else, on a first
// message, a reply and an edit alike, and write nothing. Real local Cord, real sockets,
// the real @cord-sdk/server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageContent } from '../src/protocol/content.ts';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, signIn, startThrowawayLocalCord, stopServer, type TestClient } from '../src/testing/index.ts';
import { cordRefusal, newThread, type RestApi, refused, restApi, usersInGroup } from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;

const mention = (userId: string) => ({ type: 'mention', user: { id: userId }, children: [{ text: `@${userId}` }] });
const mentioning = (userId: string) =>
  [{ type: 'p', children: [{ text: 'Look, ' }, mention(userId)] }] as unknown as MessageContent;
const outsideGroup = (userId: string) =>
  `content field is invalid: Mentioned user with ID ${userId} is not a member of the thread's group`;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await usersInGroup(api, 'team', 'ada', 'bob');
  await usersInGroup(api, 'elsewhere', 'eve');
});
afterEach(() => stopServer(cord));

describe('over the WebSocket', () => {
  let ada: TestClient;

  beforeEach(async () => {
    ({ client: ada } = await signIn(cord, memberToken('ada', 'team')));
  });

  const send = (threadId: string, messageId: string, content: MessageContent) =>
    ({
      type: 'message.send',
      threadId,
      messageId,
      content,
      createThread: { name: 'A thread', url: 'http://localhost:5173/', location: { page: 'home' } },
    }) as const;

  it('refuses a first message or a reply mentioning someone of another group, and writes nothing', async () => {
    expect(await ada.refused(send('t1', 'm1', mentioning('eve')))).toEqual({
      code: 'invalid_request',
      message: outsideGroup('eve'),
    });
    expect(cord.store.threads.get('t1')).toBeUndefined();

    await ada.ok(send('t1', 'm1', mentioning('bob')));
    expect(await ada.refused(send('t1', 'm2', mentioning('eve')))).toEqual({
      code: 'invalid_request',
      message: outsideGroup('eve'),
    });
    expect(cord.store.messages.inThread('t1').map((message) => message.id)).toEqual(['m1']);
    expect(cord.store.notifications.forRecipient('eve')).toEqual([]);
  });

  it('answers a user who does not exist as one of another group, so a browser cannot probe who exists', async () => {
    expect(await ada.refused(send('t1', 'm1', mentioning('ghost')))).toEqual({
      code: 'invalid_request',
      message: outsideGroup('ghost'),
    });
  });

  it('refuses an edit that adds such a mention, and keeps the message as it was', async () => {
    await ada.ok(send('t1', 'm1', mentioning('bob')));
    const edit = { type: 'message.update', messageId: 'm1', content: mentioning('eve') } as const;
    expect(await ada.refused(edit)).toEqual({ code: 'invalid_request', message: outsideGroup('eve') });
    expect(cord.store.messages.get('m1')?.content).toEqual(mentioning('bob'));
  });
});

describe('over the REST API', () => {
  const post = (threadId: string, content: unknown) =>
    api(`v1/threads/${threadId}/messages`, 'POST', { authorID: 'ada', content, createThread: newThread('team') });

  it("refuses a new message mentioning someone outside the thread's group; an unknown user keeps Cord's text", async () => {
    expect(await refused(post('t1', mentioning('eve')))).toEqual(
      cordRefusal(400, 'invalid_field', outsideGroup('eve')),
    );
    expect(await refused(post('t1', mentioning('ghost')))).toEqual(
      cordRefusal(400, 'invalid_field', 'content field is invalid: Could not find mentioned user with ID ghost'),
    );
    expect(cord.store.threads.get('t1')).toBeUndefined();
    await post('t1', mentioning('bob'));
    expect(cord.store.messages.inThread('t1')).toHaveLength(1);
  });

  it('refuses an update mentioning someone outside the group, and changes nothing', async () => {
    await api('v1/threads/t1/messages', 'POST', {
      id: 'm1',
      authorID: 'ada',
      content: mentioning('bob'),
      createThread: newThread('team'),
    });
    expect(await refused(api('v1/threads/t1/messages/m1', 'PUT', { content: mentioning('eve') }))).toEqual(
      cordRefusal(400, 'invalid_field', outsideGroup('eve')),
    );
    expect(cord.store.messages.get('m1')?.content).toEqual(mentioning('bob'));
  });
});
