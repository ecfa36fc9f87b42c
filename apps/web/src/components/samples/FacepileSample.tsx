import { Facepile } from '@cord-sdk/react';

export function FacepileSample({ users, enableTooltip }: { users: string[]; enableTooltip: boolean }) {
  return <Facepile users={users} enableTooltip={enableTooltip} />;
}
