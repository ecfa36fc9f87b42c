// Who has seen a message, derived from each participant's last look at the thread (Cord's
// rule), the same way on the server and in the browser, which recomputes it when a
// participant looks.

export interface Look {
  userID: string;
  lastSeenTimestamp: number | null;
}

export interface SeeableMessage {
  authorID: string;
  createdTimestamp: number;
  updatedTimestamp: number | null;
}

/** The author, and everyone whose last look came after the message's last change. */
export function seenBy(looks: readonly Look[], message: SeeableMessage): string[] {
  const changedAt = message.updatedTimestamp ?? message.createdTimestamp;
  const users = new Set([message.authorID]);
  for (const { userID, lastSeenTimestamp } of looks) {
    if (lastSeenTimestamp !== null && lastSeenTimestamp >= changedAt) users.add(userID);
  }
  return [...users];
}

/** Whether the viewer has seen the message: they wrote it, or looked after it came. */
export function seenByViewer(looks: readonly Look[], message: SeeableMessage, viewerId: string): boolean {
  if (message.authorID === viewerId) return true;
  const look = looks.find(({ userID }) => userID === viewerId)?.lastSeenTimestamp ?? null;
  return look !== null && look >= message.createdTimestamp;
}
