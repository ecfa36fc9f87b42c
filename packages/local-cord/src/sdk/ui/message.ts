import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { UserData } from '../../protocol/views.ts';
import type { LocalMessage } from '../data/threadQuery.ts';
import { i18n, text } from '../runtime.ts';
import { type AttachmentActions, type AttachmentView, messageAttachments } from './attachments.ts';
import { avatar } from './avatar.ts';
import { type EditorFieldActions, type EditorFieldState, editorField } from './editorField.ts';
import { menuItem } from './menu.ts';
import { type ContentOptions, messageContent } from './messageContent.ts';
import { type PopupPlace, popupStyle } from './popup.ts';
import { addReactionButton, type ReactionActions, reactions } from './reactions.ts';
import { shareToEmailMenu } from './shareToEmail.ts';
import { timestamp } from './timestamp.ts';

/** What a message can ask of the element that shows it. */
export interface MessageActions extends ReactionActions, AttachmentActions {
  /** Opens (under `anchor`) or closes a message's options menu. */
  toggleMenu(messageId: string, anchor?: Element): void;
  startEditing(message: LocalMessage): void;
  stopEditing(message: LocalMessage): void;
  /** Saves an edit; false if the text was refused (too long), which keeps the editor open. */
  /** The message editor's behaviour (the composer's). */
  editor: EditorFieldActions;
  /** Saves the edited content; false when it cannot be (too long). */
  saveEdit(message: LocalMessage): boolean;
  setDeleted(message: LocalMessage, deleted: boolean): void;
  setResolved(threadId: string, resolved: boolean): void;
  setSubscribed(threadId: string, subscribed: boolean): void;
  /** Turns the open menu of a first message into Cord's "Share via email" form (false: back). */
  setSharing(messageId: string, sharing: boolean): void;
  shareToEmail(threadId: string, email: string): void;
}

/** An app's `extraClassnames` (space-separated) as classes. */
export function extraClasses(names: string | null): Record<string, boolean> {
  return Object.fromEntries((names ?? '').split(/\s+/).flatMap((name) => (name ? [[name, true]] : [])));
}

/** The thread's own menu items, which Cord puts on a thread's first message. */
export interface ThreadMenu {
  resolved: boolean;
  subscribed: boolean;
}

export interface MessageState {
  viewerId: string | undefined;
  /** How mentions in the content are named. */
  content: ContentOptions;
  /** How the people who reacted are named. */
  userName: (id: string) => string;
  editing: boolean;
  /** The editor, while this message is edited. */
  editor: EditorFieldState | null;
  menuOpen: boolean;
  /** The open menu shows the "Share via email" form instead of its items. */
  sharing: boolean;
  pickingReaction: boolean;
  /** Only on a thread's first message (and not when a thread header has the menu). */
  thread?: ThreadMenu | undefined;
  /** The author may edit and delete; Cord's thread lists show messages without. */
  editable?: boolean;
  /** Where the open menu or emoji picker shows. */
  popupAt?: PopupPlace | undefined;
  files: AttachmentView;
}

/**
 * One message as Cord lays it out (`div.cord-message`, a grid of avatar, author, time,
 * options, content, files and reactions), with its options menu and inline editor.
 */
export function message(message: LocalMessage, author: UserData, state: MessageState, actions: MessageActions) {
  const fromViewer = message.authorID === state.viewerId;
  const ids = {
    'data-cord-message-id': message.id,
    'data-cord-thread-id': message.threadID,
    'data-cord-group-id': message.groupID,
  };
  if (message.type === 'action_message') {
    // "Severus Atreides resolved this thread": the actor's current name, then the action.
    return html`<div
      class="cord-message cord-action cord-no-reactions"
      data-cord-message-id=${ids['data-cord-message-id']}
      data-cord-thread-id=${ids['data-cord-thread-id']}
    >
      <div class="cord-message-content">${messageContent(message.content, { ...state.content, plainMentions: true })}</div>
    </div>`;
  }
  if (message.deletedTimestamp !== null) {
    return html`<div
      class="cord-message cord-deleted cord-no-reactions"
      data-cord-message-id=${ids['data-cord-message-id']}
      data-cord-thread-id=${ids['data-cord-thread-id']}
    >
      <div class="cord-deleted-message-text">${i18n.t('message:deleted_message', { user: author })}</div>
      ${
        fromViewer
          ? html`<button type="button" class="cord-undo-delete-button" @click=${() => actions.setDeleted(message, false)}>
            ${text('message:undo_delete_action')}
          </button>`
          : nothing
      }
    </div>`;
  }
  const classes = {
    'cord-message': true,
    'cord-from-viewer': fromViewer,
    'cord-no-reactions': message.reactions.length === 0 && !state.pickingReaction,
    'cord-unseen': !message.seen,
    'cord-editing': state.editing,
    'cord-pending': message.pending === true,
    ...extraClasses(message.extraClassnames),
  };
  return html`<div
    class=${classMap(classes)}
    data-cord-message-id=${ids['data-cord-message-id']}
    data-cord-thread-id=${ids['data-cord-thread-id']}
    data-cord-group-id=${ids['data-cord-group-id']}
  >
    ${avatar(author)}
    <div class="cord-author-name">${author.displayName}</div>
    ${timestamp(message.createdTimestamp, { relative: true })}
    ${message.pending || state.editing ? nothing : options(message, fromViewer, state, actions)}
    ${
      state.editing
        ? editor(message, state, actions)
        : html`<div class="cord-message-content">
          ${messageContent(message.content, state.content)}
          ${
            message.updatedTimestamp !== null
              ? html`<span class="cord-edited-message-tag">${text('message:edited_status')}</span>`
              : nothing
          }
          ${messageAttachments(message.attachments, state.files, actions)}
        </div>`
    }
    ${message.pending ? nothing : reactions(message, state, actions)}
  </div>`;
}

