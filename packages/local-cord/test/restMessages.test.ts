// Cord's messages REST API on a real local Cord (POST, PUT, DELETE, append under
// /v1/threads/<id>/messages, GET /v1/messages), through the real @cord-sdk/server: every
// field of Cord's ServerCreateMessage and ServerUpdateMessage, reactions, Cord's errors
// word for word and in its order, pagination, and each write pushed to browsers.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { startThrowawayLocalCord, stopServer, type TestClient } from '../src/testing/index.ts';
import {
  browserOf,
  cordRefusal,
  type EventOf,
  eventOf,
  type Json,
  newThread,
  paragraph,
  type RestApi,
  rawCall,
  refused,
  restApi,
  usersInGroup,
} from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await usersInGroup(api, 'team', 'ada', 'bob');
  await api('v1/users/eve', 'PUT', { name: 'Eve' });
});
afterEach(() => stopServer(cord));

const MESSAGES_DOCS = '\nRefer to https://docs.cord.com/rest-apis/messages/';
const invalid = (type: string, lines: string, docs = MESSAGES_DOCS) =>
  cordRefusal(400, 'invalid_request', `Invalid ${type}:\n${lines}.${docs}`);
const mention = (userId: string) => ({ type: 'mention', user: { id: userId }, children: [{ text: `@${userId}` }] });

/** Posts a message in t1 (made by the first one), as Ada unless said otherwise. */
const post = (extra: Json = {}) =>
  api<{ messageID: string }>('v1/threads/t1/messages', 'POST', {
    authorID: 'ada',
    content: paragraph('Hello'),
    createThread: newThread('team'),
    ...extra,
  });

async function watching(userId: string, threadId = 't1'): Promise<TestClient> {
  const { client } = await browserOf(cord, userId, 'team');
  await client.ok({ type: 'thread.observe', threadId });
  return client;
}

const pushedMessage = (client: TestClient, test: (message: EventOf<'message'>['message']) => boolean, what: string) =>
  client.next<EventOf<'message'>>(
    eventOf('message', (event) => test(event.message)),
    what,
  );

