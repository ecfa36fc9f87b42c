import { defineConfig } from 'vitest/config';

// `pnpm test`: every package's unit and integration tests, no browser, no network.
export default defineConfig({
  test: {
    projects: ['apps/server', 'apps/web', 'packages/*'],
  },
});
