import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { WEB_URL } from './stack.ts';

// What the browser tests do on the components page (apps/web/components.html), in one place.

/** A new browser context (another person) on the components page as a test user, signed in. */
export async function openComponents(browser: Browser, userIndex: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${WEB_URL}/components.html?userIndex=${userIndex}`);
  await expect(section(page, 'thread').locator('cord-thread .cord-editor')).toBeEnabled();
  return page;
}

export const section = (page: Page, id: string) => page.locator(`section#${id}`);

/** The live sample of a section. */
export const sample = (page: Page, id: string) => page.getByTestId(`${id}-sample`);

/** The section's event log, newest first. */
export const events = (page: Page, id: string) => section(page, id).locator('.events li');

/** The newest logged event with that callback name. */
export const event = (page: Page, id: string, name: string) => events(page, id).filter({ hasText: name }).first();

export async function toggle(page: Page, id: string, label: string) {
  await section(page, id).getByLabel(label).click();
}

export async function choose(page: Page, id: string, label: string, value: string) {
  await section(page, id).getByLabel(label).selectOption(value);
}

/**
 * Types into a Cord composer, presses Enter, and leaves it. Leaving collapses it, as in Cord:
 * done here, so a later click elsewhere does not land while the page moves up.
 */
export async function write(composer: Locator, text: string) {
  const editor = composer.locator('.cord-editor').first();
  await editor.click();
  await editor.fill(text);
  await editor.press('Enter');
  await editor.blur();
}

/** Runs Cord's JavaScript API in the page, as an app would. */
export function cord<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`(${call})(window.CordSDK)`) as Promise<T>;
}

/** A message shown in a section, by its text. */
export const shownMessage = (page: Page, id: string, text: string) =>
  sample(page, id).locator('.cord-message', { hasText: text });

/** Closes every page a test opened, so the next test starts with nobody present. */
export async function closeAll(browser: Browser) {
  await Promise.all(browser.contexts().map((context) => context.close()));
}
