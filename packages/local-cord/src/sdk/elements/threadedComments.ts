import type { ClientThreadFilter } from '@cord-sdk/types';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ThreadFilter, ThreadSort } from '../../protocol/requests.ts';
import type { ThreadCountsData, ThreadData } from '../../protocol/views.ts';
import { toClientMessage, toThreadSummary } from '../api/convert.ts';
import { threadFilter } from '../api/threadOptions.ts';
import { groupMembersQuery, threadCountsQuery, threadListQuery, threadQuery } from '../data/sharedQueries.ts';
import type { MembersState } from '../data/simpleQueries.ts';
import type { ThreadListQuery, ThreadListState } from '../data/threadListQuery.ts';
import type { LocalMessage, ThreadQuery, ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import { extraClasses, message } from '../ui/message.ts';
import { booleanAttribute, flagAttribute, parseJsonAttribute } from './attributes.ts';
import { ClockController } from './clockController.ts';
import { CordElement } from './cordElement.ts';
import { GroupGuard } from './groupGuard.ts';
import { LiveController } from './liveController.ts';
import { authorOf, MessageController, OWN_CLICKS, threadMenuOf } from './messageController.ts';
import { QuerySetController } from './querySet.ts';
import { markSeenSoon } from './seen.ts';

const FIRST_PAGE = 10;
const MORE = 5;
/** A one-line reply's height: the room replies out of sight take until they are first laid out. */
const REPLY_HEIGHT = 60;
const DISPLAY_RESOLVED = ['unresolvedOnly', 'resolvedOnly', 'tabbed', 'interleaved', 'sequentially'] as const;
type DisplayResolved = (typeof DISPLAY_RESOLVED)[number];
const SHOW_REPLIES = ['initiallyCollapsed', 'initiallyExpanded', 'alwaysCollapsed'] as const;
type ShowReplies = (typeof SHOW_REPLIES)[number];

const NO_GROUP_EXTRA =
  'This component must have a groupId prop unless the composerPosition prop is set to "none". This is so that it is clear which group new threads should belong to.';

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((known) => known === value) ?? fallback;
}

/** What the viewer opened in one thread. */
interface ThreadView {
  replies: boolean;
  composer: boolean;
}

/**
 * `<cord-threaded-comments>`: Cord's comments section. Top-level threads at a location
 * (each its first message, its replies collapsed or expanded, a reply composer), a
 * composer that starts new ones, and resolved threads shown as `display-resolved` says.
 * The same UI as Cord's React version, with the message template every element shows
 * messages with, and `<cord-composer>`, `<cord-avatar>` and `<cord-facepile>`.
 */
export class CordThreadedComments extends CordElement {
  static override properties = {
    ...CordElement.properties,
    location: {},
    groupId: { attribute: 'group-id' },
    partialMatch: { attribute: 'partial-match' },
    filter: {},
    sortBy: { attribute: 'sort-by' },
    scrollDirection: { attribute: 'scroll-direction' },
    messageOrder: { attribute: 'message-order' },
    composerPosition: { attribute: 'composer-position' },
    topLevelComposerExpanded: { attribute: 'top-level-composer-expanded' },
    replyComposerExpanded: { attribute: 'reply-composer-expanded' },
    showReplies: { attribute: 'show-replies' },
    highlightThreadId: { attribute: 'highlight-thread-id' },
    displayResolved: { attribute: 'display-resolved' },
    autofocus: {},
    enableFacepileTooltip: { attribute: 'enable-facepile-tooltip' },
    threadUrl: { attribute: 'thread-url' },
    threadName: { attribute: 'thread-name' },
    threadMetadata: { attribute: 'thread-metadata' },
    showPlaceholder: { attribute: 'show-placeholder' },
  };
  declare location: string | null;
  declare groupId: string | null;
  declare partialMatch: string | null;
  declare filter: string | null;
  declare sortBy: string | null;
  declare scrollDirection: string | null;
  declare messageOrder: string | null;
  declare composerPosition: string | null;
  declare topLevelComposerExpanded: string | null;
  declare replyComposerExpanded: string | null;
  declare showReplies: string | null;
  declare highlightThreadId: string | null;
  declare displayResolved: string | null;
  /** Cord's `autofocus` flag (the top-level composer); React 19 sets it as a property. */
  declare autofocus: boolean;
  declare enableFacepileTooltip: string | null;
  declare threadUrl: string | null;
  declare threadName: string | null;
  declare threadMetadata: string | null;
  declare showPlaceholder: string | null;

