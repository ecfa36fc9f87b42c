import { html } from 'lit';

/**
 * One item of a Cord options menu (`div.cord-menu-item` around its button), for a message's
 * menu and a notification's alike. `run` gets the click, for a menu inside a link.
 */
export function menuItem(action: string, label: string, run: (event: Event) => void) {
  return html`<div class="cord-menu-item">
    <button type="button" role="menuitem" class="cord-menu-item-button" data-cord-menu-item=${action} @click=${run}>
      ${label}
    </button>
  </div>`;
}
