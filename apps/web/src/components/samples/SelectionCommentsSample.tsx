import { DEMO_LOCATION } from './demo.ts';

// @cord-sdk/react 1.47.2 no longer exports SelectionComments, so the page uses Cord's
// element itself (React 19 passes custom elements their attributes as written).
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cord-selection-comments': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
        location?: string;
        'button-label'?: string;
        'icon-url'?: string;
        'thread-name'?: string;
      };
    }
  }
}

const SELECTION_LOCATION = { ...DEMO_LOCATION, section: 'selection-comments' };

interface Props {
  buttonLabel: string;
  /** The button's icon: absent for Cord's own, empty for none, or an absolute URL. */
  iconUrl: string | undefined;
}

export function SelectionCommentsSample({ buttonLabel, iconUrl }: Props) {
  return (
    <cord-selection-comments
      location={JSON.stringify(SELECTION_LOCATION)}
      button-label={buttonLabel}
      icon-url={iconUrl}
      thread-name="A comment on a selection"
    >
      <p className="selectable">
        Select a few words of this paragraph: a button appears by the selection, and your comment points at it.
      </p>
      <p className="selectable">Everyone on this page sees a pin where you commented.</p>
    </cord-selection-comments>
  );
}
