import { live } from '../runtime.ts';

const SEEN_DELAY_MS = 1_000;
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Marks a thread seen by the viewer about a second after it was shown with unseen
 * messages (Cord waits for messages to stay visible for a second). Asks made meanwhile
 * for the same thread are one request.
 */
export function markSeenSoon(threadId: string) {
  if (pending.has(threadId)) return;
  pending.set(
    threadId,
    setTimeout(() => {
      pending.delete(threadId);
      if (document.visibilityState === 'visible') live.tell({ type: 'thread.setSeen', threadId, seen: true });
    }, SEEN_DELAY_MS),
  );
}
