import { type ComponentProps, useState } from 'react';
import { Choice, Section, Toggle, useEventLog } from '../Section.tsx';
import { ComposerSample } from '../samples/ComposerSample.tsx';
import composerSource from '../samples/ComposerSample.tsx?raw';
import { ThreadedCommentsSample } from '../samples/ThreadedCommentsSample.tsx';
import threadedCommentsSource from '../samples/ThreadedCommentsSample.tsx?raw';
import { ThreadListSample } from '../samples/ThreadListSample.tsx';
import threadListSource from '../samples/ThreadListSample.tsx?raw';

type ComposerSize = ComponentProps<typeof ComposerSample>['size'];
type CommentsProps = ComponentProps<typeof ThreadedCommentsSample>;

const SIZES: readonly ComposerSize[] = ['small', 'medium', 'large'];
const DISPLAY_RESOLVED: readonly CommentsProps['displayResolved'][] = [
  'unresolvedOnly',
  'resolvedOnly',
  'tabbed',
  'interleaved',
  'sequentially',
];
const COMPOSER_POSITIONS: readonly CommentsProps['composerPosition'][] = ['bottom', 'top', 'none'];
const SHOW_REPLIES: readonly CommentsProps['showReplies'][] = [
  'initiallyCollapsed',
  'initiallyExpanded',
  'alwaysCollapsed',
];

export function ComposerSection() {
  const [replyToDemoThread, setReplyToDemoThread] = useState(false);
  const [size, setSize] = useState<ComposerSize>('medium');
  const [showExpanded, setShowExpanded] = useState(false);
  const [showCloseButton, setShowCloseButton] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="composer"
      title="Composer"
      tag="cord-composer"
      description="Starts a new thread on this page with each message (see the thread list), or replies to the Thread section's thread."
      source={composerSource}
      controls={
        <>
          <Toggle label="threadId: the demo thread" value={replyToDemoThread} onChange={setReplyToDemoThread} />
          <Choice label="size" value={size} options={SIZES} onChange={setSize} />
          <Toggle label="showExpanded" value={showExpanded} onChange={setShowExpanded} />
          <Toggle label="showCloseButton" value={showCloseButton} onChange={setShowCloseButton} />
        </>
      }
      events={events}
    >
      <ComposerSample
        replyToDemoThread={replyToDemoThread}
        size={size}
        showExpanded={showExpanded}
        showCloseButton={showCloseButton}
        onEvent={log}
      />
    </Section>
  );
}

export function ThreadListSection() {
  const [showPlaceholder, setShowPlaceholder] = useState(true);
  const [events, log] = useEventLog();
  return (
    <Section
      id="thread-list"
      title="ThreadList"
      tag="cord-thread-list"
      description="Every thread on this page, newest activity first, with unread counts; resolved ones under a toggle."
      source={threadListSource}
      controls={<Toggle label="showPlaceholder" value={showPlaceholder} onChange={setShowPlaceholder} />}
      events={events}
    >
      <ThreadListSample showPlaceholder={showPlaceholder} onEvent={log} />
    </Section>
  );
}

export function ThreadedCommentsSection() {
  const [displayResolved, setDisplayResolved] = useState<CommentsProps['displayResolved']>('unresolvedOnly');
  const [composerPosition, setComposerPosition] = useState<CommentsProps['composerPosition']>('bottom');
  const [showReplies, setShowReplies] = useState<CommentsProps['showReplies']>('initiallyCollapsed');
  const [events, log] = useEventLog();
  return (
    <Section
      id="threaded-comments"
      title="ThreadedComments"
      tag="cord-message, cord-composer"
      description="Cord's comments section: @cord-sdk/react builds it from Cord's message, composer, avatar and facepile elements."
      source={threadedCommentsSource}
      controls={
        <>
          <Choice
            label="displayResolved"
            value={displayResolved}
            options={DISPLAY_RESOLVED}
            onChange={setDisplayResolved}
          />
          <Choice
            label="composerPosition"
            value={composerPosition}
            options={COMPOSER_POSITIONS}
            onChange={setComposerPosition}
          />
          <Choice label="showReplies" value={showReplies} options={SHOW_REPLIES} onChange={setShowReplies} />
        </>
      }
      events={events}
    >
      <ThreadedCommentsSample
        displayResolved={displayResolved}
        composerPosition={composerPosition}
        showReplies={showReplies}
        onEvent={log}
      />
    </Section>
  );
}
