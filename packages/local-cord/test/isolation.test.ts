// Visibility across groups (contract section 4): a user of another organization sees and
// changes nothing of a group they are not in, however they ask.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PresenceView, ServerEvent } from '../src/protocol/views.ts';
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

/** Alice's thread t1 in group "team" with message m1, which Bob watches live. */
async function teamThread() {
  await alice.ok({ type: 'thread.open', threadId: 't1' });
  await bob.ok({ type: 'thread.open', threadId: 't1' });
  await alice.ok(sendBody('t1', 'm1', 'Team secret'));
  await bob.next((event) => event.type === 'message', 'message push');
}

describe('threads of another group', () => {
  it('cannot be opened, whatever group is named', async () => {
    await teamThread();

    expect(await eve.refused({ type: 'thread.open', threadId: 't1' })).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused({ type: 'thread.open', threadId: 't1', groupId: 'rivals' })).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused({ type: 'thread.open', threadId: 't1', groupId: 'team' })).toEqual(IN_OTHER_GROUP);
  });

  it('cannot be written to, reacted to, edited, deleted, resolved or typed in', async () => {
    await teamThread();
    const before = cord.store.counts();
    const messagesBefore = cord.store.messages.inThread('t1');

    expect(await eve.refused(sendBody('t1', 'e1', 'Let me in'))).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused(sendBody('t1', 'e2', 'Let me in', { groupId: 'team' }))).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused(sendBody('t1', 'e3', 'Let me in', { groupId: 'rivals' }))).toEqual(IN_OTHER_GROUP);
    expect((await eve.refused({ type: 'reaction.set', messageId: 'm1', emoji: '👎', on: true })).code).toBe(
      'not_found',
    );
    expect((await eve.refused({ type: 'message.edit', messageId: 'm1', text: 'Defaced' })).code).toBe('not_found');
    expect((await eve.refused({ type: 'message.delete', messageId: 'm1', deleted: true })).code).toBe('not_found');
    expect(await eve.refused({ type: 'thread.resolve', threadId: 't1', resolved: true })).toEqual(IN_OTHER_GROUP);
    expect(await eve.refused({ type: 'typing', threadId: 't1', typing: true })).toEqual(IN_OTHER_GROUP);

    expect(cord.store.counts()).toEqual(before);
    expect(cord.store.messages.inThread('t1')).toEqual(messagesBefore);
    expect(cord.store.threads.get('t1')).toMatchObject({ groupId: 'team', resolvedAt: null });
    // Nothing of Eve's reached the team either.
    expect(await bob.pending('message')).toEqual([]);
    expect(await bob.pending('thread')).toEqual([]);
  });

  it('pushes nothing to an outsider, even one who opened the id before the thread existed', async () => {
    // Eve opens t1 while it is still free (allowed: it would go to her group) ...
    expect(await eve.ok({ type: 'thread.open', threadId: 't1' })).toEqual({ thread: null });
    // ... then Alice creates it in "team" and the team uses it in every way.
    await teamThread();
    await alice.ok(sendBody('t1', 'm2', 'Another secret'));
    await alice.ok({ type: 'message.edit', messageId: 'm1', text: 'Edited secret' });
    await bob.ok({ type: 'reaction.set', messageId: 'm1', emoji: '🤫', on: true });
    await bob.ok({ type: 'typing', threadId: 't1', typing: true });
    await alice.ok({ type: 'thread.resolve', threadId: 't1', resolved: true });
    await alice.ok({ type: 'message.delete', messageId: 'm2', deleted: true });

    const received = [...(await eve.pending('message')), ...(await eve.pending('thread'))];
    expect(received).toEqual([]);
    expect(JSON.stringify(eve.inbox)).not.toContain('secret');
    // The team did hear all of it.
    expect((await bob.pending('message')).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a thread an outsider created out of reach of the first group too', async () => {
    await eve.ok(sendBody('rival-thread', 'r1', 'Rival plans'));
    expect(cord.store.threads.get('rival-thread')?.groupId).toBe('rivals');

    expect(await alice.refused({ type: 'thread.open', threadId: 'rival-thread' })).toEqual(IN_OTHER_GROUP);
    expect((await alice.refused({ type: 'reaction.set', messageId: 'r1', emoji: '👀', on: true })).code).toBe(
      'not_found',
    );
  });

  it('refuses writing a new thread into a group the user is not in', async () => {
    const error = await eve.refused(sendBody('new-thread', 'e1', 'Hi', { groupId: 'team' }));

    expect(error.code).toBe('forbidden');
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
