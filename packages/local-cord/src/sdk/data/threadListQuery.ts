import type { ServerEvent } from '../../protocol/events.ts';
import type { ThreadFilter, ThreadSort } from '../../protocol/requests.ts';
import { matchesThreadFilter } from '../../protocol/threadFilter.ts';
import type { ThreadData } from '../../protocol/views.ts';
import type { LiveData } from './liveData.ts';
import { LiveQuery } from './liveQuery.ts';

export interface ThreadListState {
  threads: ThreadData[];
  hasMore: boolean;
  loading: boolean;
}

export interface ThreadListOptions {
  groupId: string | undefined;
  filter: ThreadFilter;
  sort: ThreadSort;
  pageSize: number;
}

const LOADING: ThreadListState = { threads: [], hasMore: true, loading: true };

/**
 * A list of threads (Cord's observeThreads), paged. The server sends every change to a
 * thread that is, or was, in the list; whether it belongs in the list now is decided here
 * with the same filter the server pages with.
 */
export class ThreadListQuery extends LiveQuery<ThreadListState> {
  private readonly queryId: string;

  constructor(
    live: LiveData,
    key: string,
    private readonly options: ThreadListOptions,
  ) {
    super(live, key, LOADING);
    this.queryId = live.queryId();
  }

  start() {
    const { groupId, filter, sort, pageSize } = this.options;
    this.publish(LOADING);
    this.live.request({ type: 'threads.observe', queryId: this.queryId, groupId, filter, sort, count: pageSize }).then(
      ({ threads, hasMore, users }) => {
        // The first messages' authors come with the list: kept first, so they show named.
        this.live.remember(users);
        this.publish({ threads, hasMore, loading: false });
      },
      (error: Error) => {
        console.warn(`Cord: threads cannot be listed: ${error.message}`);
        this.publish({ threads: [], hasMore: false, loading: false });
      },
    );
  }

  stop() {
    this.live.tell({ type: 'threads.unobserve', queryId: this.queryId });
  }

  reset() {
    this.publish(LOADING);
  }

  override handle(event: ServerEvent) {
    const state = this.value;
    if (event.type === 'threadGone') {
      if (state.threads.some((thread) => thread.id === event.threadId)) {
        this.publish({ ...state, threads: state.threads.filter((thread) => thread.id !== event.threadId) });
      }
      return;
    }
    if (event.type !== 'thread' || state.loading) return;
    const changed = event.thread;
    const viewerId = this.live.viewer?.id ?? '';
    const belongs = matchesThreadFilter(
      {
        ...changed,
        subscribed: changed.subscribers.includes(viewerId),
        mentioned: changed.mentioned.includes(viewerId),
      },
      this.options.filter,
    );
    const index = state.threads.findIndex((thread) => thread.id === changed.id);
    if (index !== -1) {
      const threads = belongs
        ? state.threads.map((thread) => (thread.id === changed.id ? changed : thread))
        : state.threads.filter((thread) => thread.id !== changed.id);
      this.publish({ ...state, threads });
    } else if (belongs) {
      // As Cord: a new thread goes first in a newest-first list, last in an oldest-first
      // one once every page is in (until then, paging reaches it).
      if (this.options.sort.sortDirection === 'descending')
        this.publish({ ...state, threads: [changed, ...state.threads] });
      else if (!state.hasMore) this.publish({ ...state, threads: [...state.threads, changed] });
    }
  }

  /** Loads the next `count` threads after those listed. */
  async fetchMore(count: number) {
    const state = this.value;
    if (state.loading) {
      console.warn('Cannot fetch more threads while already loading');
      return;
    }
    if (!state.hasMore) return;
    this.publish({ ...state, loading: true });
    try {
      const page = await this.live.request({ type: 'threads.more', queryId: this.queryId, count });
      this.live.remember(page.users);
      const current = this.value;
      const known = new Set(current.threads.map((thread) => thread.id));
      const added = page.threads.filter((thread) => !known.has(thread.id));
      this.publish({ threads: [...current.threads, ...added], hasMore: page.hasMore, loading: false });
    } catch (error) {
      this.publish({ ...this.value, loading: false });
      throw error;
    }
  }
}
