import type { ClientCreateMessage, ThreadSummary } from '@cord-sdk/types';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { plaintextOf } from '../../protocol/content.ts';
import type { AnnotationData, EntityMetadata, ThreadData } from '../../protocol/views.ts';
import { toThreadSummary } from '../api/convert.ts';
import { sendMessage } from '../api/messageWrites.ts';
import { i18n, live } from '../runtime.ts';
import { type ComposerActions, type ComposerSize, type ComposerState, composer } from '../ui/composer.ts';
import type { PopupPlace } from '../ui/popup.ts';
import { AttachmentController } from './attachmentController.ts';
import { EditorController } from './editorController.ts';
import { tooLongError } from './messageController.ts';

const TYPING_REFRESH_MS = 2_000;

/** Where the composer writes, as its element knows it at this render. */
export interface ComposerTarget {
  threadId: string;
  /** The thread as shown; null when it does not exist yet (the first send creates it). */
  thread: ThreadData | null | undefined;
  /** How a new thread is made. */
  newThread: NonNullable<ClientCreateMessage['createThread']>;
  messageMetadata?: EntityMetadata | undefined;
  /** The page spot the message points at (a floating thread's first message). */
  annotation?: AnnotationData | undefined;
  size: ComposerSize;
  showExpanded: boolean;
  showCloseButton: boolean;
  disabled: boolean;
}

/** How the element tells the page: `cord-composer:<name>`, never buffered (Cord fires them from inner nodes). */
type Announce = (name: 'focus' | 'blur' | 'close' | 'send' | 'threadreopen', detail: object) => void;

/**
 * Cord's composer behaviour, for `<cord-composer>` and `<cord-thread>` alike: what it
 * shows (expanded while focused or holding text or files, Cord's placeholders, the
 * resolved row), files picked or dropped (uploaded at once), sending (creating the thread
 * with the first message), typing, length checks, and its events with Cord's details.
 */
export class ComposerController implements ReactiveController {
  private focused = false;
  /** The editor's text as plain text: whether there is any, and how long. */
  private text = '';
  private emojiPickerAt: PopupPlace | null = null;
  private error: string | null = null;
  private lastTyping = 0;
  private target: ComposerTarget | undefined;
  /** The composer's files; shared with the element's messages, which show the viewer's pictures while they upload. */
  readonly attachments: AttachmentController;
  /** After a send is confirmed (a composer with no thread-id moves on to a new thread). */
  private readonly sent: ((threadId: string) => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly announce: Announce,
    options: { sent?: (threadId: string) => void; attachments?: AttachmentController } = {},
  ) {
    host.addController(this);
    this.sent = options.sent;
    this.attachments = options.attachments ?? new AttachmentController(host, (error) => this.fail(error));
  }

  hostConnected() {}

  /** Shows a failure from elsewhere (a message action) where the composer shows its own. */
  fail(reason: string | null) {
    this.error = reason;
    this.host.requestUpdate();
  }

  render(target: ComposerTarget) {
    this.target = target;
    const thread = target.thread;
    const { files, dropping } = this.attachments;
    const state: ComposerState = {
      size: target.size,
      expanded: target.showExpanded || this.focused || this.text.trim() !== '' || files.length > 0,
      valid: this.hasContent(this.text),
      disabled: target.disabled || !live.viewer,
      resolved: thread?.resolved ?? false,
      showCloseButton: target.showCloseButton,
      editor: this.editor.state(
        i18n.t(thread && thread.total > 0 ? 'composer:reply_placeholder' : 'composer:send_message_placeholder'),
        target.disabled || !live.viewer,
      ),
      error: this.error,
      files,
      dropping,
      emojiPickerAt: this.emojiPickerAt,
    };
    return composer(state, this.actions);
  }

  /** Text, or a file alone, makes a message, as in Cord. */
  private hasContent(text: string): boolean {
    return text.trim() !== '' || this.attachments.files.some((file) => file.status !== 'failed');
  }

