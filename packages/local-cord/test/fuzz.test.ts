// 10,000 random and malformed WebSocket frames from many connections, signed in or not:
// each is refused with the right error (or its connection closed), the server stays up,
// two well-behaved users keep chatting throughout, and the database is left untouched.

import { getClientAuthToken } from '@cord-sdk/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import type { ServerEvent } from '../src/protocol/events.ts';
import {
  MAX_FRAME_BYTES,
  MAX_LOCATION_KEYS,
  MAX_LOCATION_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_PAGE_SIZE,
  MAX_REACTION_LENGTH,
  RATE_LIMIT,
} from '../src/protocol/limits.ts';
import { requestSchema } from '../src/protocol/requests.ts';
import type { LocalCord } from '../src/server/index.ts';
import { CLOSE_INVALID_SESSION } from '../src/server/index.ts';
import {
  closeAllClients,
  connect,
  memberToken,
  PROJECT,
  type SignedIn,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  type TestClient,
  tokenFor,
} from '../src/testing/index.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const TOTAL_FRAMES = 10_000;
/** Signed-in connections sharing most frames, each paced under RATE_LIMIT. */
const CONNECTIONS = 50;
const FRAMES_PER_SECOND = RATE_LIMIT - 10;
/** Frames over MAX_FRAME_BYTES, each on its own connection (half signed in). */
const OVERSIZED = 60;
/** First frames of connections that never signed in, one per connection. */
const UNSIGNED = 600;
const SIGNED_FRAMES = TOTAL_FRAMES - OVERSIZED - UNSIGNED;

type Ack = Extract<ServerEvent, { type: 'ack' }>;
type ErrorCode = 'invalid_request' | 'message_too_long';

interface Frame {
  data: string | Buffer;
  binary: boolean;
  /** What the server must answer: the ack's id and error code. */
  ackId: string;
  code: ErrorCode;
}

// --- generators ----------------------------------------------------------------------

/** What a request field takes, as far as breaking it goes. */
type Field =
  | { kind: 'string'; max: number; nonEmpty?: true; nullable?: true; reservedPrefix?: string }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'location' }
  | { kind: 'metadata' }
  | { kind: 'strings'; itemMax: number; maxItems: number; minItems?: number }
  | { kind: 'content' }
  /** A strict object: any key it does not know refuses it. */
  | { kind: 'object' };

const id: Field = { kind: 'string', max: 320, nonEmpty: true };
const queryId: Field = { kind: 'string', max: 100, nonEmpty: true };
const newThreadId: Field = { kind: 'string', max: 320, nonEmpty: true, reservedPrefix: 'cord:' };
const pageSize: Field = { kind: 'integer', min: 1, max: MAX_PAGE_SIZE };
const bool: Field = { kind: 'boolean' };
const location: Field = { kind: 'location' };
const metadata: Field = { kind: 'metadata' };
const strictObject: Field = { kind: 'object' };
const content: Field = { kind: 'content' };
const text = (max: number): Field => ({ kind: 'string', max });
const nullableText = (max: number): Field => ({ kind: 'string', max, nullable: true });
const reactions: Field = { kind: 'strings', itemMax: MAX_REACTION_LENGTH, maxItems: 50 };
const direction: Field = { kind: 'enum', values: ['ascending', 'descending'] };

interface Template {
  body: Record<string, unknown>;
  fields: Record<string, Field>;
  /** Fields that may be left out (optional, or with a default): deleting one breaks nothing. */
  optional?: string[];
}

const LOCATION = { page: 'fuzz' };
const FILTER = {
  location: { value: LOCATION, partialMatch: true },
  metadata: { topic: 'fuzz' },
  resolvedStatus: 'unresolved',
  viewer: ['subscribed'],
};
const SORT = { sortBy: 'most_recent_message_timestamp', sortDirection: 'ascending' };
const NOTIFICATION_FILTER = {
  location: { value: LOCATION, partialMatch: true },
  metadata: { topic: 'fuzz' },
  groupId: 'team',
};
const MESSAGE_FIELDS = {
  url: 'http://localhost:5173/fuzz',
  iconURL: 'http://localhost:5173/icon.png',
  translationKey: 'fuzz',
  metadata: { fuzzed: true },
  extraClassnames: 'fuzzed',
  skipLinkPreviews: true,
};
const MESSAGE_FIELD_KINDS = {
  url: nullableText(4000),
  iconURL: nullableText(4000),
  translationKey: nullableText(200),
  metadata,
  extraClassnames: nullableText(1000),
  skipLinkPreviews: bool,
};
const OPTIONAL_MESSAGE_FIELDS = Object.keys(MESSAGE_FIELDS);

