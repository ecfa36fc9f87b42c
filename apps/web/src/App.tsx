import { CordProvider, PagePresence, Thread } from '@cord-sdk/react';
import { useCallback, useEffect, useState } from 'react';
import { COMPONENT_GROUP_ID, GUIDE_VARIANT } from './guideVariant.ts';
import { UserBar } from './UserBar.tsx';
import { useCordScriptLoadError } from './useCordScriptLoadError.ts';
import { useTestUserIndex } from './useTestUserIndex.ts';

const TOKEN_SERVER = import.meta.env.VITE_TOKEN_SERVER_URL;
const CORD_SCRIPT_URL = import.meta.env.VITE_CORD_SCRIPT_URL || undefined;
const RETRY_MS = 3000;

// By default Cord's location is the full page URL, which includes ?userIndex=: the
// users would each be alone on their "own" page. One explicit location puts them together.
const PAGE_LOCATION = { page: 'create-an-auth-token' };

// The guide's step 11 signs tokens for users its CLI commands created: without them, say so.
const SIGN_IN_HINT =
  GUIDE_VARIANT.groupNamedIn === 'components'
    ? ' (CORD_GUIDE_VARIANT=guide: create the users with the `pnpm cord` commands of steps 8 and 11 in the README.)'
    : '';

function App() {
  const [userIndex, setUserIndex] = useTestUserIndex();
  const [cordToken, setCordToken] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const scriptProblem = useCordScriptLoadError(CORD_SCRIPT_URL);

  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const fetchToken = async () => {
      const url = `${TOKEN_SERVER}/generate-cord-token?userIndex=${userIndex}`;
      try {
        const response = await fetch(url);
        if (!response.ok) {
          // An error answer may not be JSON (e.g. from a proxy): fall back to its status text.
          const { error } = await response.json().catch(() => ({ error: response.statusText }));
          if (current) setProblem(`The token server answered ${response.status}: ${error}`);
          return;
        }
        const data = await response.json();
        if (!current) return;
        setProblem(undefined);
        setCordToken(data.clientAuthToken);
      } catch (error) {
        console.log('Something went wrong!: ', error);
        if (!current) return;
        setProblem(`Could not reach the token server at ${url}. Is \`pnpm dev\` running? Retrying…`);
        retry = setTimeout(fetchToken, RETRY_MS);
      }
    };
    void fetchToken();
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [userIndex]);

  // Stable, so CordProvider does not re-run init on every render.
  const onInitError = useCallback(({ message }: { message: string }) => {
    setProblem(`Cord could not sign you in: ${message}${SIGN_IN_HINT}`);
  }, []);

  const shownProblem = problem ?? scriptProblem;

  return (
    <CordProvider clientAuthToken={cordToken} cordScriptUrl={CORD_SCRIPT_URL} onInitError={onInitError}>
      <UserBar userIndex={userIndex} onSwitch={setUserIndex} />
      <div style={{ margin: '0 auto', maxWidth: '500px' }}>
        {shownProblem && (
          <p role="alert" className="problem">
            {shownProblem}
          </p>
        )}
        <header
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
          }}
        >
          <h1>Hello World!</h1>
          <PagePresence location={PAGE_LOCATION} groupId={COMPONENT_GROUP_ID} />
        </header>
        <p>Let's get Cord-y!</p>
        <Thread threadId="a-first-conversation" location={PAGE_LOCATION} groupId={COMPONENT_GROUP_ID} />
      </div>
    </CordProvider>
  );
}

export default App;
