import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { plaintextOf } from '../../protocol/content.ts';
import { MAX_MESSAGE_LENGTH } from '../../protocol/limits.ts';
import type { ThreadData, UserData } from '../../protocol/views.ts';
import { updateMessage } from '../api/messageWrites.ts';
import type { LocalMessage } from '../data/threadQuery.ts';
import { i18n, live } from '../runtime.ts';
import type { MessageActions, MessageState, ThreadMenu } from '../ui/message.ts';
import { EMOJI_PICKER_SIZE, insidePopup, type PopupPlace, placeUnder } from '../ui/popup.ts';
import { AttachmentController } from './attachmentController.ts';
import { EditorController } from './editorController.ts';

/** Clicks on these belong to them, not to the message or thread around them (Cord stops them). */
export const OWN_CLICKS = 'button, a, .cord-editor-container, [role="menu"], .cord-reactions-container';

/** What the element showing messages does when the viewer acts on them. */
export interface MessageEvents {
  editStart(message: LocalMessage): void;
  editEnd(message: LocalMessage): void;
  /** The viewer resolved (true) or reopened (false) the thread from a message's menu. */
  resolvedByViewer?(threadId: string, resolved: boolean): void;
  /** Why an action failed, to show the viewer. */
  failed(reason: string): void;
  /** What an action did, for the element's toast (Cord's "You resolved this thread"). */
  done?(announcement: string): void;
}

/** Cord's text for a message over the length limit. */
export function tooLongError(text: string): string | null {
  return [...text].length > MAX_MESSAGE_LENGTH
    ? `This message is too long: at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`
    : null;
}

/**
 * The state and actions of shown messages (which one is being edited, which menu or emoji
 * picker is open, their files) for every element that shows messages: `<cord-thread>` and
 * `<cord-message>` alike, so a message behaves the same wherever it is.
 */
export class MessageController implements ReactiveController {
  /** The message being edited, in the same editor as the composer's. */
  private editing: LocalMessage | null = null;
  private readonly editor: EditorController = new EditorController(
    { requestUpdate: () => this.host.requestUpdate() },
    {
      groupId: () => this.editing?.groupID,
      changed: () => {},
      submit: () => {
        const edited = this.editing;
        if (edited && this.actions.saveEdit(edited)) this.actions.stopEditing(edited);
      },
      escape: () => {
        if (this.editing) this.actions.stopEditing(this.editing);
      },
    },
  );
  private menuFor: string | null = null;
  /** The open menu shows the "Share via email" form. */
  private sharing = false;
  private pickerFor: string | null = null;
  private popupAt: PopupPlace | undefined;
  /** A press anywhere else, or a scroll, closes an open menu or picker, as in Cord. */
  private readonly closePopups = (event: Event) => {
    if ((this.menuFor === null && this.pickerFor === null) || insidePopup(event.target)) return;
    this.opened(null, null, undefined);
  };

