import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { i18n } from '../runtime.ts';
import { type ComposerFile, composerFiles, PAPERCLIP_ICON, SUGGESTED_FILE_TYPES } from './attachments.ts';
import { type EditorFieldActions, type EditorFieldState, editorField } from './editorField.ts';
import { emojiPicker } from './emojiPicker.ts';
import { EMOJI_PICKER_SIZE, type PopupPlace, placeUnder } from './popup.ts';

export type ComposerSize = 'small' | 'medium' | 'large';

export interface ComposerState {
  size: ComposerSize;
  /** The button row shows (show-expanded, focus, or text or files in it). */
  expanded: boolean;
  /** There is something to send (text, or a file alone): else the send button is disabled, as in Cord. */
  valid: boolean;
  disabled: boolean;
  /** A resolved thread gets Cord's "Resolved · Reopen to reply" row instead of the editor. */
  resolved: boolean;
  showCloseButton: boolean;
  /** Why the last send or action failed. */
  error: string | null;
  /** Files picked or dropped, going with the next message. */
  files: readonly ComposerFile[];
  /** Files are being dragged over the composer. */
  dropping: boolean;
  editor: EditorFieldState;
  /** Where the emoji picker shows while open. */
  emojiPickerAt: PopupPlace | null;
}

export interface ComposerActions {
  editor: EditorFieldActions;
  /** Sends the editor's content; the composer empties it, or puts it back on failure. */
  send(): void;
  /** Opens (under the button) or closes the composer's emoji picker. */
  toggleEmojiPicker(at: PopupPlace | null): void;
  insertEmoji(emoji: string): void;
  focus(): void;
  blur(): void;
  close(): void;
  reopen(): void;
  /** Files picked with the attach button or dropped on the composer. */
  attach(files: File[]): void;
  removeFile(key: string): void;
  setDropping(dropping: boolean): void;
}

const SMILEY_ICON = html`<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5"><circle cx="10" cy="10" r="7.5"/><path d="M7 12c1.6 1.6 4.4 1.6 6 0" stroke-linecap="round"/><circle cx="7.5" cy="8" r=".6" fill="currentColor"/><circle cx="12.5" cy="8" r=".6" fill="currentColor"/></svg>`;

/** Whether a drag carries files (not text or a link from the page). */
function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Cord's composer (`div.cord-composer`): the editor, the files going with the message, then
 * its menu with the attach button, and the close and send buttons. Files may be dropped on it.
 */
export function composer(state: ComposerState, actions: ComposerActions) {
  if (state.resolved) {
    return html`<div class="cord-composer cord-resolved-thread-composer cord-${state.size}">
      <p class="cord-resolved-thread-composer-text">✓ ${i18n.t('composer:resolved_status')}</p>
      <button
        type="button"
        class="cord-button cord-secondary cord-small"
        data-cord-button="reopen-thread"
        @click=${() => actions.reopen()}
      >
        ${i18n.t('composer:unresolve_action')}
      </button>
    </div>`;
  }
  const classes = {
    'cord-composer': true,
    [`cord-${state.size}`]: true,
    'cord-expanded': state.expanded,
    'cord-valid': state.valid,
    'cord-empty': !state.valid,
    'cord-error': state.error !== null,
    'cord-disabled': state.disabled,
  };
  const dragOver = (event: DragEvent) => {
    if (state.disabled || !hasFiles(event)) return;
    event.preventDefault();
    actions.setDropping(true);
  };
  return html`${
    state.error ? html`<div class="cord-composer-error-message" role="alert">${state.error}</div>` : nothing
  }<div
    class=${classMap(classes)}
    @dragenter=${dragOver}
    @dragover=${dragOver}
    @dragleave=${(event: DragEvent) => {
      // Leaving for a child of the composer is not leaving it.
      if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) {
        actions.setDropping(false);
      }
    }}
    @drop=${(event: DragEvent) => {
      if (state.disabled || !hasFiles(event)) return;
      event.preventDefault();
      actions.setDropping(false);
      actions.attach([...(event.dataTransfer?.files ?? [])]);
    }}
  >
    ${editorField(state.editor, actions.editor, {
      className: 'cord-editor cord-composer-input',
      focus: actions.focus,
      blur: actions.blur,
    })}
    ${composerFiles(state.files, actions.removeFile)}
    <div class="cord-composer-menu">
      <div class="cord-composer-secondary-buttons">
        <button
          type="button"
          class="cord-button cord-tertiary cord-small cord-emoji-button"
          data-cord-button="add-emoji"
          title="Add emoji"
          aria-label="Add emoji"
          aria-expanded=${state.emojiPickerAt ? 'true' : 'false'}
          ?disabled=${state.disabled}
          @mousedown=${(event: Event) => event.preventDefault()}
          @click=${(event: Event) =>
            actions.toggleEmojiPicker(
              state.emojiPickerAt ? null : (placeUnder(event.currentTarget as Element, EMOJI_PICKER_SIZE) ?? null),
            )}
        >
          ${SMILEY_ICON}
        </button>
        ${state.emojiPickerAt ? emojiPicker('Add emoji', actions.insertEmoji, state.emojiPickerAt) : nothing}
        <button
          type="button"
          class="cord-button cord-tertiary cord-small cord-attach-button"
          data-cord-button="add-attachment"
          title="Attach file"
          aria-label="Attach file"
          ?disabled=${state.disabled}
          @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
        >
          ${PAPERCLIP_ICON}
        </button>
        <input
          type="file"
          class="cord-file-input"
          multiple
          hidden
          accept=${SUGGESTED_FILE_TYPES}
          ?disabled=${state.disabled}
          @change=${(event: Event) => {
            const input = event.target as HTMLInputElement;
            actions.attach([...(input.files ?? [])]);
            // The same file may be picked again later.
            input.value = '';
          }}
        />
      </div>
      <div class="cord-composer-primary-buttons">
        ${
          state.showCloseButton
            ? html`<button
              type="button"
              class="cord-button cord-secondary cord-small cord-close-button"
              data-cord-button="close-composer"
              aria-label="Close"
              @mousedown=${(event: Event) => {
                event.preventDefault();
                actions.close();
              }}
            >
              ✕
            </button>`
            : nothing
        }
        <button
          type="button"
          class="cord-button cord-primary cord-small cord-send-button"
          data-cord-button="send-message"
          aria-label="Send"
          ?disabled=${state.disabled || !state.valid}
          @click=${() => actions.send()}
        >
          ➤
        </button>
      </div>
    </div>
    ${state.dropping ? html`<div class="cord-drop-overlay" aria-hidden="true">Drop Files</div>` : nothing}
  </div>`;
}
