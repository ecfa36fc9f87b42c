// What may be stored (issue 11, findings 5 and 12): no control characters in ids and
// profile fields (SQLite reads a string only up to a NUL, so "m1\u0000x" came back as "m1",
// another message), text keeping only tab, line feed and carriage return; and a limit on
// every stored field, counted in code points, named in the error. Against a database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import {
  MAX_EMAIL_LENGTH,
  MAX_ID_LENGTH,
  MAX_LOCATION_VALUE_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_METADATA_KEYS,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REACTION_LENGTH,
  MAX_URL_LENGTH,
} from '../src/protocol/limits.ts';
import type { RequestBody } from '../src/protocol/requests.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  memberToken,
  refusedHello,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  type TestClient,
  tokenFor,
  tokenHello,
} from '../src/testing/index.ts';
import { type RestApi, refused, restApi } from './support/restApi.ts';

const NO_CONTROL = 'must not contain control characters (U+0000 to U+001F, U+007F to U+009F)';
const NO_CONTROL_IN_TEXT = 'must not contain control characters other than tab, line feed and carriage return';
const tooLong = (max: number) => `must NOT have more than ${max} characters`;
const EMOJI = '🦉'; // one code point, two UTF-16 units

let dataDir: string;
let database: string;
let cord: LocalCord;
let api: RestApi;
let alice: TestClient;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-cord-fields-'));
  database = join(dataDir, 'local-cord.db');
  cord = await startThrowawayLocalCord(database);
  api = restApi(cord);
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team')));
  await alice.ok(sendBody('t1', 'm1', "Alice's message"));
});
afterEach(async () => {
  await stopServer(cord);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Ids in the database file that hold a NUL (SQLite keeps the bytes but reads the text only up to it). */
function idsWithNul(): string[] {
  const db = new Database(database, { readonly: true });
  try {
    const tables = ['users', 'groups', 'threads', 'messages'];
    return tables.flatMap((table) =>
      (
        db.prepare(`SELECT hex(id) AS hex FROM ${table} WHERE instr(CAST(id AS BLOB), X'00') > 0`).all() as {
          hex: string;
        }[]
      ).map(({ hex }) => `${table}:${hex}`),
    );
  } finally {
    db.close();
  }
}

describe('control characters, over the WebSocket', () => {
  it('a message id "m1\\u0000x" is refused, and never reaches the database as another "m1"', async () => {
    const { client: bob } = await signIn(cord, memberToken('bob', 'team'));

    const refusal = await bob.refused(sendBody('t1', 'm1\u0000x', 'Mine'));

    expect(refusal).toEqual({ code: 'invalid_request', message: `Invalid request: messageId: ${NO_CONTROL}` });
    expect(idsWithNul()).toEqual([]);
    expect(cord.store.messages.inThread('t1').map(({ id, authorId }) => ({ id, authorId }))).toEqual([
      { id: 'm1', authorId: 'alice' },
    ]);
  });

  it.each<[string, () => RequestBody]>([
    ['a thread id', () => sendBody('t2\u0000', 'm2', 'Hello')],
    ['a group id', () => sendBody('t2', 'm2', 'Hello', { groupId: 'team\u0000' })],
    ['a reaction', () => ({ type: 'message.update', messageId: 'm1', addReactions: ['👍\u0007'] })],
    ['a thread name', () => ({ type: 'thread.update', threadId: 't1', name: 'Plans\u0000' })],
    ['a metadata key', () => ({ type: 'thread.update', threadId: 't1', metadata: { 'a\u0000': 1 } })],
  ])('%s with a control character is refused', async (_case, request) => {
    const refusal = await alice.refused(request());
    expect(refusal.code).toBe('invalid_request');
    expect(refusal.message).toContain(NO_CONTROL);
    expect(idsWithNul()).toEqual([]);
  });

  it('message text keeps tab, line feed and carriage return, and refuses other control characters', async () => {
    await alice.ok(sendBody('t1', 'm2', 'One\tcolumn\r\nand a line'));
    expect(cord.store.messages.get('m2')?.content).toEqual(contentFromText('One\tcolumn\r\nand a line'));

    for (const text of ['NUL\u0000', 'bell\u0007', 'escape\u001b[31m', 'delete\u007f', 'C1\u0085']) {
      const refusal = await alice.refused(sendBody('t1', 'm3', text));
      expect(refusal.message).toBe(`Invalid request: content: ${NO_CONTROL_IN_TEXT}`);
    }
    expect(cord.store.messages.get('m3')).toBeUndefined();
  });

  it('a token whose user id or profile holds one is refused', async () => {
    const nulId = await refusedHello(cord, tokenHello(tokenFor({ user_id: 'ada\u0000x' })));
    expect(nulId.error.message).toContain(`user_id (${NO_CONTROL})`);

    const nulName = await refusedHello(
      cord,
      tokenHello(tokenFor({ user_id: 'ada', user_details: { name: 'Ada\u0000Lovelace' } })),
    );
    expect(nulName.error.message).toContain(`user_details.name (${NO_CONTROL})`);
    expect(cord.store.users.exists('ada')).toBe(false);
  });
});

describe('control characters, over REST', () => {
  it('a path id with one is refused as an invalid field', async () => {
    expect(await refused(api('v1/users/ada%00x', 'PUT', { name: 'Ada' }))).toEqual({
      status: 400,
      body: { error: 'invalid_field', message: `The id ada%00x ${NO_CONTROL}.` },
    });
    expect(await refused(api('v1/threads/t1/messages/m1%00x'))).toMatchObject({ status: 400 });
    expect(idsWithNul()).toEqual([]);
  });

  it('ids and profile fields in a body are refused with the field named', async () => {
    const nulName = await refused(api('v1/users/ada', 'PUT', { name: 'Ada\u0000' }));
    expect(nulName).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(nulName.body.message).toContain(`for name ${NO_CONTROL}`);

    const nulAuthor = await refused(api('v1/threads/t1/messages', 'POST', { authorID: 'alice\u0000', text: 'Hi' }));
    expect(nulAuthor.body.message).toContain(`for authorID ${NO_CONTROL}`);

    const nulReaction = await refused(
      api('v1/threads/t1/messages/m1', 'PUT', { addReactions: [{ userID: 'alice', reaction: '👍\u0000' }] }),
    );
    expect(nulReaction.body.message).toContain(`for addReactions/0/reaction ${NO_CONTROL}`);

    const nulMessageId = await refused(
      api('v1/threads/t1/messages', 'POST', { id: 'm1\u0000x', authorID: 'alice', text: 'Hi' }),
    );
    expect(nulMessageId.status).toBe(400);
    expect(idsWithNul()).toEqual([]);
    expect(cord.store.users.exists('ada')).toBe(false);
  });
});

describe('limits on every stored field, in code points', () => {
  it('a 4 MiB user name is refused over REST, naming the limit, without sending the name back', async () => {
    const huge = 'a'.repeat(4 * 1024 * 1024);
    const answer = await refused(api('v1/users/ada', 'PUT', { name: huge }));

    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(answer.body.message).toContain(`for name ${tooLong(MAX_NAME_LENGTH)}`);
    expect(String(answer.body.message).length).toBeLessThan(2_000);
    expect(cord.store.users.exists('ada')).toBe(false);
  });

  it.each([
    ['name', { name: 'n'.repeat(MAX_NAME_LENGTH + 1) }, `for name ${tooLong(MAX_NAME_LENGTH)}`],
    ['shortName', { shortName: 'n'.repeat(MAX_NAME_LENGTH + 1) }, `for shortName ${tooLong(MAX_NAME_LENGTH)}`],
    ['email', { email: `${'e'.repeat(MAX_EMAIL_LENGTH)}@x.test` }, `for email ${tooLong(MAX_EMAIL_LENGTH)}`],
    [
      'profilePictureURL',
      { profilePictureURL: `https://x.test/${'p'.repeat(MAX_URL_LENGTH)}` },
      `for profilePictureURL ${tooLong(MAX_URL_LENGTH)}`,
    ],
    [
      'a metadata value',
      { metadata: { bio: 'b'.repeat(MAX_METADATA_VALUE_LENGTH + 1) } },
      `for metadata/bio ${tooLong(MAX_METADATA_VALUE_LENGTH)}`,
    ],
    [
      'metadata keys',
      { metadata: Object.fromEntries(Array.from({ length: MAX_METADATA_KEYS + 1 }, (_, key) => [`k${key}`, key])) },
      `for metadata must NOT have more than ${MAX_METADATA_KEYS} properties`,
    ],
  ])("a user's %s over its limit is refused over REST", async (_case, body, line) => {
    const answer = await refused(api('v1/users/ada', 'PUT', body));
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(answer.body.message).toMatch(/^Invalid UpdatePlatformUserVariables:\nInput /);
    expect(answer.body.message).toContain(line);
  });

  it('a group name and a thread name over the limit are refused over REST, with the limit in Cord’s words', async () => {
    const group = await refused(api('v1/groups/team', 'PUT', { name: 'g'.repeat(MAX_NAME_LENGTH + 1) }));
    expect(group.body.message).toContain(`for name ${tooLong(MAX_NAME_LENGTH)}`);

    const thread = await refused(api('v1/threads/t1', 'PUT', { name: 't'.repeat(MAX_NAME_LENGTH + 1) }));
    expect(thread.status).toBe(400);
    expect(thread.body.message).toContain(`for name ${tooLong(MAX_NAME_LENGTH)}`);
  });

  it('limits count code points, not UTF-16 units: a limit of emoji is accepted, one more is not', async () => {
    await api('v1/users/ada', 'PUT', { name: EMOJI.repeat(MAX_NAME_LENGTH) });
    expect(cord.store.users.profile('ada')?.name).toBe(EMOJI.repeat(MAX_NAME_LENGTH));

    // REST's plain `text` of a message: 10,000 emoji are 20,000 UTF-16 units.
    await api('v1/threads/t1/messages', 'POST', {
      id: 'long',
      authorID: 'alice',
      text: EMOJI.repeat(MAX_MESSAGE_LENGTH),
    });
    expect(cord.store.messages.get('long')).toBeDefined();
    const over = await refused(
      api('v1/threads/t1/messages', 'POST', {
        id: 'longer',
        authorID: 'alice',
        text: EMOJI.repeat(MAX_MESSAGE_LENGTH + 1),
      }),
    );
    expect(over.body.message).toContain(tooLong(MAX_MESSAGE_LENGTH));

    // Over the WebSocket: an id of 320 emoji, a reaction of 127.
    const longId = EMOJI.repeat(MAX_ID_LENGTH);
    await alice.ok(sendBody('t1', longId, 'Long id'));
    expect(cord.store.messages.get(longId)).toBeDefined();
    await alice.ok({ type: 'message.update', messageId: 'm1', addReactions: [EMOJI.repeat(MAX_REACTION_LENGTH)] });
    const tooLongId = await alice.refused(sendBody('t1', `${longId}${EMOJI}`, 'Longer id'));
    expect(tooLongId.message).toBe(`Invalid request: messageId: ${tooLong(MAX_ID_LENGTH)}`);
  });

  it('over the WebSocket and in tokens too', async () => {
    const location = { page: 'l'.repeat(MAX_LOCATION_VALUE_LENGTH + 1) };
    const refusal = await alice.refused({ type: 'presence.set', location, present: true, durable: false });
    expect(refusal.message).toBe(`Invalid request: location.page: ${tooLong(MAX_LOCATION_VALUE_LENGTH)}`);

    const name = await alice.refused({ type: 'thread.update', threadId: 't1', name: 'n'.repeat(MAX_NAME_LENGTH + 1) });
    expect(name.message).toBe(`Invalid request: name: ${tooLong(MAX_NAME_LENGTH)}`);

    const token = tokenFor({ user_id: 'ada', user_details: { email: `${'e'.repeat(MAX_EMAIL_LENGTH)}@x.test` } });
    const { error } = await refusedHello(cord, tokenHello(token));
    expect(error.message).toContain(`user_details.email (${tooLong(MAX_EMAIL_LENGTH)})`);
  });
});
