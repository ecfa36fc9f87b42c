// Cord's `CordSDK.presence` as Cord's LiveCursors drives it: a user moving within an
// exclusivity region (one location per cursor position), watched with partial matching by
// another page. Real SDK objects in node against a real local Cord with a database file.
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
  WAIT_MS,
} from '../src/testing/index.ts';
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

/** Everything an observer is told, and a wait for the first delivery that passes a check. */
function recorder() {
  const deliveries: UserLocationData[][] = [];
  const waiters: Array<() => void> = [];
  return {
    deliveries,
    callback: (users: UserLocationData[]) => {
      deliveries.push(users);
      for (const wake of waiters.splice(0)) wake();
    },
    until(check: (users: UserLocationData[]) => boolean, what: string): Promise<UserLocationData[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never told: ${what}`)), WAIT_MS);
        const look = () => {
          const found = deliveries.find(check);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(look);
        };
        look();
      });
    },
  };
}

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
});