  private readonly list = new LiveController<ThreadListState>(this);
  private readonly resolvedList = new LiveController<ThreadListState>(this);
  private readonly counts = new LiveController<ThreadCountsData | undefined>(this);
  private readonly members = new LiveController<MembersState>(this);
  private readonly highlighted = new LiveController<ThreadState>(this);
  /** Each listed thread in full, as Cord's React version observes each (its messages, live). */
  private readonly threads = new QuerySetController<ThreadState>(
    this,
    (id) => threadQuery(live, id, undefined),
    (id) => this.threadChanged(id),
  );
  /**
   * What the next update must render again: every thread, or (when only threads' messages
   * arrived or changed) just those. Each thread's messages arrive on their own, and
   * rendering all shown threads for each would render the first page's 210 messages
   * about six times over.
   */
  private renderAll = true;
  private readonly changedThreads = new Set<string>();
  /** Bumped when every thread must render again. */
  private renderEpoch = 0;
  /** Bumped, per thread, when its messages changed. */
  private readonly threadVersions = new Map<string, number>();
  private readonly messages = new MessageController(this, {
    editStart: (shown) => {
      this.emitPart('cord-message', 'editstart', this.messageInfo(shown));
      this.emit('messageeditstart', this.messageInfo(shown));
    },
    editEnd: (shown) => {
      this.emitPart('cord-message', 'editend', this.messageInfo(shown));
      this.emit('messageeditend', this.messageInfo(shown));
    },
    resolvedByViewer: (threadID, resolved) => {
      const thread = this.threads.get(threadID)?.thread ?? this.listed(threadID);
      this.emit(resolved ? 'threadresolve' : 'threadreopen', {
        threadID,
        thread: thread ? toThreadSummary(thread) : null,
      });
    },
    failed: (reason) => console.warn(`Cord: ${reason}`),
  });
  private readonly guard = new GroupGuard('ThreadedComments', NO_GROUP_EXTRA);
  private readonly views = new Map<string, ThreadView>();
  private resolvedTab = false;
  private expandResolved = false;
  private loadingSent = false;
  private rendered = false;
  private highlightSettled: string | undefined;
  private scrolledTo: string | undefined;

  constructor() {
    super();
    // Only the times age here; a thread of one unseen message is marked seen by the render
    // after the page shows again (below), not by the clock's.
    new ClockController(this, { timesOnly: true });
  }

