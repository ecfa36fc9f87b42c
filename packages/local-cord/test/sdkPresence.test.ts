// Cord's `CordSDK.presence`: as Cord's LiveCursors drives it (a user moving within an
// exclusivity region, one location per cursor position, watched with partial matching by
// another page), durable and absent presence, groups, and its errors. Real SDK objects in
// node against a real local Cord with a database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserLocationData } from '@cord-sdk/types';
import Database from 'libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import {
  installBrowserLikeWebSocket,
  memberToken,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  tokenFor,
} from '../src/testing/index.ts';
import { recorder as recordsOf } from './support/recorder.ts';
import { closeSdkPages, openSdkPage } from './support/sdkPages.ts';

const GROUP = 'cursors';
const BASE = { page: 'board', __cord_live_cursors: true };

let cord: LocalCord;
let restoreWebSocket: () => void;
const dir = mkdtempSync(join(tmpdir(), 'local-cord-presence-'));
const database = join(dir, 'cord.db');

beforeAll(async () => {
  restoreWebSocket = installBrowserLikeWebSocket();
  cord = await startThrowawayLocalCord(database);
});
afterEach(closeSdkPages);
afterAll(async () => {
  await stopServer(cord);
  restoreWebSocket();
  rmSync(dir, { recursive: true, force: true });
});

/** A signed-in page's `CordSDK`. */
const page = async (userId: string) => (await openSdkPage(cord, userId, GROUP)).sdk;

/** Everything a presence observer is told. */
const recorder = () => recordsOf<UserLocationData[]>();

const locationsOf = (users: UserLocationData[], id: string) =>
  users.find((user) => user.id === id)?.ephemeral.locations;

