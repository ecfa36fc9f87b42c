import { test as base, expect, type Page } from '@playwright/test';
import { Stack } from './stack.ts';

export { LOCAL_CORD_URL, PORTS, WEB_URL } from './stack.ts';
export { expect };

/** Playwright's `test` with the whole stack started once per worker. */
export const test = base.extend<object, { stack: Stack }>({
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      const stack = new Stack();
      await stack.start();
      await use(stack);
      await stack.stopAll();
    },
    { scope: 'worker', auto: true },
  ],
});

/**
 * Records what a page must never do: request a host outside loopback, log a console
 * error, or throw. Call `assertClean()` at the end of the test.
 */
export function watchForProblems(page: Page) {
  const problems: string[] = [];
  page.on('request', (request) => {
    const { hostname } = new URL(request.url());
    // data: and blob: URLs are the page's own (a picture shown before it uploads).
    const local = request.url().startsWith('data:') || request.url().startsWith('blob:');
    if (!['localhost', '127.0.0.1', '[::1]'].includes(hostname) && !local) {
      problems.push(`request off loopback: ${request.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    /** `expected`: problems the test provokes on purpose, e.g. a refused WebSocket. */
    assertClean: (expected: RegExp[] = []) =>
      expect(problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))).toEqual([]),
  };
}
