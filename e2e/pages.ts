import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { WEB_URL } from './stack.ts';

// What the browser tests do on the tutorial page, in one place.

export const composer = (page: Page) => page.locator('cord-thread .cord-composer-input');

export const message = (page: Page, text: string) => page.locator('cord-thread .cord-message', { hasText: text });

export const presenceOf = (page: Page, name: string | RegExp) =>
  page.locator('cord-page-presence').getByRole('img', { name });

/** A new browser context (another person) on the tutorial page as a test user, ready to write. */
export async function openAs(browser: Browser, userIndex: number, webUrl = WEB_URL): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${webUrl}/?userIndex=${userIndex}`);
  await expect(composer(page)).toBeEnabled();
  return page;
}

/** Types a message and presses Enter, without waiting for local Cord to confirm it. */
export async function submit(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Sends a message, waits until it is confirmed, and returns a locator pinned to it by id (its text may change). */
export async function send(page: Page, text: string) {
  await submit(page, text);
  await expect(message(page, text)).toBeVisible();
  await expect(message(page, text)).not.toHaveClass(/cord-pending/);
  const id = await message(page, text).getAttribute('data-cord-message-id');
  return page.locator(`cord-thread [data-cord-message-id="${id}"]`);
}

/** The threads page (Cord's hooks and betaV2 components) as a test user, in a new browser context. */
export async function openThreads(browser: Browser, userIndex: number, thread?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const query = thread === undefined ? '' : `&thread=${encodeURIComponent(thread)}`;
  await page.goto(`${WEB_URL}/threads.html?userIndex=${userIndex}${query}`);
  await expect(page.locator('.people .viewer strong')).toBeVisible();
  return page;
}

export const shownThread = (page: Page) => page.locator('.thread-column .cord-thread');

/** Runs Cord's JavaScript API in the page, as an app would. */
export function cord<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`(${call})(window.CordSDK)`) as Promise<T>;
}

/**
 * The vanilla page (a bare `<cord-thread>`, no React) as a test user, showing a thread of the
 * test's own: its id, and a location of its own, so counts over that location are the thread's.
 */
export async function openThreadAs(browser: Browser, userIndex: number, threadId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${WEB_URL}/vanilla.html?userIndex=${userIndex}`);
  await expect(composer(page)).toBeEnabled();
  await showThread(page, threadId);
  return page;
}

/** Points the page's `<cord-thread>` at another thread (and location), as an app switching threads does. */
export async function showThread(page: Page, threadId: string) {
  await page.locator('cord-thread').evaluate((element, id) => {
    element.setAttribute('location', JSON.stringify({ page: id }));
    element.setAttribute('thread-id', id);
  }, threadId);
  await expect(page.locator(`cord-thread [data-cord-thread-id="${threadId}"]`).first()).toBeAttached();
}

/** Opens a message's options menu and picks an item ("Edit", "Resolve", ...). */
export async function chooseFromMenu(shown: Locator, item: string) {
  await shown.hover();
  await shown.getByRole('button', { name: 'Options' }).click();
  await shown.getByRole('menuitem', { name: item }).click();
}