  private summary(): ThreadSummary | null {
    const thread = this.target?.thread;
    return thread ? toThreadSummary(thread) : null;
  }

  /** The group whose members may be mentioned: the thread's, or the one a new thread will be in. */
  private groupId(): string | undefined {
    const target = this.target;
    return target?.thread?.groupID ?? target?.newThread.groupID ?? live.viewer?.groupID ?? undefined;
  }

  // Built with the fields, before the constructor sets `host`: it asks for updates through this.
  private readonly editor: EditorController = new EditorController(
    { requestUpdate: () => this.host.requestUpdate() },
    {
      groupId: () => this.groupId(),
      changed: (text) => {
        this.text = text;
        this.error = tooLongError(text);
        this.host.requestUpdate();
        this.typing(text);
      },
      submit: () => this.send(),
      escape: (event) => {
        this.emojiPickerAt = null;
        (event.currentTarget as HTMLElement).blur();
      },
    },
  );

  private readonly actions: ComposerActions = {
    editor: this.editor.actions,
    send: () => this.send(),
    toggleEmojiPicker: (at) => {
      this.emojiPickerAt = at;
      this.host.requestUpdate();
    },
    insertEmoji: (emoji) => {
      this.emojiPickerAt = null;
      this.editor.insertEmoji(emoji);
    },
    focus: () => {
      this.focused = true;
      this.host.requestUpdate();
      this.announce('focus', { threadId: this.target?.threadId, thread: this.summary() });
    },
    blur: () => {
      this.focused = false;
      this.lastTyping = 0;
      this.host.requestUpdate();
      this.announce('blur', { threadId: this.target?.threadId, thread: this.summary() });
    },
    close: () => this.announce('close', { threadId: this.target?.threadId, thread: this.summary() }),
    reopen: () => {
      const threadId = this.target?.threadId;
      if (!threadId) return;
      const thread = this.summary();
      live.request({ type: 'thread.update', threadId, resolved: false }).then(
        () => this.announce('threadreopen', { threadId, thread }),
        (error: Error) => this.fail(error.message),
      );
    },
    attach: (files) => this.attachments.attach(files),
    removeFile: (key) => this.attachments.removeFile(key),
    setDropping: (dropping) => this.attachments.setDropping(dropping),
  };

  private typing(text: string) {
    const target = this.target;
    const now = Date.now();
    // Typing in a thread nobody has written in yet shows nowhere: it has no group yet.
    if (!target?.thread || !text.trim() || now - this.lastTyping <= TYPING_REFRESH_MS) return;
    this.lastTyping = now;
    live.tell({ type: 'thread.update', threadId: target.threadId, typing: true });
  }

  private send() {
    const target = this.target;
    const editor = this.editor;
    if (!target || target.disabled) return;
    const content = editor.content();
    const text = plaintextOf(content);
    if (!this.hasContent(text)) return;
    const tooLong = tooLongError(text);
    if (tooLong) {
      this.fail(tooLong);
      return;
    }
    const { threadId } = target;
    const before = this.summary();
    const { files, ids } = this.attachments.take();
    const send = (fileIds: string[]) =>
      sendMessage(
        live,
        threadId,
        {
          content,
          metadata: target.messageMetadata,
          addAttachments: fileIds.map((id) => ({ type: 'file', id })),
          createThread: target.newThread,
        },
        target.annotation,
      );
    // Without files the message leaves now, before the page redraws; files picked a moment
    // ago may still be waiting for local Cord's record of them.
    const sending = files.length === 0 ? send([]) : ids.then(send);
    editor.clear();
    this.text = '';
    this.lastTyping = 0;
    this.host.requestUpdate();
    sending
      .then((message) => {
        this.fail(null);
        this.announce('send', { threadId, messageId: message.id, thread: before });
        this.sent?.(threadId);
      })
      .catch((error: Error) => {
        // Keep what they wrote: put it back unless they started something new.
        if (editor.content().length === 0) editor.setContent(content);
        this.attachments.restore(files);
        this.fail(error.message);
      });
  }
}
