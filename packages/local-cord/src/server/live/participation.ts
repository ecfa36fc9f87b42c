import { type MessageContent, mentionedUserIds } from '../../protocol/content.ts';
import type { Store, ThreadRecord } from '../../store/store.ts';
import { subscribeMembers } from './handlers/threads.ts';

/**
 * What writing a message does to who takes part in its thread, as Cord does it wherever
 * the message comes from (a browser or the REST API): the author has seen the thread and,
 * unless they opt out, follows it; the users it mentions who are in its group follow it.
 */
export function noteMessageWritten(
  store: Store,
  thread: ThreadRecord,
  authorId: string,
  content: MessageContent,
  { subscribe, at }: { subscribe: boolean; at: number },
) {
  if (subscribe) store.participants.setSubscribed(thread.id, authorId, true);
  store.participants.setSeen(thread.id, authorId, at);
  subscribeMembers(store, thread, mentionedUserIds(content));
}
