import { LiveCursors } from '@cord-sdk/react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

// Cord's elements by tag, for the two element choices below.
type CursorsElement = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
  location?: string;
  'show-viewer-cursor'?: string;
  'send-clicks'?: string;
  'show-clicks'?: string;
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
  clicks: boolean;
}

export function LiveCursorsSample({ as, showViewerCursor, clicks }: Props) {
  if (as === 'LiveCursors') {
    // @cord-sdk/react's own, pure React on Cord's presence API.
    return (
      <LiveCursors
        location={CURSORS_LOCATION}
        showViewerCursor={showViewerCursor}
        sendClicks={clicks}
        showClicks={clicks}
      />
    );
  }
  const Tag = as;
  return (
    <Tag
      location={JSON.stringify(CURSORS_LOCATION)}
      show-viewer-cursor={String(showViewerCursor)}
      send-clicks={String(clicks)}
      show-clicks={String(clicks)}
    />
  );
}
