import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['test/**/*.test.tsx'],
  },
  define: {
    'import.meta.env.VITE_TOKEN_SERVER_URL': JSON.stringify('http://tokens.test'),
    'import.meta.env.VITE_CORD_SCRIPT_URL': JSON.stringify('http://cord.test/sdk.js'),
  },
});