describe('POST /v1/threads/<id>/messages', () => {
  it("writes every field of Cord's ServerCreateMessage, and its createThread, and reads them back", async () => {
    const answer = await post({
      id: 'm1',
      content: [{ type: 'p', children: [{ text: 'Hi ' }, mention('bob'), { text: ' look', bold: true }] }],
      url: 'http://localhost:5173/#m1',
      createdTimestamp: '2024-05-01T10:00:00Z',
      updatedTimestamp: '2024-05-01T10:05:00.250Z',
      type: 'action_message',
      iconURL: 'https://example.com/icon.png',
      translationKey: 'custom.key',
      metadata: { source: 'import', weight: 3, pinned: false },
      extraClassnames: 'imported',
      skipLinkPreviews: true,
      subscribeToThread: false,
      addReactions: [
        { reaction: '👍', userID: 'bob', timestamp: '2024-05-01T11:00:00Z' },
        { reaction: '🎉', userID: 'ada' },
      ],
      createThread: newThread('team', {
        metadata: { kind: 'import' },
        extraClassnames: 'old',
        addSubscribers: ['eve'],
      }),
    });
    expect(answer).toEqual({ success: true, message: 'Message created.', messageID: 'm1' });

    const message = await api('v1/threads/t1/messages/m1');
    expect(message).toEqual({
      id: 'm1',
      authorID: 'ada',
      organizationID: 'team',
      groupID: 'team',
      threadID: 't1',
      content: [{ type: 'p', children: [{ text: 'Hi ' }, mention('bob'), { text: ' look', bold: true }] }],
      plaintext: 'Hi @bob look',
      url: 'http://localhost:5173/#m1',
      createdTimestamp: '2024-05-01T10:00:00.000Z',
      updatedTimestamp: '2024-05-01T10:05:00.250Z',
      deletedTimestamp: null,
      type: 'action_message',
      iconURL: 'https://example.com/icon.png',
      translationKey: 'custom.key',
      metadata: { source: 'import', weight: 3, pinned: false },
      extraClassnames: 'imported',
      skipLinkPreviews: true,
      attachments: [],
      reactions: [
        { reaction: '👍', userID: 'bob', timestamp: '2024-05-01T11:00:00.000Z' },
        { reaction: '🎉', userID: 'ada', timestamp: expect.any(String) },
      ],
      seenBy: ['ada'],
    });
    // Ada opted out of following; Bob follows as he is mentioned; Eve is no member and is left out.
    expect(await api('v1/threads/t1')).toMatchObject({
      metadata: { kind: 'import' },
      extraClassnames: 'old',
      subscribers: ['bob'],
      mentioned: ['bob'],
      actionMessages: 1,
    });
  });

  it("takes plain text (local Cord only), gives a message without an id a cord: id, and reads createThread's organizationID", async () => {
    const { groupID, ...thread } = newThread('team');
    const { messageID } = await api<{ messageID: string }>('v1/threads/t1/messages', 'POST', {
      authorID: 'ada',
      text: 'one\ntwo',
      createThread: { ...thread, organizationID: groupID },
    });
    expect(await api('v1/threads/t1')).toMatchObject({ groupID: 'team' });
    expect(messageID).toMatch(/^cord:[0-9a-f-]{36}$/);
    expect(await api(`v1/threads/t1/messages/${messageID}`)).toMatchObject({
      plaintext: 'one\ntwo',
      content: [paragraph('one')[0], paragraph('two')[0]],
    });
  });

  it('reopens a resolved thread with an action message just before the reply, and pushes both', async () => {
    await post({ id: 'm1' });
    await api('v1/threads/t1', 'PUT', { resolved: true });
    const client = await watching('bob');

    await post({ id: 'm2', authorID: 'bob', content: paragraph('Not done yet') });
    const reopening = await pushedMessage(client, (m) => m.type === 'action_message', 'the reopening');
    expect(reopening.message).toMatchObject({ authorID: 'bob', translationKey: 'cord.thread_unresolved' });
    const reply = await pushedMessage(client, (m) => m.id === 'm2', 'the reply');
    expect(reply.message.plaintext).toBe('Not done yet');
    expect(reopening.message.createdTimestamp).toBeLessThan(reply.message.createdTimestamp);
    expect(await api('v1/threads/t1')).toMatchObject({ resolved: false, userMessages: 2, actionMessages: 1 });
  });

  it("refuses what Cord refuses, in Cord's order and words, and writes nothing", async () => {
    await post({ id: 'm1' });
    const refuse = (body: Json, thread = 't1') => refused(api(`v1/threads/${thread}/messages`, 'POST', body));
    const ok = { authorID: 'ada', content: paragraph('x') };

    expect(await refuse({ id: 3, createThread: { groupID: 'team' }, mood: 'happy' })).toEqual(
      invalid(
        'CreateMessageVariables',
        'Input 3 for id must be type string,\n' +
          'Input {"id":3,"createThread":{"groupID":"team"},"mood":"happy"} requires fields: authorID and content,\n' +
          'Input {"groupID":"team"} requires fields: location, name and url,\n' +
          'Input {"id":3,"createThread":{"groupID":"team"},"mood":"happy"} has unexpected field: mood',
      ),
    );
    expect(await refuse({ ...ok, iconURL: 'not a url', type: 'system', createdTimestamp: '2024-05-01' })).toEqual(
      invalid(
        'CreateMessageVariables',
        'Input "system" for type must be equal to one of the allowed values: action_message or user_message,\n' +
          'Input "2024-05-01" for createdTimestamp must match format "date-time",\n' +
          'Input "not a url" for iconURL must match format "uri"',
      ),
    );
    // Lines in the order of Cord's schema, whatever the body's.
    const createThread = { groupID: 5, resolved: 'no', location: { page: 'home' }, url: 'https://x.test/', name: 'T' };
    expect(await refuse({ ...ok, createThread }, 'fresh')).toEqual(
      invalid(
        'CreateMessageVariables',
        'Input "no" for createThread/resolved must be type boolean,\nInput 5 for createThread/groupID must be type string',
      ),
    );
    expect(await refuse({ ...ok, type: 'system', addReactions: 5 })).toEqual(
      invalid(
        'CreateMessageVariables',
        'Input 5 for addReactions must be type array,\n' +
          'Input "system" for type must be equal to one of the allowed values: action_message or user_message',
      ),
    );
    expect(await refuse({ ...ok, authorID: 'cord:ada' })).toEqual(
      cordRefusal(400, 'invalid_field', 'Input type for authorID is not valid, expected identifier.'),
    );
    expect(await refuse(ok, 'nope')).toEqual(
      cordRefusal(404, 'thread_not_found', 'Could not find thread with ID nope'),
    );
    expect(await refuse({ ...ok, createThread: newThread('team') }, 'cord:new')).toEqual(
      cordRefusal(400, 'invalid_field', 'Input type for threadID is not valid, expected identifier.'),
    );
    expect(await refuse({ ...ok, id: 'm1' })).toEqual(
      cordRefusal(
        409,
        'message_already_exists',
        'Message with id: m1 already exists. Please use a different ID or update the message via our update ' +
          'message endpoint https://docs.cord.com/rest-apis/messages#Update-a-message.',
      ),
    );
    expect(await refuse({ ...ok, createThread: newThread('nowhere') }, 't2')).toEqual(
      cordRefusal(401, 'organization_not_found', 'Platform organization not found.'),
    );
    expect(await refuse({ ...ok, authorID: 'ghost' })).toEqual(
      cordRefusal(401, 'user_not_found', 'Invalid message sender user id: ghost.'),
    );
    expect(await refuse({ ...ok, authorID: 'eve' })).toEqual(
      cordRefusal(400, 'invalid_request', 'message author is not a member of the organization the thread belongs to'),
    );
    expect(await refuse({ ...ok, content: [{ text: 'bare' }] })).toEqual(
      cordRefusal(
        400,
        'invalid_field',
        `content field is invalid: Message contents contained invalid element(s): ${JSON.stringify([{ text: 'bare' }], null, 4)}`,
      ),
    );
    expect(await refuse({ ...ok, content: [{ type: 'p', children: [mention('ghost')] }] })).toEqual(
      cordRefusal(400, 'invalid_field', 'content field is invalid: Could not find mentioned user with ID ghost'),
    );
    const file = { type: 'file', id: 'f1' };
    expect(await refuse({ ...ok, addAttachments: [file, file] })).toEqual(
      cordRefusal(400, 'invalid_field', 'Cannot attach the same file multiple times'),
    );
    expect(await refuse({ ...ok, addAttachments: [file] })).toEqual(
      cordRefusal(404, 'file_not_found', 'File not found.'),
    );
    expect(await refuse({ ...ok, addReactions: [{ reaction: '👍', userID: 'ghost' }] })).toEqual(
      cordRefusal(401, 'user_not_found', 'User with ID ghost does not exist.'),
    );
    expect(await refuse({ ...ok, addReactions: [{ reaction: '👍', userID: 'eve' }] })).toEqual(
      cordRefusal(401, 'user_not_in_organization', "User with ID 'eve' does not belong in organization team."),
    );
    expect(cord.store.messages.inThread('t1').map((message) => message.id)).toEqual(['m1']);
    expect(cord.store.threads.get('t2')).toBeUndefined();
  });

  it('pushes a message posted through the API to a browser showing its thread, with its metadata and reactions', async () => {
    await post({ id: 'm1' });
    const client = await watching('bob');
    await post({ id: 'm2', metadata: { from: 'server' }, addReactions: [{ reaction: '🚀', userID: 'bob' }] });
    const pushed = await pushedMessage(client, (m) => m.id === 'm2', 'the API message');
    expect(pushed.message).toMatchObject({
      plaintext: 'Hello',
      metadata: { from: 'server' },
      reactions: [{ reaction: '🚀', userID: 'bob' }],
    });
  });
});

