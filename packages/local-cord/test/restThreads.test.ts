// Cord's threads REST API on a real local Cord (GET, POST /v1/threads; GET, PUT, DELETE
// /v1/threads/<id>), through the real @cord-sdk/server: Cord's shapes, its errors word for
// word, its pagination, and every write pushed to the browsers that show the thread.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestBody } from '../src/protocol/requests.ts';
import type { LocalCord } from '../src/server/index.ts';
import { startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';
import {
  browserOf,
  cordRefusal,
  type EventOf,
  eventOf,
  type Json,
  newThread,
  paragraph,
  type RestApi,
  rawCall,
  refused,
  restApi,
  usersInGroup,
} from './support/restApi.ts';

let cord: LocalCord;
let api: RestApi;

beforeEach(async () => {
  cord = await startThrowawayLocalCord();
  api = restApi(cord);
  await usersInGroup(api, 'team', 'ada', 'bob');
});
afterEach(() => stopServer(cord));

const THREADS_DOCS = '\nRefer to https://docs.cord.com/rest-apis/threads/';
const invalid = (type: string, lines: string, docs = THREADS_DOCS) =>
  cordRefusal(400, 'invalid_request', `Invalid ${type}:\n${lines}.${docs}`);

/** What a browser's observeThreads with no filter asks for. */
const everyThread = (queryId: string): RequestBody => ({
  type: 'threads.observe',
  queryId,
  filter: { resolvedStatus: 'any', viewer: [] },
  sort: { sortBy: 'first_message_timestamp', sortDirection: 'descending' },
  count: 10,
});

/** A message at a chosen time, so that thread activity is known. */
const postAt = (threadId: string, at: string, extra: Json = {}) =>
  api(`v1/threads/${threadId}/messages`, 'POST', {
    authorID: 'ada',
    content: paragraph(`at ${at}`),
    createdTimestamp: at,
    ...extra,
  });

describe('POST /v1/threads and GET /v1/threads/<id>', () => {
  it("creates a thread with every field of Cord's ServerCreateThread and reads it back as CoreThreadData", async () => {
    await api('v1/users/eve', 'PUT', { name: 'Eve' });
    const created = await api('v1/threads', 'POST', {
      id: 't1',
      ...newThread('team', {
        metadata: { priority: 2, urgent: true, team: 'blue' },
        extraClassnames: 'launch',
        // Eve is no member and ghost does not exist: both are left out, as Cord leaves them out.
        addSubscribers: ['bob', 'eve', 'ghost'],
      }),
    });
    expect(created).toEqual({ success: true, message: 'Thread created.', threadID: 't1' });
    expect(await api('v1/threads/t1')).toEqual({
      id: 't1',
      organizationID: 'team',
      groupID: 'team',
      total: 0,
      userMessages: 0,
      actionMessages: 0,
      deletedMessages: 0,
      resolved: false,
      resolvedTimestamp: null,
      participants: [{ lastSeenTimestamp: null, userID: 'bob', displayName: 'User bob' }],
      subscribers: ['bob'],
      repliers: [],
      actionMessageRepliers: [],
      mentioned: [],
      typing: [],
      name: 'A thread',
      url: 'http://localhost:5173/',
      location: { page: 'home' },
      metadata: { priority: 2, urgent: true, team: 'blue' },
      extraClassnames: 'launch',
    });
  });

  it('gives a thread created without an id a cord: id, and pushes a new thread to a browser waiting for it', async () => {
    const { client } = await browserOf(cord, 'ada', 'team');
    await client.ok({ type: 'thread.observe', threadId: 'later' });
    const { threadID } = await api<{ threadID: string }>('v1/threads', 'POST', newThread('team'));
    expect(threadID).toMatch(/^cord:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await api('v1/threads', 'POST', { id: 'later', ...newThread('team', { name: 'Made by the server' }) });
    const pushed = await client.next<EventOf<'thread'>>(
      eventOf('thread', (e) => e.thread.id === 'later'),
      'the new thread',
    );
    expect(pushed.thread).toMatchObject({ name: 'Made by the server', groupID: 'team' });
  });

  it("refuses what Cord refuses, in Cord's words, and creates nothing", async () => {
    await api('v1/threads', 'POST', { id: 't1', ...newThread('team') });
    const post = (body: unknown) => refused(api('v1/threads', 'POST', body));

    expect(await post({ id: 't1', ...newThread('team') })).toEqual(
      cordRefusal(409, 'thread_already_exists', 'Thread already exists.'),
    );
    expect(await post(newThread('nowhere'))).toEqual(cordRefusal(401, 'group_not_found', 'Platform group not found.'));
    expect(await post({ id: 'cord:mine', ...newThread('team') })).toEqual(
      cordRefusal(400, 'invalid_field', 'Input type for id is not valid, expected identifier.'),
    );
    expect(await post({ groupID: 'team', resolved: true, organizationID: 'team' })).toEqual(
      invalid(
        'CreateThreadVariables',
        'Input {"groupID":"team","resolved":true,"organizationID":"team"} requires fields: location, name and url,\n' +
          'Input {"groupID":"team","resolved":true,"organizationID":"team"} has unexpected fields: resolved and organizationID',
      ),
    );
    expect(await post({ ...newThread('team'), name: 7, metadata: { nested: {} }, extraClassnames: 1 })).toEqual(
      invalid(
        'CreateThreadVariables',
        'Input 7 for name must be type string,\n' +
          'Input {} for metadata/nested must be type string or number or boolean,\n' +
          'Input 1 for extraClassnames must be type null or string',
      ),
    );
    // Lines in the order of Cord's schema (location, id, url, ...), whatever the body's.
    expect(await post({ ...newThread('team'), url: 5, id: 5 })).toEqual(
      invalid('CreateThreadVariables', 'Input 5 for id must be type string,\nInput 5 for url must be type string'),
    );
    expect(await rawCall(cord, 'v1/threads', 'POST', '[1]')).toEqual(
      invalid('CreateThreadVariables', 'Expected JSON object'),
    );
    expect((await api<{ threads: unknown[] }>('v1/threads')).threads).toHaveLength(1);
  });

  it('answers 404 for a thread that does not exist', async () => {
    expect(await refused(api('v1/threads/nope'))).toEqual(cordRefusal(404, 'thread_not_found', 'Thread not found.'));
  });
});

describe('PUT /v1/threads/<id>', () => {
  beforeEach(async () => {
    await api('v1/threads', 'POST', { id: 't1', ...newThread('team', { extraClassnames: 'keep' }) });
  });

  it('changes name, url, location, metadata and classes, and pushes the thread to a browser showing it', async () => {
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });

    const answer = await api('v1/threads/t1', 'PUT', {
      name: 'Renamed',
      url: 'http://localhost:5173/other',
      location: { page: 'other', section: 2 },
      metadata: { stage: 'review' },
      extraClassnames: null,
    });
    expect(answer).toEqual({ success: true, message: '✅ You successfully updated thread t1' });
    const changed = {
      name: 'Renamed',
      url: 'http://localhost:5173/other',
      location: { page: 'other', section: 2 },
      metadata: { stage: 'review' },
      // Cord: a null extraClassnames leaves the classes as they were.
      extraClassnames: 'keep',
    };
    expect(await api('v1/threads/t1')).toMatchObject(changed);
    const pushed = await client.next<EventOf<'thread'>>(
      eventOf('thread', (e) => e.thread.name === 'Renamed'),
      'the change',
    );
    expect(pushed.thread).toMatchObject(changed);
  });

  it("resolves with the action message a browser's resolve posts, and reopens silently without a userID", async () => {
    await api('v1/threads', 'POST', { id: 't2', ...newThread('team') });
    const { client } = await browserOf(cord, 'ada', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });
    // The JavaScript API's resolve, on another thread, for comparison.
    await client.ok({ type: 'thread.update', threadId: 't2', resolved: true });

    await api('v1/threads/t1', 'PUT', { resolved: true, userID: 'ada' });
    const action = await client.next<EventOf<'message'>>(eventOf('message'), 'the action message');
    const [byRest] = await api<Json[]>('v1/threads/t1/messages');
    const [byBrowser] = await api<Json[]>('v1/threads/t2/messages');
    const same = ['type', 'authorID', 'content', 'plaintext', 'translationKey', 'iconURL'];
    const pick = (message: Json | undefined) => Object.fromEntries(same.map((key) => [key, message?.[key]]));
    expect(pick(byRest)).toEqual(pick(byBrowser));
    expect(byRest).toMatchObject({ type: 'action_message', authorID: 'ada', translationKey: 'cord.thread_resolved' });
    expect(action.message.id).toBe(byRest?.id);
    const resolved = await api('v1/threads/t1');
    expect(resolved).toMatchObject({ resolved: true, actionMessages: 1, total: 1 });
    expect(Date.parse(String(resolved.resolvedTimestamp))).toBeGreaterThan(Date.now() - 10_000);

    // Resolving a resolved thread moves its time and posts nothing: the user named is not even looked up.
    const resolvedAt = resolved.resolvedTimestamp;
    await api('v1/threads/t1', 'PUT', { resolved: true, userID: 'ghost' });
    expect(await api('v1/threads/t1')).toMatchObject({ resolved: true, actionMessages: 1 });
    expect((await api('v1/threads/t1')).resolvedTimestamp).not.toBe(resolvedAt);

    await api('v1/threads/t1', 'PUT', { resolved: false });
    expect(await api('v1/threads/t1')).toMatchObject({ resolved: false, resolvedTimestamp: null, total: 1 });
    const reopened = await client.next<EventOf<'thread'>>(
      eventOf('thread', (e) => !e.thread.resolved),
      'the reopening',
    );
    expect(reopened.thread.actionMessages).toBe(1);
  });

  it('takes resolvedTimestamp over resolved, and accepts the deprecated organizationID to move the thread', async () => {
    await api('v1/threads/t1', 'PUT', { resolved: false, resolvedTimestamp: '2024-05-01T12:00:00+02:00' });
    expect(await api('v1/threads/t1')).toMatchObject({ resolved: true, resolvedTimestamp: '2024-05-01T10:00:00.000Z' });

    await usersInGroup(api, 'other', 'ada');
    await api('v1/threads/t1', 'PUT', { organizationID: 'other' });
    expect(await api('v1/threads/t1')).toMatchObject({ groupID: 'other', organizationID: 'other' });
  });

  it('subscribes and unsubscribes members, marks them seen or not, and shows who is typing', async () => {
    await postAt('t1', '2024-05-01T10:00:00Z');
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });

    await api('v1/threads/t1', 'PUT', { addSubscribers: ['bob', 'ghost'], removeSubscribers: ['ada'] });
    expect(await api('v1/threads/t1')).toMatchObject({ subscribers: ['bob'] });

    await api('v1/threads/t1', 'PUT', { seenByUsers: [{ userID: 'bob', seen: true }] });
    const seen = await api<{ participants: Json[] }>('v1/threads/t1');
    expect(seen.participants.find((p) => p.userID === 'bob')?.lastSeenTimestamp).toEqual(expect.any(String));
    await api('v1/threads/t1', 'PUT', { seenByUsers: [{ userID: 'bob', seen: false }] });
    const unseen = await api<{ participants: Json[] }>('v1/threads/t1');
    expect(unseen.participants.find((p) => p.userID === 'bob')?.lastSeenTimestamp).toBeNull();

    await api('v1/threads/t1', 'PUT', { typing: ['ada'] });
    expect(await api('v1/threads/t1')).toMatchObject({ typing: ['ada'] });
    const typing = await client.next<EventOf<'thread'>>(
      eventOf('thread', (e) => e.thread.typing.length > 0),
      'typing',
    );
    expect(typing.thread.typing).toEqual(['ada']);
    await api('v1/threads/t1', 'PUT', { typing: [] });
    expect(await api('v1/threads/t1')).toMatchObject({ typing: [] });
    await client.next(
      eventOf('thread', (e) => e.thread.typing.length === 0),
      'typing cleared',
    );
  });

  it('gives the thread a new id: its messages and notifications follow, and a browser on the old id loses it', async () => {
    await postAt('t1', '2024-05-01T10:00:00Z', { id: 'm1' });
    // Bob's reaction gives Ada a notification about the thread's message.
    await api('v1/threads/t1/messages/m1', 'PUT', { addReactions: [{ reaction: '👀', userID: 'bob' }] });
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });

    await api('v1/threads/t1', 'PUT', { id: 'launch' });
    expect(await refused(api('v1/threads/t1'))).toMatchObject({ status: 404 });
    expect(await api('v1/threads/launch')).toMatchObject({ id: 'launch', total: 1 });
    expect(await api('v1/threads/launch/messages/m1')).toMatchObject({ threadID: 'launch' });
    expect(await api('v1/users/ada/notifications')).toMatchObject([
      { attachment: { type: 'message', threadID: 'launch', messageID: 'm1' } },
    ]);
    await client.next(
      eventOf('threadGone', (e) => e.threadId === 't1'),
      'the old id gone',
    );
  });

  it("moves the thread to another group: browsers of the old group lose it, the new group's see it", async () => {
    await usersInGroup(api, 'other', 'bob', 'cyd');
    const ada = await browserOf(cord, 'ada', 'team');
    const cyd = await browserOf(cord, 'cyd', 'other');
    await ada.client.ok({ type: 'thread.observe', threadId: 't1' });
    await cyd.client.ok(everyThread('mine'));

    await api('v1/threads/t1', 'PUT', { groupID: 'other' });
    await ada.client.next(
      eventOf('threadGone', (e) => e.threadId === 't1'),
      'the thread gone for ada',
    );
    const arrived = await cyd.client.next<EventOf<'thread'>>(eventOf('thread'), 'the thread for cyd');
    expect(arrived.thread.groupID).toBe('other');
  });

  it("refuses what Cord refuses, in Cord's order and words, and changes nothing", async () => {
    await api('v1/threads', 'POST', { id: 't2', ...newThread('team') });
    const put = (body: unknown, id = 't1') => refused(api(`v1/threads/${id}`, 'PUT', body));

    expect(await put({ resolvedTimestamp: 'yesterday', seenByUsers: [{ userID: 'bob' }], colour: 'red' })).toEqual(
      invalid(
        'UpdateThreadVariables',
        'Input "yesterday" for resolvedTimestamp must match one of: date-time, null,\n' +
          'Input {"userID":"bob"} requires field: seen,\n' +
          'Input {"resolvedTimestamp":"yesterday","seenByUsers":[{"userID":"bob"}],"colour":"red"} has unexpected field: colour',
      ),
    );
    expect(await put({ name: 'x' }, 'nope')).toEqual(cordRefusal(404, 'thread_not_found', 'Thread not found.'));
    expect(await put({ id: 'cord:x' })).toEqual(
      cordRefusal(
        400,
        'invalid_field',
        'cord:x is not a valid identifier: https://docs.cord.com/reference/identifiers',
      ),
    );
    expect(await put({ id: 't2' })).toEqual(
      cordRefusal(409, 'thread_already_exists', 'Cannot change ID to t2 since a thread with that ID already exists'),
    );
    expect(await put({ addSubscribers: ['ada'], removeSubscribers: ['ada'] })).toEqual(
      cordRefusal(400, 'invalid_field', 'Adding and removing the same subscriber is invalid'),
    );
    expect(await put({ groupID: 'nowhere' })).toEqual(
      cordRefusal(401, 'organization_not_found', 'Platform organization not found.'),
    );
    expect(await put({ name: 'Lost', resolved: true, userID: 'ghost' })).toEqual(
      cordRefusal(401, 'user_not_found', 'Unknown user ghost'),
    );
    expect(await put({ name: 'Lost', typing: ['ghost', 'phantom'] })).toEqual(
      cordRefusal(401, 'user_not_found', 'Platform user not found.'),
    );
    expect(await api('v1/threads/t1')).toMatchObject({ name: 'A thread', resolved: false, typing: [] });
  });
});

