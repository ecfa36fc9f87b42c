import { LiveCursors } from '@cord-sdk/react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

// Cord's elements by tag, for the two element choices below.
type CursorsElement = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
  location?: string;
  'show-viewer-cursor'?: string;
  'send-cursor'?: string;
  'show-cursors'?: string;
  'send-clicks'?: string;
  'show-clicks'?: string;
  'click-display-duration'?: number;
};
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cord-live-cursors': CursorsElement;
      'cord-multiple-cursors': CursorsElement;
    }
  }
}

/** Cursors are presence at locations under this one (not under the page's own presence). */
const CURSORS_LOCATION = { page: 'components-cursors' };

export const CURSOR_IMPLEMENTATIONS = ['LiveCursors', 'cord-live-cursors', 'cord-multiple-cursors'] as const;

interface Props {
  as: (typeof CURSOR_IMPLEMENTATIONS)[number];
  showViewerCursor: boolean;
  sendCursor: boolean;
  showCursors: boolean;
  clicks: boolean;
  clickDisplayDuration: number;
}

export function LiveCursorsSample({
  as,
  showViewerCursor,
  sendCursor,
  showCursors,
  clicks,
  clickDisplayDuration,
}: Props) {
  if (as === 'LiveCursors') {
    // @cord-sdk/react's own, pure React on Cord's presence API.
    return (
      <LiveCursors
        location={CURSORS_LOCATION}
        showViewerCursor={showViewerCursor}
        sendCursor={sendCursor}
        showCursors={showCursors}
        sendClicks={clicks}
        showClicks={clicks}
        clickDisplayDuration={clickDisplayDuration}
      />
    );
  }
  const Tag = as;
  return (
    <Tag
      location={JSON.stringify(CURSORS_LOCATION)}
      show-viewer-cursor={String(showViewerCursor)}
      send-cursor={String(sendCursor)}
      show-cursors={String(showCursors)}
      send-clicks={String(clicks)}
      show-clicks={String(clicks)}
      click-display-duration={clickDisplayDuration}
    />
  );
}
