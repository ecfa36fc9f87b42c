/**
 * Cord's "choose one" rule for calls that take a group (searchUsers, observeGroupMembers,
 * the Slack calls): the token's group or the call's, not two different ones, and not none.
 */
export function chooseGroup(
  source: string,
  tokenGroup: string | null | undefined,
  requested: string | undefined,
): string {
  if (tokenGroup && requested && tokenGroup !== requested) {
    throw new Error(
      `${source}: Must not specify a groupID in the options if the user is signed in with an access token that contains a groupID - choose one or the other`,
    );
  }
  const groupId = requested ?? tokenGroup;
  if (!groupId) throw new Error(`${source}: Must specify a groupID`);
  return groupId;
}
