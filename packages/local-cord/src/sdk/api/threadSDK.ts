import type {
  ClientCreateMessage,
  ClientCreateThread,
  ClientThreadData,
  ClientThreadFilter,
  ClientUpdateMessage,
  ClientUpdateThread,
  ICordThreadSDK,
  ListenerRef,
  Location,
  LocationDataCallback,
  MessageCallback,
  ObserveLocationDataOptions,
  ObserveThreadActivitySummaryOptions,
  ObserveThreadCountsOptions,
  ObserveThreadsOptions,
  SearchOptionsType,
  SearchResultData,
  ShareThreadOptions,
  ThreadActivitySummaryUpdateCallback,
  ThreadCallback,
  ThreadDataCallback,
  ThreadObserverOptions,
  ThreadSummaryUpdateCallback,
  ThreadsCallback,
} from '@cord-sdk/types';
import type { ThreadFilter } from '../../protocol/requests.ts';
import { matchesThreadFilter } from '../../protocol/threadFilter.ts';
import type { LiveData } from '../data/liveData.ts';
import { messageQuery, threadCountsQuery, threadListQuery, threadQuery } from '../data/sharedQueries.ts';
import type { ThreadCountsQuery } from '../data/simpleQueries.ts';
import type { ThreadQuery } from '../data/threadQuery.ts';
import { toClientMessage, toThreadSummary } from './convert.ts';
import { Listeners } from './listeners.ts';
import { sendMessage, updateMessage } from './messageWrites.ts';
import { pageSize, threadFilter, threadSort } from './threadOptions.ts';

/** Cord's `CordSDK.thread`: threads and messages, observed live and written. */
export class ThreadSDK implements ICordThreadSDK {
  private readonly listeners = new Listeners();

  constructor(private readonly live: LiveData) {}

  // --- lists and counts -----------------------------------------------------------

  observeThreads(callback: ThreadsCallback, options: ObserveThreadsOptions = {}): ListenerRef {
    const { groupId, filter } = threadFilter(options.filter);
    return this.observeList(groupId, filter, options, pageSize(options.initialFetchCount), true, (data) =>
      callback(data),
    );
  }

