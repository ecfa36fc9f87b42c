import { FloatingThreads, ThreadList } from '@cord-sdk/react';
import { type ComponentRef, useRef } from 'react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

/** Where the floating threads are: apart from the page's other threads. */
const FLOATING_LOCATION = { ...DEMO_LOCATION, section: 'floating-threads' };

interface Props {
  showButton: boolean;
  buttonLabel: string;
  disabled: boolean;
  onEvent: OnEvent;
}

export function FloatingThreadsSample({ showButton, buttonLabel, disabled, onEvent }: Props) {
  const floating = useRef<ComponentRef<typeof FloatingThreads>>(null);
  return (
    <div className="floating-sample">
      <article className="floating-document" id="floating-document">
        <h3 className="floating-document-title">Quarterly plan</h3>
        <p>Ship the components page, then measure the SDK script again.</p>
        <p>Every section renders a component from @cord-sdk/react against local Cord.</p>
        <p>Click "Add comment", then anywhere on this text: a pin marks the spot.</p>
      </article>
      <div className="floating-side">
        <FloatingThreads
          ref={floating}
          location={FLOATING_LOCATION}
          showButton={showButton}
          buttonLabel={buttonLabel}
          disabled={disabled}
          threadName="A floating thread"
          onStart={() => onEvent('onStart')}
          onFinish={(threadId) => onEvent('onFinish', threadId)}
          onCancel={() => onEvent('onCancel')}
        />
        <button type="button" onClick={() => floating.current?.createThread()}>
          createThread()
        </button>
        {/* The thread open on the page is highlighted in a list at the same location. */}
        <ThreadList
          location={FLOATING_LOCATION}
          highlightOpenFloatingThread
          onThreadClick={(threadId) => floating.current?.openThread(threadId)}
        />
      </div>
    </div>
  );
}
