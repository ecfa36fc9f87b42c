import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/limits.ts';
import type { CordLocation } from '../../protocol/views.ts';
import type { LocalMessage, ThreadState } from '../client.ts';
import { absoluteTime, displayName, relativeTime } from '../names.ts';
import { client } from '../runtime.ts';
import { avatar } from './avatar.ts';
import { CordElement, defaultLocation, parseJsonAttribute } from './cordElement.ts';

const REACTIONS = ['👍', '❤️', '😂', '🎉', '👀'];
const UNDO_DELETE_MS = 10_000;
const TYPING_REFRESH_MS = 2_000;
const CLOCK_TICK_MS = 30_000;

/**
 * `<cord-thread>`: one conversation. Empty, it shows Cord's placeholder and a composer;
 * its first message creates it in the viewer's group (or `group-id`).
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
    return html`<div class=${classMap({ 'cord-thread': true, 'cord-resolved': resolved, 'cord-collapsed-thread': collapsed })}>
      ${this.showHeader === 'true' ? this.renderHeader(state) : nothing}
      ${
        resolved
          ? html`<div class="cord-resolved-thread-header-container">
            <span class="cord-resolved-thread-header-text">Resolved</span>
            <button type="button" class="cord-button" @click=${() => this.run(client.resolve(threadId, false))}>Reopen</button>
          </div>`
          : nothing
      }
      <div class="cord-scroll-container">
        ${messages.length === 0 && this.showPlaceholder !== 'false' ? this.renderPlaceholder() : nothing}
        ${repeat(
          messages,
          (message) => message.id,
          (message, index) => this.renderMessage(message, index === 0 && !resolved),
        )}
      </div>
      ${this.renderTyping(state)}
      ${collapsed ? nothing : this.renderComposer(threadId, resolved)}
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

  private renderPlaceholder() {
    return html`<div class="cord-empty-state-placeholder">
      <p class="cord-placeholder-title">Chat with your team, right here</p>
      <p class="cord-placeholder-body">
        Ask a question, give feedback, or just say 'Hi'. Comments can be seen by anyone who can access this page.
      </p>
    </div>`;
  }

  /** `resolvable`: the first message carries the thread's Resolve action, as in Cord. */
  private renderMessage(message: LocalMessage, resolvable: boolean) {
    const fromViewer = client.isViewer(message.author);
    const name = displayName(message.author);
    if (message.deletedAt !== null) {
      return html`<div class="cord-message cord-deleted" data-cord-message-id=${message.id}>
        <span class="cord-deleted-text">${fromViewer ? 'You' : name} deleted a message</span>
        <button type="button" class="cord-button" @click=${() => this.run(client.deleteMessage(message.id, false))}>Undo</button>
      </div>`;
    }
    const editing = this.editing === message.id;
    return html`<div
      class=${classMap({ 'cord-message': true, 'cord-from-viewer': fromViewer, 'cord-pending': message.pending === true })}
      data-cord-message-id=${message.id}
    >
      ${avatar(message.author, { label: name })}
      <div class="cord-message-body">
        <div class="cord-message-header">
          <span class="cord-author-name">${name}</span>
          <time class="cord-timestamp" datetime=${new Date(message.createdAt).toISOString()} title=${absoluteTime(message.createdAt)}>
            ${relativeTime(message.createdAt)}
          </time>
          ${message.pending || editing ? nothing : this.renderMessageMenu(message, fromViewer, resolvable)}
        </div>
        ${
          editing
            ? this.renderEditor(message)
            : html`<div class="cord-message-content">${message.text}</div>
              ${message.editedAt !== null ? html`<span class="cord-message-edited">(Edited)</span>` : nothing}`
        }
        ${message.pending ? nothing : this.renderReactions(message)}
      </div>
    </div>`;
  }

  private renderMessageMenu(message: LocalMessage, fromViewer: boolean, resolvable: boolean) {
    return html`<span class="cord-message-options">
      <button
        type="button"
        class="cord-button cord-add-reaction"
        aria-label="Add reaction"
        aria-expanded=${this.pickingReactionFor === message.id ? 'true' : 'false'}
        @click=${() => (this.pickingReactionFor = this.pickingReactionFor === message.id ? null : message.id)}
      >
        ☺︎+
      </button>
      ${
        resolvable
          ? html`<button type="button" class="cord-button" @click=${() => this.run(client.resolve(message.threadId, true))}>
            Resolve
          </button>`
          : nothing
      }
      ${
        fromViewer
          ? html`<button type="button" class="cord-button" @click=${() => this.startEditing(message.id)}>Edit</button>
            <button type="button" class="cord-button" @click=${() => this.run(client.deleteMessage(message.id, true))}>
              Delete
            </button>`
          : nothing
      }
    </span>`;
  }

  private renderEditor(message: LocalMessage) {
    const save = (textarea: HTMLTextAreaElement) => {
      const text = textarea.value;
      if (!this.checkLength(text)) return;
      this.stopEditing(message.id);
      if (text.trim() && text !== message.text) this.run(client.editMessage(message.id, text));
    };
    return html`<div class="cord-composer cord-editor">
      <textarea
        class="cord-editor-input"
        aria-label="Edit message"
        .value=${message.text}
        @keydown=${(event: KeyboardEvent) => {
          const textarea = event.target as HTMLTextAreaElement;
          if (event.key === 'Escape') this.stopEditing(message.id);
          else if (isSendKey(event)) {
            event.preventDefault();
            save(textarea);
          }
        }}
      ></textarea>
      <button type="button" class="cord-button" @click=${() => this.stopEditing(message.id)}>Cancel</button>
      <button type="button" class="cord-button cord-primary" @click=${(event: Event) => save(this.editorOf(event))}>Save</button>
    </div>`;
  }

  private editorOf(event: Event): HTMLTextAreaElement {
    return (event.target as HTMLElement).closest('.cord-editor')!.querySelector('textarea')!;
  }

  private renderReactions(message: LocalMessage) {
    const viewerId = client.viewer?.user.id;
    if (message.reactions.length === 0 && this.pickingReactionFor !== message.id) return nothing;
    return html`<div class="cord-reactions-container">
      ${message.reactions.map((reaction) => {
        const mine = viewerId !== undefined && reaction.userIds.includes(viewerId);
        return html`<button
          type="button"
          class=${classMap({ 'cord-pill': true, 'cord-from-viewer': mine })}
          aria-pressed=${mine ? 'true' : 'false'}
          aria-label="${reaction.emoji} ${reaction.userIds.length}"
          @click=${() => this.run(client.react(message.id, reaction.emoji, !mine))}
        >
          <span class="cord-emoji">${reaction.emoji}</span><span class="cord-count">${reaction.userIds.length}</span>
        </button>`;
      })}
      ${
        this.pickingReactionFor === message.id
          ? html`<span class="cord-reaction-picker" role="menu">
            ${REACTIONS.map(
              (emoji) => html`<button
                type="button"
                role="menuitem"
                class="cord-pill"
                @click=${() => {
                  this.pickingReactionFor = null;
                  this.run(client.react(message.id, emoji, true));
                }}
              >
                ${emoji}
              </button>`,
            )}
          </span>`
          : nothing
      }
    </div>`;
  }

  private renderTyping(state: ThreadState) {
    const names = state.typing.filter((user) => !client.isViewer(user)).map(displayName);
    if (names.length === 0) return nothing;
    return html`<div class="cord-typing-indicator-container" aria-live="polite">
      ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…
    </div>`;
  }

  private renderComposer(threadId: string, resolved: boolean) {
    const disabled = this.composerDisabled === 'true' || !client.viewer;
    return html`<div class="cord-composer">
      <textarea
        class="cord-composer-input"
        placeholder=${resolved ? 'Reply to reopen this thread...' : 'Add a comment...'}
        aria-label="Add a comment"
        rows="1"
        ?disabled=${disabled}
        @keydown=${(event: KeyboardEvent) => {
          if (!isSendKey(event)) return;
          event.preventDefault();
          this.send(threadId, event.target as HTMLTextAreaElement);
        }}
        @input=${(event: Event) => this.typing(threadId, (event.target as HTMLTextAreaElement).value)}
        @focus=${() => this.emit('cord-composer', 'focus', { threadId, thread: this.summaryOf(threadId) })}
        @blur=${() => {
          client.setTyping(threadId, false);
          this.lastTypingSent = 0;
          this.emit('cord-composer', 'blur', { threadId, thread: this.summaryOf(threadId) });
        }}
      ></textarea>
      <button
        type="button"
        class="cord-send-button"
        aria-label="Send"
        ?disabled=${disabled}
        @click=${(event: Event) => {
          const composer = (event.target as HTMLElement).closest('.cord-composer')!;
          this.send(threadId, composer.querySelector('textarea')!);
        }}
      >
        ➤
      </button>
      ${this.composerError ? html`<p class="cord-composer-error" role="alert">${this.composerError}</p>` : nothing}
    </div>`;
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
    const location = parseJsonAttribute<CordLocation>(this.location ?? this.context) ?? defaultLocation();
    client
      .sendMessage(threadId, text, { threadName: this.currentName(), url: window.location.href, location })
      .then((message) => {
        this.emit('cord-composer', 'send', { threadId, messageId: message.id, thread: this.summaryOf(threadId) });
      })
      .catch((error: Error) => {
        // Keep what they wrote: put it back unless they started something new.
        if (!textarea.value) textarea.value = text;
        this.composerError = error.message;
      });
  }

  private startEditing(messageId: string) {
    this.editing = messageId;
    this.emit('cord-message', 'editstart', { threadId: this.openedThreadId, messageId });
  }

  private stopEditing(messageId: string) {
    this.editing = null;
    this.emit('cord-message', 'editend', { threadId: this.openedThreadId, messageId });
  }

  private run(action: Promise<unknown>) {
    action.then(
      () => (this.composerError = null),
      (error: Error) => (this.composerError = error.message),
    );
  }
}

/** Messages to show: deleted ones stay (with Undo) for the author's 10 s window only. */
function visibleMessages(state: ThreadState): LocalMessage[] {
  const now = Date.now();
  const viewerId = client.viewer?.user.id;
  return [...state.messages.values()].filter(
    (message) =>
      message.deletedAt === null || (message.author.id === viewerId && now - message.deletedAt < UNDO_DELETE_MS),
  );
}

function isSendKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}
