import { useState } from 'react';
import { Section, Toggle, useEventLog } from '../Section.tsx';
import { InboxSample } from '../samples/InboxSample.tsx';
import inboxSource from '../samples/InboxSample.tsx?raw';
import { SidebarSample } from '../samples/SidebarSample.tsx';
import sidebarSource from '../samples/SidebarSample.tsx?raw';

export function SidebarSection() {
  const [open, setOpen] = useState(false);
  const [showLauncher, setShowLauncher] = useState(false);
  const [showPresence, setShowPresence] = useState(true);
  const [showInbox, setShowInbox] = useState(true);
  const [excludeViewerFromPresence, setExcludeViewerFromPresence] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="sidebar"
      title="Sidebar and SidebarLauncher"
      tag="cord-sidebar"
      description="Cord's comments panel on the right of the page, with who is here and your inbox; the launcher opens and closes it."
      source={sidebarSource}
      controls={
        <>
          <Toggle label="open" value={open} onChange={setOpen} />
          <Toggle label="showLauncher" value={showLauncher} onChange={setShowLauncher} />
          <Toggle label="showPresence" value={showPresence} onChange={setShowPresence} />
          <Toggle label="showInbox" value={showInbox} onChange={setShowInbox} />
          <Toggle
            label="excludeViewerFromPresence"
            value={excludeViewerFromPresence}
            onChange={setExcludeViewerFromPresence}
          />
        </>
      }
      events={events}
    >
      <SidebarSample
        open={open}
        setOpen={setOpen}
        showLauncher={showLauncher}
        showPresence={showPresence}
        showInbox={showInbox}
        excludeViewerFromPresence={excludeViewerFromPresence}
        onEvent={log}
      />
    </Section>
  );
}

export function InboxSection() {
  const [showInboxOnClick, setShowInboxOnClick] = useState(true);
  const [showPlaceholder, setShowPlaceholder] = useState(true);
  const [showCloseButton, setShowCloseButton] = useState(true);
  const [showSettings, setShowSettings] = useState(true);
  const [events, log] = useEventLog();
  return (
    <Section
      id="inbox"
      title="Inbox and InboxLauncher"
      tag="cord-inbox"
      description="Your notifications, a thread each: replies to your threads, mentions of you. The launcher shows how many are unread and opens the inbox under it."
      source={inboxSource}
      controls={
        <>
          <Toggle label="showInboxOnClick" value={showInboxOnClick} onChange={setShowInboxOnClick} />
          <Toggle label="showPlaceholder" value={showPlaceholder} onChange={setShowPlaceholder} />
          <Toggle label="showCloseButton" value={showCloseButton} onChange={setShowCloseButton} />
          <Toggle label="showSettings" value={showSettings} onChange={setShowSettings} />
        </>
      }
      events={events}
    >
      <InboxSample
        showInboxOnClick={showInboxOnClick}
        showPlaceholder={showPlaceholder}
        showCloseButton={showCloseButton}
        showSettings={showSettings}
        onEvent={log}
      />
    </Section>
  );
}
