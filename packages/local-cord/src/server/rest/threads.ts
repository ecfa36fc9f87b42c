import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { externalIdString, locationSchema, threadId } from '../../protocol/fields.ts';
import type { NewThread, Store, ThreadRecord } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';
import { threadData as viewedThreadData } from '../views/threadViews.ts';
import { ApiError, notFound, parse, type Route, success } from './common.ts';
import { restThread } from './cordShapes.ts';

// Threads: GET and POST /v1/threads, GET /v1/threads/<id>.

/** What a new thread needs, here and in a message's `createThread` (Cord's ServerCreateThread). */
export const threadFields = z.strictObject({
  groupID: externalIdString,
  name: z.string().max(1000),
  url: z.string().max(4000),
  location: locationSchema,
});

const createThreadBody = threadFields.extend({ id: threadId.optional() });

/** Checks that a thread can be created with this id in this group; returns it, to be created. */
export function newThread(store: Store, id: string, fields: z.output<typeof threadFields>): NewThread {
  if (store.threads.get(id)) throw new ApiError(409, 'thread_already_exists', `Thread ${id} already exists.`);
  if (!store.groups.exists(fields.groupID)) throw notFound('group_not_found', `Group ${fields.groupID} not found.`);
  return { id, groupId: fields.groupID, name: fields.name, url: fields.url, location: fields.location };
}

export function requireThread(store: Store, id: string): ThreadRecord {
  const thread = store.threads.get(id);
  if (!thread) throw notFound('thread_not_found', `Thread ${id} not found.`);
  return thread;
}

/** Cord's CoreThreadData of a thread. */
function threadData(hub: Hub, thread: ThreadRecord) {
  // Nobody's view: the REST API speaks for the project, not for a user.
  return restThread(viewedThreadData(hub.snapshot(thread), ''));
}

export const threadRoutes: Route[] = [
  {
    method: 'GET',
    path: 'threads',
    handle({ store, hub }) {
      const threads = store.threads.list().map((thread) => threadData(hub, thread));
      // Everything in one page: local Cord holds a developer's data, not a customer's.
      return { threads, pagination: { token: null, total: threads.length } };
    },
  },
  {
    method: 'POST',
    path: 'threads',
    handle({ store }, { body }) {
      const { id = randomUUID(), ...fields } = parse(createThreadBody, body);
      store.threads.create(newThread(store, id, fields));
      return success('Thread created.', { threadID: id });
    },
  },
  {
    method: 'GET',
    path: 'threads/:id',
    handle({ store, hub }, { id }) {
      return threadData(hub, requireThread(store, id));
    },
  },
];
