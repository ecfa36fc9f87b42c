import { Pin, Thread } from '@cord-sdk/react';
import { useState } from 'react';
import { DEMO_LOCATION, type OnEvent } from './demo.ts';

/** Where the pins' threads are: apart from the page's other threads. */
const PIN_LOCATION = { ...DEMO_LOCATION, section: 'pins' };

/** Spots on a board, a thread each. */
const SPOTS = [
  { threadId: 'components-pin-sun', left: '14%', top: '22%' },
  { threadId: 'components-pin-hill', left: '58%', top: '48%' },
];

export function PinSample({ onEvent }: { onEvent: OnEvent }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="pin-board">
      {SPOTS.map(({ threadId, left, top }) => (
        <div key={threadId} className="pin-spot" style={{ left, top }}>
          <Pin
            threadId={threadId}
            location={PIN_LOCATION}
            onClick={(summary) => {
              onEvent('onClick', summary);
              setOpen(open === threadId ? null : threadId);
            }}
            onMouseEnter={(summary) => onEvent('onMouseEnter', summary)}
            onMouseLeave={(summary) => onEvent('onMouseLeave', summary)}
            onResolve={(summary) => onEvent('onResolve', summary)}
          >
            {/* The pin's children sit against the pin: here, its thread, while open. */}
            {open === threadId && (
              <Thread
                threadId={threadId}
                location={PIN_LOCATION}
                threadName={`Pinned: ${threadId}`}
                className="pinned-thread"
                showHeader
                autofocus
                onClose={() => setOpen(null)}
              />
            )}
          </Pin>
        </div>
      ))}
    </div>
  );
}
