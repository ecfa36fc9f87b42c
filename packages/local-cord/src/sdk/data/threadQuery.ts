import type { ServerEvent } from '../../protocol/events.ts';
import { seenBy, seenByViewer } from '../../protocol/seen.ts';
import type { MessageData, ThreadData } from '../../protocol/views.ts';
import type { LiveData } from './liveData.ts';
import { LiveQuery } from './liveQuery.ts';

export interface LocalMessage extends MessageData {
  /** Sent, not yet confirmed by the server. */
  pending?: boolean;
}

export interface ThreadState {
  /** undefined while loading; null when the thread does not exist (yet) or may not be seen. */
  thread: ThreadData | null | undefined;
  /** Oldest first, the viewer's unconfirmed messages included. */
  messages: LocalMessage[];
  hasMore: boolean;
  loading: boolean;
  /** Why the thread cannot be shown, when local Cord refused it. */
  error?: string;
}

const LOADING: ThreadState = { thread: undefined, messages: [], hasMore: true, loading: true };

/** One thread with a window of its newest messages, older ones fetched on demand. */
export class ThreadQuery extends LiveQuery<ThreadState> {
  /**
   * A message change whose thread is the next event (`threadFollows`): kept here until
   * then, so observers get the message and the thread it changed in one delivery.
   */
  private held: ThreadState | undefined;

  static key(threadId: string, groupId: string | undefined) {
    return `thread\n${threadId}\n${groupId ?? ''}`;
  }

  constructor(
    live: LiveData,
    readonly threadId: string,
    readonly groupId: string | undefined,
    private readonly messageCount: number | undefined,
  ) {
    super(live, ThreadQuery.key(threadId, groupId), LOADING);
  }

  /** The state with any held change: what the next delivery builds on. */
  private get latest(): ThreadState {
    return this.held ?? this.value;
  }

  /** Delivers a state to the observers, or holds it back until the thread that follows. */
  private show(state: ThreadState, hold = false) {
    if (hold) {
      this.held = state;
      return;
    }
    this.held = undefined;
    this.publish(state);
  }

  start() {
    this.live
      .request({
        type: 'thread.observe',
        threadId: this.threadId,
        groupId: this.groupId,
        messageCount: this.messageCount,
      })
      .then(
        ({ thread, messages, hasMore, users }) => {
          // Their authors' names come with them: kept first, so the messages show named.
          this.live.remember(users);
          const pending = this.latest.messages.filter((message) => message.pending);
          this.show({ thread, messages: this.withSeen(thread, [...messages, ...pending]), hasMore, loading: false });
        },
        (error: Error) => {
          console.warn(`Cord: thread ${this.threadId} cannot be shown: ${error.message}`);
          this.show({ thread: null, messages: [], hasMore: false, loading: false, error: error.message });
        },
      );
  }

  stop() {
    this.live.tell({ type: 'thread.unobserve', threadId: this.threadId });
  }

  reset() {
    this.show(LOADING);
  }

  override handle(event: ServerEvent) {
    const state = this.latest;
    if (event.type === 'thread' && event.thread.id === this.threadId) {
      // Who has seen a message changes only for messages changed after someone's look moved
      // (usually just the newest ones): older messages stay as they are, uncopied.
      const messages = this.withSeen(event.thread, state.messages, unchangedUntil(state.thread, event.thread));
      this.show({ ...state, thread: event.thread, messages });
    } else if (event.type === 'message' && event.message.threadID === this.threadId) {
      this.upsert(event.message, event.threadFollows);
    } else if (event.type === 'messageGone' && event.threadId === this.threadId) {
      const messages = state.messages.filter((message) => message.id !== event.messageId);
      this.show({ ...state, messages }, event.threadFollows);
    } else if (event.type === 'threadGone' && event.threadId === this.threadId) {
      this.show({ thread: null, messages: [], hasMore: false, loading: false });
    }
  }

  /** Loads up to `count` older messages in front of those shown. */
  async fetchMore(count = 20) {
    const state = this.latest;
    const oldest = state.messages.find((message) => !message.pending);
    if (state.loading || !state.hasMore || !oldest) return;
    this.show({ ...state, loading: true });
    try {
      const page = await this.live.request({
        type: 'thread.olderMessages',
        threadId: this.threadId,
        beforeMessageId: oldest.id,
        count,
      });
      this.live.remember(page.users);
      const current = this.latest;
      const known = new Set(current.messages.map((message) => message.id));
      const older = page.messages.filter((message) => !known.has(message.id));
      this.show({ ...current, messages: [...older, ...current.messages], hasMore: page.hasMore, loading: false });
    } catch (error) {
      this.show({ ...this.latest, loading: false });
      throw error;
    }
  }

  /** Shows a message the viewer just sent, before the server confirms it. */
  addPending(message: LocalMessage) {
    const state = this.latest;
    this.show({ ...state, messages: [...state.messages, { ...message, pending: true }] });
  }

  dropPending(messageId: string) {
    const state = this.latest;
    this.show({ ...state, messages: state.messages.filter((message) => message.id !== messageId) });
  }

  /**
   * A message as the server has it now, replacing what was shown (a pending copy included);
   * held back when `threadFollows`, until the thread it changed arrives.
   */
  upsert(message: MessageData, threadFollows = false) {
    const state = this.latest;
    // A new message goes last: look from the end.
    const index = state.messages.findLastIndex((shown) => shown.id === message.id);
    const messages =
      index === -1
        ? [...state.messages, message]
        : [...state.messages.slice(0, index), message, ...state.messages.slice(index + 1)];
    this.show({ ...state, messages }, threadFollows);
  }

  /**
   * Messages with who has seen them worked out again from the thread's participants;
   * those last changed at or before `unchangedUntil` are known to be as they were.
   */
  private withSeen(thread: ThreadData | null, messages: LocalMessage[], unchangedUntil = -Infinity): LocalMessage[] {
    const viewerId = this.live.viewer?.id;
    if (!thread || viewerId === undefined || unchangedUntil === Infinity) return messages;
    return messages.map((message) => {
      if (message.pending || (message.updatedTimestamp ?? message.createdTimestamp) <= unchangedUntil) return message;
      const seen = seenByViewer(thread.participants, message, viewerId);
      const by = seenBy(thread.participants, message);
      const same =
        seen === message.seen && by.length === message.seenBy.length && by.every((id, i) => id === message.seenBy[i]);
      return same ? message : { ...message, seen, seenBy: by };
    });
  }
}

/**
 * The time up to which who has seen a message cannot have changed between two versions of
 * a thread: the earliest old or new look of a participant whose look moved (either way);
 * -Infinity when participants came or went, or there was no thread before.
 */
function unchangedUntil(before: ThreadData | null | undefined, after: ThreadData): number {
  if (!before || before.participants.length !== after.participants.length) return -Infinity;
  let until = Infinity;
  after.participants.forEach((look, index) => {
    const old = before.participants[index];
    if (old?.userID !== look.userID) until = -Infinity;
    else if (old.lastSeenTimestamp !== look.lastSeenTimestamp) {
      until = Math.min(until, old.lastSeenTimestamp ?? -Infinity, look.lastSeenTimestamp ?? -Infinity);
    }
  });
  return until;
}
