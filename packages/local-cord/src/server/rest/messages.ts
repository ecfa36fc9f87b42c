import { composerThreadId } from '../../protocol/fields.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import type { Route } from './common.ts';
import { cordError } from './cordErrors.ts';
import { restMessage } from './cordShapes.ts';
import { isCordIdentifier } from './cordValidation.ts';
import {
  groupFilter,
  idFilter,
  locationMatcher,
  metadataMatcher,
  pageOf,
  parseFilter,
  timeCursor,
} from './listQuery.ts';
import { requireThread } from './threads.ts';

// Reading messages: GET /v1/threads/<id>/messages, GET /v1/threads/<id>/messages/<id> and
// GET /v1/messages (Cord's CoreMessageData). Writing them: messageWrites.ts.

/** A message of the thread; one of another thread is not found here, as in Cord. */
export function requireMessage(store: Store, thread: ThreadRecord, messageId: string): MessageRecord {
  const message = store.messages.get(messageId);
  if (message?.threadId !== thread.id) throw cordError('message_not_found');
  return message;
}

/** Messages of any threads in Cord's REST shape, each thread's participants read once. */
function restMessages(store: Store, messages: readonly MessageRecord[]) {
  const threads = new Map<
    string,
    { thread: ThreadRecord; participants: ReturnType<Store['participants']['inThread']> }
  >();
  return messages.map((message) => {
    let known = threads.get(message.threadId);
    if (!known) {
      const thread = store.threads.get(message.threadId)!;
      known = { thread, participants: store.participants.inThread(thread.id) };
      threads.set(thread.id, known);
    }
    return restMessage(message, known.thread, known.participants);
  });
}

/** Every message of the project Cord's filter keeps, oldest first, a page at a time. */
function listedMessages(store: Store, query: URLSearchParams) {
  const filter = parseFilter(query, ['location', 'metadata', 'authorID']);
  const atLocation = locationMatcher(filter);
  const withMetadata = metadataMatcher(filter);
  const groupId = groupFilter(filter);
  const authorId = idFilter(filter, 'authorID', '"authorID" is not valid.');
  if (groupId !== undefined && !store.groups.exists(groupId)) throw cordError('group_not_found');
  if (authorId !== undefined && !store.users.exists(authorId)) throw cordError('user_not_found');
  const locations = new Map(store.threads.listed().map((thread) => [thread.id, thread.location]));
  const messages = store.messages
    .inProject({ groupId, authorId })
    .filter((message) => atLocation(locations.get(message.threadId) ?? {}) && withMetadata(message.metadata));
  const cursor = timeCursor('createdAtWithMicros', (message: MessageRecord) => message.createdAt, 'ascending');
  const { items, pagination } = pageOf(messages, query, cursor);
  return { messages: restMessages(store, items), pagination };
}

export const messageRoutes: Route[] = [
  {
    method: 'GET',
    path: 'threads/:id/messages',
    handle({ store }, { id, query }) {
      // Cord's check here only: an id that is neither an identifier nor one of Cord's own `cord:<uuid>`.
      if (!isCordIdentifier(id) && !composerThreadId.safeParse(id).success) {
        throw cordError('invalid_request', 'thread ID is invalid');
      }
      const thread = requireThread(store, id);
      const direction = (query.get('sortDirection') ?? 'descending').toLowerCase();
      if (direction !== 'ascending' && direction !== 'descending') {
        throw cordError('invalid_request', "sortDirection value is invalid: must be 'ascending' or 'descending'");
      }
      const messages = restMessages(store, store.messages.inThread(thread.id));
      // Cord lists the newest first unless asked otherwise.
      return direction === 'ascending' ? messages : messages.reverse();
    },
  },
  {
    method: 'GET',
    path: 'threads/:id/messages/:childId',
    handle({ store }, { id, childId }) {
      const thread = requireThread(store, id);
      const message = requireMessage(store, thread, childId);
      return restMessage(message, thread, store.participants.inThread(thread.id));
    },
  },
  {
    method: 'GET',
    path: 'messages',
    handle({ store }, { query }) {
      return listedMessages(store, query);
    },
  },
];