function presenceRows(): number {
  const db = new Database(database, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM presence').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('CordSDK.presence', () => {
  it('moves a user within an exclusivity region in one step, as another page sees it', async () => {
    const ann = await page('ann');
    const bob = await page('bob');
    const seen = recorder();
    bob.presence.observePresence(BASE, seen.callback, { partial_match: true, exclude_durable: true });
    await seen.until((users) => users.length === 0, 'the empty start');

    for (let x = 1; x <= 5; x++) {
      await ann.presence.setPresent({ __cord_cursor_x: x, ...BASE }, { exclusive_within: BASE, groupID: GROUP });
    }
    await seen.until((users) => locationsOf(users, 'ann')?.[0]?.__cord_cursor_x === 5, 'the last position');
    // Every delivery after her arrival has her somewhere, at exactly one position.
    const afterArrival = seen.deliveries.slice(seen.deliveries.findIndex((users) => users.length > 0));
    for (const users of afterArrival) expect(locationsOf(users, 'ann')).toHaveLength(1);
    // The positions she left are forgotten, not kept as rows.
    expect(presenceRows()).toBe(1);

    await ann.presence.setPresent(
      { __cord_cursor_x: 5, ...BASE },
      { exclusive_within: BASE, groupID: GROUP, absent: true },
    );
    // She stays in what this observer is told, with no locations: that is how a cursor goes.
    const gone = await seen.until((users) => locationsOf(users, 'ann')?.length === 0, 'her leaving');
    expect(gone).toEqual([{ id: 'ann', ephemeral: { locations: [] } }]);
    expect(presenceRows()).toBe(0);
  });

  it('matches exactly unless asked for partial matching', async () => {
    const ann = await page('ann');
    const bob = await page('bob');
    const exact = recorder();
    const partial = recorder();
    bob.presence.observePresence({ page: 'doc' }, exact.callback);
    bob.presence.observePresence({ page: 'doc' }, partial.callback, { partial_match: true });

    await ann.presence.setPresent({ page: 'doc', section: 'intro' }, { groupID: GROUP });
    const below = await partial.until((users) => users.length > 0, 'ann below the page');
    expect(locationsOf(below, 'ann')).toEqual([{ page: 'doc', section: 'intro' }]);
    expect(exact.deliveries.flat()).toEqual([]);

    await ann.presence.setPresent({ page: 'doc' }, { groupID: GROUP });
    const there = await exact.until((users) => users.length > 0, 'ann at the page');
    expect(locationsOf(there, 'ann')).toEqual([{ page: 'doc' }]);
  });

  it('refuses, at the server too, a location outside its exclusivity region', async () => {
    const ann = await page('ann');
    await expect(
      ann.presence.setPresent({ page: 'other' }, { exclusive_within: BASE, groupID: GROUP }),
    ).rejects.toThrow('Cannot set a user present at a location not within the exclusivity region');
    const raw = await signIn(cord, memberToken('carol', GROUP));
    const refusal = await raw.client.refused({
      type: 'presence.set',
      location: { page: 'other' },
      present: true,
      durable: false,
      groupId: GROUP,
      exclusiveWithin: BASE,
    });
    expect(refusal.message).toBe('Cannot set a user present at a location not within the exclusivity region');
  });

  it('keeps durable presence apart from being present, as Cord does: where a user was last seen, kept after they leave', async () => {
    const ann = await page('ann');
    const bob = await page('bob');
    const all = recorder();
    const present = recorder();
    bob.presence.observePresence({ page: 'durable' }, all.callback);
    bob.presence.observeLocationData({ page: 'durable' }, present.callback, { exclude_durable: true });

    // A durable update alone says when Ann was last here; it does not make her present.
    await ann.presence.setPresent({ page: 'durable' }, { durable: true });
    const seen = await all.until((users) => users.some((user) => user.id === 'ann'), 'ann last seen');
    const annSeen = seen.find((user) => user.id === 'ann');
    expect(annSeen?.durable?.location).toEqual({ page: 'durable' });
    expect(annSeen?.durable?.timestamp).toBeInstanceOf(Date);
    expect(annSeen?.ephemeral.locations).toEqual([]);

    await ann.presence.setPresent({ page: 'durable' });
    await all.until((users) => locationsOf(users, 'ann')?.length === 1, 'ann here');
    await present.until((users) => locationsOf(users, 'ann')?.length === 1, 'ann here, ephemerally');
    // Before she was present, the observer that leaves durable presence out never listed her.
    const arrived = present.deliveries.findIndex((users) => locationsOf(users, 'ann')?.length === 1);
    const listedBefore = present.deliveries.slice(0, arrived).flat();
    expect(listedBefore.some((user) => user.id === 'ann')).toBe(false);

    await ann.presence.setPresent({ page: 'durable' }, { absent: true });
    const left = await all.until((users) => locationsOf(users, 'ann')?.length === 0, 'ann gone');
    expect(left.find((user) => user.id === 'ann')?.durable?.location).toEqual({ page: 'durable' });
    const gone = await present.until((users) => locationsOf(users, 'ann')?.length === 0, 'ann gone, ephemerally');
    expect(gone.every((user) => user.durable === undefined)).toBe(true);
  });

  it('writes presence in the group named, for a user whose token names none, seen only in that group', async () => {
    const other = `${GROUP}-other`;
    await page('ann');
    await openSdkPage(cord, 'ann', other);
    const { sdk: ann } = await openSdkPage(cord, 'ann', GROUP);
    await ann.init({ client_auth_token: tokenFor({ user_id: 'ann' }) });
    const inGroup = recorder();
    const inOther = recorder();
    (await page('bob')).presence.observePresence({ page: 'grouped' }, inGroup.callback);
    (await openSdkPage(cord, 'cat', other)).sdk.presence.observePresence({ page: 'grouped' }, inOther.callback);
    await inOther.until(() => true, 'the first answer');

    await ann.presence.setPresent({ page: 'grouped' }, { groupID: GROUP });
    await inGroup.until((users) => locationsOf(users, 'ann')?.length === 1, 'ann in the group');
    expect(inOther.deliveries.flat()).toEqual([]);
  });

  it("refuses what Cord refuses, with Cord's texts", async () => {
    const ann = await page('ann');
    await expect(ann.presence.setPresent('home' as never)).rejects.toThrow('Invalid location');
    await expect(ann.presence.setPresent({ page: 'x' }, { absent: true, durable: true })).rejects.toThrow(
      'Cannot set options.absent and options.durable at the same time.',
    );
    await expect(ann.presence.setPresent({ page: 'x' }, { exclusive_within: 'all' as never })).rejects.toThrow(
      'Invalid exclusive_within option',
    );
    expect(() => ann.presence.observePresence({ page: { nested: true } } as never, () => {})).toThrow(
      'Supplied matcher is not a valid location',
    );
  });
});
