// @cord-sdk/react 1.47.2's composer does `import isHotkey from 'is-hotkey'` and then calls
// `isHotkey.default(...)`: it expects the CommonJS exports object as the default import,
// which is what Node hands an ES module. Vite 8 (Rolldown) gives the module's `default`
// export instead, so every keypress in betaV2's composer threw. vite.config.ts points the
// package's `is-hotkey` here: the exports object as default, its functions as named exports.
import * as isHotkey from 'is-hotkey/lib/index.js';

export default isHotkey;
export * from 'is-hotkey/lib/index.js';
