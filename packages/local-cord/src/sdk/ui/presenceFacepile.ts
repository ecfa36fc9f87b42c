import type { PresenceView, UserData } from '../../protocol/views.ts';
import { i18n } from '../runtime.ts';
import { facepile, userLabel } from './facepile.ts';
import { relativeTimestamp } from './timestamp.ts';

export interface PresenceFacepileOptions {
  viewer: UserData | null;
  maxUsers: number;
  excludeViewer: boolean;
  onlyPresentUsers: boolean;
  /** The element marks the viewer present here (page presence). */
  viewerIsHere: boolean;
}

/**
 * Who is at a location, as Cord's presence facepiles show them: present users first (by
 * id), then those who were here, most recent first, dimmed, with "Viewed 5 mins ago".
 */
export function presenceFacepile(presence: readonly PresenceView[], options: PresenceFacepileOptions) {
  const { viewer } = options;
  let users = presence.filter((entry) => entry.present || entry.lastSeen !== null);
  if (options.viewerIsHere && viewer && !users.some((entry) => entry.user.id === viewer.id)) {
    // The page itself says the viewer is here: show them before local Cord echoes it back.
    users = [{ user: viewer, present: true, lastSeen: Date.now(), locations: [] }, ...users];
  }
  if (options.excludeViewer) users = viewer ? users.filter((entry) => entry.user.id !== viewer.id) : [];
  if (options.onlyPresentUsers) users = users.filter((entry) => entry.present);
  const ordered = [...users].sort((a, b) => {
    if (a.present !== b.present) return a.present ? -1 : 1;
    if (a.present) return a.user.id < b.user.id ? -1 : a.user.id > b.user.id ? 1 : 0;
    return (b.lastSeen ?? 0) - (a.lastSeen ?? 0);
  });
  const max = Math.max(0, options.maxUsers);
  const shown = ordered.slice(0, max).map((entry) => ({
    user: entry.user,
    present: entry.present,
    tooltip: presenceTooltip(entry, viewer?.id),
  }));
  return facepile(
    shown,
    ordered.slice(max).map((entry) => entry.user),
  );
}

/** "Ann (you)"; "Ann: Viewing"; "Ann: Viewed 5 mins ago". */
function presenceTooltip(entry: PresenceView, viewerId: string | undefined): string {
  const label = userLabel(entry.user, viewerId);
  if (entry.user.id === viewerId) return label;
  if (entry.present) return `${label}: ${i18n.t('presence:viewing')}`;
  return `${label}: ${relativeTimestamp(entry.lastSeen ?? Date.now(), 'presence')}`;
}
