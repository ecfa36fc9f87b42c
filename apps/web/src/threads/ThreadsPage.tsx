import { betaV2, CordProvider, NotificationListLauncher } from '@cord-sdk/react';
import { useCallback, useState } from 'react';
import { UserBar } from '../UserBar.tsx';
import { useClientAuthToken } from '../useClientAuthToken.ts';
import { useCordScriptLoadError } from '../useCordScriptLoadError.ts';
import { useTestUserIndex } from '../useTestUserIndex.ts';
import { NewThread } from './NewThread.tsx';
import { People } from './People.tsx';
import { ThreadList } from './ThreadList.tsx';
import { useSelectedThread } from './useSelectedThread.ts';

const CORD_SCRIPT_URL = import.meta.env.VITE_CORD_SCRIPT_URL || undefined;

/**
 * Cord's JavaScript API through `@cord-sdk/react`'s own hooks and betaV2 components, on
 * local Cord: the threads of the viewer's group with their counts, the selected one in
 * betaV2's Thread, and the people around. Open it as two users to watch it live.
 */
export function ThreadsPage() {
  const [userIndex, setUserIndex] = useTestUserIndex();
  const { token, problem } = useClientAuthToken(userIndex);
  const [initError, setInitError] = useState<string | undefined>(undefined);
  const scriptProblem = useCordScriptLoadError(CORD_SCRIPT_URL);
  const [selected, select] = useSelectedThread();
  // Stable, so CordProvider does not re-run init on every render.
  const onInitError = useCallback(({ message }: { message: string }) => setInitError(message), []);
  // Cord's `navigate` option: a notification opens its thread here, in the page, instead of
  // loading the thread's URL (the page of whoever started it).
  const navigate = useCallback(
    (_url: string, _location: unknown, { threadID }: { threadID: string }) => {
      select(threadID);
      return true;
    },
    [select],
  );
  const shownProblem = problem ?? (initError && `Cord could not sign you in: ${initError}`) ?? scriptProblem;

  return (
    <CordProvider clientAuthToken={token} cordScriptUrl={CORD_SCRIPT_URL} onInitError={onInitError} navigate={navigate}>
      <UserBar userIndex={userIndex} onSwitch={setUserIndex} />
      <header className="threads-header">
        <h1>Threads</h1>
        <NotificationListLauncher label="Notifications" />
      </header>
      {shownProblem && (
        <p role="alert" className="problem">
          {shownProblem}
        </p>
      )}
      <main className="threads-page">
        <People />
        <section className="threads-column" aria-label="Threads">
          <NewThread onCreated={select} />
          <ThreadList selected={selected} onSelect={select} />
        </section>
        <section className="thread-column" aria-label="Selected thread">
          {selected ? <betaV2.Thread.ByID threadID={selected} /> : <p className="hint">Pick a thread, or start one.</p>}
        </section>
      </main>
    </CordProvider>
  );
}
