import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { contentFromText } from '../../protocol/content.ts';
import { MAX_MESSAGE_LENGTH } from '../../protocol/limits.ts';
import { type CordLocation, locationFromUrl } from '../../protocol/location.ts';
import type { ThreadData, UserData } from '../../protocol/views.ts';
import { toThreadSummary } from '../api/convert.ts';
import { sendMessage, updateMessage } from '../api/messageWrites.ts';
import { type LocalMessage, ThreadQuery, type ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import { imageViewer } from '../ui/attachments.ts';
import { type ComposerActions, composer } from '../ui/composer.ts';
import { type MessageActions, message } from '../ui/message.ts';
import { typingIndicator } from '../ui/typingIndicator.ts';
import { AttachmentController } from './attachmentController.ts';
import { CordElement, parseJsonAttribute } from './cordElement.ts';
import { LiveController } from './liveController.ts';

const UNDO_DELETE_MS = 10_000;
const TYPING_REFRESH_MS = 2_000;
const CLOCK_TICK_MS = 30_000;

/**
 * `<cord-thread>`: one conversation. Empty, it shows Cord's placeholder and a composer;
 * its first message creates it in the viewer's group (or `group-id`). It observes the
 * thread in the page's data layer (shared with hooks and other elements on the same
 * thread); the messages and the composer are templates of their own (`ui/`).
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
    composerEmpty: { state: true },
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
  declare composerEmpty: boolean;

  protected readonly componentName = 'thread';
  private readonly thread = new LiveController<ThreadState>(this);
  private readonly attachments = new AttachmentController(this, (error) => (this.composerError = error));
  private lastTypingSent = 0;
  private announcedCount: number | undefined;
  private rendered = false;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.editing = null;
    this.pickingReactionFor = null;
    this.composerError = null;
    this.composerEmpty = true;
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
  }

  protected override willUpdate() {
    const threadId = this.threadId ?? undefined;
    const groupId = this.groupId ?? undefined;
    const previous = this.thread.current as ThreadQuery | undefined;
    if (previous?.threadId === threadId && previous?.groupId === groupId && this.isConnected) return;
    this.announcedCount = undefined;
    this.thread.use(
      threadId === undefined
        ? undefined
        : live.query(ThreadQuery.key(threadId, groupId), () => new ThreadQuery(live, threadId, groupId, undefined)),
    );
  }

  protected override updated() {
    super.updated();
    const state = this.thread.value;
    if (!state || (state.loading && state.thread === undefined)) return;
    if (!this.rendered) {
      this.rendered = true;
      this.emit('cord-thread', 'render');
    }
    const count = visibleMessages(state).length;
    if (state.thread && count !== this.announcedCount) {
      this.announcedCount = count;
      this.emit('cord-thread', 'threadinfochange', { messageCount: count, thread: toThreadSummary(state.thread) });
    }
  }

  private currentName() {
    return this.threadName || document.title;
  }

  private get threadQuery(): ThreadQuery | undefined {
    return this.thread.current as ThreadQuery | undefined;
  }

  protected renderContent() {
    const query = this.threadQuery;
    if (!query) return html`<div class="cord-thread cord-error">This thread needs a thread-id.</div>`;
    const state = query.value;
    if (state.thread === undefined) return html`<div class="cord-thread cord-loading" aria-busy="true"></div>`;
    // Cord shows nothing for a thread the viewer may not see (e.g. its id is in use by
    // another group); the reason goes to the console for the developer.
    if (state.error) return nothing;
    const messages = visibleMessages(state);
    const resolved = state.thread?.resolved ?? false;
    const collapsed = this.collapsed === 'true';
    const viewerId = live.viewer?.id;
    const content = { userName: (id: string) => live.user(id)?.displayName };
    const classes = { 'cord-thread': true, 'cord-resolved': resolved, 'cord-collapsed-thread': collapsed };
    return html`<div class=${classMap(classes)}>
      ${this.showHeader === 'true' ? this.renderHeader(state.thread) : nothing}
      ${resolved ? this.renderResolvedBanner(query.threadId) : nothing}
      <div class="cord-scroll-container" @scroll=${(event: Event) => this.loadOlderAtTop(event)}>
        ${messages.length === 0 && this.showPlaceholder !== 'false' ? placeholder() : nothing}
        ${repeat(
          messages,
          (shown) => shown.id,
          (shown, index) =>
            message(
              shown,
              authorOf(shown),
              {
                viewerId,
                content,
                editing: this.editing === shown.id,
                pickingReaction: this.pickingReactionFor === shown.id,
                resolvable: index === 0 && !resolved,
                files: this.attachments,
              },
              this.messageActions,
            ),
        )}
      </div>
      ${typingIndicator((state.thread?.typing ?? []).map((id) => live.user(id)?.displayName ?? id))}
      ${
        collapsed
          ? nothing
          : composer(
              {
                disabled: this.composerDisabled === 'true' || !live.viewer,
                empty: this.composerEmpty && this.attachments.files.length === 0,
                resolved,
                error: this.composerError,
                files: this.attachments.files,
                dropping: this.attachments.dropping,
              },
              this.composerActions(query.threadId),
            )
      }
      ${imageViewer(this.attachments.opened, () => this.attachments.closeImage())}
    </div>`;
  }

  private renderHeader(thread: ThreadData | null) {
    const threadId = this.threadQuery!.threadId;
    const resolved = thread?.resolved ?? false;
    return html`<div class="cord-thread-header-container">
      <span class="cord-thread-name">${thread?.name || this.currentName()}</span>
      ${
        thread === null
          ? nothing
          : html`<button type="button" class="cord-button" @click=${() => this.resolve(threadId, !resolved)}>
            ${resolved ? 'Reopen' : 'Resolve'}
          </button>`
      }
    </div>`;
  }

  private renderResolvedBanner(threadId: string) {
    return html`<div class="cord-resolved-thread-header-container">
      <span class="cord-resolved-thread-header-text">Resolved</span>
      <button type="button" class="cord-button" @click=${() => this.resolve(threadId, false)}>Reopen</button>
    </div>`;
  }

  /** Older messages come in as the reader scrolls to the top. */
  private loadOlderAtTop(event: Event) {
    if ((event.target as HTMLElement).scrollTop > 0) return;
    this.run(this.threadQuery?.fetchMore() ?? Promise.resolve());
  }

  private resolve(threadId: string, resolved: boolean) {
    this.run(live.request({ type: 'thread.update', threadId, resolved }));
  }

  private readonly messageActions: MessageActions = {
    startEditing: (messageId) => {
      this.editing = messageId;
      this.emit('cord-message', 'editstart', { threadId: this.threadId, messageId });
    },
    stopEditing: (messageId) => {
      this.editing = null;
      this.emit('cord-message', 'editend', { threadId: this.threadId, messageId });
    },
    saveEdit: (edited, text) => {
      if (!this.checkLength(text)) return false;
      if (text.trim() && text !== edited.plaintext) {
        this.run(updateMessage(live, edited.id, { content: contentFromText(text) }));
      }
      return true;
    },
    setDeleted: (messageId, deleted) => this.run(updateMessage(live, messageId, { deleted })),
    react: (messageId, emoji, on) =>
      this.run(updateMessage(live, messageId, on ? { addReactions: [emoji] } : { removeReactions: [emoji] })),
    togglePicker: (messageId) => {
      this.pickingReactionFor = this.pickingReactionFor === messageId ? null : messageId;
    },
    resolve: (threadId) => this.resolve(threadId, true),
    openImage: (image) => void this.attachments.openImage(image),
    download: (file) => void this.attachments.download(file),
    imageFailed: (url) => this.attachments.imageFailed(url),
  };

  private composerActions(threadId: string): ComposerActions {
    const composerEvent = () => ({ threadId, thread: this.summary() });
    return {
      send: (textarea) => this.send(threadId, textarea),
      input: (text) => this.typing(threadId, text),
      focus: () => this.emit('cord-composer', 'focus', composerEvent()),
      blur: () => {
        this.lastTypingSent = 0;
        this.emit('cord-composer', 'blur', composerEvent());
      },
      attach: (files) => this.attachments.attach(files),
      removeFile: (key) => this.attachments.removeFile(key),
      setDropping: (dropping) => this.attachments.setDropping(dropping),
    };
  }

  private summary() {
    const thread = this.threadQuery?.value.thread;
    return thread ? toThreadSummary(thread) : undefined;
  }

  private typing(threadId: string, text: string) {
    this.composerEmpty = !text.trim();
    this.checkLength(text);
    const now = Date.now();
    // Typing in a thread nobody has written in yet shows nowhere: it has no group yet.
    if (!this.threadQuery?.value.thread || !text.trim() || now - this.lastTypingSent <= TYPING_REFRESH_MS) return;
    this.lastTypingSent = now;
    live.tell({ type: 'thread.update', threadId, typing: true });
  }

  private checkLength(text: string): boolean {
    const tooLong = [...text].length > MAX_MESSAGE_LENGTH;
    this.composerError = tooLong
      ? `This message is too long: at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`
      : null;
    return !tooLong;
  }

  private send(threadId: string, textarea: HTMLTextAreaElement) {
    const text = textarea.value;
    // A file alone makes a message, as in Cord.
    if ((!text.trim() && !this.attachments.files.some((file) => file.status !== 'failed')) || !this.checkLength(text)) {
      return;
    }
    const { files, ids } = this.attachments.take();
    textarea.value = '';
    this.composerEmpty = true;
    this.lastTypingSent = 0;
    const location =
      parseJsonAttribute<CordLocation>(this.location ?? this.context) ?? locationFromUrl(window.location.href);
    const metadata = parseJsonAttribute<Record<string, string | number | boolean>>(this.metadata);
    // Files picked a moment ago may still be waiting for local Cord's record of them.
    ids
      .then((fileIds) =>
        sendMessage(live, threadId, {
          content: contentFromText(text),
          addAttachments: fileIds.map((id) => ({ type: 'file', id })),
          createThread: {
            name: this.currentName(),
            url: window.location.href,
            location,
            groupID: this.groupId ?? undefined,
            metadata,
          },
        }),
      )
      .then((sent) => {
        this.emit('cord-composer', 'send', { threadId, messageId: sent.id, thread: this.summary() });
      })
      .catch((error: Error) => {
        // Keep what they wrote: put it back unless they started something new.
        if (!textarea.value) {
          textarea.value = text;
          this.composerEmpty = false;
        }
        this.attachments.restore(files);
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

/** The author as the page knows them; their id until their data arrives. */
function authorOf(shown: LocalMessage): UserData {
  const known = shown.authorID === live.viewer?.id ? live.viewer : live.user(shown.authorID);
  return (
    known ?? {
      id: shown.authorID,
      name: null,
      shortName: null,
      displayName: shown.authorID,
      secondaryDisplayName: shown.authorID,
      profilePictureURL: null,
      metadata: {},
    }
  );
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
  const viewerId = live.viewer?.id;
  return state.messages.filter(
    (shown) =>
      shown.deletedTimestamp === null || (shown.authorID === viewerId && now - shown.deletedTimestamp < UNDO_DELETE_MS),
  );
}
