// PUT /v1/users/<id>/presence on a real local Cord: a customer's server says where a user is,
// and a browser watching that location (a real WebSocket client) sees them arrive, move and
// leave at once; Cord's refusals for unknown users and groups, non-members and bad bodies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PRESENT_LOCATIONS, PRESENCE_LAPSE_MS } from '../src/protocol/limits.ts';
import type { PresenceView } from '../src/protocol/views.ts';
import type { LocalCord } from '../src/server/index.ts';
import { startThrowawayLocalCord, stopServer, type TestClient } from '../src/testing/index.ts';
import {
  browserOf,
  cordRefusal,
  type EventOf,
  eventOf,
  type Json,
  type RestApi,
  refused,
  restApi,
  usersInGroup,
} from './support/restApi.ts';

const PAGE = { page: 'home' };
const REFER = '\nRefer to https://docs.cord.com/rest-apis/presence/';

let cord: LocalCord;
let api: RestApi;
/** Bob's browser, watching PAGE (and every location within it) in the group `team`. */
let bob: TestClient;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await usersInGroup(api, 'team', 'ada', 'bob');
  await usersInGroup(api, 'elsewhere', 'eve');
  ({ client: bob } = await browserOf(cord, 'bob', 'team'));
  const watched = await bob.ok<{ users: PresenceView[] }>({ type: 'presence.watch', watchId: 'w', location: PAGE });
  expect(watched.users).toEqual([]);
});
afterEach(() => stopServer(cord));

const setPresence = (userId: string, body: Json) => api(`v1/users/${userId}/presence`, 'PUT', body);

/** The next answer of Bob's watch in which Ada's entry passes the test (undefined: not listed). */
async function adaSeen(test: (ada: PresenceView | undefined) => boolean, what: string) {
  const event = await bob.next<EventOf<'presence'>>(
    eventOf('presence', (event) => event.watchId === 'w' && test(event.users.find((entry) => entry.user.id === 'ada'))),
    what,
  );
  return event.users.find((entry) => entry.user.id === 'ada');
}

