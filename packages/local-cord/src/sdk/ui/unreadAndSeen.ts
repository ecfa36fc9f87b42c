import { html, nothing } from 'lit';
import type { MessageData, ThreadParticipantData, UserData } from '../../protocol/views.ts';
import { i18n } from '../runtime.ts';

/** Names written out; more become "and N others", all of them (up to 30) on hover. */
const NAMES_SHOWN = 3;
const NAMES_IN_TOOLTIP = 30;

/**
 * Who, besides its author and the viewer, has seen a message: participants whose last look
 * at the thread came after it was sent (Cord's rule for the thread's "Seen by").
 */
export function othersWhoSaw(
  participants: readonly ThreadParticipantData[],
  message: MessageData,
  viewerId: string | undefined,
): ThreadParticipantData[] {
  return participants.filter(
    ({ userID, lastSeenTimestamp }) =>
      userID !== message.authorID &&
      userID !== viewerId &&
      lastSeenTimestamp !== null &&
      lastSeenTimestamp >= message.createdTimestamp,
  );
}

/** "Seen by Ann, Bob and Cy" (or "Seen by Ann, Bob, Cy, and 2 others"), with at most `shown` names. */
function seenByText(names: string[], shown: number): string {
  // `formatParams` keeps the names out of i18next's cache key for its Intl list formatter.
  const formatParams = { users: {} };
  return names.length > shown
    ? i18n.t('message:seen_by_status_overflow', {
        users: names.slice(0, shown),
        count: names.length - shown,
        formatParams,
      })
    : i18n.t('message:seen_by_status', { users: names, formatParams });
}

/**
 * Cord's `div.cord-thread-seen-by-container` under a thread's last message, when it is a
 * user's message and someone else has seen it; nothing otherwise.
 */
export function threadSeenBy(
  message: MessageData,
  participants: readonly ThreadParticipantData[],
  viewerId: string | undefined,
  userOf: (id: string) => UserData | undefined,
) {
  if (message.type !== 'user_message' || message.deletedTimestamp !== null) return nothing;
  const names = othersWhoSaw(participants, message, viewerId).map(({ userID, displayName }) =>
    i18n.t('user:other_user', { user: userOf(userID) ?? { displayName } }),
  );
  if (names.length === 0) return nothing;
  const tooltip = names.length > NAMES_SHOWN ? seenByText(names, NAMES_IN_TOOLTIP) : undefined;
  return html`<div class="cord-thread-seen-by-container" title=${tooltip ?? nothing}>
    ${seenByText(names, NAMES_SHOWN)}
  </div>`;
}

/** Cord's "New" line (`p.cord-unread-message-indicator`) above the first message the viewer had not seen. */
export function unreadMessageIndicator(subscribed: boolean) {
  return html`<p class=${subscribed ? 'cord-unread-message-indicator cord-subscribed' : 'cord-unread-message-indicator'}>
    ${i18n.t('thread:new_status')}
  </p>`;
}
