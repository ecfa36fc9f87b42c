// Cord's presence facepile `exact-match`: a watch of a location sees the users at exactly
// that location, not those at locations below it (which the default, partial matching,
// includes). Real server, real WebSocket clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceView } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, type SignedIn, signIn, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

let cord: LocalCord;
let ann: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  cord = await startThrowawayLocalCord();
  ann = await signIn(cord, memberToken('ann', 'exact'));
  bob = await signIn(cord, memberToken('bob', 'exact'));
});
afterAll(() => stopServer(cord));

const ids = (users: PresenceView[]) => users.filter((entry) => entry.present).map((entry) => entry.user.id);

describe('presence watches with exactMatch', () => {
  it('see only the users at exactly the location, live', async () => {
    await ann.client.ok({
      type: 'presence.set',
      location: { page: 'doc', section: 'intro' },
      present: true,
      durable: false,
    });
    const partial = await bob.client.ok<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId: 'partial',
      location: { page: 'doc' },
    });
    const exact = await bob.client.ok<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId: 'exact',
      location: { page: 'doc' },
      exactMatch: true,
    });
    expect(ids(partial.users)).toEqual(['ann']);
    expect(ids(exact.users)).toEqual([]);

    // Ann arrives at the page itself: the exact watch is told; so is the partial one.
    await ann.client.ok({ type: 'presence.set', location: { page: 'doc' }, present: true, durable: false });
    const pushed = await bob.client.next<{ type: 'presence'; watchId: string; users: PresenceView[] }>(
      (event) => event.type === 'presence' && (event as { watchId?: string }).watchId === 'exact',
      'a push to the exact watch',
    );
    expect(ids(pushed.users)).toEqual(['ann']);
  });
});