describe('PUT /v1/users/<id>/presence', () => {
  it("makes the user present to the location's watchers, and absent again", async () => {
    expect(await setPresence('ada', { groupID: 'team', location: PAGE })).toEqual({
      success: true,
      message: '✅ You successfully updated user ada presence',
    });
    const arrived = await adaSeen((ada) => ada?.present === true, "Ada's arrival");
    expect(arrived).toMatchObject({ user: { id: 'ada', name: 'User ada' }, present: true, lastSeen: null });
    expect(arrived?.locations).toEqual([PAGE]);

    await setPresence('ada', { groupID: 'team', location: PAGE, absent: true });
    // Not durable: once gone, Ada is not listed at all.
    expect(await adaSeen((ada) => ada === undefined, "Ada's departure")).toBeUndefined();
    expect(cord.store.presence.visibleIn(['team'])).toEqual([]);
  });

  it('moves the user within exclusiveWithin: present at the new place, gone from the old, in one answer', async () => {
    const region = { page: 'home' };
    await setPresence('ada', { groupID: 'team', location: { page: 'home', part: 'a' }, exclusiveWithin: region });
    await adaSeen((ada) => ada?.present === true, "Ada's arrival at part a");
    // Without a region, a second place adds to the first.
    await setPresence('ada', { groupID: 'team', location: { page: 'home', part: 'b' } });
    const both = await adaSeen((ada) => ada?.locations.length === 2, 'Ada at parts a and b');
    expect(both?.locations).toEqual(
      expect.arrayContaining([
        { page: 'home', part: 'a' },
        { page: 'home', part: 'b' },
      ]),
    );

    await setPresence('ada', { groupID: 'team', location: { page: 'home', part: 'c' }, organizationID: 'team' });
    await adaSeen((ada) => ada?.locations.length === 3, 'Ada at parts a, b and c');
    await setPresence('ada', { groupID: 'team', location: { page: 'home', part: 'd' }, exclusiveWithin: region });
    const moved = await adaSeen((ada) => ada?.locations.length === 1, 'Ada at part d alone');
    expect(moved).toMatchObject({ present: true, locations: [{ page: 'home', part: 'd' }] });
  });

  it("is the same presence as a browser's: the server can end it, and the browser's next word brings it back", async () => {
    const { client: adaBrowser } = await browserOf(cord, 'ada', 'team');
    await adaBrowser.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });
    await adaSeen((ada) => ada?.present === true, "Ada's arrival from her browser");

    await setPresence('ada', { groupID: 'team', location: PAGE, absent: true });
    await adaSeen((ada) => ada === undefined, 'Ada sent away by the server');
    // Her browser refreshes her presence, as Cord's SDK does: she is back, and Bob is told.
    await adaBrowser.ok({ type: 'presence.set', location: PAGE, present: true, durable: false });
    expect(await adaSeen((ada) => ada?.present === true, "Ada's return")).toMatchObject({ locations: [PAGE] });
  });

  it(`keeps a user at most at ${MAX_PRESENT_LOCATIONS} places, counting their browsers'`, async () => {
    const { client: adaBrowser } = await browserOf(cord, 'ada', 'team');
    await adaBrowser.ok({ type: 'presence.set', location: { page: 'tab' }, present: true, durable: false });
    for (let spot = 1; spot < MAX_PRESENT_LOCATIONS; spot++) {
      await setPresence('ada', { groupID: 'team', location: { page: 'doc', spot } });
    }
    const oneTooMany = setPresence('ada', { groupID: 'team', location: { page: 'doc', spot: 'one too many' } });
    expect(await refused(oneTooMany)).toEqual(
      cordRefusal(
        400,
        'invalid_request',
        `A user may be present at most at ${MAX_PRESENT_LOCATIONS} locations at once: ` +
          'leave one first (absent: true), or move with exclusiveWithin.',
      ),
    );
    // Set again where she already is: not a new place.
    await setPresence('ada', { groupID: 'team', location: { page: 'doc', spot: 1 } });
    await setPresence('ada', { groupID: 'team', location: { page: 'doc', spot: 1 }, absent: true });
    await setPresence('ada', { groupID: 'team', location: { page: 'doc', spot: 'one too many' } });
    expect(cord.store.presence.presentCount('ada')).toBe(MAX_PRESENT_LOCATIONS);
  });

  it('lapses like any presence unless set again', async () => {
    await setPresence('ada', { groupID: 'team', location: PAGE });
    await adaSeen((ada) => ada?.present === true, "Ada's arrival");
    // The sweep local Cord runs every few seconds, run as if her 30 s had passed.
    cord.hub.sweep(Date.now() + PRESENCE_LAPSE_MS + 1);
    expect(await adaSeen((ada) => ada === undefined, 'Ada lapsing')).toBeUndefined();
  });

  it('durable: writes "last seen here" without making the user present, as Cord did', async () => {
    const before = Date.now();
    await setPresence('ada', { groupID: 'team', location: PAGE, durable: true });
    const seen = await adaSeen((ada) => ada !== undefined, "Ada's visit");
    expect(seen).toMatchObject({ present: false, locations: [] });
    expect(seen?.lastSeen).toBeGreaterThanOrEqual(before);
    // Present now as well: "last seen" stays.
    await setPresence('ada', { groupID: 'team', location: PAGE });
    expect(await adaSeen((ada) => ada?.present === true, 'Ada present')).toMatchObject({ lastSeen: seen?.lastSeen });
  });

  it('refuses unknown users and groups, and users not in the group (checked at each call)', async () => {
    expect(await refused(setPresence('nobody', { groupID: 'team', location: PAGE }))).toEqual(
      cordRefusal(401, 'user_not_found', 'Platform user not found.'),
    );
    expect(await refused(setPresence('ada', { groupID: 'nowhere', location: PAGE }))).toEqual(
      cordRefusal(401, 'organization_not_found', 'Platform organization not found.'),
    );
    expect(await refused(setPresence('eve', { groupID: 'team', location: PAGE }))).toEqual(
      cordRefusal(401, 'user_not_in_organization', 'The user is not a member of the oranization.'),
    );
    await setPresence('ada', { groupID: 'team', location: PAGE });
    await adaSeen((ada) => ada?.present === true, "Ada's arrival");
    await api('v1/groups/team/members', 'POST', { remove: ['ada'] });
    expect(await refused(setPresence('ada', { groupID: 'team', location: PAGE }))).toEqual(
      cordRefusal(401, 'user_not_in_organization', 'The user is not a member of the oranization.'),
    );
  });

  it("refuses bad bodies with Cord's texts, and changes nothing", async () => {
    const refusal = (message: string) => cordRefusal(400, 'invalid_request', message);
    expect(await refused(setPresence('ada', { groupID: 'team' }))).toEqual(
      refusal(`Invalid UpdateUserPresenceVariables:\nInput {"groupID":"team"} requires field: location.${REFER}`),
    );
    expect(await refused(setPresence('ada', { groupID: 'team', location: PAGE, present: true }))).toEqual(
      refusal(
        `Invalid UpdateUserPresenceVariables:\nInput {"groupID":"team","location":{"page":"home"},"present":true} has unexpected field: present.${REFER}`,
      ),
    );
    expect(await refused(setPresence('ada', { groupID: 'team', location: PAGE, durable: 'yes' }))).toEqual(
      refusal(`Invalid UpdateUserPresenceVariables:\nInput "yes" for durable must be type boolean.${REFER}`),
    );
    // Lines in the order of Cord's schema, not of the body.
    expect(
      await refused(setPresence('ada', { groupID: 7, location: PAGE, durable: 'yes', exclusiveWithin: 5 })),
    ).toEqual(
      refusal(
        `Invalid UpdateUserPresenceVariables:\nInput 5 for exclusiveWithin must be type object,\nInput 7 for groupID must be type string,\nInput "yes" for durable must be type boolean.${REFER}`,
      ),
    );
    expect(await refused(setPresence('ada', { groupID: 'team', location: PAGE, durable: true, absent: true }))).toEqual(
      refusal('Cannot remove durable presence'),
    );
    expect(
      await refused(setPresence('ada', { groupID: 'team', location: PAGE, exclusiveWithin: { page: 'other' } })),
    ).toEqual(refusal('Cannot set a user present in a non-matching exclusivity region'));
    expect(await refused(setPresence('ada', { location: PAGE }))).toEqual(
      refusal('groupID is required: the group in which the user is present.'),
    );
    expect(cord.store.presence.visibleIn(['team'])).toEqual([]);
  });
});
