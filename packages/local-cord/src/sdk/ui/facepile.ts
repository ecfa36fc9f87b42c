import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { UserData } from '../../protocol/views.ts';
import { i18n } from '../runtime.ts';
import { avatar } from './avatar.ts';

export interface FacepileEntry {
  user: UserData;
  /** Unknown presence (a plain facepile) shows everyone as present. */
  present?: boolean;
  /** Hover text, e.g. "Minerva Halleck (you)" or, with presence, "Viewed 5 mins ago" as a second line. */
  tooltip?: string;
}

/** Cord's name for a user in tooltips: "Ann (you)" for the viewer, else "Ann". */
export function userLabel(user: UserData, viewerId: string | undefined): string {
  return i18n.t(user.id === viewerId ? 'user:viewer_user' : 'user:other_user', { user });
}

/**
 * Cord's `div.cord-facepile`: overlapping avatars, then `+N` (`cord-other-users`) for those
 * beyond the shown ones, naming up to five of them on hover.
 */
export function facepile(entries: readonly FacepileEntry[], hidden: readonly UserData[] = []) {
  return html`<div class="cord-facepile" role="list">
    ${repeat(
      entries,
      (entry) => entry.user.id,
      (entry) =>
        html`<div role="listitem" class="cord-facepile-avatar">${avatar(entry.user, { tooltip: entry.tooltip, present: entry.present })}</div>`,
    )}
    ${hidden.length > 0 ? html`<div class="cord-other-users" title=${otherUsersTooltip(hidden)}>+${hidden.length}</div>` : nothing}
  </div>`;
}

/** Up to five names, then " and K more" (Cord's own English, not translated). */
function otherUsersTooltip(hidden: readonly UserData[]): string {
  const names = hidden
    .slice(0, 5)
    .map((user) => user.displayName)
    .join(', ');
  return hidden.length > 5 ? `${names} and ${hidden.length - 5} more` : names;
}
