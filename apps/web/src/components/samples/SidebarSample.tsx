import { Sidebar, SidebarLauncher } from '@cord-sdk/react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

/** The sidebar's threads: apart from the page's other threads. */
const SIDEBAR_LOCATION = { ...DEMO_LOCATION, section: 'sidebar' };

interface Props {
  open: boolean;
  setOpen: (open: boolean) => void;
  showLauncher: boolean;
  showPresence: boolean;
  showInbox: boolean;
  excludeViewerFromPresence: boolean;
  onEvent: OnEvent;
}

export function SidebarSample({
  open,
  setOpen,
  showLauncher,
  showPresence,
  showInbox,
  excludeViewerFromPresence,
  onEvent,
}: Props) {
  return (
    <>
      {/* Opens and closes the page's sidebar, wherever it is. */}
      <SidebarLauncher label="Comments" onClick={() => onEvent('SidebarLauncher onClick')} />
      <Sidebar
        location={SIDEBAR_LOCATION}
        threadName="From the sidebar"
        open={open}
        showLauncher={showLauncher}
        showPresence={showPresence}
        showInbox={showInbox}
        excludeViewerFromPresence={excludeViewerFromPresence}
        onOpen={(info) => {
          setOpen(true);
          onEvent('onOpen', info);
        }}
        onClose={() => {
          setOpen(false);
          onEvent('onClose');
        }}
        onThreadOpen={(threadId) => onEvent('onThreadOpen', threadId)}
        onThreadClose={(threadId) => onEvent('onThreadClose', threadId)}
      />
    </>
  );
}
