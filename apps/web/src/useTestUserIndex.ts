import { testUserIndex } from '@cord-tutorial/stack-config/test-users';
import { useCallback, useState } from 'react';
import { GUIDE_VARIANT } from './guideVariant.ts';

/**
 * Which test user this tab is, from `?userIndex=`. Without it the tab gets a random
 * user, as in the tutorial, written back into the URL so a reload keeps the same user.
 */
export function useTestUserIndex(): [number, (index: number) => void] {
  const [index, setIndex] = useState(() => {
    const raw = new URLSearchParams(window.location.search).get('userIndex');
    const { length } = GUIDE_VARIANT.users;
    const picked = raw === null ? Math.floor(Math.random() * length) : testUserIndex(raw, length);
    showInUrl(picked, 'replace');
    return picked;
  });
  const switchTo = useCallback((next: number) => {
    showInUrl(next, 'push');
    setIndex(next);
  }, []);
  return [index, switchTo];
}

function showInUrl(index: number, how: 'replace' | 'push') {
  const url = new URL(window.location.href);
  url.searchParams.set('userIndex', String(index));
  if (how === 'replace') window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}