describe('DELETE /v1/threads/<id>', () => {
  it('deletes the thread with its messages, and it leaves the pages that showed it', async () => {
    await api('v1/threads', 'POST', { id: 't1', ...newThread('team') });
    await postAt('t1', '2024-05-01T10:00:00Z', { id: 'm1', addReactions: [{ reaction: '👍', userID: 'bob' }] });
    const { client } = await browserOf(cord, 'bob', 'team');
    await client.ok({ type: 'thread.observe', threadId: 't1' });
    await client.ok({ type: 'message.observe', messageId: 'm1' });
    await client.ok(everyThread('all'));

    expect(await api('v1/threads/t1', 'DELETE')).toEqual({
      success: true,
      message: '💀 You successfully deleted thread t1',
    });
    expect(await refused(api('v1/threads/t1'))).toEqual(cordRefusal(404, 'thread_not_found', 'Thread not found.'));
    expect(await refused(api('v1/threads/t1', 'DELETE'))).toEqual(
      cordRefusal(404, 'thread_not_found', 'Thread not found.'),
    );
    expect(cord.store.counts()).toMatchObject({ threads: 0, messages: 0, reactions: 0, thread_participants: 0 });
    // One threadGone serves both the thread and the list; the observed message goes too.
    const gone = await client.pending('threadGone');
    expect(gone).toEqual([{ type: 'threadGone', threadId: 't1' }]);
    expect(await client.pending('messageGone')).toEqual([{ type: 'messageGone', threadId: 't1', messageId: 'm1' }]);
  });
});

