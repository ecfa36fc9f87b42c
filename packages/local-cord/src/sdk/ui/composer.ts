import { html, nothing } from 'lit';
import { type ComposerFile, composerFiles, PAPERCLIP_ICON, SUGGESTED_FILE_TYPES } from './attachments.ts';
import { isSendKey } from './keys.ts';

export interface ComposerState {
  disabled: boolean;
  /** Nothing but blanks typed: the send button is disabled, as in Cord. */
  empty: boolean;
  /** A resolved thread's composer says that replying reopens it. */
  resolved: boolean;
  /** Why the last send or action failed, shown under the composer. */
  error: string | null;
  /** Files picked or dropped, going with the next message. */
  files: readonly ComposerFile[];
  /** Files are being dragged over the composer. */
  dropping: boolean;
}

export interface ComposerActions {
  /** Sends the textarea's text; the composer empties it, or puts it back on failure. */
  send(textarea: HTMLTextAreaElement): void;
  input(text: string): void;
  focus(): void;
  blur(): void;
  /** Files picked with the attach button or dropped on the composer. */
  attach(files: File[]): void;
  removeFile(key: string): void;
  setDropping(dropping: boolean): void;
}

/** Whether a drag carries files (not text or a link from the page). */
function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** The box to write a message in, with its attach and send buttons, its files and error line. */
export function composer(state: ComposerState, actions: ComposerActions) {
  const dragOver = (event: DragEvent) => {
    if (state.disabled || !hasFiles(event)) return;
    event.preventDefault();
    actions.setDropping(true);
  };
  return html`<div
    class="cord-composer"
    @dragenter=${dragOver}
    @dragover=${dragOver}
    @dragleave=${(event: DragEvent) => {
      // Leaving for a child of the composer is not leaving it.
      if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null))
        actions.setDropping(false);
    }}
    @drop=${(event: DragEvent) => {
      if (state.disabled || !hasFiles(event)) return;
      event.preventDefault();
      actions.setDropping(false);
      actions.attach([...(event.dataTransfer?.files ?? [])]);
    }}
  >
    <textarea
      class="cord-composer-input"
      placeholder=${state.resolved ? 'Reply to reopen this thread...' : 'Add a comment...'}
      aria-label="Add a comment"
      rows="1"
      ?disabled=${state.disabled}
      @keydown=${(event: KeyboardEvent) => {
        if (!isSendKey(event)) return;
        event.preventDefault();
        actions.send(event.target as HTMLTextAreaElement);
      }}
      @input=${(event: Event) => actions.input((event.target as HTMLTextAreaElement).value)}
      @focus=${() => actions.focus()}
      @blur=${() => actions.blur()}
    ></textarea>
    <button
      type="button"
      class="cord-button cord-attach-button"
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
    <button
      type="button"
      class="cord-send-button"
      aria-label="Send"
      ?disabled=${state.disabled || state.empty}
      @click=${(event: Event) => {
        const box = (event.target as HTMLElement).closest('.cord-composer')!;
        actions.send(box.querySelector('textarea')!);
      }}
    >
      ➤
    </button>
    ${composerFiles(state.files, actions.removeFile)}
    ${state.error ? html`<p class="cord-composer-error" role="alert">${state.error}</p>` : nothing}
    ${state.dropping ? html`<div class="cord-drop-overlay" aria-hidden="true">Drop Files</div>` : nothing}
  </div>`;
}
