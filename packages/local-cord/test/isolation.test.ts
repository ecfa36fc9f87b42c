// Visibility across groups (contract section 4): a user of another organization sees and
// changes nothing of a group they are not in, however they ask.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import type { PresenceView } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
} from '../src/testing/index.ts';

const IN_OTHER_GROUP = {
  code: 'thread_in_other_group',
  message: 'Thread ID is already in use by another group in this application',
};
/** Cord's answer for a thread or message the user may not change: the same as for none at all. */
const THREAD_NOT_FOUND = { code: 'not_found', message: 'Thread not found.' };
const MESSAGE_NOT_FOUND = { code: 'not_found', message: 'Message not found.' };
const NOT_IN_TEAM = {
  code: 'forbidden',
  message:
    'User is not a member of group team. Verify you have created the group and added the user to it. ' +
    'See https://docs.cord.com/rest-apis/groups.',
};
const PAGE = { location: 'http://localhost:5173/' };

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;
let eve: TestClient;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
  ({ client: eve } = await signIn(cord, memberToken('eve', 'rivals', 'Eve Mallory')));
});
afterEach(() => stopServer(cord));

/** Alice's thread t1 in group "team" with message m1, which Bob watches live (what it pushed him is cleared). */
async function teamThread() {
  await alice.ok({ type: 'thread.observe', threadId: 't1' });
  await bob.ok({ type: 'thread.observe', threadId: 't1' });
  await alice.ok(sendBody('t1', 'm1', 'Team secret'));
  await bob.next((event) => event.type === 'message', 'message push');
  await bob.drain();
}

describe('threads of another group', () => {
  it('cannot be observed, whatever group is named', async () => {
    await teamThread();

    expect(await eve.refused({ type: 'thread.observe', threadId: 't1' })).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused({ type: 'thread.observe', threadId: 't1', groupId: 'rivals' })).toEqual(IN_OTHER_GROUP);
    // Naming a group she is not in is refused as Cord refuses it, before the thread is looked at.
    expect(await eve.refused({ type: 'thread.observe', threadId: 't1', groupId: 'team' })).toEqual(NOT_IN_TEAM);
    expect(await eve.ok({ type: 'message.observe', messageId: 'm1' })).toEqual({ message: null, users: [] });
    expect(JSON.stringify(eve.inbox)).not.toContain('secret');
  });

  it('cannot be written to, reacted to, edited, deleted, resolved or typed in', async () => {
    await teamThread();
    const before = cord.store.counts();
    const messagesBefore = cord.store.messages.inThread('t1');

    expect(await eve.refused(sendBody('t1', 'e1', 'Let me in'))).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused(sendBody('t1', 'e2', 'Let me in', { groupId: 'team' }))).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused(sendBody('t1', 'e3', 'Let me in', { groupId: 'rivals' }))).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused({ type: 'message.update', messageId: 'm1', addReactions: ['👎'] })).toEqual(
      MESSAGE_NOT_FOUND,
    );
    expect(await eve.refused({ type: 'message.update', messageId: 'm1', content: contentFromText('Defaced') })).toEqual(
      MESSAGE_NOT_FOUND,
    );
    expect(await eve.refused({ type: 'message.update', messageId: 'm1', deleted: true })).toEqual(MESSAGE_NOT_FOUND);
    expect(await eve.refused({ type: 'thread.update', threadId: 't1', resolved: true })).toEqual(THREAD_NOT_FOUND);
    expect(await eve.refused({ type: 'thread.update', threadId: 't1', typing: true })).toEqual(THREAD_NOT_FOUND);
    expect(await eve.refused({ type: 'thread.update', threadId: 't1', name: 'Ours now' })).toEqual(THREAD_NOT_FOUND);
    expect(await eve.refused({ type: 'thread.setSubscribed', threadId: 't1', subscribed: true })).toEqual(
      THREAD_NOT_FOUND,
    );

    expect(cord.store.counts()).toEqual(before);
    expect(cord.store.messages.inThread('t1')).toEqual(messagesBefore);
    expect(cord.store.threads.get('t1')).toMatchObject({ groupId: 'team', name: 'Thread t1', resolvedAt: null });
    // Nothing of Eve's reached the team either.
    expect(await bob.pending('message')).toEqual([]);
    expect(await bob.pending('thread')).toEqual([]);
  });

  it('pushes nothing to an outsider, even one who observed the ids before the thread existed', async () => {
    // Eve observes t1 and m1 while they are still free (allowed: t1 would go to her group),
    // and every list and count of her threads ...
    expect(await eve.ok({ type: 'thread.observe', threadId: 't1' })).toEqual({
      thread: null,
      messages: [],
      hasMore: false,
      users: [],
    });
    expect(await eve.ok({ type: 'message.observe', messageId: 'm1' })).toEqual({ message: null, users: [] });
    await eve.ok({ type: 'threads.observe', queryId: 'all', filter: {}, sort: {}, count: 10 });
    await eve.ok({ type: 'threadCounts.observe', queryId: 'all', filter: {} });
    // ... then Alice creates it in "team" and the team uses it in every way.
    await teamThread();
    await alice.ok(sendBody('t1', 'm2', 'Another secret'));
    await alice.ok({ type: 'message.update', messageId: 'm1', content: contentFromText('Edited secret') });
    await bob.ok({ type: 'message.update', messageId: 'm1', addReactions: ['🤫'] });
    await bob.ok({ type: 'thread.update', threadId: 't1', typing: true });
    await alice.ok({ type: 'thread.update', threadId: 't1', resolved: true });
    await alice.ok({ type: 'message.update', messageId: 'm2', deleted: true });

    // Her counts may be sent again (they stay empty); nothing of the team's thread is.
    const received = [...(await eve.pending('message')), ...(await eve.pending('thread'))];
    expect(received).toEqual([]);
    for (const { counts } of await eve.pending('threadCounts')) expect(counts.total).toBe(0);
    expect(JSON.stringify(eve.inbox)).not.toContain('secret');
    // The team did hear all of it.
    expect((await bob.pending('message')).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a thread an outsider created out of reach of the first group too', async () => {
    await eve.ok(sendBody('rival-thread', 'r1', 'Rival plans'));
    expect(cord.store.threads.get('rival-thread')?.groupId).toBe('rivals');

    expect(await alice.refused({ type: 'thread.observe', threadId: 'rival-thread' })).toEqual(IN_OTHER_GROUP);
    expect(await alice.refused({ type: 'message.update', messageId: 'r1', addReactions: ['👀'] })).toEqual(
      MESSAGE_NOT_FOUND,
    );
  });

  it('refuses writing a new thread into a group the user is not in', async () => {
    const error = await eve.refused(sendBody('new-thread', 'e1', 'Hi', { groupId: 'team' }));

    expect(error).toEqual(NOT_IN_TEAM);
    expect(cord.store.threads.get('new-thread')).toBeUndefined();
  });
});

