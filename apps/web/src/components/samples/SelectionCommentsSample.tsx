import { DEMO_LOCATION } from './demo.ts';

// @cord-sdk/react 1.47.2 no longer exports SelectionComments, so the page uses Cord's
// element itself (React 19 passes custom elements their attributes as written).
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cord-selection-comments': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
        location?: string;
        'button-label'?: string;
        'thread-name'?: string;
      };
    }
  }
}

const SELECTION_LOCATION = { ...DEMO_LOCATION, section: 'selection-comments' };

export function SelectionCommentsSample({ buttonLabel }: { buttonLabel: string }) {
  return (
    <cord-selection-comments
      location={JSON.stringify(SELECTION_LOCATION)}
      button-label={buttonLabel}
      thread-name="A comment on a selection"
    >
      <p className="selectable">
        Select a few words of this paragraph: a button appears by the selection, and your comment points at it.
      </p>
      <p className="selectable">Everyone on this page sees a pin where you commented.</p>
    </cord-selection-comments>
  );
}
