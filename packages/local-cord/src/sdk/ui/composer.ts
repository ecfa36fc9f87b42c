import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { i18n } from '../runtime.ts';
import { type ComposerFile, composerFiles, PAPERCLIP_ICON, SUGGESTED_FILE_TYPES } from './attachments.ts';
import { isSendKey } from './keys.ts';

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
  /** "Add a comment..." for a new thread, "Reply..." for one with messages. */
  placeholder: string;
  /** Why the last send or action failed. */
  error: string | null;
  /** Files picked or dropped, going with the next message. */
  files: readonly ComposerFile[];
  /** Files are being dragged over the composer. */
  dropping: boolean;
}

export interface ComposerActions {
  /** Sends the editor's text; the composer empties it, or puts it back on failure. */
  send(editor: HTMLTextAreaElement): void;
  input(text: string): void;
  focus(): void;
  blur(): void;
  close(): void;
  reopen(): void;
  /** Files picked with the attach button or dropped on the composer. */
  attach(files: File[]): void;
  removeFile(key: string): void;
  setDropping(dropping: boolean): void;
}

const editorOf = (event: Event) =>
  (event.target as HTMLElement).closest('.cord-composer')!.querySelector<HTMLTextAreaElement>('.cord-editor')!;

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
    <div class="cord-editor-container">
      <textarea
        class="cord-editor cord-composer-input"
        placeholder=${state.placeholder}
        aria-label=${state.placeholder}
        rows="1"
        ?disabled=${state.disabled}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') (event.target as HTMLElement).blur();
          if (!isSendKey(event)) return;
          event.preventDefault();
          actions.send(event.target as HTMLTextAreaElement);
        }}
        @input=${(event: Event) => actions.input((event.target as HTMLTextAreaElement).value)}
        @focus=${() => actions.focus()}
        @blur=${() => actions.blur()}
      ></textarea>
    </div>
    ${composerFiles(state.files, actions.removeFile)}
    <div class="cord-composer-menu">
      <div class="cord-composer-secondary-buttons">
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
          @click=${(event: Event) => actions.send(editorOf(event))}
        >
          ➤
        </button>
      </div>
    </div>
    ${state.dropping ? html`<div class="cord-drop-overlay" aria-hidden="true">Drop Files</div>` : nothing}
  </div>`;
}