describe('PUT /v1/threads/<id>/messages/<id>', () => {
  beforeEach(async () => {
    await post({ id: 'm1', createdTimestamp: '2024-05-01T10:00:00Z' });
  });

  it('changes every field; new content marks it edited and subscribes who it now mentions', async () => {
    const client = await watching('bob');
    const changes = {
      content: [{ type: 'p', children: [{ text: 'Edited for ' }, mention('bob')] }],
      url: 'http://localhost:5173/#edited',
      type: 'action_message',
      iconURL: null,
      translationKey: 'edited.key',
      metadata: { v: 2 },
      extraClassnames: 'edited',
      skipLinkPreviews: true,
      authorID: 'bob',
      createdTimestamp: '2024-04-30T09:00:00.000Z',
    };
    const answer = await api('v1/threads/t1/messages/m1', 'PUT', changes);
    expect(answer).toEqual({ success: true, message: '✅ You successfully updated message m1' });
    const edited = await api('v1/threads/t1/messages/m1');
    expect(edited).toMatchObject({ ...changes, plaintext: 'Edited for @bob' });
    expect(Date.parse(String(edited.updatedTimestamp))).toBeGreaterThan(Date.now() - 10_000);
    expect(await api('v1/threads/t1')).toMatchObject({ subscribers: ['ada', 'bob'], mentioned: ['bob'] });
    const pushed = await pushedMessage(client, (m) => m.plaintext === 'Edited for @bob', 'the edit');
    expect(pushed.message).toMatchObject({ authorID: 'bob', metadata: { v: 2 } });

    // The same content again is no edit; an explicit updatedTimestamp is taken as it is.
    const before = (await api('v1/threads/t1/messages/m1')).updatedTimestamp;
    await api('v1/threads/t1/messages/m1', 'PUT', { content: edited.content, extraClassnames: null });
    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({
      updatedTimestamp: before,
      extraClassnames: 'edited',
    });
    await api('v1/threads/t1/messages/m1', 'PUT', { updatedTimestamp: null });
    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({ updatedTimestamp: null });
  });

  it("adds and removes users' reactions (the only way to over REST), and browsers see them", async () => {
    const client = await watching('bob');
    await api('v1/threads/t1/messages/m1', 'PUT', {
      addReactions: [
        { reaction: '👍', userID: 'bob' },
        { reaction: '👍', userID: 'ada', timestamp: '2024-05-02T08:00:00Z' },
      ],
    });
    const pushed = await pushedMessage(client, (m) => m.reactions.length === 2, 'the reactions');
    expect(pushed.message.reactions.map((r) => [r.reaction, r.userID])).toEqual([
      ['👍', 'ada'],
      ['👍', 'bob'],
    ]);

    // Added again with a time, an existing reaction only moves to that time.
    await api('v1/threads/t1/messages/m1', 'PUT', {
      addReactions: [{ reaction: '👍', userID: 'bob', timestamp: '2024-05-01T12:00:00Z' }],
      removeReactions: [{ reaction: '👍', userID: 'ada' }],
    });
    expect((await api('v1/threads/t1/messages/m1')).reactions).toEqual([
      { reaction: '👍', userID: 'bob', timestamp: '2024-05-01T12:00:00.000Z' },
    ]);
    await pushedMessage(client, (m) => m.reactions.length === 1, 'one reaction left');
  });

  it("deletes softly (browsers get the tombstone, the API keeps the content) and undeletes, as Cord's deleted does", async () => {
    const client = await watching('bob');
    await api('v1/threads/t1/messages/m1', 'PUT', { deleted: true });
    const deleted = await api('v1/threads/t1/messages/m1');
    expect(deleted).toMatchObject({ plaintext: 'Hello', deletedTimestamp: expect.any(String) });
    const tombstone = await pushedMessage(client, (m) => m.deletedTimestamp !== null, 'the tombstone');
    expect(tombstone.message.content).toEqual([]);
    expect(await api('v1/threads/t1')).toMatchObject({ total: 1, userMessages: 0, deletedMessages: 1 });

    await api('v1/threads/t1/messages/m1', 'PUT', { deleted: false });
    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({ deletedTimestamp: null });
    await api('v1/threads/t1/messages/m1', 'PUT', { deleted: false, deletedTimestamp: '2024-06-01T00:00:00Z' });
    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({ deletedTimestamp: '2024-06-01T00:00:00.000Z' });
  });

  it('gives the message a new id, with its reactions', async () => {
    await api('v1/threads/t1/messages/m1', 'PUT', { addReactions: [{ reaction: '👀', userID: 'bob' }] });
    const client = await watching('bob');
    await api('v1/threads/t1/messages/m1', 'PUT', { id: 'first' });
    expect(await api('v1/threads/t1/messages/first')).toMatchObject({ id: 'first', reactions: [{ reaction: '👀' }] });
    expect(await refused(api('v1/threads/t1/messages/m1'))).toMatchObject({ status: 404 });
    await client.next(
      eventOf('messageGone', (e) => e.messageId === 'm1'),
      'the old id gone',
    );
    await pushedMessage(client, (m) => m.id === 'first', 'the message under its new id');
  });

  it("refuses what Cord refuses, in Cord's order and words, and changes nothing", async () => {
    await post({ id: 'm2' });
    await api('v1/threads', 'POST', { id: 'other', ...newThread('team') });
    const put = (body: unknown, path = 't1/messages/m1') => refused(api(`v1/threads/${path}`, 'PUT', body));

    expect(
      await put({ deleted: 'yes', removeReactions: [{ reaction: 'x' }], removeAttachments: [{ type: 'x' }] }),
    ).toEqual(
      invalid(
        'UpdateMessageVariables',
        'Input "yes" for deleted must be type boolean,\n' +
          'Input {"type":"x"} for removeAttachments/0 must match one of: object, object,\n' +
          'Input {"reaction":"x"} requires field: userID',
      ),
    );
    expect(await put({ authorID: 5, content: 5, url: 5, deletedTimestamp: 'x', deleted: 'yes' })).toEqual(
      invalid(
        'UpdateMessageVariables',
        'Input "yes" for deleted must be type boolean,\n' +
          'Input "x" for deletedTimestamp must match one of: date-time, null,\n' +
          'Input 5 for url must be type null or string,\n' +
          'Input 5 for content must be type array,\n' +
          'Input 5 for authorID must be type string',
      ),
    );
    expect(await put({ metadata: {} }, 'nope/messages/m1')).toEqual(
      cordRefusal(404, 'thread_not_found', 'Thread not found.'),
    );
    expect(await put({ metadata: {} }, 'other/messages/m1')).toEqual(
      cordRefusal(404, 'message_not_found', 'Message not found.'),
    );
    expect(await put({ id: 'bad\u0000id' })).toEqual(
      cordRefusal(
        400,
        'invalid_field',
        'bad\u0000id is not a valid identifier: https://docs.cord.com/reference/identifiers',
      ),
    );
    expect(await put({ id: 'm2' })).toEqual(
      cordRefusal(409, 'message_already_exists', 'Cannot change ID to m2 since a message with that ID already exists'),
    );
    expect(await put({ authorID: 'ghost' })).toEqual(
      cordRefusal(401, 'user_not_found', 'Invalid message author id: ghost.'),
    );
    expect(await put({ content: [{ type: 'p', children: [] }] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_field', message: expect.stringMatching(/^content field is invalid: Message contents/) },
    });
    const thumb = { reaction: '👍', userID: 'bob' };
    expect(await put({ addReactions: [thumb], removeReactions: [thumb] })).toEqual(
      cordRefusal(400, 'invalid_field', 'Adding and removing the same reaction is invalid.'),
    );
    expect(await put({ metadata: { lost: true }, addReactions: [{ reaction: '👍', userID: 'eve' }] })).toEqual(
      cordRefusal(401, 'user_not_in_organization', "User with ID 'eve' does not belong in organization team."),
    );
    const file = { type: 'file', id: 'f1' };
    expect(await put({ addAttachments: [file], removeAttachments: [file] })).toEqual(
      cordRefusal(400, 'invalid_field', 'Adding and removing the same attachment is invalid.'),
    );
    expect(await put({ addAttachments: [file] })).toEqual(cordRefusal(404, 'file_not_found', 'File not found.'));
    expect(await api('v1/threads/t1/messages/m1')).toMatchObject({ metadata: {}, reactions: [], authorID: 'ada' });
  });
});

describe('POST /v1/threads/<id>/messages/<id>/append', () => {
  it('appends to a markdown message without marking it edited; other messages cannot be appended to', async () => {
    await post({ id: 'md', content: [{ type: 'markdown', children: [{ text: 'Thinking' }] }] });
    await post({ id: 'p' });
    const client = await watching('bob');

    expect(await api('v1/threads/t1/messages/md/append', 'POST', { text: '... done.' })).toEqual({
      success: true,
      message: '✅ You successfully updated message md',
    });
    expect(await api('v1/threads/t1/messages/md')).toMatchObject({
      content: [{ type: 'markdown', children: [{ text: 'Thinking... done.' }] }],
      updatedTimestamp: null,
    });
    await pushedMessage(client, (m) => m.plaintext === 'Thinking... done.', 'the appended text');

    expect(await refused(api('v1/threads/t1/messages/p/append', 'POST', { text: '!' }))).toEqual(
      cordRefusal(
        400,
        'message_not_appendable',
        'The request references a message that can not support appending. It must contain a markdown node only.',
      ),
    );
    expect(await refused(api('v1/threads/t1/messages/md/append', 'POST', {}))).toEqual(
      invalid('AppendMessageVariables', 'Input {} requires field: text', ''),
    );
    expect(await refused(api('v1/threads/t1/messages/none/append', 'POST', { text: '!' }))).toEqual(
      cordRefusal(404, 'message_not_found', 'Message not found.'),
    );
  });
});

describe('DELETE /v1/threads/<id>/messages/<id>', () => {
  it('deletes the message for good, and it leaves the pages that showed it', async () => {
    await post({ id: 'm1' });
    await post({ id: 'm2', addReactions: [{ reaction: '👍', userID: 'bob' }] });
    const client = await watching('bob');
    await client.ok({ type: 'message.observe', messageId: 'm2' });

    expect(await api('v1/threads/t1/messages/m2', 'DELETE')).toEqual({
      success: true,
      message: '💀 You successfully deleted message m2',
    });
    expect(await refused(api('v1/threads/t1/messages/m2'))).toEqual(
      cordRefusal(404, 'message_not_found', 'Message not found.'),
    );
    expect(await refused(api('v1/threads/t1/messages/m2', 'DELETE'))).toEqual(
      cordRefusal(404, 'message_not_found', 'Message not found.'),
    );
    expect(await api('v1/threads/t1')).toMatchObject({ total: 1, userMessages: 1, deletedMessages: 0 });
    expect(cord.store.counts()).toMatchObject({ messages: 1, reactions: 0 });
    expect(await client.pending('messageGone')).toEqual([
      { type: 'messageGone', threadId: 't1', messageId: 'm2', threadFollows: true },
    ]);
    const thread = await client.next<EventOf<'thread'>>(eventOf('thread'), 'the thread after');
    expect(thread.thread.userMessages).toBe(1);
  });
});

describe('GET /v1/threads/<id>/messages', () => {
  it('lists newest first, or oldest first in any case of "ascending"; anything else is refused', async () => {
    await post({ id: 'm1' });
    await post({ id: 'm2' });
    const listed = (query: string) => api<Json[]>(`v1/threads/t1/messages${query}`);
    expect((await listed('')).map((m) => m.id)).toEqual(['m2', 'm1']);
    expect((await listed('?sortDirection=ASCENDING')).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(await refused(listed('?sortDirection=up'))).toEqual(
      cordRefusal(400, 'invalid_request', "sortDirection value is invalid: must be 'ascending' or 'descending'"),
    );
  });

  it("refuses a thread id that is neither an identifier nor a cord:<uuid> with Cord's text", async () => {
    expect(await refused(api('v1/threads/cord:t1/messages'))).toEqual(
      cordRefusal(400, 'invalid_request', 'thread ID is invalid'),
    );
    expect(await refused(api(`v1/threads/${'t'.repeat(321)}/messages`))).toEqual(
      cordRefusal(400, 'invalid_request', 'thread ID is invalid'),
    );
    expect(await refused(api(`v1/threads/cord:${randomUUID()}/messages`))).toEqual(
      cordRefusal(404, 'thread_not_found', 'Thread not found.'),
    );
  });
});

describe('GET /v1/messages', () => {
  /** m1..m4 an hour apart, over two threads and two groups; m3 deleted. */
  async function fourMessages() {
    await usersInGroup(api, 'other', 'bob');
    const at = (hour: number) => `2024-05-01T1${hour}:00:00Z`;
    await post({ id: 'm1', createdTimestamp: at(0), metadata: { tag: 'a' } });
    await post({ id: 'm2', authorID: 'bob', createdTimestamp: at(1), metadata: { tag: 'b', n: 1 } });
    await api('v1/threads/t2/messages', 'POST', {
      id: 'm3',
      authorID: 'bob',
      content: paragraph('elsewhere'),
      createdTimestamp: at(2),
      deletedTimestamp: at(3),
      createThread: newThread('other', { location: { page: 'docs' } }),
    });
    await post({ id: 'm4', createdTimestamp: at(3), metadata: { tag: 'b' } });
  }

  const ids = (page: { messages: Json[] }) => page.messages.map((message) => message.id);
  const list = (query = '') =>
    api<{ messages: Json[]; pagination: { token: string | null; total: number } }>(`v1/messages${query}`);
  const filtered = (filter: object, rest = '') => list(`?filter=${encodeURIComponent(JSON.stringify(filter))}${rest}`);

  it('lists every message of the project oldest first (deleted ones too), in pages', async () => {
    await fourMessages();
    const all = await list();
    expect(ids(all)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(all.pagination).toEqual({ token: null, total: 4 });
    expect(all.messages[2]).toMatchObject({ plaintext: 'elsewhere', deletedTimestamp: '2024-05-01T13:00:00.000Z' });
    expect(all.messages[0]).toEqual(await api('v1/threads/t1/messages/m1'));

    const first = await list('?limit=2');
    expect(ids(first)).toEqual(['m1', 'm2']);
    const token = first.pagination.token!;
    expect(JSON.parse(Buffer.from(token, 'base64').toString())).toEqual({
      externalID: 'm2',
      createdAtWithMicros: '2024-05-01 11:00:00.000000',
    });
    const second = await list(`?limit=2&token=${encodeURIComponent(token)}`);
    expect(ids(second)).toEqual(['m3', 'm4']);
    expect(second.pagination).toEqual({ token: null, total: 4 });
  });

  it("filters by location, metadata, group and author, and refuses what Cord's filter refuses", async () => {
    await fourMessages();
    expect(ids(await filtered({ location: { page: 'docs' } }))).toEqual(['m3']);
    expect(ids(await filtered({ location: { value: { page: 'home' }, partialMatch: true } }))).toEqual([
      'm1',
      'm2',
      'm4',
    ]);
    expect(ids(await filtered({ metadata: { tag: 'b' } }))).toEqual(['m2', 'm4']);
    expect(ids(await filtered({ groupID: 'other' }))).toEqual(['m3']);
    expect(ids(await filtered({ authorID: 'bob', groupID: 'team' }))).toEqual(['m2']);
    expect((await filtered({ metadata: { tag: 'b' } }, '&limit=1')).pagination.total).toBe(2);

    const bad = (filter: object) => refused(filtered(filter));
    expect(await bad({ resolvedStatus: 'any' })).toEqual(
      cordRefusal(400, 'invalid_field', 'The filter object does not support "resolvedStatus" as a field.'),
    );
    expect(await bad({ authorID: 7 })).toEqual(cordRefusal(400, 'invalid_field', '"authorID" is not valid.'));
    expect(await bad({ groupID: 'nowhere' })).toEqual(cordRefusal(401, 'group_not_found', 'Platform group not found.'));
    expect(await bad({ authorID: 'ghost' })).toEqual(cordRefusal(401, 'user_not_found', 'Platform user not found.'));
  });

  it("answers a body that is not an object with Cord's text", async () => {
    await post({ id: 'm1' });
    expect(await rawCall(cord, 'v1/threads/t1/messages/m1', 'PUT', '"text"')).toEqual(
      invalid('UpdateMessageVariables', 'Expected JSON object'),
    );
  });
});
