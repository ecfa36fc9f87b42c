import type { ThreadSummary } from '@cord-sdk/types';
import { nothing } from 'lit';
import { toThreadSummary } from '../api/convert.ts';
import { threadQuery } from '../data/sharedQueries.ts';
import type { ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import { annotationPin } from '../ui/pin.ts';
import { CordElement } from './cordElement.ts';
import { LiveController } from './liveController.ts';
import { authorOf } from './messageController.ts';

/**
 * `<cord-pin>`: a thread's annotation pin, with the face of whoever started it, blue while
 * it holds messages new to the viewer. It wraps the page's children (typically the thread,
 * shown when the pin is clicked) and fires Cord's pin events with the thread's summary.
 */
export class CordPin extends CordElement {
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
  };
  static override ignoredAttributes = {
    location:
      "Cord's pin only hands it to the page context of its own UI, which creates no thread: the thread is made elsewhere.",
  };
  declare threadId: string | null;

  private readonly thread = new LiveController<ThreadState>(this);
  private wasResolved: boolean | undefined;
  private reported = false;

  protected override willUpdate() {
    this.thread.use(this.threadId ? threadQuery(live, this.threadId, undefined) : undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const thread = this.thread.value?.thread;
    if (thread === undefined) return;
    const resolved = thread?.resolved;
    if (this.wasResolved === false && resolved === true) this.emit('resolve', this.summary());
    this.wasResolved = resolved;
  }

  private summary(): ThreadSummary | null {
    const thread = this.thread.value?.thread;
    return thread ? toThreadSummary(thread) : null;
  }

  protected renderContent() {
    if (!this.threadId) {
      // Cord's render throws (its error boundary logs it and shows nothing).
      if (!this.reported) console.error('non-empty threadId must be provided');
      this.reported = true;
      return nothing;
    }
    const state = this.thread.value;
    const first = state?.messages[0];
    const loading = !state || state.loading;
    // Cord shows the read look while loading, then the first author's face (the viewer's on a draft).
    const user = loading ? undefined : first ? authorOf(first) : (live.viewer ?? undefined);
    return annotationPin(
      { unread: (state?.thread?.unread ?? 0) > 0, user },
      {
        click: () => this.emit('click', this.summary()),
        mouseenter: () => this.emit('mouseenter', this.summary()),
        mouseleave: () => this.emit('mouseleave', this.summary()),
      },
    );
  }
}
