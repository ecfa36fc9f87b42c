import { html } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { UserData } from '../../protocol/views.ts';

const COLOURS = ['#8b5cf6', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899', '#6366f1', '#14b8a6'];

function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

/** A user's picture, or the first letter of their name on a coloured square. */
export function avatar(user: UserData, options: { label: string; classes?: Record<string, boolean> }) {
  const name = user.displayName;
  return html`<div
    class=${classMap({ 'cord-avatar-container': true, ...options.classes })}
    title=${options.label}
    aria-label=${options.label}
    role="img"
    data-cord-user-id=${user.id}
  >
    ${
      user.profilePictureURL
        ? html`<img class="cord-avatar-image" src=${user.profilePictureURL} alt=${name} />`
        : html`<div class="cord-avatar-fallback" style="background-color: ${colourFor(user.id)}" aria-hidden="true">
          ${name.slice(0, 1).toUpperCase()}
        </div>`
    }
  </div>`;
}
