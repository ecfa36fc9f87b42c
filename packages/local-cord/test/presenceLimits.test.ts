// Presence stays bounded whatever a client sends: a location has a size and a number of
// keys it may not pass, and a user a number of places they may be present at at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LOCATION_KEYS, MAX_LOCATION_LENGTH, MAX_PRESENT_LOCATIONS } from '../src/protocol/limits.ts';
import { locationKey } from '../src/protocol/location.ts';
import type { PresenceView } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, signIn, startThrowawayLocalCord, stopServer, type TestClient } from '../src/testing/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'local-cord-presence-limits-'));
let cord: LocalCord;
let alice: TestClient;

beforeEach(async () => {
  cord = await startThrowawayLocalCord(join(dir, `${Date.now()}-${Math.random()}.db`));
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team')));
});
afterEach(() => stopServer(cord));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const here = (location: Record<string, string | number | boolean>) =>
  ({ type: 'presence.set', location, present: true, durable: false }) as const;
const presentRows = () => cord.store.presence.visibleIn(['team']).filter((row) => row.present);

describe('a location', () => {
  it(`may be at most ${MAX_LOCATION_LENGTH} characters as JSON, counted in code points`, async () => {
    // Exactly at the limit, with characters outside the BMP (two UTF-16 units each).
    const padding = MAX_LOCATION_LENGTH - locationKey({ page: '' }).length;
    const atLimit = { page: '🙂'.repeat(padding) };
    expect([...locationKey(atLimit)].length).toBe(MAX_LOCATION_LENGTH);
    await alice.ok(here(atLimit));

    const over = { page: 'x'.repeat(padding + 1) };
    expect(await alice.refused(here(over))).toEqual({
      code: 'invalid_request',
      message: `Invalid request: location: a location may be at most ${MAX_LOCATION_LENGTH} characters long as JSON`,
    });
    // The attack's 57 KB locations, which froze /health: refused, and nothing stored.
    const huge = Object.fromEntries(Array.from({ length: 19 }, (_, key) => [`k${key}`, 'v'.repeat(3_000)]));
    expect((await alice.refused(here(huge))).code).toBe('invalid_request');
    expect(presentRows().map((row) => row.location)).toEqual([atLimit]);
  });

  it(`may have at most ${MAX_LOCATION_KEYS} keys, when set and when watched`, async () => {
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, key) => [`k${key}`, key]));
    await alice.ok(here(keys(MAX_LOCATION_KEYS)));
    const tooMany = `Invalid request: location: must NOT have more than ${MAX_LOCATION_KEYS} properties`;
    expect(await alice.refused(here(keys(MAX_LOCATION_KEYS + 1)))).toEqual({
      code: 'invalid_request',
      message: tooMany,
    });
    expect(
      await alice.refused({ type: 'presence.watch', watchId: 'w', location: keys(MAX_LOCATION_KEYS + 1) }),
    ).toEqual({ code: 'invalid_request', message: tooMany });
  });
});

describe('places a user is present at', () => {
  const TOO_MANY_PLACES =
    `A user may be present at most at ${MAX_PRESENT_LOCATIONS} locations at once: ` +
    'leave one first (present: false), or move with exclusiveWithin.';

  it(`are at most ${MAX_PRESENT_LOCATIONS}, over all their connections; leaving or moving makes room`, async () => {
    const { client: secondTab } = await signIn(cord, memberToken('alice', 'team'));
    const half = MAX_PRESENT_LOCATIONS / 2;
    await Promise.all(Array.from({ length: half }, (_, spot) => alice.ok(here({ page: 'doc', spot }))));
    await Promise.all(
      Array.from({ length: half }, (_, spot) => secondTab.ok(here({ page: 'doc', spot: half + spot }))),
    );

    expect(await alice.refused(here({ page: 'doc', spot: 'one too many' }))).toEqual({
      code: 'invalid_request',
      message: TOO_MANY_PLACES,
    });
    expect(await secondTab.refused(here({ page: 'other' }))).toEqual({
      code: 'invalid_request',
      message: TOO_MANY_PLACES,
    });
    // Refreshing a place already held is not a new one.
    await alice.ok(here({ page: 'doc', spot: 0 }));
    expect(presentRows()).toHaveLength(MAX_PRESENT_LOCATIONS);

    // A cursor moving within the page leaves the connection's places there as it arrives.
    await alice.ok({ ...here({ page: 'doc', cursor: 1 }), exclusiveWithin: { page: 'doc' } });
    expect(presentRows()).toHaveLength(half + 1);
    await alice.ok({ ...here({ page: 'doc', cursor: 2 }), exclusiveWithin: { page: 'doc' } });
    expect(presentRows()).toHaveLength(half + 1);

    // Leaving a place makes room for another.
    await secondTab.close();
    const watched = await alice.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: {} });
    expect(watched.users[0]?.locations).toEqual([{ page: 'doc', cursor: 2 }]);
    expect(presentRows()).toHaveLength(1);
  });
});
