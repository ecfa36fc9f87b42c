import { randomUUID } from 'node:crypto';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { openAs, presenceOf } from './pages.ts';

// "Try multiple users": each browser context is another person on the same page.

test('two users see each other, chat live, and a third sees the history', async ({ browser }) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  await expect(severus.getByRole('navigation')).toContainText('Signed in as Severus Atreides');
  await expect(minerva.getByRole('navigation')).toContainText('Signed in as Minerva Halleck');

  for (const page of [severus, minerva]) {
    await expect(presenceOf(page, 'Severus Atreides')).toBeVisible({ timeout: 2_000 });
    await expect(presenceOf(page, 'Minerva Halleck')).toBeVisible({ timeout: 2_000 });
  }
  await expect(presenceOf(minerva, 'Severus Atreides')).toHaveClass(/cord-present/);
  await expect(presenceOf(minerva, 'Minerva Halleck')).toHaveAttribute('aria-label', 'Minerva Halleck (you)');

  const text = `Hi Minerva, it's Severus ${randomUUID()}`;
  await severus.locator('cord-thread .cord-composer-input').fill(text);
  await severus.locator('cord-thread .cord-composer-input').press('Enter');
  const received = minerva.locator('cord-thread .cord-message', { hasText: text });
  await expect(received).toBeVisible({ timeout: 1_000 });
  await expect(received.locator('.cord-author-name')).toHaveText('Severus Atreides');

  const reply = `Hello Severus ${randomUUID()}`;
  await minerva.locator('cord-thread .cord-composer-input').fill(reply);
  await expect(severus.locator('cord-thread .cord-typing-indicators')).toHaveText('Minerva Halleck is typing…');
  await minerva.locator('cord-thread .cord-composer-input').press('Enter');
  await expect(severus.locator('cord-thread .cord-message', { hasText: reply })).toBeVisible({ timeout: 1_000 });
  // Sending ends the typing indicator.
  await expect(severus.locator('cord-thread .cord-typing-indicator-container')).toHaveCount(0);

  const hermione = await openAs(browser, 2);
  await expect(hermione.locator('cord-thread .cord-message', { hasText: text })).toBeVisible();
  await expect(hermione.locator('cord-thread .cord-message', { hasText: reply })).toBeVisible();
  await expect(presenceOf(hermione, 'Hermione Organa')).toBeVisible();

  await minerva.context().close();
  // Cord lets presence lapse after 30 s at most; closing the page marks it absent at once.
  await expect(presenceOf(severus, 'Minerva Halleck')).toHaveClass(/cord-not-present/, { timeout: 30_000 });
  // Cord dims the picture (here the initial), not the avatar's box.
  await expect(presenceOf(severus, 'Minerva Halleck').locator('.cord-avatar-fallback')).toHaveCSS('opacity', '0.5');
  await expect(presenceOf(severus, 'Minerva Halleck')).toHaveAttribute(
    'aria-label',
    /Minerva Halleck: Viewed just now/,
  );

  problems[0]!.assertClean();
  await severus.context().close();
  await hermione.context().close();
});

test('switching user in a tab signs Cord in as the new user', async ({ page }) => {
  await page.goto(`${WEB_URL}/?userIndex=0`);
  await expect(presenceOf(page, 'Severus Atreides (you)')).toBeVisible();
  await page.getByRole('navigation').locator('.other-user', { hasText: 'Hermione Organa' }).getByRole('button').click();
  await expect(page).toHaveURL(/userIndex=2/);
  await expect(page.getByRole('navigation')).toContainText('Signed in as Hermione Organa');
  await expect(presenceOf(page, 'Hermione Organa (you)')).toBeVisible();

  const text = `Sent as Hermione ${randomUUID()}`;
  await page.locator('cord-thread .cord-composer-input').fill(text);
  await page.locator('cord-thread .cord-composer-input').press('Enter');
  await expect(page.locator('cord-thread .cord-message', { hasText: text }).locator('.cord-author-name')).toHaveText(
    'Hermione Organa',
  );
});

test('without ?userIndex= a tab gets a random user and keeps it on reload', async ({ page }) => {
  await page.goto(`${WEB_URL}/`);
  await expect(page).toHaveURL(/userIndex=[012]$/);
  const signedInAs = await page.getByRole('navigation').locator('strong').textContent();
  await page.reload();
  await expect(page.getByRole('navigation').locator('strong')).toHaveText(signedInAs!);
  await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(2);
});
