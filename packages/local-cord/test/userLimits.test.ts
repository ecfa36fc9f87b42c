// Limits per user, over all their connections: how many they may open, and how fast they
// may ask. A connection's own limit alone let one user multiply their rate by opening more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../src/protocol/events.ts';
import { MAX_CONNECTIONS_PER_USER, RATE_BURST, USER_RATE_BURST, USER_RATE_LIMIT } from '../src/protocol/limits.ts';
import type { LocalCord } from '../src/server/index.ts';
import { CLOSE_TOO_MANY_CONNECTIONS } from '../src/server/live/connection.ts';
import {
  connect,
  memberToken,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
} from '../src/testing/index.ts';

type Ack = Extract<ServerEvent, { type: 'ack' }>;

const dir = mkdtempSync(join(tmpdir(), 'local-cord-user-limits-'));
let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord(join(dir, `${Date.now()}-${Math.random()}.db`));
});
afterEach(() => stopServer(cord));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const aliceTab = async () => (await signIn(cord, memberToken('alice', 'team'))).client;
const health = async () => (await (await fetch(`${cord.url}/health`)).json()) as { connections: number };

describe('connections of one user', () => {
  it(`are at most ${MAX_CONNECTIONS_PER_USER}: one more is closed with ${CLOSE_TOO_MANY_CONNECTIONS}, and let in once another goes`, async () => {
    const tabs = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_USER }, aliceTab));

    const extra = await connect(cord);
    extra.send({ type: 'hello', token: memberToken('alice', 'team') });
    expect(await extra.closed).toEqual({
      code: CLOSE_TOO_MANY_CONNECTIONS,
      reason: `Too many connections: a user may have ${MAX_CONNECTIONS_PER_USER} open at once.`,
    });
    // No error event: the SDK keeps its session and tries again later.
    expect(extra.inbox).toEqual([]);
    expect(await health()).toMatchObject({ connections: MAX_CONNECTIONS_PER_USER });
    // Other users are not affected, and Alice's tabs keep working.
    await (await signIn(cord, memberToken('bob', 'team'))).client.sync();
    await tabs[0]!.sync();

    await tabs[0]!.close();
    const again = await aliceTab();
    await again.sync();
    expect(await health()).toMatchObject({ connections: MAX_CONNECTIONS_PER_USER + 1 });
  });
});

describe("a user's requests", () => {
  it(`are at most ${USER_RATE_LIMIT} a second over all their connections, each within its own limit`, async () => {
    // Each connection sends its own burst: alone, every one would be let through. Together
    // they ask for three times the user's burst: however slowly they are handled, some overflow.
    const tabs = await Promise.all(Array.from({ length: (3 * USER_RATE_BURST) / RATE_BURST }, aliceTab));
    const bob = (await signIn(cord, memberToken('bob', 'team'))).client;
    const burst = (tab: TestClient, t: number) => {
      const ids = Array.from({ length: RATE_BURST }, (_, i) => `t${t}-${i}`);
      for (const id of ids) tab.send({ type: 'presence.unwatch', watchId: 'w', id });
      return Promise.all(ids.map((id) => tab.ack(id)));
    };
    const acks: Ack[] = (await Promise.all(tabs.map(burst))).flat();

    const refused = acks.filter((ack) => 'error' in ack);
    expect(acks.length - refused.length).toBeGreaterThanOrEqual(USER_RATE_BURST);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((ack) => JSON.stringify(ack.error)))).toEqual(
      new Set([
        JSON.stringify({
          code: 'rate_limited',
          message: `Too many requests from this user: at most ${USER_RATE_LIMIT} a second over all their connections.`,
        }),
      ]),
    );
    // Another user has a budget of their own.
    await bob.ok({ type: 'presence.unwatch', watchId: 'w' });
  });
});