/**
 * A valid request of every type, aimed at the real thread t1, message m1 and group team:
 * if a corrupted one got through, it would read or write them.
 */
const TEMPLATES: Template[] = [
  {
    body: { type: 'thread.observe', threadId: 't1', groupId: 'team', messageCount: 10 },
    fields: { threadId: id, groupId: id, messageCount: pageSize },
    optional: ['groupId', 'messageCount'],
  },
  { body: { type: 'thread.unobserve', threadId: 't1' }, fields: { threadId: id } },
  {
    body: { type: 'thread.olderMessages', threadId: 't1', beforeMessageId: 'm1', count: 10 },
    fields: { threadId: id, beforeMessageId: id, count: pageSize },
  },
  {
    body: { type: 'threads.observe', queryId: 'q', groupId: 'team', filter: FILTER, sort: SORT, count: 10 },
    fields: { queryId, groupId: id, filter: strictObject, sort: strictObject, count: pageSize },
    optional: ['groupId'],
  },
  { body: { type: 'threads.more', queryId: 'q', count: 10 }, fields: { queryId, count: pageSize } },
  { body: { type: 'threads.unobserve', queryId: 'q' }, fields: { queryId } },
  {
    body: { type: 'threadCounts.observe', queryId: 'c', groupId: 'team', filter: FILTER },
    fields: { queryId, groupId: id, filter: strictObject },
    optional: ['groupId'],
  },
  { body: { type: 'threadCounts.unobserve', queryId: 'c' }, fields: { queryId } },
  { body: { type: 'message.observe', messageId: 'm1' }, fields: { messageId: id } },
  { body: { type: 'message.unobserve', messageId: 'm1' }, fields: { messageId: id } },
  {
    body: { type: 'users.observe', userIds: ['alice', 'bob'] },
    fields: { userIds: { kind: 'strings', itemMax: 320, maxItems: MAX_PAGE_SIZE, minItems: 1 } },
  },
  {
    body: { type: 'groupMembers.observe', queryId: 'g', groupId: 'team', count: 10 },
    fields: { queryId, groupId: id, count: pageSize },
  },
  { body: { type: 'groupMembers.more', queryId: 'g', count: 10 }, fields: { queryId, count: pageSize } },
  { body: { type: 'groupMembers.unobserve', queryId: 'g' }, fields: { queryId } },
  {
    body: {
      type: 'users.search',
      groupId: 'team',
      searchQuery: 'al',
      sortLocation: LOCATION,
      sortDirection: 'ascending',
    },
    fields: { groupId: id, searchQuery: text(200), sortLocation: location, sortDirection: direction },
    optional: ['searchQuery', 'sortLocation', 'sortDirection'],
  },
  {
    body: { type: 'viewer.setNotificationPreferences', sendViaSlack: true, sendViaEmail: false },
    fields: { sendViaSlack: bool, sendViaEmail: bool },
    optional: ['sendViaSlack', 'sendViaEmail'],
  },
  {
    body: {
      type: 'messages.search',
      textToMatch: 'storm',
      authorId: 'alice',
      groupId: 'team',
      metadata: { fuzzed: true },
      location: { value: LOCATION, partialMatch: false },
      from: 0,
      to: 4_000_000_000_000,
      limit: 10,
      sortBy: 'created_timestamp',
      sortDirection: 'descending',
    },
    fields: {
      textToMatch: text(1000),
      authorId: id,
      groupId: id,
      metadata,
      location: strictObject,
      from: { kind: 'number' },
      to: { kind: 'number' },
      limit: pageSize,
      sortBy: { kind: 'enum', values: ['created_timestamp', 'relevance'] },
      sortDirection: direction,
    },
    optional: [
      'textToMatch',
      'authorId',
      'groupId',
      'metadata',
      'location',
      'from',
      'to',
      'limit',
      'sortBy',
      'sortDirection',
    ],
  },
  {
    body: {
      type: 'thread.create',
      threadId: 'fuzz-thread',
      name: 'Fuzzed',
      url: 'http://localhost:5173/fuzz',
      location: LOCATION,
      groupId: 'team',
      metadata: { fuzzed: true },
      extraClassnames: 'fuzzed',
      addSubscribers: ['bob'],
    },
    fields: {
      threadId: newThreadId,
      name: text(1000),
      url: text(4000),
      location,
      groupId: id,
      metadata,
      extraClassnames: nullableText(1000),
      addSubscribers: { kind: 'strings', itemMax: 320, maxItems: 100 },
    },
    optional: ['threadId', 'groupId', 'metadata', 'extraClassnames', 'addSubscribers'],
  },
  {
    body: {
      type: 'thread.update',
      threadId: 't1',
      name: 'Defaced',
      url: 'http://localhost:5173/defaced',
      metadata: { defaced: true },
      resolved: true,
      extraClassnames: 'defaced',
      typing: true,
    },
    fields: {
      threadId: id,
      name: text(1000),
      url: text(4000),
      metadata,
      resolved: bool,
      extraClassnames: nullableText(1000),
      typing: bool,
    },
    optional: ['name', 'url', 'metadata', 'resolved', 'extraClassnames', 'typing'],
  },
  {
    body: { type: 'thread.setSeen', threadId: 't1', groupId: 'team', filter: FILTER, seen: true },
    fields: { threadId: id, groupId: id, filter: strictObject, seen: bool },
    optional: ['threadId', 'groupId', 'filter'],
  },
  {
    body: { type: 'thread.setSubscribed', threadId: 't1', subscribed: false },
    fields: { threadId: id, subscribed: bool },
  },
  {
    body: { type: 'thread.shareToEmail', threadId: 't1', email: 'fuzz@example.com' },
    fields: { threadId: id, email: text(320) },
  },
  ...['t1', 'fuzz-thread'].map(
    (threadId): Template => ({
      body: {
        ...sendBody(threadId, 'fuzz-message', 'Fuzzed'),
        ...MESSAGE_FIELDS,
        addReactions: ['👍'],
        subscribeToThread: true,
      },
      fields: {
        threadId: id,
        messageId: id,
        content,
        createThread: strictObject,
        ...MESSAGE_FIELD_KINDS,
        addReactions: reactions,
        subscribeToThread: bool,
      },
      // Without createThread a message to a new thread is refused by the handler, not the schema.
      optional: ['messageId', 'createThread', ...OPTIONAL_MESSAGE_FIELDS, 'addReactions', 'subscribeToThread'],
    }),
  ),
  {
    body: {
      type: 'message.update',
      messageId: 'm1',
      threadId: 't1',
      content: contentFromText('Defaced'),
      ...MESSAGE_FIELDS,
      deleted: true,
      addReactions: ['👍'],
      removeReactions: ['🎉'],
    },
    fields: {
      messageId: id,
      threadId: id,
      content,
      ...MESSAGE_FIELD_KINDS,
      deleted: bool,
      addReactions: reactions,
      removeReactions: reactions,
    },
    optional: ['threadId', 'content', ...OPTIONAL_MESSAGE_FIELDS, 'deleted', 'addReactions', 'removeReactions'],
  },
  {
    body: { type: 'notifications.observe', queryId: 'n', filter: NOTIFICATION_FILTER, count: 10 },
    fields: { queryId, filter: strictObject, count: pageSize },
  },
  { body: { type: 'notifications.more', queryId: 'n', count: 10 }, fields: { queryId, count: pageSize } },
  { body: { type: 'notifications.unobserve', queryId: 'n' }, fields: { queryId } },
  {
    body: { type: 'notificationCounts.observe', queryId: 'nc', filter: NOTIFICATION_FILTER },
    fields: { queryId, filter: strictObject },
  },
  { body: { type: 'notificationCounts.unobserve', queryId: 'nc' }, fields: { queryId } },
  {
    body: { type: 'notification.setRead', notificationId: 'n1', read: true },
    fields: { notificationId: id, read: bool },
  },
  { body: { type: 'notification.delete', notificationId: 'n1' }, fields: { notificationId: id } },
  {
    body: { type: 'notifications.markAllRead', filter: NOTIFICATION_FILTER },
    fields: { filter: strictObject },
  },
  {
    body: { type: 'notifications.markReadAbout', messageIds: ['m1'] },
    fields: { messageIds: { kind: 'strings', itemMax: 320, maxItems: 500, minItems: 1 } },
  },
  {
    body: { type: 'presence.watch', watchId: 'w', location: LOCATION, groupId: 'team' },
    fields: { watchId: id, location, groupId: id },
    optional: ['groupId'],
  },
  { body: { type: 'presence.unwatch', watchId: 'w' }, fields: { watchId: id } },
  {
    body: {
      type: 'file.create',
      fileId: '3f2a4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b',
      name: 'notes.txt',
      mimeType: 'text/plain',
      size: 5,
    },
    fields: {
      fileId: { kind: 'string', max: 36, nonEmpty: true },
      name: { kind: 'string', max: 1000, nonEmpty: true },
      mimeType: text(255),
      size: { kind: 'number' },
    },
  },
  {
    body: { type: 'presence.set', location: LOCATION, present: true, durable: true, groupId: 'team' },
    fields: { location, present: bool, durable: bool, groupId: id },
    optional: ['groupId'],
  },
  {
    body: { type: 'presence.markSeen', location: LOCATION, groupId: 'team' },
    fields: { location, groupId: id },
    optional: ['groupId'],
  },
];
const FIELD_NAMES = new Set(['type', 'id', ...TEMPLATES.flatMap((template) => Object.keys(template.fields))]);
const KNOWN_TYPES = [...new Set(TEMPLATES.map((template) => template.body.type as string))];
/** Types with a field that must be there: a frame of the type with none of its fields is refused. */
const TYPES_WITH_REQUIRED_FIELDS = KNOWN_TYPES.filter((type) =>
  TEMPLATES.some(
    (template) =>
      template.body.type === type && Object.keys(template.fields).some((field) => !template.optional?.includes(field)),
  ),
);
/** Room for the rest of a frame around one huge string. */
const HUGE_STRING_MAX = MAX_FRAME_BYTES - 2_000;

