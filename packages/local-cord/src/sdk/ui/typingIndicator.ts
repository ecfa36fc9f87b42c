import { html, nothing } from 'lit';
import type { UserData } from '../../protocol/views.ts';
import { facepile } from './facepile.ts';

/**
 * Cord's typing row (`div.cord-typing-indicator-container`): the faces of everyone typing
 * (the server already leaves the viewer out), then who it is: "Minerva Halleck is typing…".
 * Cord wrote only "Typing" beside the faces; the names say it to screen readers too.
 */
export function typingIndicator(users: readonly UserData[]) {
  if (users.length === 0) return nothing;
  const names = users.map((user) => user.displayName).join(', ');
  return html`<div class="cord-typing-indicator-container" aria-live="polite">
    ${facepile(users.map((user) => ({ user })))}
    <p class="cord-typing-indicators">${names} ${users.length === 1 ? 'is' : 'are'} typing…</p>
  </div>`;
}
