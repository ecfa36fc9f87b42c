import { randomUUID } from 'node:crypto';
import { getClientAuthToken } from '@cord-sdk/server';
import { pngBytes } from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import type { Browser, Page } from '@playwright/test';
import { event, openComponents, sample } from './componentsPage.ts';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { composer, message, openAs, submit } from './pages.ts';

// Attachments between two users of the tutorial's group, and a user of another group
// who gets hold of the file's link; and in Cord's other elements (the components page).

const fileInput = (page: Page) => page.locator('cord-thread input[type="file"]');

/** The tutorial page signed in as a user of another group, with a token the test signs itself. */
async function openAsOutsider(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const token = getClientAuthToken(LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET, {
    user_id: 'outsider',
    group_id: 'another-group',
    user_details: { name: 'Otto Outsider' },
    group_details: { name: 'Another group' },
  });
  await page.route('**/generate-cord-token**', (route) => route.fulfill({ json: { clientAuthToken: token } }));
  await page.goto(`${WEB_URL}/?userIndex=0`);
  await expect(page.locator('cord-page-presence').getByRole('img', { name: 'Otto Outsider (you)' })).toBeVisible();
  return page;
}

/** What fetching a URL from a page (with its cookies) answers. */
const statusFrom = (page: Page, url: string) =>
  page.evaluate((link) => fetch(link, { credentials: 'include' }).then((response) => response.status), url);

test('a picture uploaded by one user previews for the other, and is refused to another group', async ({
  browser,
  stack,
}) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];

  const text = `A picture ${randomUUID()}`;
  await fileInput(severus).setInputFiles({ name: 'owl.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes()) });
  // Under the composer at once, as a local thumbnail, then uploaded.
  const picked = severus.locator('cord-thread .cord-composer-file', { hasText: '70 bytes' });
  await expect(picked.locator('img')).toHaveAttribute('alt', 'owl.png');
  await composer(severus).fill(text);
  await composer(severus).press('Enter');
  await expect(severus.locator('cord-thread .cord-composer-file')).toHaveCount(0);

  const received = message(minerva, text).locator('.cord-image-attachment img');
  await expect(received).toHaveAttribute('alt', 'owl.png', { timeout: 5_000 });
  await expect.poll(() => received.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  const url = (await received.getAttribute('src'))!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f-]{36}\?expires=\d+&signature=/);

  // Full size on top of the page; Escape closes it.
  await message(minerva, text).getByRole('button', { name: 'Open owl.png' }).click();
  const viewer = minerva.getByRole('dialog', { name: 'owl.png' });
  await expect(viewer.locator('img')).toHaveAttribute('src', url);
  await minerva.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // A member's page fetches it; a user of another group, signed in on the same page, gets 403.
  expect(await statusFrom(minerva, url)).toBe(200);
  const outsider = await openAsOutsider(browser);
  expect(await statusFrom(outsider, url)).toBe(403);
  const opened = await outsider.goto(url);
  expect(opened?.status()).toBe(403);

  for (const watched of problems) watched.assertClean();

  // The pictures stay, and the page keeps answering, while local Cord restarts under it.
  const restarting = stack.restartLocalCord('SIGKILL');
  const during = `Written during a restart ${randomUUID()}`;
  await submit(minerva, during);
  await restarting;
  await expect(message(minerva, during)).not.toHaveClass(/cord-pending/, { timeout: 15_000 });
  await expect(received).toHaveAttribute('src', url);
  for (const page of [severus, minerva, outsider]) await page.context().close();
});

test('a file dropped on the composer shows its name and size, and downloads', async ({ browser }) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  const text = `Minutes ${randomUUID()}`;
  const contents = 'Minutes of the meeting.\n'.repeat(100);

  const drop = await severus.evaluateHandle((body) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([body], 'minutes.2024.txt', { type: 'text/plain' }));
    return transfer;
  }, contents);
  const box = severus.locator('cord-thread .cord-composer');
  await box.dispatchEvent('dragenter', { dataTransfer: drop });
  await expect(box.locator('.cord-drop-overlay')).toHaveText('Drop Files');
  await box.dispatchEvent('drop', { dataTransfer: drop });
  await expect(box.locator('.cord-drop-overlay')).toHaveCount(0);
  await expect(box.locator('.cord-composer-file', { hasText: '2 KB' })).toBeVisible();
  await composer(severus).fill(text);
  await composer(severus).press('Enter');

  const card = message(minerva, text).locator('.cord-document-attachment');
  await expect(card.locator('.cord-file-name')).toHaveText('minutes.2024.txt');
  await expect(card.locator('.cord-file-size')).toHaveText('2 KB');
  const [download] = await Promise.all([
    minerva.waitForEvent('download'),
    card.getByRole('link', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('minutes.2024.txt');
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of saved) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe(contents);

  // Cord's check before uploading: an executable is refused with Cord's text.
  await fileInput(severus).setInputFiles({
    name: 'setup.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MZ'),
  });
  await expect(severus.locator('cord-thread .cord-composer-error-message')).toHaveText('Cannot attach file setup.exe');

  for (const watched of problems) watched.assertClean();
  for (const page of [severus, minerva]) await page.context().close();
});

test("<cord-composer> takes files too: a picture alone starts a thread, shown in the other user's thread list", async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  const box = sample(severus, 'composer').locator('cord-composer');

  await box.locator('input[type="file"]').setInputFiles({
    name: 'owl.png',
    mimeType: 'image/png',
    buffer: Buffer.from(pngBytes()),
  });
  // A file expands the composer (its send button shows) and is something to send by itself.
  await expect(box.locator('.cord-composer-file', { hasText: '70 bytes' })).toBeVisible();
  await expect(box.locator('.cord-composer')).toHaveClass(/cord-expanded/);
  await box.locator('.cord-send-button').click();
  await expect(box.locator('.cord-composer-file')).toHaveCount(0);
  await expect(event(severus, 'composer', 'onSend')).toContainText('"messageId":');
  const threadId = /"threadId":"(cord:[^"]+)"/.exec(
    (await event(severus, 'composer', 'onSend').textContent()) ?? '',
  )?.[1];
  expect(threadId).toBeDefined();

  const listed = sample(minerva, 'thread-list').locator(`.cord-clickable-thread[data-cord-thread-id="${threadId}"]`);
  const picture = listed.locator('.cord-image-attachment img');
  await expect(picture).toHaveAttribute('alt', 'owl.png');
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  for (const watched of problems) watched.assertClean();
  for (const page of [severus, minerva]) await page.context().close();
});
