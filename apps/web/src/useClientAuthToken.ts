import { useEffect, useState } from 'react';

const TOKEN_SERVER = import.meta.env.VITE_TOKEN_SERVER_URL;
const RETRY_MS = 3000;

/**
 * A client auth token for a test user from the tutorial's token server, for the pages
 * beyond the tutorial (the tutorial's App.tsx fetches its own, as the tutorial shows).
 * While the server cannot be reached it says so and tries again.
 */
export function useClientAuthToken(userIndex: number): { token: string | undefined; problem: string | undefined } {
  const [state, setState] = useState<{ token?: string; problem?: string }>({});
  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const url = `${TOKEN_SERVER}/generate-cord-token?userIndex=${userIndex}`;
    const load = async () => {
      const answer = await fetch(url).then(
        (response) => (response.ok ? (response.json() as Promise<{ clientAuthToken: string }>) : undefined),
        () => undefined,
      );
      if (!current) return;
      if (answer) setState({ token: answer.clientAuthToken });
      else {
        setState({ problem: `Could not get a token from ${url}. Is \`pnpm dev\` running? Retrying…` });
        retry = setTimeout(load, RETRY_MS);
      }
    };
    void load();
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [userIndex]);
  return { token: state.token, problem: state.problem };
}