const someString = fc.string({ unit: 'grapheme', maxLength: 30 });
const notAString = fc.oneof(
  fc.integer(),
  // Finite only: JSON writes NaN and Infinity as null, which a nullable field accepts.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(someString, { maxLength: 3 }),
  fc.dictionary(someString, someString, { maxKeys: 3 }),
);
const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', '', '1'),
  fc.integer({ min: 0, max: 1 }),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const notANumber = fc.oneof(
  fc.constantFrom('1', '', 'NaN', true, null, [], [1], {}),
  someString.map((value) => ({ value })),
);
const notAnObject = fc.oneof(someString, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()));
/** Values a location or metadata may not hold: nested objects, null, arrays. */
const notAFlatValue = fc.constantFrom({ nested: true }, null, [1, 2], []);
const flatRecordBroken = fc.oneof(
  notAnObject,
  fc.tuple(someString, notAFlatValue).map(([key, value]) => ({ [key || 'k']: value })),
);
const notALocation = fc.oneof(
  flatRecordBroken,
  fc
    .integer({ min: MAX_LOCATION_KEYS + 1, max: 300 })
    .map((keys) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: MAX_LOCATION_LENGTH, max: 2 * MAX_LOCATION_LENGTH }).map((length) => ({ ['k'.repeat(length)]: 1 })),
);
/** Arrays and objects that are not Cord's message content (an empty array is: it is left out). */
const notContent = fc.oneof(
  notAnObject.filter((value) => !Array.isArray(value) || value.length > 0),
  fc.constantFrom(
    [{ text: 'a bare text node' }],
    [{ type: 'p' }],
    [{ type: 'p', children: [] }],
    [{ type: 'p', children: [{ text: 1 }] }],
    [{ type: 'p', children: [{ text: 'x', bold: 'yes' }] }],
    [{ type: 'mention', user: { id: 'bob' }, children: [{ text: 'no at sign' }] }],
    [{ type: 'link', url: 5, children: [] }],
    [{ type: 'bullet', indent: 9, children: [{ type: 'p', children: [{ text: 'x' }] }] }],
    [{ type: 'Capitalised' }],
    ['just a string'],
    [null],
  ),
  fc.integer({ min: 10, max: 200 }).map((depth) => {
    let node: unknown = { text: 'deep' };
    for (let i = 0; i < depth; i++) node = { type: 'quote', children: [node] };
    return [node];
  }),
);
/**
 * A string of `length` code points (the unit zod's limits count in) made of a random
 * pattern; plain ASCII if that would not fit in a frame.
 */
