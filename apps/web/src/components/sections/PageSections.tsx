import { useState } from 'react';
import { Choice, Section, Toggle, useEventLog } from '../Section.tsx';
import { FloatingThreadsSample } from '../samples/FloatingThreadsSample.tsx';
import floatingThreadsSource from '../samples/FloatingThreadsSample.tsx?raw';
import { CURSOR_IMPLEMENTATIONS, LiveCursorsSample } from '../samples/LiveCursorsSample.tsx';
import liveCursorsSource from '../samples/LiveCursorsSample.tsx?raw';
import { PinSample } from '../samples/PinSample.tsx';
import pinSource from '../samples/PinSample.tsx?raw';
import { SelectionCommentsSample } from '../samples/SelectionCommentsSample.tsx';
import selectionCommentsSource from '../samples/SelectionCommentsSample.tsx?raw';

export function PinSection() {
  const [events, log] = useEventLog();
  return (
    <Section
      id="pin"
      title="Pin"
      tag="cord-pin"
      description="A thread's marker on a spot, with the face of whoever started it; blue while it has messages new to you. Click one to open its thread."
      source={pinSource}
      events={events}
    >
      <PinSample onEvent={log} />
    </Section>
  );
}

export function FloatingThreadsSection() {
  const [showButton, setShowButton] = useState(true);
  const [buttonLabel, setButtonLabel] = useState('Add comment');
  const [disabled, setDisabled] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="floating-threads"
      title="FloatingThreads"
      tag="cord-floating-threads"
      description="Comments anchored on the page: add one where you click; everyone sees its pin there. The list beside shows the same threads, the open one highlighted."
      source={floatingThreadsSource}
      controls={
        <>
          <Toggle label="showButton" value={showButton} onChange={setShowButton} />
          <Choice
            label="buttonLabel"
            value={buttonLabel}
            options={['Add comment', 'Comment here', '']}
            onChange={setButtonLabel}
          />
          <Toggle label="disabled" value={disabled} onChange={setDisabled} />
        </>
      }
      events={events}
    >
      <FloatingThreadsSample showButton={showButton} buttonLabel={buttonLabel} disabled={disabled} onEvent={log} />
    </Section>
  );
}

/** A picture for the button, drawn inline so the page asks no server for it. */
const STAR_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><path fill="#f5a623" d="m10 1 2.6 6 6.4.5-4.9 4.2 1.5 6.3L10 14.6 4.4 18l1.5-6.3L1 7.5 7.4 7z"/></svg>',
)}`;
/** The icon-url choices: the attribute left out (Cord's icon), empty (none), or a picture's URL. */
const ICONS = { "Cord's icon": undefined, none: '', star: STAR_ICON } as const;
type IconChoice = keyof typeof ICONS;

export function SelectionCommentsSection() {
  const [buttonLabel, setButtonLabel] = useState('Add comment');
  const [icon, setIcon] = useState<IconChoice>("Cord's icon");
  return (
    <Section
      id="selection-comments"
      title="SelectionComments"
      tag="cord-selection-comments"
      description="Comments on selected text. @cord-sdk/react 1.47.2 has no component for it any more; the page uses Cord's element."
      source={selectionCommentsSource}
      controls={
        <>
          <Choice
            label="button-label"
            value={buttonLabel}
            options={['Add comment', 'Comment']}
            onChange={setButtonLabel}
          />
          <Choice label="icon-url" value={icon} options={Object.keys(ICONS) as IconChoice[]} onChange={setIcon} />
        </>
      }
    >
      <SelectionCommentsSample buttonLabel={buttonLabel} iconUrl={ICONS[icon]} />
    </Section>
  );
}

/** How long a click's ring shows, in milliseconds: Cord's default, and a long one to watch. */
const CLICK_DURATIONS = ['1000', '10000'] as const;

export function LiveCursorsSection() {
  const [as, setAs] = useState<(typeof CURSOR_IMPLEMENTATIONS)[number]>('LiveCursors');
  const [showViewerCursor, setShowViewerCursor] = useState(false);
  const [sendCursor, setSendCursor] = useState(true);
  const [showCursors, setShowCursors] = useState(true);
  const [clicks, setClicks] = useState(true);
  const [clickDisplayDuration, setClickDisplayDuration] = useState<(typeof CLICK_DURATIONS)[number]>('1000');
  return (
    <Section
      id="live-cursors"
      title="LiveCursors"
      tag="cord-live-cursors"
      description="The other users' cursors on this page, live, with their names. Open the page as another user and move the mouse."
      source={liveCursorsSource}
      controls={
        <>
          <Choice label="render with" value={as} options={CURSOR_IMPLEMENTATIONS} onChange={setAs} />
          <Toggle label="showViewerCursor" value={showViewerCursor} onChange={setShowViewerCursor} />
          <Toggle label="sendCursor" value={sendCursor} onChange={setSendCursor} />
          <Toggle label="showCursors" value={showCursors} onChange={setShowCursors} />
          <Toggle label="sendClicks and showClicks" value={clicks} onChange={setClicks} />
          <Choice
            label="clickDisplayDuration"
            value={clickDisplayDuration}
            options={CLICK_DURATIONS}
            onChange={setClickDisplayDuration}
          />
        </>
      }
    >
      <LiveCursorsSample
        as={as}
        showViewerCursor={showViewerCursor}
        sendCursor={sendCursor}
        showCursors={showCursors}
        clicks={clicks}
        clickDisplayDuration={Number(clickDisplayDuration)}
      />
      <p className="hint">Cursors show over the whole page, as in Cord.</p>
    </Section>
  );
}
