import { useState } from 'react';
import { Choice, Section, Toggle, useEventLog } from '../Section.tsx';
import { MessageContentSample } from '../samples/MessageContentSample.tsx';
import messageContentSource from '../samples/MessageContentSample.tsx?raw';
import { MessageSample } from '../samples/MessageSample.tsx';
import messageSource from '../samples/MessageSample.tsx?raw';
import { ReactionsSample } from '../samples/ReactionsSample.tsx';
import reactionsSource from '../samples/ReactionsSample.tsx?raw';
import { ThreadSample } from '../samples/ThreadSample.tsx';
import threadSource from '../samples/ThreadSample.tsx?raw';
import { TimestampSample } from '../samples/TimestampSample.tsx';
import timestampSource from '../samples/TimestampSample.tsx?raw';

export function ThreadSection() {
  const [autofocus, setAutofocus] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [showHeader, setShowHeader] = useState(false);
  const [composerExpanded, setComposerExpanded] = useState(false);
  const [composerDisabled, setComposerDisabled] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="thread"
      title="Thread"
      tag="cord-thread"
      description="One conversation. The Message and Reactions sections below show its first message."
      source={threadSource}
      controls={
        <>
          <Toggle label="autofocus (on mount)" value={autofocus} onChange={setAutofocus} />
          <Toggle label="collapsed" value={collapsed} onChange={setCollapsed} />
          <Toggle label="showHeader" value={showHeader} onChange={setShowHeader} />
          <Toggle label="composerExpanded" value={composerExpanded} onChange={setComposerExpanded} />
          <Toggle label="composerDisabled" value={composerDisabled} onChange={setComposerDisabled} />
        </>
      }
      events={events}
    >
      <ThreadSample
        // autofocus acts when the thread mounts: a new key mounts it again.
        key={String(autofocus)}
        autofocus={autofocus}
        collapsed={collapsed}
        showHeader={showHeader}
        composerExpanded={composerExpanded}
        composerDisabled={composerDisabled}
        onEvent={log}
      />
    </Section>
  );
}

export function MessageSection() {
  const [isEditing, setIsEditing] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="message"
      title="Message"
      tag="cord-message"
      description="One message, as a thread shows it: the Thread section's first message, live."
      source={messageSource}
      controls={<Toggle label="isEditing" value={isEditing} onChange={setIsEditing} />}
      events={events}
    >
      <MessageSample isEditing={isEditing} onEvent={log} />
    </Section>
  );
}

export function MessageContentSection() {
  const [edited, setEdited] = useState(false);
  return (
    <Section
      id="message-content"
      title="MessageContent"
      tag="cord-message-content"
      description="A message's content on its own: Cord's rich text."
      source={messageContentSource}
      controls={<Toggle label="edited" value={edited} onChange={setEdited} />}
    >
      <MessageContentSample edited={edited} />
    </Section>
  );
}

const AGES = ['0', '5', '90', '1500', '10000', '600000'] as const;

export function TimestampSection() {
  const [minutesAgo, setMinutesAgo] = useState<(typeof AGES)[number]>('5');
  const [relative, setRelative] = useState(true);
  return (
    <Section
      id="timestamp"
      title="Timestamp"
      tag="cord-timestamp"
      description="A time as Cord words it, kept current; hover it for the full time."
      source={timestampSource}
      controls={
        <>
          <Choice label="minutes ago" value={minutesAgo} options={AGES} onChange={setMinutesAgo} />
          <Toggle label="relative" value={relative} onChange={setRelative} />
        </>
      }
    >
      <TimestampSample minutesAgo={Number(minutesAgo)} relative={relative} />
    </Section>
  );
}

export function ReactionsSection() {
  const [showAddReactionButton, setShowAddReactionButton] = useState(true);
  const [showReactionList, setShowReactionList] = useState(true);
  return (
    <Section
      id="reactions"
      title="Reactions"
      tag="cord-reactions"
      description="The reactions to the Thread section's first message; click one to add yours."
      source={reactionsSource}
      controls={
        <>
          <Toggle label="showAddReactionButton" value={showAddReactionButton} onChange={setShowAddReactionButton} />
          <Toggle label="showReactionList" value={showReactionList} onChange={setShowReactionList} />
        </>
      }
    >
      <ReactionsSample showAddReactionButton={showAddReactionButton} showReactionList={showReactionList} />
    </Section>
  );
}
