import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { plaintextOf } from '../../protocol/content.ts';
import { absoluteTime, relativeTime } from '../../protocol/timeFormat.ts';
import type { UserData } from '../../protocol/views.ts';
import type { LocalMessage } from '../data/threadQuery.ts';
import { type AttachmentActions, type AttachmentView, messageAttachments } from './attachments.ts';
import { avatar } from './avatar.ts';
import { isSendKey } from './keys.ts';
import { type ContentOptions, messageContent } from './messageContent.ts';
import { type ReactionActions, reactions } from './reactions.ts';

/** What a message can ask of the thread that shows it. */
export interface MessageActions extends ReactionActions, AttachmentActions {
  startEditing(messageId: string): void;
  stopEditing(messageId: string): void;
  /** Saves an edit; false if the text was refused (too long), which keeps the editor open. */
  saveEdit(message: LocalMessage, text: string): boolean;
  setDeleted(messageId: string, deleted: boolean): void;
  resolve(threadId: string): void;
}

export interface MessageState {
  viewerId: string | undefined;
  /** How mentions in the content are named. */
  content: ContentOptions;
  editing: boolean;
  pickingReaction: boolean;
  /** The first message carries the thread's Resolve action, as in Cord. */
  resolvable: boolean;
  files: AttachmentView;
}

/** One message: avatar, author, time, text (or its editor), files, reactions and its menu. */
export function message(message: LocalMessage, author: UserData, state: MessageState, actions: MessageActions) {
  const fromViewer = message.authorID === state.viewerId;
  const name = author.displayName;
  if (message.type === 'action_message') {
    // "Severus Atreides resolved this thread": the actor's current name, then the action.
    return html`<div class="cord-message cord-action-message" data-cord-message-id=${message.id}>
      <div class="cord-message-content">${messageContent(message.content, { ...state.content, plainMentions: true })}</div>
    </div>`;
  }
  if (message.deletedTimestamp !== null) {
    return html`<div class="cord-message cord-deleted" data-cord-message-id=${message.id}>
      <span class="cord-deleted-text">${fromViewer ? 'You' : name} deleted a message</span>
      <button type="button" class="cord-button" @click=${() => actions.setDeleted(message.id, false)}>Undo</button>
    </div>`;
  }
  return html`<div
    class=${classMap({ 'cord-message': true, 'cord-from-viewer': fromViewer, 'cord-pending': message.pending === true })}
    data-cord-message-id=${message.id}
  >
    ${avatar(author, { label: name })}
    <div class="cord-message-body">
      <div class="cord-message-header">
        <span class="cord-author-name">${name}</span>
        <time
          class="cord-timestamp"
          datetime=${new Date(message.createdTimestamp).toISOString()}
          title=${absoluteTime(message.createdTimestamp)}
        >
          ${relativeTime(message.createdTimestamp)}
        </time>
        ${message.pending || state.editing ? nothing : menu(message, fromViewer, state, actions)}
      </div>
      ${
        state.editing
          ? editor(message, actions)
          : html`<div class="cord-message-content">${messageContent(message.content, state.content)}</div>
            ${message.updatedTimestamp !== null ? html`<span class="cord-message-edited">(Edited)</span>` : nothing}`
      }
      ${messageAttachments(message.attachments, state.files, actions)}
      ${message.pending ? nothing : reactions(message, state, actions)}
    </div>
  </div>`;
}

function menu(message: LocalMessage, fromViewer: boolean, state: MessageState, actions: MessageActions) {
  return html`<span class="cord-message-options">
    <button
      type="button"
      class="cord-button cord-add-reaction"
      aria-label="Add reaction"
      aria-expanded=${state.pickingReaction ? 'true' : 'false'}
      @click=${() => actions.togglePicker(message.id)}
    >
      ☺︎+
    </button>
    ${
      state.resolvable
        ? html`<button type="button" class="cord-button" @click=${() => actions.resolve(message.threadID)}>
          Resolve
        </button>`
        : nothing
    }
    ${
      fromViewer
        ? html`<button type="button" class="cord-button" @click=${() => actions.startEditing(message.id)}>Edit</button>
          <button type="button" class="cord-button" @click=${() => actions.setDeleted(message.id, true)}>
            Delete
          </button>`
        : nothing
    }
  </span>`;
}

function editor(message: LocalMessage, actions: MessageActions) {
  const save = (textarea: HTMLTextAreaElement) => {
    if (actions.saveEdit(message, textarea.value)) actions.stopEditing(message.id);
  };
  const textareaOf = (event: Event) =>
    (event.target as HTMLElement).closest('.cord-editor')!.querySelector('textarea')!;
  return html`<div class="cord-composer cord-editor">
    <textarea
      class="cord-editor-input"
      aria-label="Edit message"
      .value=${plaintextOf(message.content)}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') actions.stopEditing(message.id);
        else if (isSendKey(event)) {
          event.preventDefault();
          save(event.target as HTMLTextAreaElement);
        }
      }}
    ></textarea>
    <button type="button" class="cord-button" @click=${() => actions.stopEditing(message.id)}>Cancel</button>
    <button type="button" class="cord-button cord-primary" @click=${(event: Event) => save(textareaOf(event))}>
      Save
    </button>
  </div>`;
}
