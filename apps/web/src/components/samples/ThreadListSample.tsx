import { ThreadList } from '@cord-sdk/react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

export function ThreadListSample({ showPlaceholder, onEvent }: { showPlaceholder: boolean; onEvent: OnEvent }) {
  return (
    <ThreadList
      location={DEMO_LOCATION}
      showPlaceholder={showPlaceholder}
      onThreadClick={(threadId, summary) => onEvent('onThreadClick', threadId, summary)}
      onThreadMouseEnter={(threadId, info) => onEvent('onThreadMouseEnter', threadId, info)}
      onThreadResolve={(info) => onEvent('onThreadResolve', info)}
      onThreadReopen={(info) => onEvent('onThreadReopen', info)}
    />
  );
}
