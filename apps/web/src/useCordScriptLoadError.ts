import { CORD_HOSTED_SCRIPT_URL } from '@cord-tutorial/stack-config/local-project';
import { useEffect, useState } from 'react';

/**
 * CordProvider adds Cord's SDK script to the page but says nothing if it fails to load:
 * the Cord components just never appear. This notices the failed load and says why.
 */
export function useCordScriptLoadError(scriptUrl: string | undefined): string | undefined {
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    const expected = new URL(scriptUrl ?? CORD_HOSTED_SCRIPT_URL, window.location.href).href;
    // A script that fails to load fires `error` on itself only: listen while it bubbles down.
    const onError = (event: Event) => {
      if (event.target instanceof HTMLScriptElement && event.target.src === expected) {
        setError(
          `Cord's SDK script did not load from ${expected}: is that server running? ` +
            '`pnpm dev` starts local Cord. Reload the page once it runs.',
        );
      }
    };
    window.addEventListener('error', onError, true);
    return () => window.removeEventListener('error', onError, true);
  }, [scriptUrl]);
  return error;
}
