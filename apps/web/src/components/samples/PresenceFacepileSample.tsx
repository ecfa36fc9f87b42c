import { PresenceFacepile } from '@cord-sdk/react';
import { DEMO_LOCATION } from './demo.ts';

interface Props {
  maxUsers: number;
  excludeViewer: boolean;
  onlyPresentUsers: boolean;
}

export function PresenceFacepileSample({ maxUsers, excludeViewer, onlyPresentUsers }: Props) {
  return (
    <PresenceFacepile
      location={DEMO_LOCATION}
      maxUsers={maxUsers}
      excludeViewer={excludeViewer}
      onlyPresentUsers={onlyPresentUsers}
    />
  );
}
