import { Avatar } from '@cord-sdk/react';

export function AvatarSample({ userId, enableTooltip }: { userId: string; enableTooltip: boolean }) {
  return <Avatar userId={userId} enableTooltip={enableTooltip} />;
}
