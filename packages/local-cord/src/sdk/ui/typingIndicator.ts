import { html, nothing } from 'lit';
import { displayName } from '../../protocol/userNames.ts';
import type { UserView } from '../../protocol/views.ts';

/** "Minerva Halleck is typing…" for everyone typing but the viewer. */
export function typingIndicator(typing: readonly UserView[], viewerId: string | undefined) {
  const names = typing.filter((user) => user.id !== viewerId).map(displayName);
  if (names.length === 0) return nothing;
  return html`<div class="cord-typing-indicator-container" aria-live="polite">
    ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…
  </div>`;
}
