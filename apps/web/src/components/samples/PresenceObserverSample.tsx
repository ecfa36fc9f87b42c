import { PresenceObserver } from '@cord-sdk/react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

export function PresenceObserverSample({ durable, onEvent }: { durable: boolean; onEvent: OnEvent }) {
  return (
    <PresenceObserver
      location={{ ...DEMO_LOCATION, section: 'presence-observer' }}
      durable={durable}
      onChange={(present) => onEvent('onChange', present)}
    >
      <div className="observed-box">Point here: you are present at this box while the pointer is in it.</div>
    </PresenceObserver>
  );
}