const longString = (min: number, max: number) =>
  fc
    .tuple(
      fc.integer({ min, max: Math.min(max, HUGE_STRING_MAX) }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    )
    .map(([length, pattern]) => {
      const points = [...pattern];
      const text = Array.from({ length }, (_, i) => points[i % points.length]).join('');
      return Buffer.byteLength(JSON.stringify(text)) <= HUGE_STRING_MAX ? text : 'x'.repeat(length);
    });
/** Mostly just over a limit, sometimes as big as a frame allows. */
const overLimit = (limit: number) =>
  fc.oneof(
    { arbitrary: longString(limit + 1, limit + 50), weight: 3 },
    { arbitrary: longString(limit + 1, HUGE_STRING_MAX), weight: 1 },
  );

interface Corruption {
  value: unknown;
  /** Refusals that have an error code of their own; invalid_request otherwise. */
  code?: ErrorCode;
}

/** Values that break a field of this kind, each one surely. */
function brokenValues(field: Field): Array<fc.Arbitrary<Corruption>> {
  const as = (values: fc.Arbitrary<unknown>, code?: ErrorCode) =>
    values.map((value): Corruption => (code ? { value, code } : { value }));
  switch (field.kind) {
    case 'string':
      return [
        as(field.nullable ? notAString.filter((value) => value !== null) : notAString),
        as(overLimit(field.max)),
        ...(field.nonEmpty ? [as(fc.constant(''))] : []),
        ...(field.reservedPrefix ? [as(someString.map((rest) => `${field.reservedPrefix}${rest}`))] : []),
      ];
    case 'boolean':
      return [as(notABoolean)];
    case 'integer':
      return [
        as(notANumber),
        as(fc.constantFrom(field.min - 1, field.max + 1, 1.5, -0.5)),
        as(fc.integer({ min: field.max + 1 })),
        as(fc.integer({ max: field.min - 1 })),
      ];
    case 'number':
      return [as(notANumber)];
    case 'enum':
      return [
        as(
          fc.oneof(
            notAString,
            someString.filter((value) => !field.values.includes(value)),
          ),
        ),
      ];
    case 'location':
      return [as(notALocation), as(overLimit(MAX_LOCATION_LENGTH).map((value) => ({ page: value })))];
    case 'metadata':
      return [as(flatRecordBroken)];
    case 'strings':
      return [
        as(fc.oneof(someString, fc.integer(), fc.constant(null), fc.constant({}))),
        as(fc.constantFrom([''], [1], [null], [['nested']], ['ok', ''])),
        as(overLimit(field.itemMax).map((value) => [value])),
        as(fc.constant(Array.from({ length: field.maxItems + 1 }, (_, i) => `u${i}`))),
        ...(field.minItems ? [as(fc.constant([]))] : []),
      ];
    case 'content':
      return [
        as(notContent),
        // Text over MAX_MESSAGE_LENGTH, not trimmable back under it, has a code of its own.
        as(
          overLimit(MAX_MESSAGE_LENGTH).map((text) => contentFromText(`x${text}x`)),
          'message_too_long',
        ),
      ];
    case 'object':
      return [
        as(notAnObject),
        as(someString.filter((key) => !FIELD_NAMES.has(key) && key !== '').map((key) => ({ [key]: 1 }))),
      ];
  }
}

/** A valid template with exactly one field broken: deleted, of the wrong type, over its limit, or a refused value. */
const corruptedRequest: fc.Arbitrary<Frame> = fc
  .tuple(fc.constantFrom(...TEMPLATES), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), fc.nat())
  .chain(([template, requestId, pick]) => {
    const requestIdField: Field = { kind: 'string', max: 100, nonEmpty: true };
    const fields: Array<[string, Field]> = [
      ['type', requestIdField],
      ['id', requestIdField],
      ...Object.entries(template.fields),
    ];
    const [name, field] = fields[pick % fields.length]!;
    const corruptions: Array<fc.Arbitrary<Corruption>> = [];
    if (!template.optional?.includes(name)) corruptions.push(fc.constant({ value: undefined }));
    if (name === 'type') {
      corruptions.push(
        fc
          .oneof(
            notAString,
            someString.filter((type) => !KNOWN_TYPES.includes(type)),
          )
          .map((value) => ({ value })),
      );
    } else {
      corruptions.push(...brokenValues(field));
    }
    return fc.oneof(...corruptions).map(({ value, code }) => {
      const frame: Record<string, unknown> = { ...template.body, id: `fuzz-${requestId}` };
      if (value === undefined) delete frame[name];
      else frame[name] = value;
      const ackId = frame.id;
      return {
        data: JSON.stringify(frame),
        binary: false,
        ackId: typeof ackId === 'string' && ackId.length <= 100 ? ackId : '',
        code: code ?? 'invalid_request',
      } satisfies Frame;
    });
  });

