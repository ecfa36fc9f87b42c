// Page presence within one group: arriving, leaving, closing the tab, lapsing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../src/protocol/events.ts';
import { PRESENCE_LAPSE_MS } from '../src/protocol/limits.ts';
import type { PresenceView } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
  tokenFor,
} from '../src/testing/index.ts';

type PresenceEvent = Extract<ServerEvent, { type: 'presence' }>;

const PAGE = { location: 'http://localhost:5173/' };
const BOB_TOKEN = () => memberToken('bob', 'team', 'Bob Dylan');

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;

const presenceOf = (watchId: string) => (event: ServerEvent) => event.type === 'presence' && event.watchId === watchId;
const entry = (users: PresenceView[], id: string) => users.find((user) => user.user.id === id);

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, BOB_TOKEN()));
});
afterEach(() => stopServer(cord));

/** Alice watches PAGE; Bob arrives; Alice is told. */
async function bobArrives(durable: boolean) {
  const watched = await alice.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: PAGE });
  expect(watched.users).toEqual([]);
  await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable });
  const event = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's arrival");
  expect(event.users).toEqual([
    {
      user: {
        id: 'bob',
        name: 'Bob Dylan',
        shortName: null,
        displayName: 'Bob Dylan',
        secondaryDisplayName: 'Bob Dylan',
        profilePictureURL: null,
        metadata: {},
      },
      present: true,
      lastSeen: durable ? expect.any(Number) : null,
      locations: [PAGE],
    },
  ]);
  return event;
}

