import { Thread } from '@cord-sdk/react';
import { DEMO_LOCATION, DEMO_THREAD_ID, type OnEvent } from './demo.ts';

interface Props {
  autofocus: boolean;
  collapsed: boolean;
  showHeader: boolean;
  composerExpanded: boolean;
  composerDisabled: boolean;
  onEvent: OnEvent;
}

export function ThreadSample({ autofocus, collapsed, showHeader, composerExpanded, composerDisabled, onEvent }: Props) {
  return (
    <Thread
      threadId={DEMO_THREAD_ID}
      location={DEMO_LOCATION}
      threadName="The components page"
      autofocus={autofocus}
      collapsed={collapsed}
      showHeader={showHeader}
      composerExpanded={composerExpanded}
      composerDisabled={composerDisabled}
      onThreadInfoChange={(info) => onEvent('onThreadInfoChange', info)}
      onSend={(info) => onEvent('onSend', info)}
      onClose={(info) => onEvent('onClose', info)}
      onResolved={(info) => onEvent('onResolved', info)}
    />
  );
}
