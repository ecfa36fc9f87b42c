import type { ThreadFilter, ThreadSort } from '../../protocol/requests.ts';
import { matchesThreadFilter } from '../../protocol/threadFilter.ts';
import type { ThreadCountsData } from '../../protocol/views.ts';
import type { ListedThread, Store } from '../../store/store.ts';

// Lists and counts of threads over a viewer's scope, filtered as Cord filters them. The
// candidates are read in one query, then filtered and sorted here: the same filter the
// SDK applies to a live list (protocol/threadFilter.ts).

/** The threads of the scope that pass the filter for the viewer, in the order asked for. */
export function filteredThreads(
  store: Store,
  viewerId: string,
  scope: readonly string[],
  filter: ThreadFilter,
  sort: ThreadSort,
): ListedThread[] {
  return matchingThreads(store, viewerId, scope, filter).threads.sort(threadOrder(sort));
}

function matchingThreads(store: Store, viewerId: string, scope: readonly string[], filter: ThreadFilter) {
  const involvement = store.participants.involvement(viewerId);
  const threads = store.threads.listed(scope).filter((thread) =>
    matchesThreadFilter(
      {
        ...thread,
        resolved: thread.resolvedAt !== null,
        subscribed: involvement.subscribed.has(thread.id),
        mentioned: involvement.mentioned.has(thread.id),
      },
      filter,
    ),
  );
  return { threads, involvement };
}

/** Cord's order: by first or most recent live message, threads without one last, then by id. */
export function threadOrder(sort: ThreadSort) {
  const key = (thread: ListedThread) =>
    sort.sortBy === 'first_message_timestamp' ? thread.firstMessageAt : thread.lastMessageAt;
  const direction = sort.sortDirection === 'ascending' ? 1 : -1;
  return (a: ListedThread, b: ListedThread) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka === null || kb === null) return ka === kb ? compareIds(a, b) : ka === null ? 1 : -1;
    return (ka - kb) * direction || compareIds(a, b);
  };
}

const compareIds = (a: ListedThread, b: ListedThread) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Cord's thread counts (ThreadActivitySummary) over the threads that pass the filter. */
export function threadCounts(
  store: Store,
  viewerId: string,
  scope: readonly string[],
  filter: ThreadFilter,
): ThreadCountsData {
  const { threads, involvement } = matchingThreads(store, viewerId, scope, filter);
  const seen = store.participants.lastSeenByThread(viewerId);
  const counts: ThreadCountsData = { total: 0, unread: 0, unreadSubscribed: 0, new: 0, resolved: 0, empty: 0 };
  for (const thread of threads) {
    const resolved = thread.resolvedAt !== null;
    if (resolved) counts.resolved++;
    if (thread.userMessages === 0) {
      counts.empty++;
      continue;
    }
    counts.total++;
    if (resolved) continue;
    const seenAt = seen.get(thread.id) ?? null;
    const hasUnread = seenAt === null || (thread.lastUserMessageAt ?? 0) > seenAt;
    if (hasUnread) counts.unread++;
    if (hasUnread && involvement.subscribed.has(thread.id)) counts.unreadSubscribed++;
    if (seenAt === null) counts.new++;
  }
  return counts;
}