describe('presence of another group', () => {
  const isPresence = (event: ServerEvent) => event.type === 'presence';

  it('is neither listed nor pushed to an outsider at the same location', async () => {
    const eveWatch = await eve.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: PAGE });
    expect(eveWatch.users).toEqual([]);
    const aliceWatch = await alice.ok<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId: 'w',
      location: PAGE,
    });
    expect(aliceWatch.users).toEqual([]);

    await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable: true });
    const seen = await alice.next<Extract<ServerEvent, { type: 'presence' }>>(isPresence, "Bob's presence");
    expect(seen.users.map((entry) => entry.user.id)).toEqual(['bob']);

    // Eve is present at the same URL, in her own group.
    await eve.ok({ type: 'presence.set', location: PAGE, present: true, durable: true });
    const eveSees = await eve.next<Extract<ServerEvent, { type: 'presence' }>>(isPresence, 'her own presence');
    expect(eveSees.users.map((entry) => entry.user.id)).toEqual(['eve']);

    expect(await eve.pending('presence')).toEqual([]);
    expect(await alice.pending('presence')).toEqual([]);
    const again = await eve.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w2', location: PAGE });
    expect(again.users.map((entry) => entry.user.id)).toEqual(['eve']);
    const teamView = await alice.ok<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId: 'w2',
      location: PAGE,
    });
    expect(teamView.users.map((entry) => entry.user.id)).toEqual(['bob']);
  });

  it('cannot be written or watched by naming the other group', async () => {
    const before = cord.store.counts();

    const set = await eve.refused({
      type: 'presence.set',
      location: PAGE,
      present: true,
      durable: true,
      groupId: 'team',
    });
    const watch = await eve.refused({ type: 'presence.watch', watchId: 'w', location: PAGE, groupId: 'team' });

    expect(set.code).toBe('forbidden');
    expect(watch.code).toBe('forbidden');
    expect(cord.store.counts()).toEqual(before);
  });
});
