// The inspector with more than a page of data: counts, the first page of each list, search
// for the rest, and news of changes pushed to the page instead of it polling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectorState } from '../src/protocol/inspector.ts';
import type { LocalCord } from '../src/server/index.ts';
import { memberToken, sendBody, signIn, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

let cord: LocalCord;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'local-cord-inspector-'));
  cord = await startThrowawayLocalCord(join(dir, 'cord.db'));
});
afterEach(async () => {
  await stopServer(cord);
  rmSync(dir, { recursive: true, force: true });
});

async function state(search?: string): Promise<InspectorState> {
  const query = search === undefined ? '' : `?search=${encodeURIComponent(search)}`;
  const response = await fetch(`${cord.url}/inspector/state${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as InspectorState;
}

/** 60 users (`user-00` oldest) in one group, and 25 threads of two messages each. */
function manyRows() {
  const { store } = cord;
  store.transaction(() => {
    store.groups.upsert('crowd', { name: 'The crowd' }, 1_000);
    for (let i = 0; i < 60; i++) {
      const id = `user-${String(i).padStart(2, '0')}`;
      store.users.upsert(id, { name: `Person ${i}`, email: `${id}@example.com` }, 1_000 + i);
      store.groups.addMember('crowd', id);
    }
    for (let i = 0; i < 25; i++) {
      const threadId = `thread-${String(i).padStart(2, '0')}`;
      store.threads.create({
        id: threadId,
        groupId: 'crowd',
        name: `Topic ${i}`,
        url: 'http://localhost/',
        location: {},
      });
      for (const n of [1, 2]) {
        store.messages.insert({
          id: `${threadId}-m${n}`,
          threadId,
          authorId: 'user-00',
          content: sendBody(threadId, '', `Message ${n} of topic ${i}`).content,
        });
      }
    }
  });
}

describe('inspector pages', () => {
  it('shows the counts and the first page of each list, newest first', async () => {
    manyRows();

    const shown = await state();

    expect(shown.counts).toEqual({ users: 60, groups: 1, threads: 25, messages: 50 });
    expect(shown.users).toHaveLength(50);
    expect(shown.users[0]).toMatchObject({ id: 'user-59', groupIds: ['crowd'], groupCount: 1 });
    expect(shown.groups).toEqual([
      expect.objectContaining({ id: 'crowd', memberCount: 60, memberIds: expect.arrayContaining(['user-00']) }),
    ]);
    expect(shown.groups[0]?.memberIds).toHaveLength(20);
    // The thread with the newest message first, each with its messages and none left out.
    expect(shown.threads).toHaveLength(20);
    expect(shown.threads[0]).toMatchObject({ id: 'thread-24', earlierMessages: 0 });
    expect(shown.threads[0]?.messages.map((message) => message.plaintext)).toEqual([
      'Message 1 of topic 24',
      'Message 2 of topic 24',
    ]);
  });

  it('finds users, groups and threads beyond the first page by id, name or email', async () => {
    manyRows();

    const byId = await state('user-03');
    const byName = await state('Topic 3');
    const byEmail = await state('user-07@EXAMPLE');
    const literal = await state('%');

    expect(byId.search).toBe('user-03');
    expect(byId.users.map((user) => user.id)).toEqual(['user-03']);
    expect(byId.counts.users).toBe(60);
    expect(byName.threads.map((thread) => thread.id)).toEqual(['thread-03']);
    expect(byEmail.users.map((user) => user.id)).toEqual(['user-07']);
    // Search text is text: % and _ match themselves only.
    expect(literal.users).toEqual([]);
    expect((await state('crowd')).groups.map((group) => group.id)).toEqual(['crowd']);
  });

  it('tells an open page when something changes, instead of being polled', async () => {
    // Left open: local Cord drops it when it closes.
    const events = await fetch(`${cord.url}/inspector/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const received: string[] = [];
    const changed = async () => {
      while (!received.join('').includes('data: changed')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        received.push(value);
      }
      received.length = 0;
    };

    const alice = await signIn(cord, memberToken('alice', 'team'));
    await changed();
    await alice.client.ok(sendBody('t1', 'm1', 'Seen by the inspector'));
    await changed();
    expect((await state()).threads[0]?.messages[0]?.plaintext).toBe('Seen by the inspector');
  });
});