const refusedUnder =
  (ackId: string) =>
  (data: string | Buffer, binary = false): Frame => ({ data, binary, ackId, code: 'invalid_request' });

/** A known type with a request id but none of its fields: always missing something. */
const fieldlessRequest = fc
  .tuple(
    fc.constantFrom(...TYPES_WITH_REQUIRED_FIELDS, 'hello'),
    fc.string({ maxLength: 10 }),
    fc.dictionary(
      someString.filter((key) => !FIELD_NAMES.has(key)),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ),
  )
  .map(([type, id, junk]) => refusedUnder(`f-${id}`)(JSON.stringify({ ...junk, type, id: `f-${id}` })));

const notJson = fc.oneof(
  fc.constantFrom(...TEMPLATES).chain((template) => {
    const json = JSON.stringify({ ...template.body, id: 'cut' });
    return fc.integer({ min: 0, max: json.length - 1 }).map((cut) => json.slice(0, cut));
  }),
  fc.constantFrom(
    "{'type': 'thread.observe', 'id': 'x', 'threadId': 't1'}",
    '{"type":"thread.observe","id":"x","threadId":"t1",}',
    '\ufeff{"type":"thread.observe","id":"x","threadId":"t1"}',
    '{"type":"thread.observe" /* comment */,"id":"x","threadId":"t1"}',
    '{"id": NaN}',
    'undefined',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => !isJson(text)),
);