  /** The messages' files: pictures opened full size, downloads, the viewer's own pictures while they upload. */
  readonly attachments: AttachmentController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly events: MessageEvents,
    /** The element's composer's, when it has one: its uploads show in the messages sent with them. */
    attachments?: AttachmentController,
  ) {
    host.addController(this);
    this.attachments = attachments ?? new AttachmentController(host, (reason) => events.failed(reason));
  }

  hostConnected() {}

  hostDisconnected() {
    this.watchOutside(false);
  }

  /** Listens for presses and scrolls elsewhere only while something is open: pages show many messages. */
  private watchOutside(open: boolean) {
    if (open) {
      document.addEventListener('mousedown', this.closePopups, true);
      document.addEventListener('scroll', this.closePopups, { capture: true, passive: true });
    } else {
      document.removeEventListener('mousedown', this.closePopups, true);
      document.removeEventListener('scroll', this.closePopups, true);
    }
  }

  private opened(menuFor: string | null, pickerFor: string | null, anchor: Element | undefined) {
    this.menuFor = menuFor;
    this.sharing = false;
    this.pickerFor = pickerFor;
    this.popupAt = placeUnder(anchor, pickerFor === null ? undefined : EMOJI_PICKER_SIZE);
    this.watchOutside(menuFor !== null || pickerFor !== null);
    this.host.requestUpdate();
  }

  /** The template state of one message. */
  state(message: LocalMessage, thread?: ThreadMenu, editable = true): MessageState {
    return {
      editable,
      viewerId: live.viewer?.id,
      content: { userName: (id) => live.user(id)?.displayName },
      userName: (id) => userShown(id).displayName,
      editing: this.editing?.id === message.id,
      editor:
        this.editing?.id === message.id
          ? this.editor.state(i18n.t('composer:edit_message_placeholder'), false, 'Edit message')
          : null,
      menuOpen: this.menuFor === message.id,
      sharing: this.sharing && this.menuFor === message.id,
      pickingReaction: this.pickerFor === message.id,
      popupAt: this.menuFor === message.id || this.pickerFor === message.id ? this.popupAt : undefined,
      thread,
      files: this.attachments,
    };
  }

  /** Enters edit mode (cord-message's `is-editing`). */
  startEditing(message: LocalMessage) {
    if (this.editing?.id === message.id) return;
    this.editing = message;
    this.host.requestUpdate();
    this.events.editStart(message);
  }

  /** Runs a write; tells the element what it did once it is done (`announcement`), or why it failed. */
  private run(action: Promise<unknown>, announcement?: string) {
    action.then(
      () => {
        if (announcement !== undefined) this.events.done?.(announcement);
      },
      (error: Error) => this.events.failed(error.message),
    );
  }

  readonly actions: MessageActions = {
    toggleMenu: (messageId, anchor) => this.opened(this.menuFor === messageId ? null : messageId, null, anchor),
    togglePicker: (messageId, anchor) => this.opened(null, this.pickerFor === messageId ? null : messageId, anchor),
    startEditing: (message) => this.startEditing(message),
    stopEditing: (message) => {
      this.editing = null;
      this.host.requestUpdate();
      this.events.editEnd(message);
    },
    editor: this.editor.actions,
    saveEdit: (edited) => {
      const content = this.editor.content();
      const tooLong = tooLongError(plaintextOf(content));
      if (tooLong) {
        this.events.failed(tooLong);
        return false;
      }
      // Emptied, it stays as it was (deleting is the menu's); unchanged, nothing is written.
      if (content.length > 0 && JSON.stringify(content) !== JSON.stringify(edited.content)) {
        this.run(updateMessage(live, edited.id, { content }));
      }
      return true;
    },
    setDeleted: (message, deleted) => this.run(updateMessage(live, message.id, { deleted })),
    react: (messageId, emoji, on) =>
      this.run(updateMessage(live, messageId, on ? { addReactions: [emoji] } : { removeReactions: [emoji] })),
    setResolved: (threadId, resolved) => {
      this.run(
        live.request({ type: 'thread.update', threadId, resolved }),
        i18n.t(resolved ? 'thread:resolve_action_success' : 'thread:unresolve_action_success'),
      );
      this.events.resolvedByViewer?.(threadId, resolved);
    },
    setSubscribed: (threadId, subscribed) =>
      this.run(
        live.request({ type: 'thread.setSubscribed', threadId, subscribed }),
        i18n.t(subscribed ? 'thread:subscribe_action_success' : 'thread:unsubscribe_action_success'),
      ),
    setSharing: (messageId, sharing) => {
      this.sharing = sharing && this.menuFor === messageId;
      this.host.requestUpdate();
    },
    shareToEmail: (threadId, email) =>
      this.run(
        live.request({ type: 'thread.shareToEmail', threadId, email }),
        i18n.t('thread:share_via_email_action_success', { email }),
      ),
    openImage: (image) => void this.attachments.openImage(image),
    download: (file) => void this.attachments.download(file),
    imageFailed: (url) => this.attachments.imageFailed(url),
  };
}

/** The author as the page knows them; their id until their data arrives. */
export function authorOf(message: LocalMessage): UserData {
  return userShown(message.authorID);
}

/** A user as the page knows them (the viewer included); named by their id until their data arrives. */
export function userShown(userId: string): UserData {
  const known = userId === live.viewer?.id ? live.viewer : live.user(userId);
  return (
    known ?? {
      id: userId,
      name: null,
      shortName: null,
      displayName: userId,
      secondaryDisplayName: userId,
      profilePictureURL: null,
      metadata: {},
    }
  );
}

/** The thread items of a first message's menu, as they stand for the viewer. */
export function threadMenuOf(thread: ThreadData): ThreadMenu {
  const viewerId = live.viewer?.id;
  return { resolved: thread.resolved, subscribed: viewerId !== undefined && thread.subscribers.includes(viewerId) };
}
