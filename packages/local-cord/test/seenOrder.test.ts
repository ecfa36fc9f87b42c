// Who has seen a message is worked out by comparing times: a participant's last look at the
// thread against the message's last change (protocol/seen.ts). Local Cord's clock counts
// milliseconds, so a look and a message written just after it can carry the same time; the
// message is then stamped just after the look, or the look would count as having seen it,
// and a look after such a message is stamped no earlier than it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import { seenBy } from '../src/protocol/seen.ts';
import { Store } from '../src/store/store.ts';

const T = Date.UTC(2026, 11, 1, 12);
let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-cord-seen-order-'));
  store = new Store(join(dir, 'cord.db'));
  store.groups.upsert('team', { name: 'Team' });
  for (const id of ['ada', 'bob', 'cat']) {
    store.users.upsert(id, { name: id });
    store.groups.addMember('team', id);
  }
  store.threads.create({ id: 't', groupId: 'team', name: 'T', url: 'http://localhost/', location: {} });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ada writes a message at `at`; who has seen it, from the looks in the database. */
function writtenAt(id: string, at: number): string[] {
  const message = store.messages.insert({ id, threadId: 't', authorId: 'ada', content: contentFromText(id) }, at);
  const looks = store.participants
    .inThread('t')
    .map((participant) => ({ userID: participant.user.id, lastSeenTimestamp: participant.lastSeenAt }));
  return seenBy(looks, { authorID: 'ada', createdTimestamp: message.createdAt, updatedTimestamp: message.editedAt });
}

describe('stamping a message after the looks at its thread', () => {
  it('puts a message written in the same millisecond as a look just after it, unseen by that look', () => {
    store.participants.setSeen('t', 'cat', T);
    const stamp = store.participants.stamp('t', T);
    expect(stamp).toBe(T + 1);
    expect(writtenAt('m1', stamp)).toEqual(['ada']);
    // Without the stamp, the tie would have counted Cat's earlier look.
    expect(writtenAt('m2', T)).toEqual(['ada', 'cat']);
  });

  it('leaves the time as it is when every look is older, and counts a later look', () => {
    store.participants.setSeen('t', 'cat', T - 5);
    const stamp = store.participants.stamp('t', T);
    expect(stamp).toBe(T);
    expect(writtenAt('m1', stamp)).toEqual(['ada']);
    store.participants.setSeen('t', 'cat', T + 1);
    expect(writtenAt('m2', stamp)).toEqual(['ada', 'cat']);
  });

  it('stamps a look that comes after a message stamped ahead of the clock no earlier than it', () => {
    store.participants.setSeen('t', 'cat', T);
    const stamp = store.participants.stamp('t', T);
    writtenAt('m1', stamp);
    // Bob looks in that same millisecond, after the message: he has seen it, Cat has not.
    store.participants.setSeen('t', 'bob', store.participants.stamp('t', T));
    expect(writtenAt('m2', stamp)).toEqual(['ada', 'bob']);
    // With every message older, a look is stamped when it happens.
    expect(store.participants.stamp('t', T + 10)).toBe(T + 10);
  });
});