const JUNK = fc.oneof(
  // Valid JSON that is not a request object: numbers, strings, arrays, nulls, deep nesting.
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.integer({ min: 1_000, max: 30_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.constantFrom('1e999999', '-0', `"${'a'.repeat(50_000)}"`, `[${'1,'.repeat(20_000)}1]`),
);

/** Objects that are not requests: unknown types, or a type that is not a string. */
const unknownType = fc
  .tuple(
    fc.oneof(
      someString.filter((type) => !KNOWN_TYPES.includes(type)),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'THREAD.OBSERVE',
        'thread.observe ',
        'drop.tables',
        // The old protocol's requests, gone with Cord's data model.
        'thread.open',
        'message.edit',
        'reaction.set',
        'thread.resolve',
        'typing',
      ),
      notAString,
    ),
    fc.string({ maxLength: 10 }),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([type, id, extra]) =>
    refusedUnder(`u-${id}`)(JSON.stringify({ type, id: `u-${id}`, threadId: 't1', messageId: 'm1', extra })),
  );

const signedInFrame: fc.Arbitrary<Frame> = fc.oneof(
  { arbitrary: corruptedRequest, weight: 8 },
  { arbitrary: fieldlessRequest, weight: 2 },
  { arbitrary: unknownType, weight: 2 },
  { arbitrary: notJson.map((data) => refusedUnder('')(data)), weight: 2 },
  { arbitrary: JUNK.map((data) => refusedUnder('')(data)), weight: 1 },
  {
    arbitrary: fc
      .oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc.constantFrom(...TEMPLATES).map((template) => Buffer.from(JSON.stringify({ ...template.body, id: 'bin' }))),
      )
      .map((data) => refusedUnder('')(data, true)),
    weight: 1,
  },
);

