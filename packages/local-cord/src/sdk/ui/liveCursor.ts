import { html, nothing } from 'lit';
import type { UserData } from '../../protocol/views.ts';
import { avatar, paletteOf } from './avatar.ts';

/** Where another user's cursor is, in the viewer's viewport. */
export interface CursorPosition {
  viewportX: number;
  viewportY: number;
  click: boolean;
}

const at = (position: CursorPosition) => `left: ${position.viewportX}px; top: ${position.viewportY}px;`;

/** The arrow of Cord's cursors (`cord-live-cursors-icon`), drawn in the cursor's colour. */
const cursorIcon = (style = '') =>
  html`<svg class="cord-icon cord-large cord-live-cursors-icon" viewBox="0 0 24 24" style=${style} aria-hidden="true">
    <path d="M4.5 3.5 19 10.2l-6.3 1.9-2.6 6.4Z" />
  </svg>`;

/**
 * Cord's live cursor (`div.cord-live-cursors-cursor`): the arrow, then a pill with the
 * user's picture (if they have one) and name, in the user's stable colour palette.
 */
export function liveCursor(user: UserData, position: CursorPosition) {
  return html`<div
    class="cord-live-cursors-cursor cord-color-palette-${paletteOf(user.id)}"
    style=${at(position)}
    data-cord-user-id=${user.id}
    data-cord-page-layer
  >
    ${cursorIcon()}
    <div class="cord-live-cursors-label">
      ${user.profilePictureURL ? avatar(user) : nothing}
      <span class="cord-live-cursors-name">${user.name ?? user.displayName}</span>
    </div>
  </div>`;
}

/** `<cord-multiple-cursors>`' older look: a cursor and a name in one colour of four, by order of arrival. */
export function multipleCursor(user: UserData, position: CursorPosition, color: string) {
  return html`<div class="cord-live-cursors-cursor" style=${at(position)} data-cord-user-id=${user.id} data-cord-page-layer>
    ${cursorIcon(`color: ${color}; fill: ${color};`)}
    <span class="cord-live-cursors-name cord-live-cursors-label" style="background-color: ${color};"
      >${user.name ?? user.displayName}</span
    >
  </div>`;
}

/** Where a user clicked (`cord-live-cursors-click`): a ring in their colour, for a moment. */
export function cursorClick(user: UserData, position: CursorPosition) {
  return html`<div
    class="cord-live-cursors-click cord-color-palette-${paletteOf(user.id)}"
    style=${at(position)}
    data-cord-page-layer
  ></div>`;
}
