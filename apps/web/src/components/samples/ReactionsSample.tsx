import { Reactions, thread } from '@cord-sdk/react';
import { DEMO_THREAD_ID } from './demo.ts';

interface Props {
  showAddReactionButton: boolean;
  showReactionList: boolean;
}

export function ReactionsSample({ showAddReactionButton, showReactionList }: Props) {
  // Reactions need a message id: the demo thread's first message, from Cord's hooks.
  const { thread: summary } = thread.useThread(DEMO_THREAD_ID);
  const messageId = summary?.firstMessage?.id;
  if (!messageId) return <p className="hint">Send a first message in the Thread section.</p>;
  return (
    <Reactions
      threadId={DEMO_THREAD_ID}
      messageId={messageId}
      showAddReactionButton={showAddReactionButton}
      showReactionList={showReactionList}
    />
  );
}
