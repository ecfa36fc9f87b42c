import { html } from 'lit';
import { emojiDataUrl, emojiPickerUrl } from '../runtime.ts';
import { type PopupPlace, popupStyle } from './popup.ts';

// Cord's emoji picker is emoji-picker-element. Local Cord serves its code and its emoji,
// and the SDK loads the code the first time a picker opens: the SDK script stays small and
// nothing is fetched from outside.

let loading: Promise<unknown> | undefined;

/** Defines `<emoji-picker>` once (a page that already has it, from Cord's React package, keeps its own). */
export function loadEmojiPicker(): Promise<unknown> {
  loading ??= customElements.get('emoji-picker') ? Promise.resolve() : import(/* @vite-ignore */ emojiPickerUrl);
  return loading;
}

interface EmojiClick extends Event {
  detail: { unicode?: string };
}

/** The picker in a popup (`div.cord-emoji-picker`); `pick` gets the emoji clicked. */
export function emojiPicker(
  label: string,
  pick: (emoji: string) => void,
  place?: PopupPlace,
  quick: readonly string[] = [],
) {
  void loadEmojiPicker();
  return html`<div class="cord-emoji-picker" role="dialog" aria-label=${label} style=${popupStyle(place)}>
    ${
      quick.length > 0
        ? html`<div class="cord-emoji-picker-quick" role="menu">
          ${quick.map(
            (emoji) =>
              html`<button type="button" role="menuitem" class="cord-emoji-picker-option" @click=${() => pick(emoji)}>
                ${emoji}
              </button>`,
          )}
        </div>`
        : ''
    }
    <emoji-picker
      class="light"
      data-source=${emojiDataUrl}
      @emoji-click=${(event: EmojiClick) => {
        if (event.detail.unicode) pick(event.detail.unicode);
      }}
    ></emoji-picker>
  </div>`;
}
