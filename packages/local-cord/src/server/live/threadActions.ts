import { randomUUID } from 'node:crypto';
import type { MessageContent } from '../../protocol/content.ts';
import type { MessageRecord, Store, ThreadRecord } from '../../store/store.ts';
import { userData } from '../views/userData.ts';

// Changes to a thread that Cord records as action messages in the thread itself.

/**
 * Resolves or reopens a thread as the user: Cord adds "<user> resolved this thread" (or
 * "reopened") as an action message, `at` a given time (a reply that reopens comes after it).
 * Returns both for the caller to publish once its transaction is done.
 */
export function resolveThread(
  store: Store,
  thread: ThreadRecord,
  userId: string,
  resolved: boolean,
  at = Date.now(),
): { thread: ThreadRecord; action: MessageRecord } {
  const profile = store.users.profile(userId);
  const name = profile ? userData(profile).displayName : userId;
  const verb = resolved ? 'resolved' : 'reopened';
  const content: MessageContent = [
    {
      type: 'p',
      children: [
        { type: 'mention', user: { id: userId }, children: [{ text: `@${name}` }] },
        { text: ` ${verb} this thread` },
      ],
    } as MessageContent[number],
  ];
  return store.transaction(() => ({
    thread: store.threads.setResolved(thread, resolved ? userId : null, at),
    action: store.messages.insert(
      {
        id: `cord:${randomUUID()}`,
        threadId: thread.id,
        authorId: userId,
        type: 'action_message',
        content,
        translationKey: resolved ? 'cord.thread_resolved' : 'cord.thread_unresolved',
      },
      at,
    ),
  }));
}
