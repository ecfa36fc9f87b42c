import type { ReactiveControllerHost } from 'lit';
import type { MessageData, ThreadData } from '../../protocol/views.ts';
import { messageQuery, threadQuery } from '../data/sharedQueries.ts';
import type { LocalMessage, ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import { LiveController } from './liveController.ts';

/**
 * One message of a thread, for elements that show a single message (`<cord-message>`,
 * `<cord-reactions>`): taken from the thread as the page observes it (shared with a
 * `<cord-thread>` or React's hooks on it), or observed alone when it is older than the
 * messages the thread has loaded. Without a message id: the thread's first message.
 */
export class MessageLookup {
  private readonly thread: LiveController<ThreadState>;
  private readonly single: LiveController<MessageData | null | undefined>;
  private threadId: string | undefined;
  private messageId: string | undefined;

  constructor(host: ReactiveControllerHost) {
    this.thread = new LiveController<ThreadState>(host);
    this.single = new LiveController<MessageData | null | undefined>(host);
  }

  use(threadId: string | undefined, messageId: string | undefined) {
    this.threadId = threadId;
    this.messageId = messageId;
    this.thread.use(threadId ? threadQuery(live, threadId, undefined) : undefined);
    const state = this.thread.value;
    const id = this.wantedId();
    // Older than the loaded window (or the thread is gone from view): ask for it alone.
    const missing = state && !state.loading && id !== undefined && !state.messages.some((shown) => shown.id === id);
    this.single.use(missing ? messageQuery(live, id) : undefined);
  }

  private wantedId(): string | undefined {
    return this.messageId || this.thread.value?.thread?.firstMessage?.id || undefined;
  }

  /** The thread; undefined while loading, null if it does not exist or may not be seen. */
  get threadData(): ThreadData | null | undefined {
    return this.thread.value?.thread;
  }

  /** The message; undefined until both it and its thread are known. */
  get message(): LocalMessage | undefined {
    const state = this.thread.value;
    if (!this.threadId || !state?.thread) return undefined;
    const id = this.wantedId();
    const shown = state.messages.find((candidate) => candidate.id === id) ?? this.single.value ?? undefined;
    return shown && shown.threadID === this.threadId ? shown : undefined;
  }

  /** Whether the first message is the one shown (it carries the thread's menu). */
  get isFirst(): boolean {
    const first = this.thread.value?.thread?.firstMessage?.id;
    return first !== undefined && first === this.message?.id;
  }
}
