import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/limits.ts';
import { type CordLocation, locationFromUrl } from '../../protocol/location.ts';
import type { LocalMessage, ThreadState } from '../data/localCordClient.ts';
import { client } from '../runtime.ts';
import { type ComposerActions, composer } from '../ui/composer.ts';
import { type MessageActions, message } from '../ui/message.ts';
import { typingIndicator } from '../ui/typingIndicator.ts';
import { CordElement, parseJsonAttribute } from './cordElement.ts';

const UNDO_DELETE_MS = 10_000;
const TYPING_REFRESH_MS = 2_000;
const CLOCK_TICK_MS = 30_000;

/**
 * `<cord-thread>`: one conversation. Empty, it shows Cord's placeholder and a composer;
 * its first message creates it in the viewer's group (or `group-id`). The messages and
 * the composer are templates of their own (`ui/`); this element holds their state and
 * turns what they ask for into calls to local Cord and Cord's events.
 */
export class CordThread extends CordElement {
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
    threadName: { attribute: 'thread-name' },
    location: {},
    context: {},
    metadata: {},
    collapsed: {},
    showHeader: { attribute: 'show-header' },
    showPlaceholder: { attribute: 'show-placeholder' },
    composerDisabled: { attribute: 'composer-disabled' },
    groupId: { attribute: 'group-id' },
    editing: { state: true },
    pickingReactionFor: { state: true },
    composerError: { state: true },
  };
  declare threadId: string | null;
  declare threadName: string | null;
  declare location: string | null;
  declare context: string | null;
  declare metadata: string | null;
  declare collapsed: string | null;
  declare showHeader: string | null;
  declare showPlaceholder: string | null;
  declare composerDisabled: string | null;
  declare groupId: string | null;
  declare editing: string | null;
  declare pickingReactionFor: string | null;
  declare composerError: string | null;

  protected readonly componentName = 'thread';
  private openedThreadId: string | undefined;
  private lastTypingSent = 0;
  private announcedCount: number | undefined;
  private rendered = false;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.editing = null;
    this.pickingReactionFor = null;
    this.composerError = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.emit('cord-thread', 'loading');
    // Relative times ("5 mins ago") and the 10 s undo window move on their own.
    this.clock = setInterval(() => this.requestUpdate(), CLOCK_TICK_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.clock);
    if (this.openedThreadId) client.closeThread(this.openedThreadId);
    this.openedThreadId = undefined;
  }

  protected override willUpdate() {
    const threadId = this.threadId ?? undefined;
    if (threadId === this.openedThreadId) return;
    if (this.openedThreadId) client.closeThread(this.openedThreadId);
    this.openedThreadId = threadId;
    this.announcedCount = undefined;
    if (threadId) client.openThread(threadId, this.groupId ?? undefined);
  }

  protected override updated() {
    super.updated();
    const state = this.openedThreadId ? client.thread(this.openedThreadId) : undefined;
    if (state?.status !== 'ready') return;
    if (!this.rendered) {
      this.rendered = true;
      this.emit('cord-thread', 'render');
    }
    const count = visibleMessages(state).length;
    if (state.groupId !== null && count !== this.announcedCount) {
      this.announcedCount = count;
      this.emit('cord-thread', 'threadinfochange', { messageCount: count, thread: this.summary(state) });
    }
  }

  private summary(state: ThreadState) {
    return {
      id: this.openedThreadId,
      groupID: state.groupId,
      name: this.currentName(),
      total: visibleMessages(state).length,
      resolved: state.resolvedAt !== null,
    };
  }

  private currentName() {
    return this.threadName || document.title;
  }

  protected renderContent() {
    const threadId = this.openedThreadId;
    if (!threadId) return html`<div class="cord-thread cord-error">This thread needs a thread-id.</div>`;
    const state = client.thread(threadId);
    if (!state || state.status === 'loading') {
      return html`<div class="cord-thread cord-loading" aria-busy="true"></div>`;
    }
    // Cord shows nothing for a thread the viewer may not see (e.g. its id is in use by
    // another group); the reason goes to the console for the developer.
    if (state.status === 'error') return nothing;
    const messages = visibleMessages(state);
    const resolved = state.resolvedAt !== null;
    const collapsed = this.collapsed === 'true';
    const viewerId = client.viewer?.user.id;
    const classes = { 'cord-thread': true, 'cord-resolved': resolved, 'cord-collapsed-thread': collapsed };
    return html`<div class=${classMap(classes)}>
      ${this.showHeader === 'true' ? this.renderHeader(state) : nothing}
      ${resolved ? this.renderResolvedBanner(threadId) : nothing}
      <div class="cord-scroll-container">
        ${messages.length === 0 && this.showPlaceholder !== 'false' ? placeholder() : nothing}
        ${repeat(
          messages,
          (shown) => shown.id,
          (shown, index) =>
            message(
              shown,
              {
                viewerId,
                editing: this.editing === shown.id,
                pickingReaction: this.pickingReactionFor === shown.id,
                resolvable: index === 0 && !resolved,
              },
              this.messageActions,
            ),
        )}
      </div>
      ${typingIndicator(state.typing, viewerId)}
      ${
        collapsed
          ? nothing
          : composer(
              { disabled: this.composerDisabled === 'true' || !client.viewer, resolved, error: this.composerError },
              this.composerActions(threadId),
            )
      }
    </div>`;
  }

  private renderHeader(state: ThreadState) {
    const threadId = this.openedThreadId!;
    const resolved = state.resolvedAt !== null;
    return html`<div class="cord-thread-header-container">
      <span class="cord-thread-name">${this.currentName()}</span>
      ${
        state.groupId === null
          ? nothing
          : html`<button type="button" class="cord-button" @click=${() => this.run(client.resolve(threadId, !resolved))}>
            ${resolved ? 'Reopen' : 'Resolve'}
          </button>`
      }
    </div>`;
  }

  private renderResolvedBanner(threadId: string) {
    return html`<div class="cord-resolved-thread-header-container">
      <span class="cord-resolved-thread-header-text">Resolved</span>
      <button type="button" class="cord-button" @click=${() => this.run(client.resolve(threadId, false))}>Reopen</button>
    </div>`;
  }

  private readonly messageActions: MessageActions = {
    startEditing: (messageId) => {
      this.editing = messageId;
      this.emit('cord-message', 'editstart', { threadId: this.openedThreadId, messageId });
    },
    stopEditing: (messageId) => {
      this.editing = null;
      this.emit('cord-message', 'editend', { threadId: this.openedThreadId, messageId });
    },
    saveEdit: (edited, text) => {
      if (!this.checkLength(text)) return false;
      if (text.trim() && text !== edited.text) this.run(client.editMessage(edited.id, text));
      return true;
    },
    setDeleted: (messageId, deleted) => this.run(client.deleteMessage(messageId, deleted)),
    react: (messageId, emoji, on) => this.run(client.react(messageId, emoji, on)),
    togglePicker: (messageId) => {
      this.pickingReactionFor = this.pickingReactionFor === messageId ? null : messageId;
    },
    resolve: (threadId) => this.run(client.resolve(threadId, true)),
  };

  private composerActions(threadId: string): ComposerActions {
    const composerEvent = () => ({ threadId, thread: this.summaryOf(threadId) });
    return {
      send: (textarea) => this.send(threadId, textarea),
      input: (text) => this.typing(threadId, text),
      focus: () => this.emit('cord-composer', 'focus', composerEvent()),
      blur: () => {
        client.setTyping(threadId, false);
        this.lastTypingSent = 0;
        this.emit('cord-composer', 'blur', composerEvent());
      },
    };
  }

  private summaryOf(threadId: string) {
    const state = client.thread(threadId);
    return state ? this.summary(state) : undefined;
  }

  private typing(threadId: string, text: string) {
    this.checkLength(text);
    const now = Date.now();
    if (text.trim() && now - this.lastTypingSent > TYPING_REFRESH_MS) {
      this.lastTypingSent = now;
      client.setTyping(threadId, true);
    }
  }

  private checkLength(text: string): boolean {
    const tooLong = text.length > MAX_MESSAGE_LENGTH;
    this.composerError = tooLong
      ? `This message is too long: at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`
      : null;
    return !tooLong;
  }

  private send(threadId: string, textarea: HTMLTextAreaElement) {
    const text = textarea.value;
    if (!text.trim() || !this.checkLength(text)) return;
    textarea.value = '';
    this.lastTypingSent = 0;
    const location =
      parseJsonAttribute<CordLocation>(this.location ?? this.context) ?? locationFromUrl(window.location.href);
    client
      .sendMessage(threadId, text, { threadName: this.currentName(), url: window.location.href, location })
      .then((sent) => {
        this.emit('cord-composer', 'send', { threadId, messageId: sent.id, thread: this.summaryOf(threadId) });
      })
      .catch((error: Error) => {
        // Keep what they wrote: put it back unless they started something new.
        if (!textarea.value) textarea.value = text;
        this.composerError = error.message;
      });
  }

  private run(action: Promise<unknown>) {
    action.then(
      () => (this.composerError = null),
      (error: Error) => (this.composerError = error.message),
    );
  }
}

function placeholder() {
  return html`<div class="cord-empty-state-placeholder">
    <p class="cord-placeholder-title">Chat with your team, right here</p>
    <p class="cord-placeholder-body">
      Ask a question, give feedback, or just say 'Hi'. Comments can be seen by anyone who can access this page.
    </p>
  </div>`;
}

/** Messages to show: deleted ones stay (with Undo) for the author's 10 s window only. */
function visibleMessages(state: ThreadState): LocalMessage[] {
  const now = Date.now();
  const viewerId = client.viewer?.user.id;
  return [...state.messages.values()].filter(
    (shown) => shown.deletedAt === null || (shown.author.id === viewerId && now - shown.deletedAt < UNDO_DELETE_MS),
  );
}