describe('GET /v1/threads', () => {
  /** Threads t1..t4, each with one message an hour apart: t4 is the most recently active. */
  async function fourThreads() {
    await usersInGroup(api, 'other', 'ada');
    const specs = [
      ['t1', 'team', { page: 'home', tab: 'a' }, { tier: 'gold' }],
      ['t2', 'team', { page: 'home', tab: 'b' }, { tier: 'gold', big: true }],
      ['t3', 'other', { page: 'docs' }, { tier: 'free' }],
      ['t4', 'team', { page: 'home' }, {}],
    ] as const;
    for (const [index, [id, group, location, metadata]] of specs.entries()) {
      await api('v1/threads', 'POST', { id, ...newThread(group, { location, metadata }) });
      await postAt(id, `2024-05-01T1${index}:00:00Z`);
    }
    await api('v1/threads/t2', 'PUT', { resolved: true });
  }

  const ids = (page: { threads: Json[] }) => page.threads.map((thread) => thread.id);
  const list = (query = '') =>
    api<{ threads: Json[]; pagination: { token: string | null; total: number } }>(`v1/threads${query}`);
  const filtered = (filter: object, rest = '') => list(`?filter=${encodeURIComponent(JSON.stringify(filter))}${rest}`);

  it('lists the most recently active first, in pages whose token carries the cursor Cord puts in it', async () => {
    await fourThreads();
    const all = await list();
    expect(ids(all)).toEqual(['t4', 't3', 't2', 't1']);
    expect(all.pagination).toEqual({ token: null, total: 4 });
    // A list item is CoreThreadData without extraClassnames, and participants have no name.
    expect(all.threads[0]).not.toHaveProperty('extraClassnames');
    expect(all.threads[0]?.participants).toEqual([{ lastSeenTimestamp: expect.any(String), userID: 'ada' }]);

    const first = await list('?limit=3');
    expect(ids(first)).toEqual(['t4', 't3', 't2']);
    expect(first.pagination.total).toBe(4);
    const token = first.pagination.token!;
    expect(JSON.parse(Buffer.from(token, 'base64').toString())).toEqual({
      externalID: 't2',
      nextCursorTimestamp: '2024-05-01 11:00:00.000000',
    });
    const second = await list(`?limit=3&token=${encodeURIComponent(token)}`);
    expect(ids(second)).toEqual(['t1']);
    expect(second.pagination).toEqual({ token: null, total: 4 });
    expect(ids(await list('?limit=0'))).toEqual([]);
  });

  it("filters by location, metadata, group, resolved status and message times, as Cord's filter does", async () => {
    await fourThreads();
    expect(ids(await filtered({ location: { page: 'home' } }))).toEqual(['t4']);
    expect(ids(await filtered({ location: { value: { page: 'home' }, partialMatch: true } }))).toEqual([
      't4',
      't2',
      't1',
    ]);
    expect(ids(await filtered({ metadata: { tier: 'gold' } }))).toEqual(['t2', 't1']);
    expect(ids(await filtered({ groupID: 'other' }))).toEqual(['t3']);
    expect(ids(await filtered({ organizationID: 'other' }))).toEqual(['t3']);
    expect(ids(await filtered({ resolvedStatus: 'resolved' }))).toEqual(['t2']);
    expect(ids(await filtered({ resolvedStatus: 'unresolved' }))).toEqual(['t4', 't3', 't1']);
    expect(
      ids(await filtered({ firstMessageTimestamp: { from: '2024-05-01T11:00:00Z', to: '2024-05-01T12:00:00Z' } })),
    ).toEqual(['t3', 't2']);
    expect(ids(await filtered({ mostRecentMessageTimestamp: { to: Date.parse('2024-05-01T10:30:00Z') } }))).toEqual([
      't1',
    ]);
    const page = await filtered({ metadata: { tier: 'gold' } }, '&limit=1');
    expect(page.pagination.total).toBe(2);
  });

  it("refuses bad filters, limits and tokens with Cord's texts", async () => {
    const bad = async (query: string) => refused(list(query));
    const field = (message: string) => cordRefusal(400, 'invalid_field', message);
    const filter = (value: unknown) => `?filter=${encodeURIComponent(JSON.stringify(value))}`;
    expect(await bad('?filter=nope')).toEqual(field('The filter object must be a valid JSON object.'));
    expect(await bad(filter({ authorID: 'ada' }))).toEqual(
      field('The filter object does not support "authorID" as a field.'),
    );
    expect(await bad(filter({ viewer: ['mentioned'] }))).toEqual(
      field('The filter object does not support "viewer" as a field.'),
    );
    expect(await bad(filter({ location: [1] }))).toEqual(
      field('"location" must be valid JSON. See https://docs.cord.com/reference/location for more information.'),
    );
    expect(await bad(filter({ groupID: 5 }))).toEqual(field('"groupID" is not valid'));
    expect(await bad(filter({ resolvedStatus: 'done' }))).toEqual(
      field('"resolvedStatus" must be set to "any", "resolved", or "unresolved"'),
    );
    expect(await bad(filter({ firstMessageTimestamp: 'today' }))).toEqual(
      field('"firstMessageTimestamp" must be valid JSON object.'),
    );
    expect(await bad(filter({ firstMessageTimestamp: { since: 1 } }))).toEqual(
      field('"firstMessageTimestamp" object must only contain the fields: from and to}'),
    );
    expect(await bad(filter({ mostRecentMessageTimestamp: {} }))).toEqual(
      field('"mostRecentMessageTimestamp" object must contain at least one of the 2 optional fields: from or to'),
    );
    expect(await bad(filter({ mostRecentMessageTimestamp: { from: 'soon' } }))).toEqual(
      field('"from" value on "mostRecentMessageTimestamp" must be a valid date'),
    );
    expect(await bad(filter({ groupID: 'nowhere' }))).toEqual(
      cordRefusal(401, 'group_not_found', 'Platform group not found.'),
    );
    expect(await bad('?limit=ten')).toEqual(field('Limit must be a number.'));
    // A token of another list (no time in it) is not one of this list's.
    const usersToken = Buffer.from(JSON.stringify({ externalID: 'ada' })).toString('base64');
    expect(await bad(`?token=${usersToken}`)).toEqual(field('Pagination token is not valid'));
    expect(await bad('?token=a&token=b')).toEqual(field('Pagination token should be of type string.'));
  });
});
