import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EntityMetadata, ThreadData } from '../../protocol/views.ts';
import { toClientMessage, toThreadSummary } from '../api/convert.ts';
import { groupMembersQuery, threadQuery } from '../data/sharedQueries.ts';
import type { MembersState } from '../data/simpleQueries.ts';
import type { LocalMessage, ThreadQuery, ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import { collapsedThread } from '../ui/collapsedThread.ts';
import { facepile } from '../ui/facepile.ts';
import { extraClasses, message, threadMenuButton } from '../ui/message.ts';
import { typingIndicator } from '../ui/typingIndicator.ts';
import { threadSeenBy, unreadMessageIndicator } from '../ui/unreadAndSeen.ts';
import { booleanAttribute, flagAttribute, locationAttribute, parseJsonAttribute } from './attributes.ts';
import { ClockController } from './clockController.ts';
import { ComposerController } from './composerController.ts';
import { CordElement } from './cordElement.ts';
import { InViewController } from './inViewController.ts';
import { LiveController } from './liveController.ts';
import { authorOf, MessageController, threadMenuOf, userShown } from './messageController.ts';
import { markSeenSoon } from './seen.ts';
import { ToastController } from './toastController.ts';

const UNDO_DELETE_MS = 10_000;
const OLDER_PAGE = 10;
/** Older messages load when the reader scrolls this close to the top, as in Cord. */
const LOAD_OLDER_MARGIN_PX = 400;
const PLACEHOLDER_FACES = 4;

/**
 * `<cord-thread>`: one conversation. Empty, it shows Cord's placeholder and a composer;
 * its first message creates it in the viewer's group (or `group-id`). It observes the
 * thread in the page's data layer (shared with hooks and other elements on the same
 * thread); messages and the composer (with its files) are the templates and controllers
 * every element showing them uses.
 */
export class CordThread extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
    threadName: { attribute: 'thread-name' },
    location: {},
    context: {},
    metadata: {},
    collapsed: {},
    autofocus: {},
    showHeader: { attribute: 'show-header' },
    showPlaceholder: { attribute: 'show-placeholder' },
    composerExpanded: { attribute: 'composer-expanded' },
    composerDisabled: { attribute: 'composer-disabled' },
    threadOptions: { attribute: 'thread-options' },
    groupId: { attribute: 'group-id' },
  };
  declare threadId: string | null;
  declare threadName: string | null;
  declare location: string | null;
  declare context: string | null;
  declare metadata: string | null;
  declare collapsed: string | null;
  /** Cord's `autofocus` flag; React 19 sets it as a property ("" for true). */
  declare autofocus: boolean;
  declare showHeader: string | null;
  declare showPlaceholder: string | null;
  declare composerExpanded: string | null;
  declare composerDisabled: string | null;
  declare threadOptions: string | null;
  declare groupId: string | null;
  /** Cord's screenshot settings (set through React's ref); local Cord takes no screenshots. */
  screenshotConfig: unknown;

  private readonly thread = new LiveController<ThreadState>(this);
  private readonly toast = new ToastController(this);
  private readonly onScreen = new InViewController(this);
  private readonly members = new LiveController<MembersState>(this);
  private readonly composer = new ComposerController(this, (name, detail) =>
    this.emitPart('cord-composer', name, detail),
  );
  private readonly messages = new MessageController(
    this,
    {
      editStart: (shown) => this.emitPart('cord-message', 'editstart', this.messageInfo(shown)),
      editEnd: (shown) => this.emitPart('cord-message', 'editend', this.messageInfo(shown)),
      failed: (reason) => this.composer.fail(reason),
      done: (announcement) => this.toast.show(announcement),
    },
    this.composer.attachments,
  );
  private announcedCount: number | undefined;
  /**
   * The first message the viewer had not seen when the thread opened, and whether they
   * followed it then: Cord's "New" line stays where it was while the thread is shown,
   * though the thread is marked seen a moment later.
   */
  private unseenAtOpen: { messageId: string | undefined; subscribed: boolean } | undefined;
  private wasResolved: boolean | undefined;
  private rendered = false;
  private focusPending = false;
  /** Name and metadata last written from the attributes, so each is written once. */
  private written = { name: undefined as string | undefined, metadata: undefined as string | undefined };

  constructor() {
    super();
    new ClockController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.emitLifecycle('loading');
    this.focusPending = flagAttribute(this.autofocus);
  }

  private get query(): ThreadQuery | undefined {
    return this.thread.current as ThreadQuery | undefined;
  }

  protected override willUpdate() {
    const threadId = this.threadId || undefined;
    const groupId = this.groupId ?? undefined;
    const previous = this.query;
    if (previous?.threadId !== threadId || previous?.groupId !== groupId) {
      this.announcedCount = undefined;
      this.wasResolved = undefined;
      this.unseenAtOpen = undefined;
      this.thread.use(threadId === undefined ? undefined : threadQuery(live, threadId, groupId));
    }
    const loaded = this.thread.value;
    if (this.unseenAtOpen === undefined && loaded && loaded.thread !== undefined && !loaded.error) {
      const viewerId = live.viewer?.id;
      this.unseenAtOpen = {
        messageId: loaded.messages.find((shown) => !shown.seen)?.id,
        subscribed: viewerId !== undefined && (loaded.thread?.subscribers.includes(viewerId) ?? false),
      };
    }
    const group = groupId ?? live.viewer?.groupID ?? undefined;
    const empty = (this.thread.value?.messages.length ?? 0) === 0;
    this.members.use(empty && group ? groupMembersQuery(live, group) : undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const state = this.thread.value;
    if (!state || state.thread === undefined) return;
    if (!this.rendered) {
      this.rendered = true;
      this.emitLifecycle('render');
    }
    const thread = state.thread;
    if (thread) {
      const count = visibleMessages(state).filter((shown) => shown.deletedTimestamp === null).length;
      if (count !== this.announcedCount) {
        this.announcedCount = count;
        this.emit('threadinfochange', { messageCount: count, thread: toThreadSummary(thread) });
      }
      if (this.wasResolved === false && thread.resolved) this.emit('resolved', { thread: toThreadSummary(thread) });
      this.wasResolved = thread.resolved;
      this.writeAttributes(thread);
      // Collapsed, the replies are out of sight: as in Cord, only an open thread on screen is read.
      const open = !booleanAttribute(this.collapsed, false);
      if (open && thread.unread > 0 && this.onScreen.inView) markSeenSoon(thread.id);
    }
    if (this.focusPending && !thread?.resolved) {
      const editor = this.querySelector<HTMLElement>('.cord-composer .cord-editor');
      if (editor) {
        this.focusPending = false;
        editor.focus();
      }
    }
  }

  /** An explicit name or metadata differing from the thread's is written to it, as Cord does. */
  private writeAttributes(thread: ThreadData) {
    const name = this.threadName ?? undefined;
    const metadata = parseJsonAttribute<EntityMetadata>(this.metadata);
    const metadataText = metadata && JSON.stringify(metadata);
    const update: { name?: string; metadata?: EntityMetadata } = {};
    if (name !== undefined && name !== thread.name && name !== this.written.name) update.name = name;
    if (metadata && metadataText !== JSON.stringify(thread.metadata) && metadataText !== this.written.metadata) {
      update.metadata = metadata;
    }
    if (update.name === undefined && update.metadata === undefined) return;
    this.written = { name: update.name ?? this.written.name, metadata: metadataText ?? this.written.metadata };
    live.request({ type: 'thread.update', threadId: thread.id, ...update }).catch((error: Error) => {
      console.warn(`Cord: thread ${thread.id} could not be updated: ${error.message}`);
    });
  }

  private messageInfo(shown: LocalMessage) {
    const thread = this.thread.value?.thread;
    return {
      threadId: shown.threadID,
      messageId: shown.id,
      thread: thread ? toThreadSummary(thread) : null,
      message: toClientMessage(shown),
    };
  }

  protected renderContent() {
    const query = this.query;
    if (!query) {
      console.error('non-empty threadId must be provided');
      return nothing;
    }
    const state = query.value;
    // Cord shows nothing while loading, and nothing for a thread the viewer may not see
    // (e.g. its id is in use by another group); the reason goes to the console.
    if (state.thread === undefined || state.error) return nothing;
    const thread = state.thread;
    const messages = visibleMessages(state);
    const viewerId = live.viewer?.id;
    const subscribed = viewerId !== undefined && (thread?.subscribers.includes(viewerId) ?? false);
    const containerClasses = {
      'cord-thread-container': true,
      'cord-thread': true,
      'cord-resolved': thread?.resolved ?? false,
      'cord-no-replies': (thread?.userMessages ?? 0) <= 1,
      'cord-subscribed': subscribed,
      ...extraClasses(thread?.extraClassnames ?? null),
    };
    if (booleanAttribute(this.collapsed, false)) {
      if (!thread || messages.length === 0) return nothing;
      return html`<div class=${classMap(containerClasses)} data-cord-thread-id=${thread.id} data-cord-group-id=${thread.groupID}>
        ${collapsedThread(thread, this.renderMessage(messages[0]!, thread, true), {
          viewerId,
          user: (id) => live.user(id),
          offerReply: true,
        })}
      </div>`;
    }
    const header = booleanAttribute(this.showHeader, false);
    return html`<div
      class=${classMap(containerClasses)}
      data-cord-thread-id=${query.threadId}
      data-cord-group-id=${thread?.groupID ?? nothing}
    >
      <div class="cord-inline-thread">
        ${header ? this.renderHeader(query.threadId, thread) : nothing}
        ${
          messages.length === 0
            ? booleanAttribute(this.showPlaceholder, true)
              ? this.renderPlaceholder()
              : nothing
            : html`<div class="cord-scroll-container" @scroll=${this.loadOlderNearTop}>
              ${this.renderOlderButton(state)}
              <div class="cord-message-block">
                ${repeat(
                  messages,
                  (shown) => shown.id,
                  (shown, index) =>
                    html`${index > 0 && shown.id === this.unseenAtOpen?.messageId ? unreadMessageIndicator(this.unseenAtOpen.subscribed) : nothing}
                    ${this.renderMessage(shown, thread, index === 0 && !header)}`,
                )}
              </div>
              ${thread ? threadSeenBy(messages.at(-1)!, thread.participants, viewerId, (id) => live.user(id)) : nothing}
            </div>`
        }
        ${typingIndicator((thread?.typing ?? []).map(userShown))}
        ${this.composer.render({
          threadId: query.threadId,
          thread,
          newThread: this.newThread(),
          size: 'medium',
          showExpanded: booleanAttribute(this.composerExpanded, false),
          showCloseButton: false,
          disabled: booleanAttribute(this.composerDisabled, false),
        })}
      </div>
      ${this.messages.attachments.viewer()} ${this.toast.render()}
    </div>`;
  }

  private renderMessage(shown: LocalMessage, thread: ThreadData | null, withThreadMenu: boolean) {
    const menu = withThreadMenu && thread ? threadMenuOf(thread) : undefined;
    return message(shown, authorOf(shown), this.messages.state(shown, menu), this.messages.actions);
  }

  private newThread() {
    const subscribers = parseJsonAttribute<{ additional_subscribers_on_create?: string[] }>(this.threadOptions);
    return {
      name: this.threadName ?? document.title,
      url: window.location.href,
      location: locationAttribute(this.location, this.context),
      groupID: this.groupId ?? undefined,
      metadata: parseJsonAttribute<EntityMetadata>(this.metadata),
      addSubscribers: [...defaultSubscribers(), ...(subscribers?.additional_subscribers_on_create ?? [])],
    };
  }

  private renderPlaceholder() {
    const viewer = live.viewer;
    const others = (this.members.value?.members ?? []).filter((member) => member.id !== viewer?.id);
    const faces = [...others.slice(0, viewer ? PLACEHOLDER_FACES - 1 : PLACEHOLDER_FACES), ...(viewer ? [viewer] : [])];
    return html`<div class="cord-empty-state-placeholder">
      ${this.members.value?.loading === false ? facepile(faces.map((user) => ({ user }))) : nothing}
      <p class="cord-empty-state-placeholder-title">${this.t('thread:placeholder_title')}</p>
      <p class="cord-empty-state-placeholder-body">${this.t('thread:placeholder_body')}</p>
    </div>`;
  }

  private renderOlderButton(state: ThreadState) {
    if (!state.hasMore) return nothing;
    return html`<div class="cord-load-older-messages-container">
      <button
        type="button"
        class="cord-button cord-secondary cord-small"
        data-cord-button="load-older-messages"
        @click=${() => void this.query?.fetchMore(OLDER_PAGE).catch(() => {})}
      >
        ${this.t('thread:show_more', { count: OLDER_PAGE })}
      </button>
    </div>`;
  }

  /** Scrolling up through a long thread loads the messages before those shown, a page at a time. */
  private readonly loadOlderNearTop = (event: Event) => {
    if ((event.currentTarget as HTMLElement).scrollTop > LOAD_OLDER_MARGIN_PX) return;
    void this.query?.fetchMore(OLDER_PAGE).catch(() => {});
  };

  private renderHeader(threadId: string, thread: ThreadData | null) {
    const first = this.thread.value?.messages[0];
    return html`<div class="cord-thread-header-container">
      ${
        thread && first
          ? threadMenuButton(first, this.messages.state(first, threadMenuOf(thread)), this.messages.actions)
          : nothing
      }
      <button
        type="button"
        class="cord-button cord-secondary cord-small cord-close-button"
        data-cord-button="close-thread"
        aria-label="Close"
        @click=${() => this.emit('close', { threadID: threadId, thread: thread ? toThreadSummary(thread) : null })}
      >
        ✕
      </button>
    </div>`;
  }
}

/** The subscribers `CordSDK.init({ thread_options })` adds to every thread an element creates. */
function defaultSubscribers(): string[] {
  const sdk = (
    window as { CordSDK?: { options?: { thread_options?: { additional_subscribers_on_create?: string[] } } } }
  ).CordSDK;
  return sdk?.options?.thread_options?.additional_subscribers_on_create ?? [];
}

/** Messages to show: deleted ones stay (with Undo) for the author's 10 s window only. */
function visibleMessages(state: ThreadState): LocalMessage[] {
  const now = Date.now();
  const viewerId = live.viewer?.id;
  return state.messages.filter(
    (shown) =>
      shown.deletedTimestamp === null || (shown.authorID === viewerId && now - shown.deletedTimestamp < UNDO_DELETE_MS),
  );
}
