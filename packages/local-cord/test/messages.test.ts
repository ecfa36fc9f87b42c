// Threads and messages between two members of one group, over real sockets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView, ServerEvent, ThreadView } from '../src/protocol/views.ts';
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

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;

const isMessage = (id: string) => (event: ServerEvent) => event.type === 'message' && event.message.id === id;
const isThread = (id: string) => (event: ServerEvent) => event.type === 'thread' && event.threadId === id;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
});
afterEach(() => stopServer(cord));

/** Both open the thread, Alice writes the first message, both see it arrive. */
async function firstMessage(threadId = 't1', messageId = 'm1', text = 'Hello Bob') {
  await alice.ok({ type: 'thread.open', threadId });
  await bob.ok({ type: 'thread.open', threadId });
  const { message } = await alice.ok<{ message: MessageView }>(sendBody(threadId, messageId, text));
  await alice.next(isMessage(messageId), 'own message push');
  await bob.next(isMessage(messageId), 'message push');
  return message;
}

describe('messages', () => {
  it('creates the thread with its first message, acks, stores and pushes it to the other member', async () => {
    const opened = await alice.ok<{ thread: ThreadView | null }>({ type: 'thread.open', threadId: 't1' });
    expect(opened.thread).toBeNull();
    await bob.ok({ type: 'thread.open', threadId: 't1' });

    const before = Date.now();
    const { message } = await alice.ok<{ message: MessageView }>(sendBody('t1', 'm1', 'Hello Bob'));

    expect(message).toEqual({
      id: 'm1',
      threadId: 't1',
      author: { id: 'alice', name: 'Alice Liddell', shortName: null, email: null, profilePictureURL: null },
      text: 'Hello Bob',
      createdAt: expect.any(Number),
      editedAt: null,
      deletedAt: null,
      reactions: [],
    });
    expect(message.createdAt).toBeGreaterThanOrEqual(before);
    expect(cord.store.threads.get('t1')).toEqual({
      id: 't1',
      groupId: 'team',
      name: 'Thread t1',
      url: 'http://localhost:5173/',
      location: { location: 'http://localhost:5173/' },
      resolvedAt: null,
      createdAt: expect.any(Number),
    });
    expect(cord.store.messages.inThread('t1')).toEqual([message]);

    const pushed = await bob.next<MessageEvent>(isMessage('m1'), 'message push');
    expect(pushed.message).toEqual(message);
    expect(pushed.message.author.name).toBe('Alice Liddell');

    // A member who opens the thread later finds it with its message.
    const later = await bob.ok<{ thread: ThreadView }>({ type: 'thread.open', threadId: 't1' });
    expect(later.thread).toMatchObject({
      id: 't1',
      groupId: 'team',
      name: 'Thread t1',
      resolvedAt: null,
      messages: [message],
    });
  });

  it('does not store a message twice when the same messageId is sent again', async () => {
    const message = await firstMessage();

    const again = await alice.ok<{ message: MessageView }>(sendBody('t1', 'm1', 'Hello Bob'));

    expect(again.message).toEqual(message);
    expect(cord.store.messages.inThread('t1')).toHaveLength(1);
    expect(cord.store.counts()).toMatchObject({ threads: 1, messages: 1 });
    expect(await bob.pending('message')).toEqual([]);
  });

  it('refuses a messageId another user already used', async () => {
    await firstMessage();

    const error = await bob.refused(sendBody('t1', 'm1', 'Mine now'));

    expect(error.code).toBe('invalid_request');
    expect(cord.store.messages.inThread('t1').map((m) => [m.author.id, m.text])).toEqual([['alice', 'Hello Bob']]);
  });

  it('pushes only to connections that have the thread open', async () => {
    const { client: carol } = await signIn(cord, memberToken('carol', 'team'));
    await firstMessage();
    expect(await carol.pending('message')).toEqual([]);

    await bob.ok({ type: 'thread.close', threadId: 't1' });
    await alice.ok(sendBody('t1', 'm2', 'Still there?'));
    expect(await bob.pending('message')).toEqual([]);
  });

  it('lets the author edit, and pushes the edit', async () => {
    await firstMessage();

    const { message } = await alice.ok<{ message: MessageView }>({
      type: 'message.edit',
      messageId: 'm1',
      text: 'Hello, Bob!',
    });

    expect(message).toMatchObject({ id: 'm1', text: 'Hello, Bob!', editedAt: expect.any(Number) });
    expect(cord.store.messages.view('m1')?.text).toBe('Hello, Bob!');
    const pushed = await bob.next<MessageEvent>(isMessage('m1'), 'edit push');
    expect(pushed.message).toEqual(message);
  });

  it('refuses an edit or delete by another user', async () => {
    await firstMessage();

    expect(await bob.refused({ type: 'message.edit', messageId: 'm1', text: 'Hijacked' })).toEqual({
      code: 'forbidden',
      message: 'Only the author can change this message.',
    });
    expect(await bob.refused({ type: 'message.delete', messageId: 'm1', deleted: true })).toMatchObject({
      code: 'forbidden',
    });

    expect(cord.store.messages.view('m1')).toMatchObject({ text: 'Hello Bob', editedAt: null, deletedAt: null });
    expect(await alice.pending('message')).toEqual([]);
  });

  it('lets the author delete and undo, and pushes both', async () => {
    await firstMessage();

    const deleted = await alice.ok<{ message: MessageView }>({
      type: 'message.delete',
      messageId: 'm1',
      deleted: true,
    });
    expect(deleted.message.deletedAt).toEqual(expect.any(Number));
    expect((await bob.next<MessageEvent>(isMessage('m1'))).message.deletedAt).toBe(deleted.message.deletedAt);

    const restored = await alice.ok<{ message: MessageView }>({
      type: 'message.delete',
      messageId: 'm1',
      deleted: false,
    });
    expect(restored.message).toMatchObject({ deletedAt: null, text: 'Hello Bob' });
    expect((await bob.next<MessageEvent>(isMessage('m1'))).message.deletedAt).toBeNull();
    expect(cord.store.messages.view('m1')?.deletedAt).toBeNull();
  });

  it('answers not_found for a message that does not exist', async () => {
    expect((await alice.refused({ type: 'message.edit', messageId: 'nope', text: 'x' })).code).toBe('not_found');
    expect((await alice.refused({ type: 'reaction.set', messageId: 'nope', emoji: '👍', on: true })).code).toBe(
      'not_found',
    );
  });

  it('adds and removes reactions of several users, pushing each change', async () => {
    await firstMessage();

    const bobs = await bob.ok<{ message: MessageView }>({
      type: 'reaction.set',
      messageId: 'm1',
      emoji: '👍',
      on: true,
    });
    expect(bobs.message.reactions).toEqual([{ emoji: '👍', userIds: ['bob'] }]);
    expect((await alice.next<MessageEvent>(isMessage('m1'), 'reaction push')).message.reactions).toEqual(
      bobs.message.reactions,
    );

    await alice.ok({ type: 'reaction.set', messageId: 'm1', emoji: '👍', on: true });
    await alice.ok({ type: 'reaction.set', messageId: 'm1', emoji: '🎉', on: true });
    // Setting the same reaction twice counts once.
    await alice.ok({ type: 'reaction.set', messageId: 'm1', emoji: '🎉', on: true });
    expect(cord.store.messages.view('m1')?.reactions).toEqual([
      { emoji: '👍', userIds: ['bob', 'alice'] },
      { emoji: '🎉', userIds: ['alice'] },
    ]);

    const off = await bob.ok<{ message: MessageView }>({
      type: 'reaction.set',
      messageId: 'm1',
      emoji: '👍',
      on: false,
    });
    expect(off.message.reactions).toEqual([
      { emoji: '👍', userIds: ['alice'] },
      { emoji: '🎉', userIds: ['alice'] },
    ]);
    expect(cord.store.counts().reactions).toBe(2);
  });

  it('resolves and reopens a thread, pushing the state to the other member', async () => {
    await firstMessage();

    const resolved = await bob.ok<{ resolvedAt: number | null }>({
      type: 'thread.resolve',
      threadId: 't1',
      resolved: true,
    });
    expect(resolved.resolvedAt).toEqual(expect.any(Number));
    expect(cord.store.threads.get('t1')?.resolvedAt).toBe(resolved.resolvedAt);
    expect(await alice.next<ThreadEvent>(isThread('t1'), 'resolve push')).toMatchObject({
      resolvedAt: resolved.resolvedAt,
    });
    // The resolver has the thread open too, and hears of it like everyone else.
    expect(await bob.next<ThreadEvent>(isThread('t1'), 'own resolve push')).toMatchObject({
      resolvedAt: resolved.resolvedAt,
    });

    const reopened = await alice.ok<{ resolvedAt: number | null }>({
      type: 'thread.resolve',
      threadId: 't1',
      resolved: false,
    });
    expect(reopened.resolvedAt).toBeNull();
    expect(await bob.next<ThreadEvent>(isThread('t1'), 'reopen push')).toMatchObject({ resolvedAt: null });
    expect(cord.store.threads.get('t1')?.resolvedAt).toBeNull();
  });

  it('answers not_found when resolving a thread that does not exist', async () => {
    expect((await alice.refused({ type: 'thread.resolve', threadId: 'nope', resolved: true })).code).toBe('not_found');
  });

  it('shows who is typing and clears it when they send', async () => {
    await firstMessage();

    await bob.ok({ type: 'typing', threadId: 't1', typing: true });
    expect(await alice.next<ThreadEvent>(isThread('t1'), 'typing push')).toMatchObject({
      typing: [{ id: 'bob', name: 'Bob Dylan' }],
    });

    await bob.ok(sendBody('t1', 'm2', 'Hi Alice'));
    expect(await alice.next<ThreadEvent>(isThread('t1'), 'typing cleared')).toMatchObject({ typing: [] });
    expect((await alice.next<MessageEvent>(isMessage('m2'))).message.author.name).toBe('Bob Dylan');
  });
});