describe('presence', () => {
  it("pushes a member's arrival to a watcher, and their departure when they close the socket", async () => {
    await bobArrives(false);

    await bob.close();

    const left = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's departure");
    // Not durable: once gone, Bob is not listed at all.
    expect(entry(left.users, 'bob')).toBeUndefined();
    expect(cord.store.presence.visibleIn(['team'])).toEqual([]);
  });

  it('keeps a durable visitor listed as not present, with when they were last seen', async () => {
    await bobArrives(true);
    // Bob has been here a while: his "last seen" was written 50 s ago.
    const arrived = Date.now() - 50_000;
    cord.store.presence.set({
      userId: 'bob',
      groupId: 'team',
      location: PAGE,
      presentUntil: Date.now() + PRESENCE_LAPSE_MS,
      lastSeen: arrived,
    });

    const closing = Date.now();
    await bob.close();

    const left = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's departure");
    const bobEntry = entry(left.users, 'bob');
    expect(bobEntry).toMatchObject({ present: false, lastSeen: expect.any(Number) });
    // Leaving writes "last seen here": it says when he left, not when he arrived.
    expect(bobEntry!.lastSeen).toBeGreaterThanOrEqual(closing);
    expect(cord.store.presence.lastSeen({ userId: 'bob', groupId: 'team', location: PAGE })).toBe(bobEntry!.lastSeen);
  });

  it('marks a member absent at once when they say so', async () => {
    await bobArrives(true);

    await bob.ok({ type: 'presence.set', location: PAGE, present: false, durable: true });

    const left = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's departure");
    expect(entry(left.users, 'bob')).toMatchObject({ present: false, lastSeen: expect.any(Number) });
  });

  it('does not push a refresh of presence that has not changed', async () => {
    await bobArrives(false);

    await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });

    expect(await alice.pending('presence')).toEqual([]);
  });

  it('lapses presence that is not refreshed within 30 s, and not before', async () => {
    await bobArrives(false);

    cord.hub.sweep(Date.now() + PRESENCE_LAPSE_MS - 1_000);
    expect(await alice.pending('presence')).toEqual([]);

    cord.hub.sweep(Date.now() + PRESENCE_LAPSE_MS + 1_000);

    const lapsed = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's lapse");
    expect(entry(lapsed.users, 'bob')).toBeUndefined();
    // A refresh brings him back.
    await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });
    const back = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's return");
    expect(entry(back.users, 'bob')?.present).toBe(true);
  });

  it('keeps a user present while another of their connections is still there', async () => {
    await bobArrives(false);
    const { client: bobsOtherTab } = await signIn(cord, BOB_TOKEN());
    await bobsOtherTab.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });
    expect(await alice.pending('presence')).toEqual([]);

    await bob.close();
    const still = await alice.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: PAGE });
    expect(entry(still.users, 'bob')?.present).toBe(true);

    await bobsOtherTab.close();
    const gone = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's departure");
    expect(entry(gone.users, 'bob')).toBeUndefined();
  });

  it('matches locations partially, and stops pushing after unwatch', async () => {
    await alice.ok({ type: 'presence.watch', watchId: 'page', location: { page: 'docs' } });
    await alice.ok({ type: 'presence.watch', watchId: 'other', location: { page: 'blog' } });

    await bob.ok({ type: 'presence.set', location: { section: 'intro', page: 'docs' }, present: true, durable: false });

    const seen = await alice.next<PresenceEvent>(presenceOf('page'), 'presence on the docs page');
    expect(seen.users.map((user) => [user.user.id, user.present])).toEqual([['bob', true]]);
    expect(await alice.pending('presence')).toEqual([]);

    await alice.ok({ type: 'presence.unwatch', watchId: 'page' });
    await bob.ok({
      type: 'presence.set',
      location: { section: 'intro', page: 'docs' },
      present: false,
      durable: false,
    });
    expect(await alice.pending('presence')).toEqual([]);
  });

  it('lists present users before those only seen earlier', async () => {
    const { client: carol } = await signIn(cord, memberToken('carol', 'team', 'Carol'));
    await carol.ok({ type: 'presence.set', location: PAGE, present: true, durable: true });
    await carol.ok({ type: 'presence.set', location: PAGE, present: false, durable: true });
    await bob.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });

    const { users } = await alice.ok<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId: 'w',
      location: PAGE,
    });

    expect(users.map((user) => [user.user.id, user.present])).toEqual([
      ['bob', true],
      ['carol', false],
    ]);
  });

  it('refuses presence for a user signed in without a group and without naming one', async () => {
    await (await signIn(cord, memberToken('dave', 'team'))).client.close();
    const { client } = await signIn(cord, tokenFor({ user_id: 'dave' }));

    const error = await client.refused({ type: 'presence.set', location: PAGE, present: true, durable: false });

    expect(error.code).toBe('invalid_request');
    // Naming a group they are in works.
    await client.ok({ type: 'presence.set', location: PAGE, present: true, durable: false, groupId: 'team' });
  });

  it('marks where a user was last seen without making them present (Cord durable presence alone)', async () => {
    await alice.ok({ type: 'presence.watch', watchId: 'w', location: PAGE });
    const before = Date.now();

    await bob.ok({ type: 'presence.markSeen', location: PAGE });

    const event = await alice.next<PresenceEvent>(presenceOf('w'), "Bob's visit");
    const seen = entry(event.users, 'bob');
    expect(seen?.present).toBe(false);
    expect(seen?.lastSeen).toBeGreaterThanOrEqual(before);
  });

  it('refuses to mark a user seen without a group, or in a group they are not in', async () => {
    await (await signIn(cord, memberToken('dave', 'team'))).client.close();
    const { client } = await signIn(cord, tokenFor({ user_id: 'dave' }));

    const error = await client.refused({ type: 'presence.markSeen', location: PAGE });
    expect(error).toEqual({
      code: 'invalid_request',
      message: 'Must specify a group ID when setting presence to control who can see it',
    });
    const outsider = await client.refused({ type: 'presence.markSeen', location: PAGE, groupId: 'elsewhere' });
    expect(outsider.code).toBe('forbidden');
    expect(outsider.message).toMatch(/^User is not a member of group elsewhere\./);
    await client.ok({ type: 'presence.markSeen', location: PAGE, groupId: 'team' });
  });
});
