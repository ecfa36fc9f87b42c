import { betaV2, presence, user } from '@cord-sdk/react';
import { COMPONENT_GROUP_ID } from '../guideVariant.ts';
import { NotificationSummary } from './NotificationSummary.tsx';

/** Where viewers of this page are present. */
const PAGE_LOCATION = { page: 'threads' };

/** `user.useViewerData`, `user.useGroupMembers` and `presence.usePresence`. */
export function People() {
  const viewer = user.useViewerData();
  // The token's group; in the guide's step 11 the token names none and the page does.
  const groupID = viewer?.groupID ?? COMPONENT_GROUP_ID;
  const members = user.useGroupMembers({ groupID });
  const here = presence.usePresence(PAGE_LOCATION, { exclude_durable: true });
  const presentIds = new Set(
    (here ?? []).filter((entry) => entry.ephemeral.locations.length > 0).map((entry) => entry.id),
  );

  return (
    <aside className="people" aria-label="People">
      {/* Says the viewer is here while the page is open. It throws without a group: it waits for the viewer's. */}
      {viewer && groupID && <betaV2.PresenceObserver location={PAGE_LOCATION} groupID={groupID} observeDocument />}
      <h2>You</h2>
      <p className="viewer">
        {viewer ? (
          <>
            <strong>{viewer.displayName}</strong> in <code>{groupID}</code>
          </>
        ) : (
          'Signing in…'
        )}
      </p>
      <h2>Notifications</h2>
      <NotificationSummary />
      <h2>Group members</h2>
      <ul aria-label="Group members">
        {members.groupMembers.map((member) => (
          <li key={member.id}>
            {member.displayName}
            {presentIds.has(member.id) && <span className="here"> · here now</span>}
          </li>
        ))}
      </ul>
      {members.hasMore && (
        <button type="button" onClick={() => void members.fetchMore(10)}>
          More members
        </button>
      )}
    </aside>
  );
}
