import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { i18n } from '../runtime.ts';
import { isSendKey } from './keys.ts';

export type ComposerSize = 'small' | 'medium' | 'large';

export interface ComposerState {
  size: ComposerSize;
  /** The button row shows (show-expanded, focus, or text in it). */
  expanded: boolean;
  /** There is something to send. */
  valid: boolean;
  disabled: boolean;
  /** A resolved thread gets Cord's "Resolved · Reopen to reply" row instead of the editor. */
  resolved: boolean;
  showCloseButton: boolean;
  /** "Add a comment..." for a new thread, "Reply..." for one with messages. */
  placeholder: string;
  /** Why the last send or action failed. */
  error: string | null;
}

export interface ComposerActions {
  /** Sends the editor's text; the composer empties it, or puts it back on failure. */
  send(editor: HTMLTextAreaElement): void;
  input(text: string): void;
  focus(): void;
  blur(): void;
  close(): void;
  reopen(): void;
}

const editorOf = (event: Event) =>
  (event.target as HTMLElement).closest('.cord-composer')!.querySelector<HTMLTextAreaElement>('.cord-editor')!;

/** Cord's composer (`div.cord-composer`): the editor, then its menu with the close and send buttons. */
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
  return html`${
    state.error ? html`<div class="cord-composer-error-message" role="alert">${state.error}</div>` : nothing
  }<div class=${classMap(classes)}>
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
    <div class="cord-composer-menu">
      <div class="cord-composer-secondary-buttons"></div>
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
  </div>`;
}
