import { Composer } from '@cord-sdk/react';
import type { ComponentProps } from 'react';
import { DEMO_LOCATION, DEMO_THREAD_ID, type OnEvent } from './demo.ts';

interface Props {
  replyToDemoThread: boolean;
  size: NonNullable<ComponentProps<typeof Composer>['size']>;
  showExpanded: boolean;
  showCloseButton: boolean;
  onEvent: OnEvent;
}

export function ComposerSample({ replyToDemoThread, size, showExpanded, showCloseButton, onEvent }: Props) {
  return (
    <Composer
      // Without a threadId, each message starts a new thread at the location.
      threadId={replyToDemoThread ? DEMO_THREAD_ID : undefined}
      location={DEMO_LOCATION}
      threadName="Started from the Composer section"
      size={size}
      showExpanded={showExpanded}
      showCloseButton={showCloseButton}
      onFocus={(info) => onEvent('onFocus', info)}
      onBlur={(info) => onEvent('onBlur', info)}
      onSend={(info) => onEvent('onSend', info)}
      onClose={(info) => onEvent('onClose', info)}
    />
  );
}
