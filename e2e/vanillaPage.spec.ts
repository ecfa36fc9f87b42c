import { randomUUID } from 'node:crypto';
import { expect, LOCAL_CORD_URL, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { composer, message, openAs, presenceOf, send } from './pages.ts';

// apps/web/vanilla.html: the guide's vanilla JavaScript (a `<script>` tag, CordSDK.init
// with a token from the token server, the two elements), no React, against local Cord.

test('the vanilla page signs in, shows presence and sends a message, with only the script tag', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${WEB_URL}/vanilla.html?userIndex=0`);

  await expect(page.getByRole('heading', { name: 'Hello World!' })).toBeVisible();
  // Cord's script linked its stylesheet itself; the page has no React and no link#cord-react.
  await expect(page.locator('link#cord_css')).toHaveAttribute('href', `${LOCAL_CORD_URL}/sdk/css/cord.css`);
  await expect(page.locator('link#cord-react')).toHaveCount(0);
  expect(await page.evaluate(() => 'React' in window || document.querySelector('#root') !== null)).toBe(false);

  await expect(presenceOf(page, 'Severus Atreides (you)')).toBeVisible();
  // The guide's step 2 check: the SDK holds the token it was given.
  const tokenUser = await page.evaluate(() => {
    const token = (window as unknown as { CordSDK: { accessToken?: string } }).CordSDK.accessToken ?? '';
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).user_id;
  });
  expect(tokenUser).toBe('severusatreides');

  const text = `Hello from vanilla JavaScript ${randomUUID()}`;
  const sent = await send(page, text);
  await expect(sent.locator('.cord-author-name')).toHaveText('Severus Atreides');
  await page.reload();
  await expect(message(page, text)).toHaveCount(1);
  await expect(page.getByRole('alert')).toBeHidden();
  problems.assertClean();
});

test('the vanilla page and the React page are one conversation: each sees the other live', async ({ browser }) => {
  const vanilla = await (await browser.newContext()).newPage();
  await vanilla.goto(`${WEB_URL}/vanilla.html?userIndex=0`);
  await expect(composer(vanilla)).toBeEnabled();
  const react = await openAs(browser, 1);

  await expect(presenceOf(vanilla, /^Minerva Halleck/)).toHaveClass(/cord-present/);
  await expect(presenceOf(react, /^Severus Atreides/)).toHaveClass(/cord-present/);

  const fromVanilla = `Written without React ${randomUUID()}`;
  await send(vanilla, fromVanilla);
  await expect(message(react, fromVanilla).locator('.cord-author-name')).toHaveText('Severus Atreides');
  const fromReact = `Written with React ${randomUUID()}`;
  await send(react, fromReact);
  await expect(message(vanilla, fromReact).locator('.cord-author-name')).toHaveText('Minerva Halleck');

  // Other tests' pages may hold the same users on this page: leave none of ours behind.
  await vanilla.context().close();
  await react.context().close();
});

test('the vanilla page says why nothing appears when the token server is down', async ({ page, stack }) => {
  await stack.stopTokenServer();
  try {
    await page.goto(`${WEB_URL}/vanilla.html?userIndex=0`);
    await expect(page.getByRole('alert')).toContainText('Could not get a token from the token server');
  } finally {
    await stack.startTokenServer();
  }
});
