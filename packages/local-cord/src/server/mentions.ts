import { type MessageContent, mentionedUserIds } from '../protocol/content.ts';
import type { Store } from '../store/store.ts';

// Mentions name people of the thread's group only: the live and REST APIs refuse content
// that mentions anyone else before writing it. Cord checked only that a mentioned user
// existed (and wrote a notification nobody saw for an outsider); local Cord makes such a
// mention impossible, so a message never names someone who cannot read it.

/** The first user the content mentions who is not a member of the group, if any. */
export function mentionedOutsider(store: Store, content: MessageContent, groupId: string): string | undefined {
  return mentionedUserIds(content).find((userId) => !store.groups.isMember(groupId, userId));
}

/** The refusal of a mention of someone outside the thread's group, in the shape of Cord's content errors. */
export function mentionOutsideGroupError(userId: string): string {
  return `content field is invalid: Mentioned user with ID ${userId} is not a member of the thread's group`;
}
