import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
  },
  // @cord-sdk/react has no "exports"; without this its CommonJS "main" is picked, whose
  // require('@phosphor-icons/react') fails under Node. Resolve it as the app's Vite build
  // does, to its "module" (ESM) build.
  resolve: { mainFields: ['module', 'jsnext:main', 'jsnext'] },
  define: {
    'import.meta.env.VITE_TOKEN_SERVER_URL': JSON.stringify('http://tokens.test'),
    'import.meta.env.VITE_CORD_SCRIPT_URL': JSON.stringify('http://cord.test/sdk.js'),
    'import.meta.env.VITE_CORD_GUIDE_VARIANT': JSON.stringify('tutorial'),
  },
});