  private readonly pageShown = () => {
    if (document.visibilityState === 'visible') this.requestUpdate();
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.pageShown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.pageShown);
  }

  /** Anything but a thread's messages (attributes, lists, the clock, menus, views) renders every thread again. */
  override requestUpdate(...args: Parameters<CordElement['requestUpdate']>) {
    this.renderAll = true;
    super.requestUpdate(...args);
  }

  private threadChanged(threadId: string) {
    this.changedThreads.add(threadId);
    super.requestUpdate();
  }

  protected override update(changed: Map<PropertyKey, unknown>) {
    // After willUpdate, whose new queries may have told of their threads at once.
    if (this.renderAll) this.renderEpoch++;
    else {
      for (const id of this.changedThreads) this.threadVersions.set(id, (this.threadVersions.get(id) ?? 0) + 1);
    }
    this.renderAll = false;
    this.changedThreads.clear();
    super.update(changed);
  }

  /** Cord's MessageInfo for a message of a listed thread. */
  private messageInfo(shown: LocalMessage) {
    const thread = this.threads.get(shown.threadID)?.thread ?? this.listed(shown.threadID);
    return {
      threadId: shown.threadID,
      messageId: shown.id,
      thread: thread ? toThreadSummary(thread) : null,
      message: toClientMessage(shown),
    };
  }

  private listed(threadId: string): ThreadData | undefined {
    return [...(this.list.value?.threads ?? []), ...(this.resolvedList.value?.threads ?? [])].find(
      (thread) => thread.id === threadId,
    );
  }

  private get display(): DisplayResolved {
    return oneOf(this.displayResolved, DISPLAY_RESOLVED, 'unresolvedOnly');
  }

  private get newestOnTop(): boolean {
    const direction = this.scrollDirection ?? (this.messageOrder === 'newest_on_top' ? 'down' : 'up');
    return direction === 'down';
  }

  /** The group threads are read from and written to; undefined while unknown or not allowed. */
  private group(): { id: string | undefined; ok: boolean } {
    if (this.composerPosition === 'none') return { id: this.groupId ?? undefined, ok: true };
    const id = this.guard.check(this.groupId);
    return { id, ok: id !== undefined };
  }

  private resolvedStatus(): ThreadFilter['resolvedStatus'] {
    switch (this.display) {
      case 'interleaved':
        return 'any';
      case 'resolvedOnly':
        return 'resolved';
      case 'tabbed':
        return this.resolvedTab ? 'resolved' : 'unresolved';
      default:
        return 'unresolved';
    }
  }

  private baseFilter(resolvedStatus: ThreadFilter['resolvedStatus']) {
    const given = parseJsonAttribute<ClientThreadFilter>(this.filter) ?? {};
    const location = parseJsonAttribute<Record<string, string | number | boolean>>(this.location) ?? {};
    return threadFilter({
      ...given,
      groupID: this.group().id,
      location: { value: location, partialMatch: booleanAttribute(this.partialMatch, false) },
      resolvedStatus: given.resolvedStatus ?? resolvedStatus,
    });
  }

  protected override willUpdate() {
    // Only threads' messages changed: nothing the lists, counts and queries below follow did.
    if (!this.renderAll || !this.location) return;
    const group = this.group();
    if (!group.ok) {
      this.list.use(undefined);
      return;
    }
    const sort: ThreadSort = {
      sortBy:
        this.sortBy === 'most_recent_message_timestamp' ? 'most_recent_message_timestamp' : 'first_message_timestamp',
      sortDirection: 'descending',
    };
    const main = this.baseFilter(this.resolvedStatus());
    this.list.use(threadListQuery(live, main.groupId, main.filter, sort, FIRST_PAGE));
    const resolved = this.baseFilter('resolved');
    this.resolvedList.use(
      this.display === 'sequentially' && this.expandResolved
        ? threadListQuery(live, resolved.groupId, resolved.filter, sort, FIRST_PAGE)
        : undefined,
    );
    const all = this.baseFilter('any');
    this.counts.use(threadCountsQuery(live, all.groupId, all.filter));
    const membersGroup = group.id ?? live.viewer?.groups[0];
    this.members.use(membersGroup ? groupMembersQuery(live, membersGroup) : undefined);
    const highlight = this.highlightThreadId || undefined;
    this.highlighted.use(highlight ? threadQuery(live, highlight, undefined) : undefined);
    this.settleHighlight();
    const listed = [...(this.list.value?.threads ?? []), ...(this.resolvedList.value?.threads ?? [])];
    if (this.highlighted.value?.thread) listed.push(this.highlighted.value.thread);
    this.threads.use(listed.map((thread) => thread.id));
  }

  /** A highlighted resolved thread opens the part that shows it (Cord's tab or section). */
  private settleHighlight() {
    const thread = this.highlighted.value?.thread;
    if (!thread || this.highlightSettled === thread.id) return;
    this.highlightSettled = thread.id;
    if (thread.resolved && this.display === 'tabbed') this.resolvedTab = true;
    if (thread.resolved && this.display === 'sequentially') this.expandResolved = true;
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const state = this.list.value;
    if (!state) return;
    if (state.loading && !this.loadingSent) {
      this.loadingSent = true;
      this.emitLifecycle('loading');
    } else if (!state.loading && !this.rendered) {
      this.rendered = true;
      this.emitLifecycle('render');
    }
    const highlight = this.highlightThreadId;
    if (highlight && highlight !== this.scrolledTo) {
      const shown = this.querySelector(
        `.cord-threaded-comments-thread[data-cord-thread-id="${CSS.escape(highlight)}"]`,
      );
      if (shown) {
        this.scrolledTo = highlight;
        shown.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  private view(threadId: string): ThreadView {
    let view = this.views.get(threadId);
    if (!view) {
      view = { replies: this.showRepliesMode() === 'initiallyExpanded', composer: false };
      this.views.set(threadId, view);
    }
    return view;
  }

  private showRepliesMode(): ShowReplies {
    return oneOf(this.showReplies, SHOW_REPLIES, 'initiallyCollapsed');
  }

  private setView(threadId: string, change: Partial<ThreadView>) {
    this.views.set(threadId, { ...this.view(threadId), ...change });
    this.requestUpdate();
  }

  protected renderContent() {
    if (!this.location) {
      console.error('cord-threaded-comments requires a location');
      return nothing;
    }
    if (!this.group().ok) return nothing;
    const display = this.display;
    const showComposer = this.composerPosition !== 'none' && this.resolvedStatus() !== 'resolved';
    const onTop = this.composerPosition === 'top';
    const composer = showComposer ? this.renderComposer() : nothing;
    const parts = [
      this.renderList(this.list, this.resolvedStatus()),
      display === 'sequentially' && (this.counts.value?.resolved ?? 0) > 0 ? this.renderExpandResolved() : nothing,
      display === 'sequentially' && this.expandResolved ? this.renderList(this.resolvedList, 'resolved') : nothing,
    ];
    return html`<div
      class=${classMap({
        'cord-threaded-comments': true,
        'cord-threaded-comments-unresolved-only': display === 'unresolvedOnly',
        'cord-threaded-comments-resolved-only': display === 'resolvedOnly',
      })}
    >
      ${display === 'tabbed' ? this.renderTabs() : nothing} ${onTop ? composer : nothing}
      <div class="cord-threaded-comments-thread-list">${this.newestOnTop ? parts : parts.reverse()}</div>
      ${onTop ? nothing : composer}
    </div>
    ${this.messages.attachments.viewer()}`;
  }

  private renderComposer() {
    return html`<cord-composer
      location=${this.location ?? ''}
      group-id=${ifDefined(this.groupId ?? undefined)}
      thread-name=${ifDefined(this.threadName ?? undefined)}
      thread-url=${ifDefined(this.threadUrl ?? undefined)}
      thread-metadata=${ifDefined(this.threadMetadata ?? undefined)}
      show-expanded=${booleanAttribute(this.topLevelComposerExpanded, false) ? 'true' : 'false'}
      ?autofocus=${flagAttribute(this.autofocus)}
    ></cord-composer>`;
  }

  private renderTabs() {
    const tab = (resolved: boolean, label: string) =>
      html`<button
        type="button"
        role="tab"
        aria-selected=${this.resolvedTab === resolved ? 'true' : 'false'}
        class=${classMap({ 'cord-threaded-comments-tab': true, 'cord-active': this.resolvedTab === resolved })}
        @click=${() => {
          this.resolvedTab = resolved;
          this.requestUpdate();
        }}
      >
        ${label}
      </button>`;
    return html`<div class="cord-threaded-comments-tab-container" role="tablist">
      ${tab(false, this.t('threaded_comments:show_unresolved'))} ${tab(true, this.t('threaded_comments:show_resolved'))}
    </div>`;
  }

  private renderExpandResolved() {
    const arrow = this.expandResolved === this.newestOnTop ? '▴' : '▾';
    return html`<button
      type="button"
      class="cord-threaded-comments-expand-resolved-button"
      aria-expanded=${this.expandResolved ? 'true' : 'false'}
      @click=${() => {
        this.expandResolved = !this.expandResolved;
        this.requestUpdate();
      }}
    >
      ${this.t(
        this.expandResolved
          ? 'threaded_comments:hide_resolved_threads_action'
          : 'threaded_comments:show_resolved_threads_action',
      )}
      ${arrow}
    </button>`;
  }

  private renderList(list: LiveController<ThreadListState>, resolvedStatus: ThreadFilter['resolvedStatus']) {
    const state = list.value;
    if (!state) return nothing;
    const threads = [...state.threads];
    // The highlighted thread shows even when it is not (yet) on the loaded pages.
    const highlighted = this.highlighted.value?.thread;
    if (
      highlighted &&
      !threads.some((thread) => thread.id === highlighted.id) &&
      (resolvedStatus === 'any' || (resolvedStatus === 'resolved') === highlighted.resolved)
    ) {
      threads.push(highlighted);
    }
    const rendered = threads
      .filter((thread) => thread.firstMessage !== null)
      .map((thread) =>
        guard([thread.id, this.renderEpoch, this.threadVersions.get(thread.id) ?? 0], () => this.renderThread(thread)),
      );
    if (!this.newestOnTop) rendered.reverse();
    const more =
      !state.loading && state.hasMore
        ? html`<button
          type="button"
          class="cord-show-more"
          @click=${() => void (list.current as ThreadListQuery | undefined)?.fetchMore(MORE).catch(() => {})}
        >
          ${this.t('threaded_comments:load_more_action')}
        </button>`
        : nothing;
    const empty =
      booleanAttribute(this.showPlaceholder, true) && state.threads.length === 0 && !state.loading
        ? this.renderPlaceholder(resolvedStatus === 'resolved')
        : nothing;
    return html`${empty}${this.newestOnTop ? nothing : more}${rendered}${this.newestOnTop ? more : nothing}`;
  }

  private renderPlaceholder(resolved: boolean) {
    const members = this.members.value?.members ?? [];
    return html`<div class="cord-empty-state-placeholder">
      ${
        members.length > 0
          ? html`<cord-facepile
            users=${members
              .slice(0, 4)
              .map((member) => member.id)
              .join(',')}
          ></cord-facepile>`
          : nothing
      }
      <p class="cord-empty-state-placeholder-title">
        ${this.t(resolved ? 'threaded_comments:resolved_placeholder_title' : 'threaded_comments:placeholder_title')}
      </p>
      <p class="cord-empty-state-placeholder-body">
        ${this.t(resolved ? 'threaded_comments:resolved_placeholder_body' : 'threaded_comments:placeholder_body')}
      </p>
    </div>`;
  }

  private renderThread(thread: ThreadData): TemplateResult {
    const viewerId = live.viewer?.id;
    const view = this.view(thread.id);
    const mode = this.showRepliesMode();
    const hasReplies = thread.userMessages > 1;
    const allowReplies = mode !== 'alwaysCollapsed';
    const first = thread.firstMessage!;
    return html`<div
      class=${classMap({
        'cord-threaded-comments-thread': true,
        'cord-highlighted': thread.id === this.highlightThreadId,
        'cord-resolved': thread.resolved,
        'cord-no-replies': !hasReplies,
        'cord-subscribed': viewerId !== undefined && thread.subscribers.includes(viewerId),
        ...extraClasses(thread.extraClassnames),
      })}
      data-cord-thread-id=${thread.id}
      data-cord-group-id=${thread.groupID}
    >
      ${thread.resolved ? this.renderResolvedHeader(thread) : nothing}
      ${this.renderMessage(this.threads.get(thread.id)?.messages.find((shown) => shown.id === first.id) ?? first, thread)}
      ${view.replies ? this.renderReplies(thread) : this.renderCollapsedReplies(thread, allowReplies)}
      ${allowReplies && (!hasReplies || view.replies) ? this.renderReplyArea(thread, view) : nothing}
    </div>`;
  }

  /**
   * One message, with the template every element shows messages with; `thread` for a
   * thread's first message (its menu, and Cord's marking seen of a thread of one message).
   * Its pointer events are the section's own (`messageclick`...).
   */
  private renderMessage(shown: LocalMessage, thread: ThreadData | undefined) {
    if (thread && thread.total === 1 && !shown.seen && document.visibilityState === 'visible') markSeenSoon(thread.id);
    const info = () => this.messageInfo(shown);
    return html`<div
      class="cord-threaded-comments-message"
      @click=${(event: Event) => {
        if (!(event.target as Element).closest(OWN_CLICKS)) this.emit('messageclick', info());
      }}
      @mouseenter=${() => this.emit('messagemouseenter', info())}
      @mouseleave=${() => this.emit('messagemouseleave', info())}
    >
      ${message(shown, authorOf(shown), this.messages.state(shown, thread && threadMenuOf(thread)), this.messages.actions)}
    </div>`;
  }

  private renderResolvedHeader(thread: ThreadData) {
    return html`<div class="cord-threaded-comments-resolved-thread-header">
      <span aria-hidden="true">✓</span>
      ${this.t('threaded_comments:resolved_status')}
      <button
        type="button"
        class="cord-threaded-comments-reopen-button"
        @click=${() => {
          live.request({ type: 'thread.update', threadId: thread.id, resolved: false }).catch((error: Error) => {
            console.warn(`Cord: thread ${thread.id} could not be reopened: ${error.message}`);
          });
          this.emit('threadreopen', { threadID: thread.id, thread: toThreadSummary(thread) });
        }}
      >
        ${this.t('threaded_comments:unresolve_action')}
      </button>
    </div>`;
  }

  private renderCollapsedReplies(thread: ThreadData, allowReplies: boolean) {
    let unread = thread.unread;
    if (thread.firstMessage && !thread.firstMessage.seen) unread--;
    const replies = thread.userMessages - (thread.firstMessage?.deletedTimestamp ? 0 : 1);
    if (replies <= 0) return nothing;
    const repliers = [...new Set([...thread.repliers, ...thread.actionMessageRepliers])];
    return html`<button
      type="button"
      class=${classMap({ 'cord-expand-replies': true, 'cord-unseen': unread > 0 })}
      @click=${() => {
        if (!allowReplies) return;
        this.setView(thread.id, { replies: true, composer: this.showRepliesMode() !== 'initiallyExpanded' });
      }}
    >
      <cord-facepile
        users=${repliers.join(',')}
        enable-tooltip=${booleanAttribute(this.enableFacepileTooltip, false) ? 'true' : 'false'}
      ></cord-facepile>
      ${
        unread > 0
          ? this.t('threaded_comments:show_replies_action_unread', { count: unread })
          : this.t('threaded_comments:show_replies_action_read', { count: replies })
      }
    </button>`;
  }

  private renderReplies(thread: ThreadData) {
    const state = this.threads.get(thread.id);
    if (!state || (state.loading && state.messages.length === 0)) return this.renderCollapsedReplies(thread, true);
    // The first message is shown above; older pages may not reach it yet.
    const replies = state.messages.filter((shown) => shown.id !== thread.firstMessage?.id);
    if (replies.length === 0) return nothing;
    return html`<button
        type="button"
        class="cord-hide-replies"
        @click=${() => this.setView(thread.id, { replies: false, composer: false })}
      >
        ${this.t('threaded_comments:hide_replies_action')}
      </button>
      ${
        state.hasMore
          ? html`<button
            type="button"
            class="cord-show-more"
            @click=${() => void (this.threads.query(thread.id) as ThreadQuery | undefined)?.fetchMore(MORE).catch(() => {})}
          >
            ${this.t('threaded_comments:show_more_replies_action')}
          </button>`
          : nothing
      }
      <div class="cord-replies-container" style="contain-intrinsic-size: auto ${replies.length * REPLY_HEIGHT}px">
        ${repeat(
          replies,
          (reply) => reply.id,
          (reply) => this.renderMessage(reply, undefined),
        )}
      </div>`;
  }

  private renderReplyArea(thread: ThreadData, view: ThreadView) {
    const viewerId = live.viewer?.id;
    if (!view.composer) {
      return html`<button
        type="button"
        class="cord-expand-replies"
        @click=${() => this.setView(thread.id, { replies: true, composer: true })}
      >
        ${this.t('threaded_comments:reply_action')}
      </button>`;
    }
    return html`<div class="cord-viewer-avatar-with-composer">
      ${viewerId ? html`<cord-avatar user-id=${viewerId}></cord-avatar>` : nothing}
      <cord-composer
        thread-id=${thread.id}
        size="small"
        show-close-button="true"
        show-expanded=${booleanAttribute(this.replyComposerExpanded, false) ? 'true' : 'false'}
        autofocus
        @cord-composer:close=${() => this.setView(thread.id, { composer: false })}
        @cord-composer:threadreopen=${() => this.emit('threadreopen', { threadID: thread.id, thread: toThreadSummary(thread) })}
      ></cord-composer>
    </div>`;
  }
}
