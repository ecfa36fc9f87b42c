import { thread } from '@cord-sdk/react';

const PAGE = 10;

interface ThreadListProps {
  selected: string | undefined;
  onSelect: (threadId: string) => void;
}

/** `thread.useThreads`: the group's threads, newest activity first, with Cord's counts and unread badges. */
export function ThreadList({ selected, onSelect }: ThreadListProps) {
  const { threads, counts, loading, hasMore, fetchMore } = thread.useThreads({
    sortBy: 'most_recent_message_timestamp',
    initialFetchCount: PAGE,
  });
  return (
    <div className="thread-list">
      {counts && (
        <p className="thread-counts" role="status">
          {counts.total} threads · {counts.unread} unread · {counts.resolved} resolved
        </p>
      )}
      <ul aria-label="Thread list">
        {threads.map((summary) => (
          <li key={summary.id}>
            <button
              type="button"
              className={summary.id === selected ? 'thread-item selected' : 'thread-item'}
              aria-current={summary.id === selected ? 'true' : undefined}
              onClick={() => onSelect(summary.id)}
            >
              <span className="thread-name">{summary.name || summary.id}</span>
              <span className="thread-meta">
                {summary.total} {summary.total === 1 ? 'message' : 'messages'}
                {summary.resolved && ' · resolved'}
              </span>
              {summary.unread > 0 && (
                <span className="unread-badge" role="img" aria-label={`${summary.unread} unread`}>
                  {summary.unread}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {loading && <p className="hint">Loading…</p>}
      {!loading && threads.length === 0 && <p className="hint">No threads yet.</p>}
      {hasMore && !loading && (
        <button type="button" onClick={() => void fetchMore(PAGE)}>
          Load more threads
        </button>
      )}
    </div>
  );
}
