import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, LOCAL_CORD_URL, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { cord, openAs, openThreads, shownThread } from './pages.ts';
import { rest } from './restApi.ts';

// Notifications between two users in real browsers: a mention or a reply by one shows as a
// badge on `<cord-notification-list-launcher>` (rendered by @cord-sdk/react's
// NotificationListLauncher) in the other's page; opening the list and clicking the
// notification opens the thread, through the page's `navigate` option.

const bell = (page: Page) =>
  page.locator('cord-notification-list-launcher [data-cord-button="open-notification-list"]');
const notification = (page: Page, text: string | RegExp) =>
  page.locator('cord-notification-list .cord-notification-container', { hasText: text });
/** Marks every notification of the page's user read, as an app can; the badge goes. */
async function allRead(page: Page) {
  await expect(bell(page)).toBeVisible();
  await cord(page, '(sdk) => sdk.notification.markAllAsRead()');
  await expect(bell(page)).not.toHaveAttribute('data-cord-badge-count');
}

const summary = (page: Page) => page.getByRole('status', { name: 'Notification summary' });

test('a mention shows on the other user’s bell; clicking the notification opens the thread; a reply comes back', async ({
  browser,
}) => {
  const severus = await openThreads(browser, 0);
  const minerva = await openThreads(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  // Earlier tests of the suite may have left them notifications: start from none unread.
  for (const page of [severus, minerva]) await allRead(page);

  // Severus starts a thread and mentions Minerva in it.
  const name = `Notify ${randomUUID().slice(0, 8)}`;
  await severus.getByLabel('New thread name').fill(name);
  await severus.getByRole('button', { name: 'Start thread' }).click();
  await expect(shownThread(severus)).toBeVisible();
  const threadId = await shownThread(severus).getAttribute('data-cord-thread-id');
  const text = `Can you look at this? ${randomUUID()}`;
  await cord(
    severus,
    `(sdk) => sdk.thread.sendMessage(${JSON.stringify(threadId)}, { content: [{ type: 'p', children: [
      { type: 'mention', user: { id: 'minervahalleck' }, children: [{ text: '@Minerva Halleck' }] },
      { text: ${JSON.stringify(` ${text}`)} }] }] })`,
  );

  // Minerva's bell counts it, at once.
  await expect(bell(minerva)).toHaveAttribute('data-cord-badge-count', '1');
  await expect(bell(minerva)).toHaveAccessibleName('Notifications, 1 unread');
  // @cord-sdk/react's notification hooks say the same.
  await expect(summary(minerva)).toHaveText(`1 unread · latest: Severus Atreides mentioned you in ${name}`);
  await bell(minerva).click();
  const mentioned = notification(minerva, `Severus Atreides mentioned you in ${name}`);
  await expect(mentioned).toBeVisible();
  await expect(mentioned).toHaveClass(/cord-unseen/);
  await expect(mentioned.locator('.cord-notification-message')).toContainText(text);

  // Clicking it opens the thread in the page (the app's navigate) and marks it read.
  await mentioned.click();
  await expect(minerva).toHaveURL(new RegExp(`thread=${threadId}`));
  await expect(shownThread(minerva).locator('.cord-message', { hasText: text })).toBeVisible();
  await expect(bell(minerva)).not.toHaveAttribute('data-cord-badge-count');
  await expect(minerva.locator('cord-notification-list')).toHaveCount(0);
  await expect(summary(minerva)).toHaveText(/^0 unread/);

  // Minerva replies in the thread: Severus, who follows it, gets a notification.
  const reply = `On it ${randomUUID()}`;
  const editor = shownThread(minerva).locator('[data-slate-editor="true"]');
  await editor.focus();
  await minerva.keyboard.type(reply);
  await minerva.keyboard.press('Enter');
  await expect(bell(severus)).toHaveAttribute('data-cord-badge-count', '1');
  await bell(severus).click();
  await expect(notification(severus, `Minerva Halleck replied on ${name}`)).toContainText(reply);

  // The list's own "Mark all as read" clears the badge.
  await severus.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(bell(severus)).not.toHaveAttribute('data-cord-badge-count');
  await expect(notification(severus, `Minerva Halleck replied on ${name}`)).not.toHaveClass(/cord-unseen/);
  // Its menu deletes it.
  const replied = notification(severus, `Minerva Halleck replied on ${name}`);
  await replied.getByRole('button', { name: 'Options' }).click();
  await replied.getByRole('menuitem', { name: 'Delete notification' }).click();
  await expect(replied).toHaveCount(0);
  for (const watcher of problems) watcher.assertClean();

  // The e-mail Cord would have sent Minerva is in the inspector's Outbox instead.
  const inspector = await severus.context().newPage();
  await inspector.goto(`${LOCAL_CORD_URL}/`);
  const email = inspector
    .getByRole('region', { name: 'Outbox' })
    .getByRole('row', { name: new RegExp(`Severus Atreides mentioned you in ${name}`) });
  await expect(email).toContainText('Minerva Halleck <minnie@caladan.spice>');
  await expect(email).toContainText(text);
});

test('without a navigate option, a notification made through the REST API opens its url', async ({ browser }) => {
  const page = await openAs(browser, 2);
  const problems = watchForProblems(page);
  // The tutorial page sets no navigate option; a launcher added to it as plain HTML.
  await page.evaluate(() => {
    document.querySelector('header')!.append(document.createElement('cord-notification-list-launcher'));
  });
  await allRead(page);
  await rest('PUT', 'users/severusatreides', { name: 'Severus Atreides' });
  const target = `${WEB_URL}/threads.html?userIndex=2&from=${randomUUID()}`;
  const answer = await rest('POST', 'notifications', {
    recipientID: 'hermioneorgana',
    actorID: 'severusatreides',
    template: '{{actor}} shared the threads page with you',
    url: target,
    type: 'url',
  });
  expect(answer.status).toBe(200);
  await expect(bell(page)).toHaveAttribute('data-cord-badge-count', '1');

  // <cord-notification> shows the one notification; its menu marks it read and unread.
  const id = answer.body.notificationID as string;
  await page.evaluate((id) => {
    const single = document.createElement('cord-notification');
    single.setAttribute('notification-id', id);
    document.querySelector('header')!.after(single);
  }, id);
  const single = page.locator(`cord-notification [data-cord-notification-id="${id}"]`);
  await expect(single).toContainText('Severus Atreides shared the threads page with you');
  await expect(single).toHaveClass(/cord-unseen/);
  await single.getByRole('button', { name: 'Options' }).click();
  await single.getByRole('menuitem', { name: 'Mark as read' }).click();
  await expect(single).not.toHaveClass(/cord-unseen/);
  await expect(bell(page)).not.toHaveAttribute('data-cord-badge-count');
  await single.getByRole('button', { name: 'Options' }).click();
  await single.getByRole('menuitem', { name: 'Mark as unread' }).click();
  await expect(bell(page)).toHaveAttribute('data-cord-badge-count', '1');

  await bell(page).click();
  const shared = notification(page, 'Severus Atreides shared the threads page with you');
  await expect(shared).toHaveClass(/cord-url-notification/);
  await shared.click();
  await expect(page).toHaveURL(target);
  // It was read as it was opened: the threads page's bell has nothing to count.
  await expect(page.locator('.people .viewer strong')).toBeVisible();
  await expect(bell(page)).toBeVisible();
  await expect(bell(page)).not.toHaveAttribute('data-cord-badge-count');
  problems.assertClean();
});
