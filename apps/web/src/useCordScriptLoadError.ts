import { useEffect, useState } from 'react';

/** Where CordProvider loads Cord's SDK from when given no `cordScriptUrl`. */
const CORD_DEFAULT_SCRIPT_URL = 'https://app.cord.com/sdk/v1/sdk.latest.js';

/**
 * CordProvider adds Cord's SDK script to the page but says nothing if it fails to load:
 * the Cord components just never appear. This notices the failed load and says why.
 */
export function useCordScriptLoadError(scriptUrl: string | undefined): string | undefined {
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    const expected = new URL(scriptUrl ?? CORD_DEFAULT_SCRIPT_URL, window.location.href).href;
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
