import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { entityMetadata, externalIdText, extraClassnames, locationSchema, name, url } from '../../protocol/fields.ts';
import type { ListedThread, NewThread, Store, ThreadRecord } from '../../store/store.ts';
import { subscribeMembers } from '../live/handlers/threads.ts';
import type { Hub } from '../live/hub.ts';
import { type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { restListedThread, restThread } from './cordShapes.ts';
import { cordBody, inSchemaOrder, nullOr, requireIdentifier } from './cordValidation.ts';
import {
  groupFilter,
  locationMatcher,
  metadataMatcher,
  pageOf,
  parseFilter,
  resolvedStatusFilter,
  timeCursor,
  timeRangeMatcher,
} from './listQuery.ts';

// Threads: GET and POST /v1/threads, GET and DELETE /v1/threads/<id> (PUT: threadUpdate.ts).

/** A new thread's fields (Cord's ServerCreateThread), here and in a message's `createThread`. */
export const threadShape = {
  location: locationSchema,
  url,
  name,
  metadata: entityMetadata.optional(),
  groupID: externalIdText,
  extraClassnames: nullOr(extraClassnames).optional(),
  addSubscribers: z.array(externalIdText).optional(),
};

const createThreadBody = cordBody(
  'CreateThreadVariables',
  'threads',
  z.strictObject(inSchemaOrder({ ...threadShape, id: z.string().optional() }, ['location', 'id'])),
);

type ThreadFields = Omit<z.output<z.ZodObject<typeof threadShape>>, 'groupID'>;

/** The thread to create with this id in this group, refused as Cord refuses it. */
export function newThread(store: Store, id: string, groupId: string, fields: ThreadFields): NewThread {
  if (store.threads.get(id)) throw cordError('thread_already_exists');
  const { name, url, location, metadata, extraClassnames } = fields;
  return { id, groupId, name, url, location, metadata, extraClassnames };
}

/** Creates the thread and subscribes those of `addSubscribers` who are in its group (others are ignored, as in Cord). */
export function createThread(store: Store, thread: NewThread, addSubscribers: readonly string[] = []): ThreadRecord {
  const created = store.threads.create(thread);
  subscribeMembers(store, created, addSubscribers);
  return created;
}

export function requireThread(store: Store, id: string): ThreadRecord {
  const thread = store.threads.get(id);
  if (!thread) throw cordError('thread_not_found');
  return thread;
}

/** The threads Cord's GET /v1/threads lists, most recently active first, with its filters. */
function listedThreads(store: Store, hub: Hub, query: URLSearchParams) {
  const filter = parseFilter(query, [
    'location',
    'metadata',
    'firstMessageTimestamp',
    'mostRecentMessageTimestamp',
    'resolvedStatus',
  ]);
  const atLocation = locationMatcher(filter);
  const withMetadata = metadataMatcher(filter);
  const firstInRange = timeRangeMatcher(filter, 'firstMessageTimestamp');
  const lastInRange = timeRangeMatcher(filter, 'mostRecentMessageTimestamp');
  const resolvedStatus = resolvedStatusFilter(filter);
  const groupId = groupFilter(filter);
  if (groupId !== undefined && !store.groups.exists(groupId)) throw cordError('group_not_found');
  // Cord's activity: the last message written (deleted ones too), else when the thread was made.
  const activity = (thread: ListedThread) => thread.lastWrittenAt ?? thread.createdAt;
  const threads = store.threads
    .listed(groupId === undefined ? undefined : [groupId])
    .filter(
      (thread) =>
        atLocation(thread.location) &&
        withMetadata(thread.metadata) &&
        firstInRange(thread.firstWrittenAt ?? thread.createdAt) &&
        lastInRange(thread.lastWrittenAt) &&
        (resolvedStatus === 'any' || (resolvedStatus === 'resolved') === (thread.resolvedAt !== null)),
    )
    .sort((a, b) => activity(b) - activity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { items, pagination } = pageOf(threads, query, timeCursor('nextCursorTimestamp', activity, 'descending'));
  return { threads: items.map((thread) => restListedThread(hub.snapshot(thread))), pagination };
}

export const threadRoutes: Route[] = [
  {
    method: 'GET',
    path: 'threads',
    handle({ store, hub }, { query }) {
      return listedThreads(store, hub, query);
    },
  },
  {
    method: 'POST',
    path: 'threads',
    handle({ store, hub }, { body }) {
      const { id, groupID, addSubscribers, ...fields } = createThreadBody.parse(body);
      if (!store.groups.exists(groupID)) throw cordError('group_not_found');
      if (id !== undefined) requireIdentifier(id, 'id');
      const thread = store.transaction(() =>
        createThread(store, newThread(store, id ?? `cord:${randomUUID()}`, groupID, fields), addSubscribers),
      );
      // Observers of the id (and lists it matches) see it at once, as a thread made in a browser.
      hub.publishThread(thread);
      return success('Thread created.', { threadID: thread.id });
    },
  },
  {
    method: 'GET',
    path: 'threads/:id',
    handle({ store, hub }, { id }) {
      return restThread(hub.snapshot(requireThread(store, id)));
    },
  },
  {
    method: 'DELETE',
    path: 'threads/:id',
    handle({ store, hub }, { id }) {
      const thread = requireThread(store, id);
      const messageIds = store.messages.inThread(thread.id).map((message) => message.id);
      store.transaction(() => store.threads.delete(thread.id));
      hub.removeThread(thread.id, thread.groupId, messageIds);
      return success(`💀 You successfully deleted thread ${id}`);
    },
  },
];