/**
 * A thread header's menu button (Cord's `open-thread-menu`): the thread items a first
 * message otherwise carries. `message` is the thread's first message.
 */
export function threadMenuButton(message: LocalMessage, state: MessageState, actions: MessageActions) {
  const items = threadItems(message, state.thread, actions);
  return html`<button
      type="button"
      class="cord-button cord-secondary cord-small"
      data-cord-button="open-thread-menu"
      aria-label=${text('message:message_options_tooltip')}
      aria-haspopup="menu"
      aria-expanded=${state.menuOpen ? 'true' : 'false'}
      @click=${(event: Event) => actions.toggleMenu(message.id, event.currentTarget as Element)}
    >
      ⋯
    </button>
    ${state.menuOpen ? optionsMenu(message, state, () => items, actions) : nothing}`;
}

function options(message: LocalMessage, fromViewer: boolean, state: MessageState, actions: MessageActions) {
  // The items are made only while the menu is open.
  const hasItems = state.thread !== undefined || (fromViewer && state.editable !== false);
  const items = () => [
    ...threadItems(message, state.thread, actions),
    ...messageItems(message, fromViewer, state, actions),
  ];
  return html`<div class="cord-options-menu-trigger">
    <div class=${classMap({ 'cord-message-options-buttons': true, 'cord-open': state.menuOpen || state.pickingReaction })}>
      ${
        hasItems
          ? html`<button
            type="button"
            class="cord-button cord-secondary cord-small"
            data-cord-button="thread-options"
            aria-label=${text('message:message_options_tooltip')}
            title=${text('message:message_options_tooltip')}
            aria-haspopup="menu"
            aria-expanded=${state.menuOpen ? 'true' : 'false'}
            @click=${(event: Event) => actions.toggleMenu(message.id, event.currentTarget as Element)}
          >
            ⋯
          </button>`
          : nothing
      }
      ${addReactionButton(message.id, state, actions)}
    </div>
    ${state.menuOpen && hasItems ? optionsMenu(message, state, items, actions) : nothing}
  </div>`;
}

/** The open options menu: its items, or the "Share via email" form one of them leads to. */
function optionsMenu(
  message: LocalMessage,
  state: MessageState,
  items: () => TemplateResult[],
  actions: MessageActions,
) {
  if (state.sharing) {
    return shareToEmailMenu(state.popupAt, {
      back: () => actions.setSharing(message.id, false),
      share: (email) => {
        actions.toggleMenu(message.id);
        actions.shareToEmail(message.threadID, email);
      },
    });
  }
  return html`<div class="cord-menu cord-options-menu" role="menu" style=${popupStyle(state.popupAt)}>${items()}</div>`;
}

function threadItems(message: LocalMessage, thread: ThreadMenu | undefined, actions: MessageActions) {
  if (!thread) return [];
  const done = (run: () => void) => () => {
    actions.toggleMenu(message.id);
    run();
  };
  return [
    menuItem('share-via-email', text('thread:share_via_email_action'), () => actions.setSharing(message.id, true)),
    thread.subscribed
      ? menuItem(
          'unsubscribe',
          text('thread:unsubscribe_action'),
          done(() => actions.setSubscribed(message.threadID, false)),
        )
      : menuItem(
          'subscribe',
          text('thread:subscribe_action'),
          done(() => actions.setSubscribed(message.threadID, true)),
        ),
    ...(thread.resolved
      ? []
      : [
          menuItem(
            'resolve',
            text('thread:resolve_action'),
            done(() => actions.setResolved(message.threadID, true)),
          ),
        ]),
  ];
}

function messageItems(message: LocalMessage, fromViewer: boolean, state: MessageState, actions: MessageActions) {
  if (!fromViewer || state.editable === false) return [];
  const done = (run: () => void) => () => {
    actions.toggleMenu(message.id);
    run();
  };
  const resolved = state.thread?.resolved ?? false;
  return [
    html`<div class="cord-separator" role="separator"></div>`,
    resolved
      ? menuItem(
          'reopen-to-edit',
          text('message:edit_resolved_action'),
          done(() => actions.setResolved(message.threadID, false)),
        )
      : menuItem(
          'edit',
          text('message:edit_action'),
          done(() => actions.startEditing(message)),
        ),
    ...(resolved
      ? []
      : [
          menuItem(
            'delete',
            text('message:delete_action'),
            done(() => actions.setDeleted(message, true)),
          ),
        ]),
  ];
}

function editor(message: LocalMessage, state: MessageState, actions: MessageActions) {
  const save = () => {
    if (actions.saveEdit(message)) actions.stopEditing(message);
  };
  return html`<div class="cord-composer cord-small cord-expanded cord-valid cord-message-editor">
    ${state.editor ? editorField(state.editor, actions.editor, { className: 'cord-editor', initial: message.content }) : nothing}
    <div class="cord-composer-menu">
      <div class="cord-composer-secondary-buttons"></div>
      <div class="cord-composer-primary-buttons">
        <button type="button" class="cord-button cord-secondary cord-small" @click=${() => actions.stopEditing(message)}>
          ${text('composer:cancel_editing_action')}
        </button>
        <button
          type="button"
          class="cord-button cord-primary cord-small cord-send-button"
          data-cord-button="send-message"
          aria-label="Save"
          @click=${save}
        >
          Save
        </button>
      </div>
    </div>
  </div>`;
}