/** First frames from connections that are not signed in: anything but a valid hello. */
const unsignedFrame = fc.oneof(
  signedInFrame,
  fc
    .oneof(
      fc.string({ maxLength: 300 }).map((token) => ({ type: 'hello', token })),
      fc.string({ maxLength: 200 }).map((session) => ({ type: 'hello', session })),
      notAString.map((token) => ({ type: 'hello', token })),
      fc.constant({
        type: 'hello',
        token: getClientAuthToken(PROJECT.id, 'not-the-secret', {
          user_id: 'intruder',
          group_id: 'team',
          user_details: { name: 'I' },
          group_details: { name: 'T' },
        }),
      }),
      fc.constant({
        type: 'hello',
        token: tokenFor(
          { user_id: 'intruder', group_id: 'team', user_details: { name: 'I' }, group_details: { name: 'T' } },
          { expires: -10 },
        ),
      }),
      fc.constant({
        type: 'hello',
        token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ project_id: PROJECT.id, user_id: 'intruder' })).toString('base64url')}.`,
      }),
      fc.constant({ type: 'hello', token: 'a'.repeat(20_000) }),
    )
    .map((hello) => refusedUnder('')(JSON.stringify(hello))),
);

function isJson(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the run ---------------------------------------------------------------------------

let cord: LocalCord;
let alice: TestClient;
let bob: TestClient;
const errorLog = vi.spyOn(console, 'error');

beforeAll(async () => {
  cord = await startThrowawayLocalCord();
  ({ client: alice } = await signIn(cord, memberToken('alice', 'team', 'Alice Liddell')));
  ({ client: bob } = await signIn(cord, memberToken('bob', 'team', 'Bob Dylan')));
  await alice.ok({ type: 'thread.observe', threadId: 't1' });
  await bob.ok({ type: 'thread.observe', threadId: 't1' });
  await alice.ok(sendBody('t1', 'm1', 'Before the storm'));
});
afterAll(async () => {
  await closeAllClients();
  await cord.close();
});

/** Sends frames no faster than FRAMES_PER_SECOND; returns the acks, in order. */
async function fuzzSignedIn(client: TestClient, frames: Frame[]): Promise<Ack[]> {
  // Each frame is due a whole interval after the one before was sent: after a stall of this
  // process (a loaded machine), the late frames do not go out in a burst over the limit.
  let due = performance.now();
  for (const frame of frames) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    client.sendRaw(frame.data, frame.binary);
    due = Math.max(due, performance.now()) + 1_000 / FRAMES_PER_SECOND;
  }
  // One ordered socket: once this round trip is back, every earlier ack is in the inbox.
  await client.sync();
  return client.inbox.filter((event): event is Ack => event.type === 'ack');
}

/** Opens a connection, sends one frame and returns how it ended. */
async function oneFrame(frame: Frame, signInWith?: string) {
  const client = await connect(cord);
  if (signInWith) {
    client.send({ type: 'hello', session: signInWith });
    await client.next((event) => event.type === 'welcome', 'welcome');
  }
  client.sendRaw(frame.data, frame.binary);
  const { code } = await client.closed;
  return { code, events: client.inbox };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

describe(`${TOTAL_FRAMES} fuzzed frames (seed ${SEED}, rerun with FUZZ_SEED=${SEED})`, () => {
  it('start from a valid request of every type the protocol has', () => {
    const types = requestSchema.options.map((option) => option.shape.type.value);
    expect([...KNOWN_TYPES].sort()).toEqual([...types].sort());
    for (const { body } of TEMPLATES) {
      expect(requestSchema.safeParse({ ...body, id: 'x' }).error, String(body.type)).toBeUndefined();
    }
  });

  it('are each refused or cut off, while the server stays up, others keep chatting, and nothing is written', {
    timeout: 60_000,
  }, async () => {
    const signedFrames = fc.sample(signedInFrame, { numRuns: SIGNED_FRAMES, seed: SEED });
    const unsignedFrames = fc.sample(unsignedFrame, { numRuns: UNSIGNED, seed: SEED + 1 });
    const oversized = fc.sample(
      fc
        .tuple(
          fc.integer({ min: MAX_FRAME_BYTES + 1, max: 4 * MAX_FRAME_BYTES }),
          fc.constantFrom(...TEMPLATES),
          fc.boolean(),
        )
        .map(([size, template, json]) =>
          refusedUnder('x1')(
            json ? JSON.stringify({ ...template.body, id: 'x1', text: 'z'.repeat(size) }) : 'q'.repeat(size),
          ),
        ),
      { numRuns: OVERSIZED, seed: SEED + 2 },
    );
    expect(signedFrames.length + unsignedFrames.length + oversized.length).toBe(TOTAL_FRAMES);
    expect(signedFrames.every((frame) => Buffer.byteLength(frame.data) <= MAX_FRAME_BYTES)).toBe(true);

    const fuzzers: SignedIn[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      fuzzers.push(await signIn(cord, memberToken(`fuzzer${i}`, i % 2 ? 'team' : 'rivals', `Fuzzer ${i}`)));
    }
    // Every sign-in is done: from here on nothing may be written but the good users' messages.
    const countsBefore = cord.store.counts();

    // Meanwhile, Alice keeps writing and Bob keeps receiving.
    let fuzzing = true;
    let goodMessages = 0;
    const conversation = (async () => {
      while (fuzzing) {
        const id = `good-${goodMessages++}`;
        await alice.ok(sendBody('t1', id, `Still talking ${id}`));
        await bob.next((event) => event.type === 'message' && event.message.id === id, `Bob receiving ${id}`);
        await sleep(200);
      }
    })();

    const perConnection = Math.ceil(SIGNED_FRAMES / CONNECTIONS);
    const [signedAcks, unsignedEnds, oversizedEnds] = await Promise.all([
      Promise.all(
        fuzzers.map(({ client }, i) =>
          fuzzSignedIn(client, signedFrames.slice(i * perConnection, (i + 1) * perConnection)),
        ),
      ),
      inParallel(unsignedFrames, 10, (frame) => oneFrame(frame)),
      inParallel(oversized, 5, (frame, index) => oneFrame(frame, index % 2 ? fuzzers[0]!.session : undefined)),
    ]);
    fuzzing = false;
    await conversation;

    // Signed in: one ack per frame, in order, under the frame's id, with the right error.
    let rateLimited = 0;
    const wrong: string[] = [];
    signedAcks.forEach((acks, i) => {
      const frames = signedFrames.slice(i * perConnection, (i + 1) * perConnection);
      expect(acks).toHaveLength(frames.length);
      acks.forEach((ack, j) => {
        const frame = frames[j]!;
        if (!('error' in ack)) {
          wrong.push(`accepted: ${String(frame.data).slice(0, 200)}`);
        } else if (ack.error.code === 'rate_limited') {
          rateLimited++;
        } else if (
          ack.id !== frame.ackId ||
          ack.error.code !== frame.code ||
          !ack.error.message.startsWith('Invalid request: ')
        ) {
          wrong.push(`${JSON.stringify(ack).slice(0, 200)} for ${String(frame.data).slice(0, 200)}`);
        }
      });
      expect(fuzzers[i]!.client.isOpen).toBe(true);
    });
    expect(wrong).toEqual([]);
    // Paced under the limit, so (almost) every frame reached validation.
    expect(rateLimited).toBeLessThanOrEqual(SIGNED_FRAMES / 100);

    // Not signed in: refused as a session error and hung up on, nothing else.
    for (const { code, events } of unsignedEnds) {
      expect(code).toBe(CLOSE_INVALID_SESSION);
      expect(events).toMatchObject([
        { type: 'error', error: { code: 'invalid_session', message: expect.stringMatching(/^invalid_session - /) } },
      ]);
    }
    // Too big: the connection is closed (1009, or 1006 when cut before the close frame), unanswered.
    for (const { code, events } of oversizedEnds) {
      expect([1006, 1009]).toContain(code);
      expect(events.filter((event) => event.type === 'ack')).toEqual([]);
    }

    // The server is up, and wrote only the good users' messages.
    expect(goodMessages).toBeGreaterThan(3);
    expect(cord.store.counts()).toEqual({ ...countsBefore, messages: countsBefore.messages! + goodMessages });
    expect(cord.store.integrityCheck()).toBe('ok');
    expect(cord.store.messages.inThread('t1')[0]).toMatchObject({
      id: 'm1',
      plaintext: 'Before the storm',
      metadata: {},
      reactions: [],
      editedAt: null,
      deletedAt: null,
    });
    expect(cord.store.threads.get('t1')).toMatchObject({ name: 'Thread t1', metadata: {}, resolvedAt: null });
    expect(cord.store.threads.get('fuzz-thread')).toBeUndefined();
    expect(cord.store.messages.get('fuzz-message')).toBeUndefined();
    const health = await fetch(`${cord.url}/health`);
    expect(health.status).toBe(200);
    await expect.poll(() => cord.hub.size).toBe(2 + CONNECTIONS);
    await alice.ok(sendBody('t1', 'after', 'After the storm'));
    await bob.next((event) => event.type === 'message' && event.message.id === 'after', 'message after the fuzzing');
    // A fuzzer that misbehaved for seconds can still be served once it behaves.
    const { messages } = await fuzzers[1]!.client.ok<{ messages: unknown[] }>({
      type: 'thread.observe',
      threadId: 't1',
      messageCount: MAX_PAGE_SIZE,
    });
    expect(messages.length).toBe(goodMessages + 2);
    // Nothing on the server side failed unexpectedly (that would log "... failed").
    expect(errorLog).not.toHaveBeenCalled();
  });
});
