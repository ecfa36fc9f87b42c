import { html, nothing } from 'lit';

/** "Minerva Halleck is typing…" for everyone typing (the server already leaves the viewer out). */
export function typingIndicator(names: readonly string[]) {
  if (names.length === 0) return nothing;
  return html`<div class="cord-typing-indicator-container" aria-live="polite">
    ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…
  </div>`;
}
