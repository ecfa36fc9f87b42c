// Threads and messages between two members of one group, over real sockets.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadAnswer } from '../src/protocol/answers.ts';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent, WithUsers } from '../src/protocol/events.ts';
import type { MessageData, UserData } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
} from '../src/testing/index.ts';

type MessageEvent = Extract<ServerEvent, { type: 'message' }>;
type ThreadEvent = Extract<ServerEvent, { type: 'thread' }>;
type MessageAnswer = WithUsers & { message: MessageData };

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;

const isMessage = (id: string) => (event: ServerEvent) => event.type === 'message' && event.message.id === id;
const isThread = (id: string) => (event: ServerEvent) => event.type === 'thread' && event.thread.id === id;

/** Cord's ClientUserData of a user the tokens below create: a name, nothing else. */
const userNamed = (id: string, name: string): UserData => ({
  id,
  name,
  shortName: null,
  displayName: name,
  secondaryDisplayName: name,
  profilePictureURL: null,
  metadata: {},
});
const ALICE = userNamed('alice', 'Alice Liddell');
const BOB = userNamed('bob', 'Bob Dylan');

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
});
afterEach(() => stopServer(cord));

/**
 * Both observe the thread, Alice writes the first message, both see it arrive; what else
 * that pushed (the thread with its new counts) is cleared.
 */
async function firstMessage(threadId = 't1', messageId = 'm1', text = 'Hello Bob') {
  await alice.ok({ type: 'thread.observe', threadId });
  await bob.ok({ type: 'thread.observe', threadId });
  const { message } = await alice.ok<MessageAnswer>(sendBody(threadId, messageId, text));
  await alice.next(isMessage(messageId), 'own message push');
  await bob.next(isMessage(messageId), 'message push');
  await alice.drain();
  await bob.drain();
  return message;
}

