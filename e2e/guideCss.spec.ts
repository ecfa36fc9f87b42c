import type { Page } from '@playwright/test';
import { expect, test, WEB_URL } from './fixtures.ts';
import { composer } from './pages.ts';

// The integration guide's CSS of steps 4 and 6 (apps/web/src/guide.css) has the effect its
// screenshots show, on the React page and on the vanilla one: local Cord renders Cord's
// elements with Cord's class names in the page, and its own rules are less specific.

const PAGES = [
  ['the React tutorial page', '/?userIndex=0'],
  ['the vanilla page', '/vanilla.html?userIndex=0'],
] as const;

const avatar = (page: Page) => page.locator('cord-page-presence .cord-avatar-container').first();
const sendButton = (page: Page) => page.locator('cord-thread .cord-send-button');

/** Turns the guide's stylesheet off or on (Vite serves it as a <style> or a <link>). */
function setGuideCss(page: Page, enabled: boolean) {
  return page.evaluate((on) => {
    // Local Cord's stylesheet comes from another origin, whose rules a page cannot read.
    const rulesOf = (sheet: CSSStyleSheet) => {
      try {
        return [...sheet.cssRules];
      } catch {
        return [];
      }
    };
    const guide = [...document.styleSheets].filter((sheet) =>
      rulesOf(sheet).some((rule) => rule.cssText.includes('cord-thread .cord-send-button:hover')),
    );
    if (guide.length !== 1) throw new Error(`expected the guide's stylesheet once, found ${guide.length}`);
    guide[0]!.disabled = !on;
  }, enabled);
}

for (const [name, path] of PAGES) {
  test(`steps 4 and 6 on ${name}: 36px round avatars, a bordered presence, an orange send button`, async ({ page }) => {
    await page.goto(`${WEB_URL}${path}`);
    await expect(composer(page)).toBeEnabled();

    // Step 4: bigger, round avatars ...
    await expect(avatar(page)).toHaveCSS('width', '36px');
    await expect(avatar(page)).toHaveCSS('height', '36px');
    await expect(avatar(page)).toHaveCSS('border-radius', '50%');
    // ... in a light grey, rounded, padded box.
    const presence = page.locator('cord-page-presence');
    await expect(presence).toHaveCSS('border-top', '1px solid rgb(204, 204, 204)');
    await expect(presence).toHaveCSS('border-bottom', '1px solid rgb(204, 204, 204)');
    await expect(presence).toHaveCSS('border-radius', '12px');
    await expect(presence).toHaveCSS('padding', '12px');

    // Step 6: the send button is grey while there is nothing to send (Cord's rule wins
    // there, as in the guide's screenshots), orange once there is, lighter on hover.
    await expect(sendButton(page)).toBeDisabled();
    await expect(sendButton(page)).toHaveCSS('background-color', 'rgb(151, 151, 159)');
    await composer(page).fill('Test message');
    await expect(sendButton(page)).toBeEnabled();
    await expect(sendButton(page)).toHaveCSS('background-color', 'rgb(238, 102, 17)');
    await expect(sendButton(page)).toHaveCSS('border-radius', '50%');
    await sendButton(page).hover();
    await expect(sendButton(page)).toHaveCSS('background-color', 'rgb(255, 119, 34)');

    // Without the guide's stylesheet, local Cord's defaults come back: the CSS above is its doing.
    await setGuideCss(page, false);
    await expect(avatar(page)).toHaveCSS('width', '20px');
    await expect(avatar(page)).toHaveCSS('border-radius', '4px');
    await expect(presence).toHaveCSS('border-top-style', 'none');
    await expect(sendButton(page)).toHaveCSS('background-color', 'rgb(18, 19, 20)');
  });
}
