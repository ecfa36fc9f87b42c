import type { ClientCreateMessage, ClientUpdateMessage } from '@cord-sdk/types';
import type { AnnotationData, MessageData } from '../../protocol/views.ts';
import type { LiveData } from '../data/liveData.ts';
import { ThreadQuery } from '../data/threadQuery.ts';

// Sending and changing messages, for the JavaScript API and the elements alike: the
// viewer sees their message at once, and the server's answer replaces it.

/** The observed copies of a thread (one per group asked with). */
function threadQueries(live: LiveData, threadId: string): ThreadQuery[] {
  return live
    .activeQueries()
    .flatMap((query) => (query instanceof ThreadQuery && query.threadId === threadId ? [query] : []));
}

/**
 * Sends a message (creating its thread with `createThread` if it is new); resolves with it
 * as stored. `annotation`: the page spot it points at (floating threads' first messages).
 */
export async function sendMessage(
  live: LiveData,
  threadId: string,
  data: ClientCreateMessage,
  annotation: AnnotationData | null = null,
): Promise<MessageData> {
  const messageId = data.id ?? crypto.randomUUID();
  const shown = threadQueries(live, threadId);
  const viewer = live.viewer;
  if (viewer) {
    const now = Date.now();
    for (const query of shown) {
      query.addPending({
        id: messageId,
        authorID: viewer.id,
        groupID: query.value.thread?.groupID ?? data.createThread?.groupID ?? viewer.groupID ?? '',
        threadID: threadId,
        content: data.content,
        plaintext: '',
        url: data.url ?? null,
        createdTimestamp: now,
        deletedTimestamp: null,
        updatedTimestamp: null,
        iconURL: data.iconURL ?? null,
        translationKey: data.translationKey ?? null,
        type: 'user_message',
        metadata: data.metadata ?? {},
        extraClassnames: data.extraClassnames ?? null,
        reactions: [],
        // Files show once local Cord has attached them (in a moment).
        attachments: [],
        seenBy: [viewer.id],
        skipLinkPreviews: data.skipLinkPreviews ?? false,
        annotation,
        seen: true,
      });
    }
  }
  try {
    const { message } = await live.request({
      type: 'message.send',
      threadId,
      messageId,
      content: data.content,
      url: data.url,
      iconURL: data.iconURL,
      translationKey: data.translationKey,
      metadata: data.metadata,
      extraClassnames: data.extraClassnames,
      skipLinkPreviews: data.skipLinkPreviews,
      addReactions: data.addReactions,
      subscribeToThread: data.subscribeToThread,
      addAttachments: data.addAttachments?.map(({ type, id }) => ({ type, id })),
      createThread: data.createThread && {
        name: data.createThread.name,
        url: data.createThread.url,
        location: data.createThread.location,
        groupId: data.createThread.groupID,
        metadata: data.createThread.metadata,
        extraClassnames: data.createThread.extraClassnames,
        addSubscribers: data.createThread.addSubscribers,
      },
      annotation: annotation ?? undefined,
    });
    for (const query of threadQueries(live, threadId)) query.upsert(message);
    return message;
  } catch (error) {
    for (const query of threadQueries(live, threadId)) query.dropPending(messageId);
    throw error;
  }
}

/**
 * Changes a message with the fields Cord's updateMessage reads; anything else in `data`
 * (React's edit composer passes a whole message) is ignored. Null url, icon and
 * translation key mean "leave as it is".
 */
export async function updateMessage(
  live: LiveData,
  messageId: string,
  data: ClientUpdateMessage,
  threadId?: string,
): Promise<MessageData> {
  const { message } = await live.request({
    type: 'message.update',
    messageId,
    threadId,
    content: data.content,
    url: data.url ?? undefined,
    iconURL: data.iconURL ?? undefined,
    translationKey: data.translationKey ?? undefined,
    metadata: data.metadata,
    extraClassnames: data.extraClassnames,
    skipLinkPreviews: data.skipLinkPreviews,
    deleted: data.deleted,
    addReactions: data.addReactions,
    removeReactions: data.removeReactions,
    addAttachments: data.addAttachments?.map(({ type, id }) => ({ type, id })),
    removeAttachments: data.removeAttachments?.map(({ type, id }) => ({ type, id })),
  });
  for (const query of threadQueries(live, message.threadID)) query.upsert(message);
  return message;
}
