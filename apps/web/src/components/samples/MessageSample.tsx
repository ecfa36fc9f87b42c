import { Message } from '@cord-sdk/react';
import { DEMO_THREAD_ID, type OnEvent } from './demo.ts';

export function MessageSample({ isEditing, onEvent }: { isEditing: boolean; onEvent: OnEvent }) {
  return (
    <Message
      threadId={DEMO_THREAD_ID}
      isEditing={isEditing}
      onClick={(info) => onEvent('onClick', info)}
      onMouseEnter={(info) => onEvent('onMouseEnter', info)}
      onEditStart={(info) => onEvent('onEditStart', info)}
      onEditEnd={(info) => onEvent('onEditEnd', info)}
      onThreadResolve={(info) => onEvent('onThreadResolve', info)}
    />
  );
}
