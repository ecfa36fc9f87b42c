import { useCallback, useState } from 'react';

/** The thread shown, kept in `?thread=` so a link (or a reload) opens the same one. */
export function useSelectedThread(): [string | undefined, (threadId: string) => void] {
  const [selected, setSelected] = useState(
    () => new URLSearchParams(window.location.search).get('thread') ?? undefined,
  );
  const select = useCallback((threadId: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('thread', threadId);
    window.history.replaceState(null, '', url);
    setSelected(threadId);
  }, []);
  return [selected, select];
}
