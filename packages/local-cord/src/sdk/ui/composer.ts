import { html, nothing } from 'lit';
import { isSendKey } from './keys.ts';

export interface ComposerState {
  disabled: boolean;
  /** Nothing but blanks typed: the send button is disabled, as in Cord. */
  empty: boolean;
  /** A resolved thread's composer says that replying reopens it. */
  resolved: boolean;
  /** Why the last send or action failed, shown under the composer. */
  error: string | null;
}

export interface ComposerActions {
  /** Sends the textarea's text; the composer empties it, or puts it back on failure. */
  send(textarea: HTMLTextAreaElement): void;
  input(text: string): void;
  focus(): void;
  blur(): void;
}

/** The box to write a message in, with its send button and error line. */
export function composer(state: ComposerState, actions: ComposerActions) {
  return html`<div class="cord-composer">
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
    ${state.error ? html`<p class="cord-composer-error" role="alert">${state.error}</p>` : nothing}
  </div>`;
}
