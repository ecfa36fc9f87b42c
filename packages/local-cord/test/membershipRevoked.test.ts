// A member removed from a group over REST loses it at once on every open connection:
// the group's presence, threads, counts and messages stop, and what their pages showed
// of it is withdrawn. Real server, real database file, real sockets, the real REST call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import type { PresenceView, ThreadCountsData } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  restCall,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
  tokenFor,
} from '../src/testing/index.ts';

type PresenceEvent = Extract<ServerEvent, { type: 'presence' }>;

const PAGE = { page: 'doc' };
const dir = mkdtempSync(join(tmpdir(), 'local-cord-revoked-'));
let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;

beforeEach(async () => {
  cord = await startThrowawayLocalCord(join(dir, `${Date.now()}-${Math.random()}.db`));
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  // Bob's token names no group: his reads reach every group he is in.
  await restCall(cord, 'PUT', 'users/bob', { name: 'Bob Dylan' });
  await restCall(cord, 'POST', 'groups/team/members', { add: ['bob'] });
  ({ client: bob } = await signIn(cord, tokenFor({ user_id: 'bob' })));
});
afterEach(() => stopServer(cord));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const removeBob = async () => {
  const removed = await restCall(cord, 'POST', 'groups/team/members', { remove: ['bob'] });
  expect(removed.status).toBe(200);
};
const presenceOf = (watchId: string) => (event: ServerEvent) => event.type === 'presence' && event.watchId === watchId;

describe('a member removed from a group over REST', () => {
  it("stops receiving the group's presence at once, and their watch shows nobody of it", async () => {
    await alice.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });
    const watched = await bob.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: PAGE });
    expect(watched.users.map((entry) => entry.user.id)).toEqual(['alice']);

    await removeBob();

    const withdrawn = await bob.next<PresenceEvent>(presenceOf('w'), 'the watch without the group');
    expect(withdrawn.users).toEqual([]);
    // Alice moves about the group's page: Bob hears nothing of it.
    await alice.ok({ type: 'presence.set', location: { ...PAGE, section: 'intro' }, present: true, durable: true });
    await alice.ok({ type: 'presence.set', location: PAGE, present: false, durable: false });
    expect(await bob.pending('presence')).toEqual([]);
  });

  it('leaves the places they were present at in the group: its watchers no longer see them', async () => {
    await alice.ok({ type: 'presence.watch', watchId: 'w', location: PAGE });
    await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable: false, groupId: 'team' });
    const arrived = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's arrival");
    expect(arrived.users.map((entry) => entry.user.id)).toEqual(['bob']);

    await removeBob();

    const left = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's departure");
    expect(left.users).toEqual([]);
  });

  it("loses the group's threads, counts and messages: views are told, nothing more arrives", async () => {
    await alice.ok(sendBody('t1', 'm1', 'Before'));
    await bob.ok({ type: 'thread.observe', threadId: 't1' });
    await bob.ok({ type: 'message.observe', messageId: 'm1' });
    await bob.ok({ type: 'threads.observe', queryId: 'list', filter: {}, sort: {}, count: 10 });
    await bob.ok({ type: 'threadCounts.observe', queryId: 'counts', filter: {} });
    await bob.drain();

    await removeBob();

    const events = await bob.drain();
    expect(events).toContainEqual({ type: 'threadGone', threadId: 't1' });
    const counts = events.filter((event) => event.type === 'threadCounts');
    expect(counts.at(-1)).toMatchObject({
      queryId: 'counts',
      counts: { total: 0 } satisfies Partial<ThreadCountsData>,
    });

    await alice.ok(sendBody('t1', 'm2', 'After'));
    await alice.ok({ type: 'message.update', messageId: 'm1', content: contentFromText('Edited') });
    await alice.ok(sendBody('t2', 'm3', 'A new thread'));
    const after = await bob.drain();
    expect(after.filter((event) => event.type !== 'viewer')).toEqual([]);
  });
});
