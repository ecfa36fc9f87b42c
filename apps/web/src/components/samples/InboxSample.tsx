import { Inbox, InboxLauncher } from '@cord-sdk/react';
import type { OnEvent } from './demo.ts';

interface Props {
  showInboxOnClick: boolean;
  showPlaceholder: boolean;
  showCloseButton: boolean;
  showSettings: boolean;
  onEvent: OnEvent;
}

export function InboxSample({ showInboxOnClick, showPlaceholder, showCloseButton, showSettings, onEvent }: Props) {
  return (
    <div className="inbox-sample">
      <InboxLauncher
        label="Inbox"
        showInboxOnClick={showInboxOnClick}
        showPlaceholder={showPlaceholder}
        showSettings={showSettings}
        onClick={() => onEvent('InboxLauncher onClick')}
      />
      <Inbox
        className="inbox-panel"
        showPlaceholder={showPlaceholder}
        showCloseButton={showCloseButton}
        showSettings={showSettings}
        onCloseRequested={() => onEvent('onCloseRequested')}
      />
    </div>
  );
}
