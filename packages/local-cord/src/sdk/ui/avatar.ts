import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { UserData } from '../../protocol/views.ts';

/** Cord's stable colour for a user: the sum of the id's UTF-16 code units, mod 8, plus 1. */
export function paletteOf(userId: string): number {
  let sum = 0;
  for (let index = 0; index < userId.length; index++) sum += userId.charCodeAt(index);
  return (sum % 8) + 1;
}

export interface AvatarOptions {
  /** Shown on hover and read out; none for a plain picture. */
  tooltip?: string | undefined;
  /** Presence: standalone avatars count as present, as in Cord. */
  present?: boolean;
  classes?: Record<string, boolean>;
}

// A picture that fails to load says so on its container as Cord's `cord-error` (the CSS
// then shows the letter instead); classMap leaves classes it did not set alone.
const failed = (event: Event) => (event.target as HTMLElement).parentElement?.classList.add('cord-error');

/**
 * Cord's avatar: `div.cord-avatar-container` with the user's picture, or, when there is
 * none or it fails to load, the first letter of their name (`cord-avatar-fallback`).
 */
export function avatar(user: UserData, options: AvatarOptions = {}) {
  const name = user.displayName;
  const present = options.present ?? true;
  const picture = user.profilePictureURL;
  return html`<div
    class=${classMap({
      'cord-avatar-container': true,
      [`cord-color-palette-${paletteOf(user.id)}`]: true,
      'cord-present': present,
      'cord-not-present': !present,
      ...options.classes,
    })}
    title=${options.tooltip ?? nothing}
    role="img"
    aria-label=${options.tooltip ?? name}
    data-cord-user-id=${user.id}
    data-cord-user-full-name=${user.name ?? name}
  >
    ${
      picture
        ? html`<img class="cord-avatar-image" src=${picture} alt=${name} draggable="false" @error=${failed} />`
        : nothing
    }
    <div class="cord-avatar-fallback" aria-hidden="true">${name.slice(0, 1).toUpperCase()}</div>
  </div>`;
}
