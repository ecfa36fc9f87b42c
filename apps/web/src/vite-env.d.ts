/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the token server runs, from the stack's configuration. */
  readonly VITE_TOKEN_SERVER_URL: string;
  /** The SDK script CordProvider loads; empty means Cord's own default. */
  readonly VITE_CORD_SCRIPT_URL: string;
  /** CORD_GUIDE_VARIANT: the tutorial's users, or the integration guide's step 11. */
  readonly VITE_CORD_GUIDE_VARIANT: import('@cord-tutorial/stack-config/test-users').GuideVariantName;
}

/** is-hotkey's CommonJS entry, which src/interop/isHotkey.ts imports directly. */
declare module 'is-hotkey/lib/index.js' {
  export * from 'is-hotkey';
}
