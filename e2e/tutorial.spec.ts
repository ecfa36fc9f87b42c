import { randomUUID } from 'node:crypto';
import { expect, LOCAL_CORD_URL, PORTS, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { composer, message, send } from './pages.ts';

// The tutorial page as a newcomer sees it: Severus Atreides signed in to local Cord,
// with his avatar in the page presence and a working thread.

test('shows the tutorial page with the signed-in user and a thread, all from loopback', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${WEB_URL}/?userIndex=0`);

  await expect(page.getByRole('heading', { name: 'Hello World!' })).toBeVisible();
  await expect(page.getByText("Let's get Cord-y!")).toBeVisible();
  await expect(page.locator('link#cord-react')).toHaveAttribute('href', `${LOCAL_CORD_URL}/sdk/css/cord.css`);
  await expect(page.locator('cord-page-presence').getByRole('img', { name: /Severus Atreides/ })).toBeVisible();
  await expect(page.locator('cord-thread')).toHaveAttribute('thread-id', 'a-first-conversation');
  await expect(composer(page)).toBeEnabled();
  await expect(page.locator('cord-thread')).toHaveCSS('border-radius', '4px');
  await expect(page.getByRole('alert')).toHaveCount(0);
  problems.assertClean();
});

test('works when the page is opened as 127.0.0.1 too (CORS)', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`http://127.0.0.1:${PORTS.web}/?userIndex=0`);
  await expect(page.locator('cord-page-presence').getByRole('img', { name: /Severus Atreides/ })).toBeVisible();
  await expect(composer(page)).toBeEnabled();
  problems.assertClean();
});

test('a sent message survives a reload and a crash of local Cord', async ({ page, stack }) => {
  const problems = watchForProblems(page);
  await page.goto(`${WEB_URL}/?userIndex=0`);
  const text = `Survives everything ${randomUUID()}`;
  await send(page, text);
  await expect(message(page, text).locator('.cord-author-name')).toHaveText('Severus Atreides');

  await page.reload();
  await expect(message(page, text)).toHaveCount(1);

  await stack.restartLocalCord('SIGKILL');
  // The open page reconnects by itself and can write again, without a reload.
  const after = `Written after the restart ${randomUUID()}`;
  await send(page, after);
  await page.reload();
  await expect(message(page, text)).toHaveCount(1);
  await expect(message(page, after)).toHaveCount(1);
  // While local Cord is down the browser logs each refused reconnect; nothing else.
  problems.assertClean([/WebSocket connection to '.*' failed/]);
});

test('the author can edit, delete (and undo), and react', async ({ page }) => {
  await page.goto(`${WEB_URL}/?userIndex=0`);
  const text = `Edit me ${randomUUID()}`;
  const sent = await send(page, text);

  // Cord's options menu: Edit and Delete for the author's own messages.
  const choose = async (item: string) => {
    await sent.hover();
    await sent.getByRole('button', { name: 'Options' }).click();
    await sent.getByRole('menuitem', { name: item }).click();
  };
  await choose('Edit');
  const editor = sent.getByRole('textbox', { name: 'Edit message' });
  await editor.fill(`${text} (changed)`);
  await editor.press('Enter');
  await expect(sent.locator('.cord-message-content p')).toHaveText(`${text} (changed)`);
  await expect(sent.getByText('(Edited)')).toBeVisible();

  await sent.hover();
  await sent.getByRole('button', { name: 'Add reaction' }).click();
  await sent.getByRole('menuitem', { name: '👍' }).click();
  await expect(sent.getByRole('button', { name: '👍 1' })).toHaveAttribute('aria-pressed', 'true');

  await choose('Delete');
  const deleted = page.locator('cord-thread .cord-message.cord-deleted');
  await expect(deleted).toContainText('Severus Atreides deleted a message');
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(message(page, `${text} (changed)`).locator('.cord-message-content')).toBeVisible();

  await page.reload();
  const reloaded = message(page, `${text} (changed)`);
  await expect(reloaded.getByRole('button', { name: '👍 1' })).toBeVisible();
  await expect(reloaded.getByText('(Edited)')).toBeVisible();
});

test('Shift+Enter adds a line; Enter sends', async ({ page }) => {
  await page.goto(`${WEB_URL}/?userIndex=0`);
  const first = `Line one ${randomUUID()}`;
  await composer(page).fill(first);
  await composer(page).press('Shift+Enter');
  await composer(page).pressSequentially('line two');
  await expect(message(page, first)).toHaveCount(0);
  await composer(page).press('Enter');
  // Each line is a paragraph of the message's content, as Cord's composer makes them.
  await expect(message(page, first).locator('.cord-message-content p')).toHaveText([first, 'line two']);
});

test('markup in a message is shown as text and runs nothing', async ({ page }) => {
  await page.goto(`${WEB_URL}/?userIndex=0`);
  await page.evaluate(() => {
    (window as unknown as { pwned: number }).pwned = 0;
  });
  const tag = randomUUID();
  const text = `<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <a href="javascript:window.pwned=3">click</a> ${tag}`;
  await send(page, text);
  const content = message(page, tag).locator('.cord-message-content');
  await expect(content).toHaveText(text);
  await expect(content.locator('img, script, a')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
});

test('the thread can be resolved and reopened', async ({ page }) => {
  await page.goto(`${WEB_URL}/?userIndex=0`);
  await send(page, `Resolve this ${randomUUID()}`);
  const first = page.locator('cord-thread .cord-message').first();
  await first.hover();
  await first.getByRole('button', { name: 'Options' }).click();
  await first.getByRole('menuitem', { name: 'Resolve' }).click();
  // As in Cord, a resolved thread's composer gives way to "Resolved" and "Reopen to reply".
  const banner = page.locator('cord-thread .cord-resolved-thread-composer');
  await expect(banner).toContainText('Resolved');
  await page.reload();
  await banner.getByRole('button', { name: 'Reopen to reply' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('cord-thread .cord-thread')).not.toHaveClass(/cord-resolved/);
});
