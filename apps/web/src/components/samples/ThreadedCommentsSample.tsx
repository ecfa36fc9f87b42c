import { ThreadedComments } from '@cord-sdk/react';
import type { ComponentProps } from 'react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

type CordProps = ComponentProps<typeof ThreadedComments>;

interface Props {
  displayResolved: NonNullable<CordProps['displayResolved']>;
  composerPosition: NonNullable<CordProps['composerPosition']>;
  showReplies: NonNullable<CordProps['showReplies']>;
  onEvent: OnEvent;
}

export function ThreadedCommentsSample({ displayResolved, composerPosition, showReplies, onEvent }: Props) {
  return (
    <ThreadedComments
      location={DEMO_LOCATION}
      displayResolved={displayResolved}
      composerPosition={composerPosition}
      showReplies={showReplies}
      onSend={(info) => onEvent('onSend', info)}
      onMessageClick={(info) => onEvent('onMessageClick', info)}
      onThreadResolve={(info) => onEvent('onThreadResolve', info)}
      onThreadReopen={(info) => onEvent('onThreadReopen', info)}
    />
  );
}
