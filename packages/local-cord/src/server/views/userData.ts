import { displayName, secondaryDisplayName } from '../../protocol/userNames.ts';
import type { UserData, ViewerData } from '../../protocol/views.ts';
import type { UserProfile } from '../../store/store.ts';

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
export function viewerData(user: UserProfile, groupId: string | null, groups: string[]): ViewerData {
  return { ...userData(user), groupID: groupId, groups };
}
