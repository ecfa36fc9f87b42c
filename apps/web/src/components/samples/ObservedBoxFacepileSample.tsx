import { PresenceFacepile } from '@cord-sdk/react';
import { DEMO_LOCATION } from './demo.ts';

export function ObservedBoxFacepileSample() {
  return <PresenceFacepile location={{ ...DEMO_LOCATION, section: 'presence-observer' }} onlyPresentUsers />;
}