  unobserveThreads(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeLocationData(location: Location, callback: LocationDataCallback, options: ObserveLocationDataOptions = {}) {
    const resolved = options.includeResolved === true ? 'any' : 'unresolved';
    const { groupId, filter } = threadFilter(
      {
        ...options.filter,
        location: options.filter?.location ?? { value: location, partialMatch: Boolean(options.partialMatch) },
      },
      resolved,
    );
    return this.observeList(groupId, filter, options, 10, false, ({ threads, loading, hasMore, fetchMore }) =>
      callback({ threads, loading, hasMore, fetchMore }),
    );
  }

  unobserveLocationData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeThreadCounts(callback: ThreadActivitySummaryUpdateCallback, options: ObserveThreadCountsOptions = {}) {
    const { groupId, filter } = threadFilter(options.filter);
    const counts = this.countsQuery(groupId, filter);
    const deliver = () => {
      if (counts.value) callback({ ...counts.value });
    };
    const stop = counts.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveThreadCounts(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeLocationSummary(
    location: Location,
    callback: ThreadActivitySummaryUpdateCallback,
    options: ObserveThreadActivitySummaryOptions = {},
  ): ListenerRef {
    return this.observeThreadCounts(callback, {
      filter: {
        ...options.filter,
        resolvedStatus: 'any',
        location: { value: location, partialMatch: Boolean(options.partialMatch) },
      },
    });
  }

  unobserveLocationSummary(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  // --- one thread, one message ---------------------------------------------------------

  observeThread(threadID: string, callback: ThreadCallback, options: ThreadObserverOptions = {}): ListenerRef {
    const { initialFetchCount } = options;
    if (initialFetchCount !== undefined && !(initialFetchCount > 0)) {
      throw new Error('initialFetchCount must be a positive number');
    }
    const query = this.threadQuery(threadID, options.groupID ?? options.filter?.groupID, initialFetchCount);
    // The options' filter is Cord's client-side check: a thread that fails it is shown as null.
    const check = options.filter && threadFilter(options.filter);
    const fetchMore = (count: number) => query.fetchMore(count);
    const deliver = () => {
      const { thread, messages, loading, hasMore } = query.value;
      const viewerId = this.live.viewer?.id ?? '';
      const passes =
        !thread ||
        !check ||
        ((check.groupId === undefined || thread.groupID === check.groupId) &&
          matchesThreadFilter(
            {
              ...thread,
              subscribed: thread.subscribers.includes(viewerId),
              mentioned: thread.mentioned.includes(viewerId),
            },
            check.filter,
          ));
      const summary = thread && passes ? toThreadSummary(thread) : thread === undefined ? undefined : null;
      const data = {
        thread: summary,
        messages: messages.map(toClientMessage),
        loading,
        hasMore,
        fetchMore,
      } as Omit<ClientThreadData, 'summary'>;
      // `summary` is Cord's deprecated name for `thread`.
      Object.defineProperty(data, 'summary', { get: () => summary ?? undefined, enumerable: false });
      callback(data as ClientThreadData);
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveThread(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeThreadSummary(threadId: string, callback: ThreadSummaryUpdateCallback, options?: ThreadObserverOptions) {
    return this.observeThread(threadId, (data) => data.thread && callback(data.thread), options);
  }

  unobserveThreadSummary(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeThreadData(threadId: string, callback: ThreadDataCallback, options?: ThreadObserverOptions) {
    return this.observeThread(
      threadId,
      ({ messages, thread, loading, hasMore, fetchMore }) =>
        callback({ messages, firstMessage: thread?.firstMessage ?? null, loading, hasMore, fetchMore }),
      options,
    );
  }

  unobserveThreadData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeMessage(messageID: string, callback: MessageCallback): ListenerRef {
    if (!messageID) {
      // React's useMessage('') observes nothing: there is no such message.
      queueMicrotask(() => callback(null));
      return this.listeners.add(() => {});
    }
    const query = messageQuery(this.live, messageID);
    const deliver = () => {
      if (query.value !== undefined) callback(query.value && toClientMessage(query.value));
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveMessage(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  // --- writes ------------------------------------------------------------------------

  async createThread(data: ClientCreateThread): Promise<true> {
    if (!data) throw new Error('Missing thread data');
    await this.live.request({
      type: 'thread.create',
      threadId: data.id,
      groupId: data.groupID,
      name: data.name,
      url: data.url,
      location: data.location,
      metadata: data.metadata,
      extraClassnames: data.extraClassnames,
      addSubscribers: data.addSubscribers,
    });
    return true;
  }

  async updateThread(threadID: string, data: ClientUpdateThread): Promise<true> {
    const { name, url, metadata, resolved, extraClassnames, typing } = data;
    await this.live.request({
      type: 'thread.update',
      threadId: threadID,
      name,
      url,
      metadata,
      resolved,
      extraClassnames,
      typing,
    });
    return true;
  }

  async setSubscribed(threadID: string, subscribed: boolean): Promise<true> {
    await this.live.request({ type: 'thread.setSubscribed', threadId: threadID, subscribed });
    return true;
  }

  async setSeen(threadIDOrFilter: string | ClientThreadFilter, seen: boolean): Promise<true> {
    if (typeof threadIDOrFilter === 'string') {
      await this.live.request({ type: 'thread.setSeen', threadId: threadIDOrFilter, seen });
    } else {
      const { groupId, filter } = threadFilter(threadIDOrFilter);
      await this.live.request({ type: 'thread.setSeen', groupId, filter, seen });
    }
    return true;
  }

  async shareThread(threadID: string, options: ShareThreadOptions): Promise<true> {
    if (options.method !== 'email' && options.method !== 'slack') throw new Error('Method should be email or slack');
    if (options.method === 'email' && !/^[^\s@]+@[^\s@]+$/.test(options.email))
      throw new Error('Invalid email address.');
    // Local Cord sends nothing out; the thread must still be one the viewer may share.
    await this.live.request({ type: 'thread.update', threadId: threadID });
    return true;
  }

  sendMessage(threadID: string, data: ClientCreateMessage): Promise<true> {
    return sendMessage(this.live, threadID, data).then(() => true);
  }

  updateMessage(messageID: string, data: ClientUpdateMessage): Promise<true>;
  updateMessage(threadID: string, messageID: string, data: ClientUpdateMessage): Promise<true>;
  async updateMessage(first: string, second: string | ClientUpdateMessage, third?: ClientUpdateMessage): Promise<true> {
    if (typeof second === 'string' && third !== undefined) await updateMessage(this.live, second, third, first);
    else if (typeof second === 'object' && second !== null) await updateMessage(this.live, first, second);
    else throw new Error('Invalid arguments, need a message ID and data');
    return true;
  }

  async searchMessages(options: SearchOptionsType): Promise<SearchResultData[] | undefined> {
    const {
      textToMatch,
      authorID,
      groupID,
      orgID,
      metadata,
      locationOptions,
      timestampRange,
      limit,
      sortBy,
      sortDirection,
    } = options;
    try {
      const { results } = await this.live.request({
        type: 'messages.search',
        textToMatch,
        authorId: authorID,
        groupId: groupID ?? orgID,
        metadata,
        location: locationOptions && { value: locationOptions.location, partialMatch: locationOptions.partialMatch },
        from: timestampRange?.from?.getTime(),
        to: timestampRange?.to?.getTime(),
        limit: limit === undefined ? undefined : Math.min(limit, 1_000),
        sortBy,
        sortDirection,
      });
      return results.map((result) => ({ ...toClientMessage(result), location: result.location }));
    } catch (error) {
      console.error('Error searching for messages', error);
      return undefined;
    }
  }

  // --- shared queries ------------------------------------------------------------------

  private threadQuery(threadId: string, groupId: string | undefined, initialFetchCount?: number): ThreadQuery {
    return threadQuery(this.live, threadId, groupId, initialFetchCount);
  }

  private countsQuery(groupId: string | undefined, filter: ThreadFilter): ThreadCountsQuery {
    return threadCountsQuery(this.live, groupId, filter);
  }

  private observeList(
    groupId: string | undefined,
    filter: ThreadFilter,
    sortOptions: ObserveThreadsOptions,
    size: number,
    withCounts: boolean,
    callback: Parameters<ICordThreadSDK['observeThreads']>[0],
  ): ListenerRef {
    const sort = threadSort(sortOptions);
    const list = threadListQuery(this.live, groupId, filter, sort, size);
    const counts = withCounts ? this.countsQuery(groupId, filter) : undefined;
    const fetchMore = (count: number) => list.fetchMore(count);
    const deliver = () => {
      const { threads, loading, hasMore } = list.value;
      callback({ threads: threads.map(toThreadSummary), counts: counts?.value, loading, hasMore, fetchMore });
    };
    const stops = [list.subscribe(deliver), ...(counts ? [counts.subscribe(deliver)] : [])];
    deliver();
    return this.listeners.add(() => {
      for (const stop of stops) stop();
    });
  }
}
