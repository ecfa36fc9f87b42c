import type { ClientThreadFilter } from '@cord-sdk/types';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ThreadData } from '../../protocol/views.ts';
import { toThreadSummary } from '../api/convert.ts';
import { threadFilter } from '../api/threadOptions.ts';
import { threadListQuery } from '../data/sharedQueries.ts';
import type { ThreadListQuery, ThreadListState } from '../data/threadListQuery.ts';
import { live } from '../runtime.ts';
import { collapsedThread } from '../ui/collapsedThread.ts';
import { message } from '../ui/message.ts';
import { booleanAttribute, locationAttribute, parseJsonAttribute } from './attributes.ts';
import { ClockController } from './clockController.ts';
import { CordElement } from './cordElement.ts';
import { LiveController } from './liveController.ts';
import { authorOf, MessageController, OWN_CLICKS, threadMenuOf } from './messageController.ts';
import { onOpenFloatingThreads, openFloatingThreadAt } from './openFloatingThreads.ts';

const PAGE_SIZE = 20;

/**
 * `<cord-thread-list>`: the threads at a location, most recent activity first, each
 * collapsed to its first message with its replies and unread count; resolved ones under
 * "Show resolved threads". Live: new threads come in on top, and a thread that stops
 * matching leaves.
 */
export class CordThreadList extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    location: {},
    filter: {},
    partialMatch: { attribute: 'partial-match' },
    highlightThreadId: { attribute: 'highlight-thread-id' },
    highlightOpenFloatingThread: { attribute: 'highlight-open-floating-thread' },
    showPlaceholder: { attribute: 'show-placeholder' },
  };
  static override unsupportedAttributes = {
    'show-screenshot-preview-in-message':
      "Cord's shows the screenshot it took of the spot under a thread's first message; local Cord takes no screenshots.",
  };
  declare location: string | null;
  declare filter: string | null;
  declare partialMatch: string | null;
  declare highlightThreadId: string | null;
  declare highlightOpenFloatingThread: string | null;
  declare showPlaceholder: string | null;

  private readonly list = new LiveController<ThreadListState>(this);
  private readonly messages = new MessageController(this, {
    editStart: () => {},
    editEnd: () => {},
    failed: (reason) => console.warn(`Cord: ${reason}`),
  });
  private showResolved = false;
  private rendered = false;
  /** Each listed thread's resolved state when last seen, to tell when it changes. */
  private resolvedBefore = new Map<string, boolean>();
  private scrolledTo: string | undefined;
  /** The thread a `<cord-floating-threads>` at the list's location has open, highlighted too. */
  private floatingOpen: string | undefined;
  private stopFloating: (() => void) | undefined;

  constructor() {
    super();
    new ClockController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.emitLifecycle('loading');
    this.stopFloating = onOpenFloatingThreads(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopFloating?.();
  }

  protected override willUpdate() {
    const given = parseJsonAttribute<Omit<ClientThreadFilter, 'resolvedStatus'>>(this.filter) ?? {};
    const location = given.location ?? {
      value: locationAttribute(this.location),
      partialMatch: booleanAttribute(this.partialMatch, false),
    };
    // Both resolved and unresolved threads, whatever the filter says, as in Cord.
    const { groupId, filter } = threadFilter({ ...given, location, resolvedStatus: 'any' });
    const listed = filter.location;
    this.floatingOpen =
      listed && !listed.partialMatch && booleanAttribute(this.highlightOpenFloatingThread, true)
        ? openFloatingThreadAt(listed.value)
        : undefined;
    const sort = { sortBy: 'most_recent_message_timestamp', sortDirection: 'descending' } as const;
    this.list.use(threadListQuery(live, groupId, filter, sort, PAGE_SIZE));
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const state = this.list.value;
    if (!state || state.loading) return;
    if (!this.rendered) {
      this.rendered = true;
      this.emitLifecycle('render');
    }
    const before = this.resolvedBefore;
    this.resolvedBefore = new Map(state.threads.map((thread) => [thread.id, thread.resolved]));
    for (const thread of state.threads) {
      const was = before.get(thread.id);
      if (was === undefined || was === thread.resolved) continue;
      this.emit(thread.resolved ? 'threadresolve' : 'threadreopen', {
        threadID: thread.id,
        thread: toThreadSummary(thread),
      });
    }
    const highlight = this.highlightThreadId;
    if (highlight && highlight !== this.scrolledTo) {
      const shown = this.querySelector(`[data-cord-thread-id="${CSS.escape(highlight)}"]`);
      if (shown) {
        this.scrolledTo = highlight;
        shown.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      }
    }
  }

  /** More threads as the reader scrolls to the end. */
  private loadMoreAtEnd(event: Event) {
    const box = event.target as HTMLElement;
    if (box.scrollTop + box.clientHeight < box.scrollHeight - 20) return;
    const query = this.list.current as ThreadListQuery | undefined;
    void query?.fetchMore(PAGE_SIZE).catch(() => {});
  }

  protected renderContent() {
    const state = this.list.value;
    if (!state || (state.loading && state.threads.length === 0)) {
      return html`<div class="cord-thread-list-loading"><div class="cord-spinner" role="progressbar" aria-label="Loading"></div></div>`;
    }
    // Threads without a message yet are left out, as in Cord.
    const threads = state.threads.filter((thread) => thread.firstMessage !== null);
    const open = threads.filter((thread) => !thread.resolved);
    const resolved = threads.filter((thread) => thread.resolved);
    return html`<div class="cord-scroll-container" @scroll=${(event: Event) => this.loadMoreAtEnd(event)}>
      ${repeat(
        open,
        (thread) => thread.id,
        (thread) => this.renderThread(thread),
      )}
      ${open.length === 0 && booleanAttribute(this.showPlaceholder, true) ? this.renderPlaceholder() : nothing}
      ${
        resolved.length > 0
          ? html`<button
            type="button"
            class="cord-button cord-tertiary cord-small cord-show-resolved"
            aria-expanded=${this.showResolved ? 'true' : 'false'}
            @click=${() => {
              this.showResolved = !this.showResolved;
              this.requestUpdate();
            }}
          >
            ${this.t(this.showResolved ? 'thread_list:hide_resolved_threads_action' : 'thread_list:show_resolved_threads_action')}
          </button>`
          : nothing
      }
      ${
        this.showResolved
          ? repeat(
              resolved,
              (thread) => thread.id,
              (thread) => this.renderThread(thread),
            )
          : nothing
      }
    </div>
    ${this.messages.attachments.viewer()}`;
  }

  private renderPlaceholder() {
    return html`<div class="cord-empty-state-placeholder-with-icon">
      <span class="cord-icon" aria-hidden="true">💬</span>
      <p class="cord-empty-state-title">${this.t('thread_list:placeholder_title')}</p>
      <p class="cord-empty-state-body">${this.t('thread_list:placeholder_body')}</p>
    </div>`;
  }

  private renderThread(thread: ThreadData) {
    const first = thread.firstMessage!;
    const summary = () => toThreadSummary(thread);
    return html`<div
      class="cord-clickable-thread"
      data-cord-thread-id=${thread.id}
      data-cord-group-id=${thread.groupID}
      @click=${(event: Event) => {
        // The thread's own buttons (menu, reactions) are not a click on the thread.
        if ((event.target as Element).closest(OWN_CLICKS)) return;
        this.emit('threadclick', thread.id, summary());
      }}
      @mouseenter=${() => this.emit('threadmouseenter', thread.id, { thread: summary() })}
      @mouseleave=${() => this.emit('threadmouseleave', thread.id, { thread: summary() })}
    >
      ${thread.resolved ? this.renderResolvedHeader(thread) : nothing}
      ${collapsedThread(
        thread,
        message(first, authorOf(first), this.messages.state(first, threadMenuOf(thread), false), this.messages.actions),
        {
          viewerId: live.viewer?.id,
          user: (id) => live.user(id),
          highlighted: thread.id === this.highlightThreadId || thread.id === this.floatingOpen,
          offerReply: false,
        },
      )}
    </div>`;
  }

  private renderResolvedHeader(thread: ThreadData) {
    return html`<div class="cord-resolved-thread-header-container">
      <span class="cord-resolved-thread-header-text">✓ ${this.t('thread:resolved_status')}</span>
      <button
        type="button"
        class="cord-button cord-secondary cord-small"
        @click=${() => this.messages.actions.setResolved(thread.id, false)}
      >
        ${this.t('thread:unresolve_action')}
      </button>
    </div>`;
  }
}