describe('messages', () => {
  it('creates the thread with its first message, acks, stores and pushes it to the other member', async () => {
    const opened = await alice.ok<ThreadAnswer>({ type: 'thread.observe', threadId: 't1' });
    expect(opened).toEqual({ thread: null, messages: [], hasMore: false, users: [] });
    await bob.ok({ type: 'thread.observe', threadId: 't1' });

    const before = Date.now();
    const { message, users } = await alice.ok<MessageAnswer>(sendBody('t1', 'm1', 'Hello Bob'));

    expect(message).toEqual({
      id: 'm1',
      authorID: 'alice',
      groupID: 'team',
      threadID: 't1',
      content: [{ type: 'p', children: [{ text: 'Hello Bob' }] }],
      plaintext: 'Hello Bob',
      url: null,
      createdTimestamp: expect.any(Number),
      deletedTimestamp: null,
      updatedTimestamp: null,
      iconURL: null,
      translationKey: null,
      type: 'user_message',
      metadata: {},
      extraClassnames: null,
      reactions: [],
      attachments: [],
      seenBy: ['alice'],
      skipLinkPreviews: false,
      annotation: null,
      seen: true,
    });
    // The author comes beside the message, for the browser to name them.
    expect(users).toEqual([ALICE]);
    expect(message.createdTimestamp).toBeGreaterThanOrEqual(before);
    expect(cord.store.threads.get('t1')).toEqual({
      id: 't1',
      groupId: 'team',
      name: 'Thread t1',
      url: 'http://localhost:5173/',
      location: { location: 'http://localhost:5173/' },
      metadata: {},
      extraClassnames: null,
      resolvedAt: null,
      createdAt: expect.any(Number),
    });
    expect(cord.store.messages.inThread('t1')).toEqual([
      {
        id: 'm1',
        threadId: 't1',
        authorId: 'alice',
        type: 'user_message',
        content: message.content,
        plaintext: 'Hello Bob',
        url: null,
        iconURL: null,
        translationKey: null,
        metadata: {},
        extraClassnames: null,
        skipLinkPreviews: false,
        createdAt: message.createdTimestamp,
        editedAt: null,
        deletedAt: null,
        reactions: [],
        attachments: [],
        annotation: null,
      },
    ]);

    // Bob gets the same message, as he sees it: not seen by him yet.
    const pushed = await bob.next<MessageEvent>(isMessage('m1'), 'message push');
    expect(pushed.message).toEqual({ ...message, seen: false });
    expect(pushed.users).toEqual([ALICE]);

    // A member who observes the thread later finds it with its message.
    const later = await bob.ok<ThreadAnswer>({ type: 'thread.observe', threadId: 't1' });
    expect(later.thread).toMatchObject({
      id: 't1',
      groupID: 'team',
      name: 'Thread t1',
      resolved: false,
      resolvedTimestamp: null,
      userMessages: 1,
    });
    expect(later.messages).toEqual([{ ...message, seen: false }]);
    expect(later.hasMore).toBe(false);
    expect(later.users).toContainEqual(ALICE);
  });

  it('does not store a message twice when the same messageId is sent again', async () => {
    const message = await firstMessage();

    const again = await alice.ok<MessageAnswer>(sendBody('t1', 'm1', 'Hello Bob'));

    expect(again.message).toEqual(message);
    expect(cord.store.messages.inThread('t1')).toHaveLength(1);
    expect(cord.store.counts()).toMatchObject({ threads: 1, messages: 1 });
    expect(await bob.pending('message')).toEqual([]);
  });

  it('refuses a messageId another user already used', async () => {
    await firstMessage();

    const error = await bob.refused(sendBody('t1', 'm1', 'Mine now'));

    expect(error).toEqual({
      code: 'invalid_request',
      message:
        'Message with id: m1 already exists. Please use a different ID or update the message via our update ' +
        'message endpoint https://docs.cord.com/rest-apis/messages#Update-a-message.',
    });
    expect(cord.store.messages.inThread('t1').map((m) => [m.authorId, m.plaintext])).toEqual([['alice', 'Hello Bob']]);
  });

  it('refuses to create a thread under a reserved cord: id, and writes into a thread created with one', async () => {
    expect(await alice.refused(sendBody('cord:mine', 'm1', 'Hello'))).toEqual({
      code: 'invalid_request',
      message: 'Input type for threadID is not valid, expected identifier.',
    });
    expect(cord.store.counts()).toMatchObject({ threads: 0, messages: 0 });

    // thread.create without an id makes one of Cord's own, which is then written to as any other.
    const { threadId } = await alice.ok<{ threadId: string }>({
      type: 'thread.create',
      name: 'Generated',
      url: 'http://localhost:5173/',
      location: { page: 'home' },
    });
    expect(threadId).toMatch(/^cord:/);
    const { message } = await alice.ok<MessageAnswer>(sendBody(threadId, 'm1', 'Into a generated id'));
    expect(message.threadID).toBe(threadId);
    expect(cord.store.messages.inThread(threadId).map((m) => m.plaintext)).toEqual(['Into a generated id']);
  });

  it("creates a thread under the id Cord's composer makes for a thread it starts (cord: and a UUID)", async () => {
    const threadId = `cord:${randomUUID()}`;

    const { message } = await alice.ok<MessageAnswer>(sendBody(threadId, 'm1', 'From a composer'));

    expect(message.threadID).toBe(threadId);
    expect(cord.store.threads.get(threadId)?.groupId).toBe('team');
    // Only that form: a UUID with anything after it is still Cord's to refuse.
    expect(await alice.refused(sendBody(`${threadId}-mine`, 'm2', 'Hello'))).toMatchObject({
      message: 'Input type for threadID is not valid, expected identifier.',
    });
  });

  it('pushes only to connections that observe the thread', async () => {
    const { client: carol } = await signIn(cord, memberToken('carol', 'team'));
    await firstMessage();
    expect(await carol.pending('message')).toEqual([]);
    expect(await carol.pending('thread')).toEqual([]);

    await bob.ok({ type: 'thread.unobserve', threadId: 't1' });
    await alice.ok(sendBody('t1', 'm2', 'Still there?'));
    expect(await bob.pending('message')).toEqual([]);
    expect(await bob.pending('thread')).toEqual([]);
  });

  it('lets the author edit, and pushes the edit', async () => {
    await firstMessage();

    const { message } = await alice.ok<MessageAnswer>({
      type: 'message.update',
      messageId: 'm1',
      content: contentFromText('Hello, Bob!'),
    });

    expect(message).toMatchObject({
      id: 'm1',
      content: contentFromText('Hello, Bob!'),
      plaintext: 'Hello, Bob!',
      updatedTimestamp: expect.any(Number),
    });
    expect(cord.store.messages.get('m1')).toMatchObject({
      content: contentFromText('Hello, Bob!'),
      plaintext: 'Hello, Bob!',
      editedAt: message.updatedTimestamp,
    });
    const pushed = await bob.next<MessageEvent>(isMessage('m1'), 'edit push');
    expect(pushed.message).toEqual({ ...message, seen: false });
  });

  it('refuses an edit or delete by another user', async () => {
    await firstMessage();
    const cannotEdit = { code: 'forbidden', message: 'This user cannot edit this message.' };

    expect(
      await bob.refused({ type: 'message.update', messageId: 'm1', content: contentFromText('Hijacked') }),
    ).toEqual(cannotEdit);
    expect(await bob.refused({ type: 'message.update', messageId: 'm1', deleted: true })).toEqual(cannotEdit);

    expect(cord.store.messages.get('m1')).toMatchObject({ plaintext: 'Hello Bob', editedAt: null, deletedAt: null });
    expect(await alice.pending('message')).toEqual([]);
  });

  it('lets the author delete and undo, and pushes both', async () => {
    await firstMessage();

    const deleted = await alice.ok<MessageAnswer>({ type: 'message.update', messageId: 'm1', deleted: true });
    expect(deleted.message.deletedTimestamp).toEqual(expect.any(Number));
    // A deleted message is shown as a tombstone, with nothing of what it said.
    expect(deleted.message).toMatchObject({ content: [], plaintext: '', reactions: [] });
    expect((await bob.next<MessageEvent>(isMessage('m1'))).message.deletedTimestamp).toBe(
      deleted.message.deletedTimestamp,
    );

    const restored = await alice.ok<MessageAnswer>({ type: 'message.update', messageId: 'm1', deleted: false });
    expect(restored.message).toMatchObject({
      deletedTimestamp: null,
      content: contentFromText('Hello Bob'),
      plaintext: 'Hello Bob',
    });
    expect((await bob.next<MessageEvent>(isMessage('m1'))).message.deletedTimestamp).toBeNull();
    expect(cord.store.messages.get('m1')?.deletedAt).toBeNull();
  });

  it('answers not_found for a message that does not exist', async () => {
    const notFound = { code: 'not_found', message: 'Message not found.' };
    expect(await alice.refused({ type: 'message.update', messageId: 'nope', content: contentFromText('x') })).toEqual(
      notFound,
    );
    expect(await alice.refused({ type: 'message.update', messageId: 'nope', addReactions: ['👍'] })).toEqual(notFound);
  });

  it('adds and removes reactions of several users, pushing each change', async () => {
    await firstMessage();

    const bobs = await bob.ok<MessageAnswer>({ type: 'message.update', messageId: 'm1', addReactions: ['👍'] });
    expect(bobs.message.reactions).toEqual([{ reaction: '👍', userID: 'bob', timestamp: expect.any(Number) }]);
    expect((await alice.next<MessageEvent>(isMessage('m1'), 'reaction push')).message.reactions).toEqual(
      bobs.message.reactions,
    );

    await alice.ok({ type: 'message.update', messageId: 'm1', addReactions: ['👍'] });
    await alice.ok({ type: 'message.update', messageId: 'm1', addReactions: ['🎉'] });
    // Setting the same reaction twice counts once.
    await alice.ok({ type: 'message.update', messageId: 'm1', addReactions: ['🎉'] });
    expect(cord.store.messages.get('m1')?.reactions).toEqual([
      { messageId: 'm1', userId: 'bob', emoji: '👍', createdAt: expect.any(Number) },
      { messageId: 'm1', userId: 'alice', emoji: '👍', createdAt: expect.any(Number) },
      { messageId: 'm1', userId: 'alice', emoji: '🎉', createdAt: expect.any(Number) },
    ]);

    const off = await bob.ok<MessageAnswer>({ type: 'message.update', messageId: 'm1', removeReactions: ['👍'] });
    expect(off.message.reactions).toEqual([
      { reaction: '👍', userID: 'alice', timestamp: expect.any(Number) },
      { reaction: '🎉', userID: 'alice', timestamp: expect.any(Number) },
    ]);
    expect(cord.store.counts().reactions).toBe(2);
  });

  it('resolves and reopens a thread, pushing the state to the other member', async () => {
    await firstMessage();

    expect(await bob.ok({ type: 'thread.update', threadId: 't1', resolved: true })).toEqual({});
    const resolvedAt = cord.store.threads.get('t1')?.resolvedAt;
    expect(resolvedAt).toEqual(expect.any(Number));
    // Cord records the resolve in the thread, as an action message by whoever resolved it.
    expect(
      (await alice.next<MessageEvent>((event) => event.type === 'message', 'resolve message')).message,
    ).toMatchObject({
      type: 'action_message',
      authorID: 'bob',
      plaintext: '@Bob Dylan resolved this thread',
      translationKey: 'cord.thread_resolved',
    });
    expect((await alice.next<ThreadEvent>(isThread('t1'), 'resolve push')).thread).toMatchObject({
      resolved: true,
      resolvedTimestamp: resolvedAt,
    });
    // The resolver observes the thread too, and hears of it like everyone else.
    expect((await bob.next<ThreadEvent>(isThread('t1'), 'own resolve push')).thread).toMatchObject({
      resolved: true,
      resolvedTimestamp: resolvedAt,
    });

    expect(await alice.ok({ type: 'thread.update', threadId: 't1', resolved: false })).toEqual({});
    expect(
      (await bob.next<MessageEvent>((event) => event.type === 'message' && event.message.authorID === 'alice')).message,
    ).toMatchObject({ type: 'action_message', plaintext: '@Alice Liddell reopened this thread' });
    expect((await bob.next<ThreadEvent>(isThread('t1'), 'reopen push')).thread).toMatchObject({
      resolved: false,
      resolvedTimestamp: null,
    });
    expect(cord.store.threads.get('t1')?.resolvedAt).toBeNull();
  });

  it('answers not_found when resolving a thread that does not exist', async () => {
    expect(await alice.refused({ type: 'thread.update', threadId: 'nope', resolved: true })).toEqual({
      code: 'not_found',
      message: 'Thread not found.',
    });
    expect(cord.store.counts()).toMatchObject({ threads: 0, messages: 0 });
  });

  it('shows who is typing and clears it when they send', async () => {
    await firstMessage();

    await bob.ok({ type: 'thread.update', threadId: 't1', typing: true });
    const typing = await alice.next<ThreadEvent>(isThread('t1'), 'typing push');
    expect(typing.thread.typing).toEqual(['bob']);
    expect(typing.users).toContainEqual(BOB);

    await bob.ok(sendBody('t1', 'm2', 'Hi Alice'));
    expect((await alice.next<ThreadEvent>(isThread('t1'), 'typing cleared')).thread.typing).toEqual([]);
    const reply = await alice.next<MessageEvent>(isMessage('m2'));
    expect(reply.message.authorID).toBe('bob');
    expect(reply.users).toEqual([BOB]);
  });
});
