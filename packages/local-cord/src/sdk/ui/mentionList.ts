import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { UserData } from '../../protocol/views.ts';
import { avatar } from './avatar.ts';

export interface MentionListState {
  users: readonly UserData[];
  active: number;
}

/** The `@` list under the editor: each member's avatar and name; a click picks one. */
export function mentionList(state: MentionListState | null, pick: (user: UserData) => void) {
  if (!state || state.users.length === 0) return nothing;
  return html`<div class="cord-menu cord-mention-list" role="listbox" aria-label="Mention someone">
    ${state.users.map(
      (user, index) => html`<div
        class=${classMap({ 'cord-menu-item': true, 'cord-hovered': index === state.active })}
        role="option"
        aria-selected=${index === state.active ? 'true' : 'false'}
        data-cord-user-id=${user.id}
        @mousedown=${(event: Event) => {
          // Keep the editor's caret: the mention goes where the @ is.
          event.preventDefault();
          pick(user);
        }}
      >
        ${avatar(user)}<span class="cord-user-name">${user.displayName}</span>
      </div>`,
    )}
  </div>`;
}
