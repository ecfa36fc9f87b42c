import { Inbox, InboxLauncher } from '@cord-sdk/react';
import type { OnEvent } from './demo.ts';

interface Props {
  showInboxOnClick: boolean;
  showPlaceholder: boolean;
  showCloseButton: boolean;
  onEvent: OnEvent;
}

export function InboxSample({ showInboxOnClick, showPlaceholder, showCloseButton, onEvent }: Props) {
  return (
    <div className="inbox-sample">
      <InboxLauncher
        label="Inbox"
        showInboxOnClick={showInboxOnClick}
        showPlaceholder={showPlaceholder}
        onClick={() => onEvent('InboxLauncher onClick')}
      />
      <Inbox
        className="inbox-panel"
        showPlaceholder={showPlaceholder}
        showCloseButton={showCloseButton}
        onCloseRequested={() => onEvent('onCloseRequested')}
      />
    </div>
  );
}
