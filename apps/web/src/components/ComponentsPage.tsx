import { CordProvider, PagePresence } from '@cord-sdk/react';
import { useCallback, useState } from 'react';
import { UserBar } from '../UserBar.tsx';
import { useClientAuthToken } from '../useClientAuthToken.ts';
import { useCordScriptLoadError } from '../useCordScriptLoadError.ts';
import { useTestUserIndex } from '../useTestUserIndex.ts';
import { DEMO_LOCATION } from './samples/demo.ts';
import { ComposerSection, ThreadedCommentsSection, ThreadListSection } from './sections/ConversationSections.tsx';
import {
  MessageContentSection,
  MessageSection,
  ReactionsSection,
  ThreadSection,
  TimestampSection,
} from './sections/MessageSections.tsx';
import {
  FloatingThreadsSection,
  LiveCursorsSection,
  PinSection,
  SelectionCommentsSection,
} from './sections/PageSections.tsx';
import { InboxSection, SidebarSection } from './sections/PanelSections.tsx';
import {
  AvatarSection,
  FacepileSection,
  PresenceFacepileSection,
  PresenceObserverSection,
} from './sections/PeopleSections.tsx';

const CORD_SCRIPT_URL = import.meta.env.VITE_CORD_SCRIPT_URL || undefined;

const GROUPS = [
  { title: 'People', sections: [AvatarSection, FacepileSection, PresenceFacepileSection, PresenceObserverSection] },
  {
    title: 'Messages',
    sections: [ThreadSection, MessageSection, MessageContentSection, TimestampSection, ReactionsSection],
  },
  { title: 'Writing', sections: [ComposerSection] },
  { title: 'Lists of threads', sections: [ThreadListSection, ThreadedCommentsSection] },
  {
    title: 'On the page',
    sections: [PinSection, FloatingThreadsSection, SelectionCommentsSection, LiveCursorsSection],
  },
  { title: 'Panels', sections: [SidebarSection, InboxSection] },
];

/**
 * Cord's components from `@cord-sdk/react`, one section each: the live component as the
 * signed-in test user, the React code that renders it, its main props to toggle and the
 * events it fires. Open it as two users side by side to watch each section live.
 */
export function ComponentsPage() {
  const [userIndex, setUserIndex] = useTestUserIndex();
  const { token, problem } = useClientAuthToken(userIndex);
  const [initError, setInitError] = useState<string | undefined>(undefined);
  const scriptProblem = useCordScriptLoadError(CORD_SCRIPT_URL);
  // Stable, so CordProvider does not re-run init on every render.
  const onInitError = useCallback(({ message }: { message: string }) => setInitError(message), []);
  const shownProblem = problem ?? (initError && `Cord could not sign you in: ${initError}`) ?? scriptProblem;

  return (
    <CordProvider clientAuthToken={token} cordScriptUrl={CORD_SCRIPT_URL} onInitError={onInitError}>
      <UserBar userIndex={userIndex} onSwitch={setUserIndex} />
      <div className="components-page">
        <header>
          <div className="title-row">
            <h1>Cord's components on local Cord</h1>
            {/* Marks you present on this page, for the presence sections. */}
            <PagePresence location={DEMO_LOCATION} />
          </div>
          <p>
            Each section renders one component from <code>@cord-sdk/react</code>, unchanged, with the code that renders
            it. Open this page as another user (links above) to watch them live.
          </p>
          {shownProblem && (
            <p role="alert" className="problem">
              {shownProblem}
            </p>
          )}
          <nav aria-label="Components">
            {GROUPS.map((group) => (
              <span key={group.title}>{group.title}</span>
            ))}
          </nav>
        </header>
        {GROUPS.map((group) => (
          <div key={group.title} className="component-group">
            <h2 className="group-title">{group.title}</h2>
            {group.sections.map((Shown) => (
              <Shown key={Shown.name} />
            ))}
          </div>
        ))}
      </div>
    </CordProvider>
  );
}
