import { displayName, secondaryDisplayName } from '../../protocol/userNames.ts';
import type { UserData, ViewerData } from '../../protocol/views.ts';
import type { Store, UserProfile } from '../../store/store.ts';

/** Cord's ClientUserData for a user: what any viewer who may see them is shown. */
export function userData(user: UserProfile): UserData {
  return {
    id: user.id,
    name: user.name,
    shortName: user.shortName,
    displayName: displayName(user),
    secondaryDisplayName: secondaryDisplayName(user),
    profilePictureURL: user.profilePictureURL,
    metadata: user.metadata,
  };
}

/** Cord's ViewerUserData: the signed-in user, their token's group and all their groups. */
export function viewerData(store: Store, user: UserProfile, groupId: string | null): ViewerData {
  return {
    ...userData(user),
    groupID: groupId,
    groups: store.groups.groupIdsOf(user.id),
    notificationPreferences: store.preferences.notificationChannels(user.id),
  };
}

/** A user's ClientUserData by id; someone who no longer exists still shows, by id. */
export function userDataById(store: Store, id: string): UserData {
  const profile = store.users.profile(id);
  if (profile) return userData(profile);
  return {
    id,
    name: null,
    shortName: null,
    displayName: id,
    secondaryDisplayName: id,
    profilePictureURL: null,
    metadata: {},
  };
}
