import { defineConfig } from '@playwright/test';

// `pnpm test:e2e`: the real stack (local Cord, token server, Vite client) in headless
// Chromium. The stack is started once by the worker fixture in e2e/stack.ts, on its
// own ports and a throwaway database, so a running `pnpm dev` is left alone.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    launchOptions: {
      // Debian's Chromium by default (toolchain.md); Playwright's own browsers work too.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
