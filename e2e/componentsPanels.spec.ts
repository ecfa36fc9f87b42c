import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { closeAll, cord, event, events, openComponents, sample, toggle, write } from './componentsPage.ts';
import { expect, LOCAL_CORD_URL, test, watchForProblems } from './fixtures.ts';

// The Panels sections of the components page: Sidebar with SidebarLauncher, and Inbox with
// InboxLauncher, through @cord-sdk/react's wrappers, between two users.

test.afterEach(({ browser }) => closeAll(browser));

const sidebar = (page: Page) => sample(page, 'sidebar').locator('cord-sidebar .cord-sidebar');
const launcher = (page: Page) => sample(page, 'sidebar').locator('cord-sidebar-launcher button');

test('Sidebar: opened by its launcher, who is here, threads between two users, with Cord events', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);

  // Closed at first (open={false}): Cord says so with close.
  await expect(sidebar(severus)).toBeHidden();
  await expect(event(severus, 'sidebar', 'onClose')).toHaveText('onClose []');
  await expect(launcher(severus)).toHaveText('Comments');
  await launcher(severus).click();
  await expect(sidebar(severus)).toBeVisible();
  await expect(event(severus, 'sidebar', 'SidebarLauncher onClick')).toHaveText('SidebarLauncher onClick []');
  await expect(event(severus, 'sidebar', 'onOpen')).toHaveText('onOpen [{"width":312}]');
  await expect(sidebar(severus)).toHaveCSS('position', 'fixed');
  await expect(sidebar(severus).locator('.cord-sidebar-title')).toHaveText('Comments');

  // Minerva opens hers: each sees the other among those here.
  await launcher(minerva).click();
  await expect(sidebar(severus).getByRole('img', { name: 'Minerva Halleck: Viewing' })).toBeVisible();
  await expect(sidebar(minerva).getByRole('img', { name: /^Severus Atreides/ })).toBeVisible();
  // excludeViewerFromPresence: his own face goes, Minerva's stays.
  const ownFace = sidebar(severus).getByRole('img', { name: /^Severus Atreides/ });
  await expect(ownFace).toBeVisible();
  await toggle(severus, 'sidebar', 'excludeViewerFromPresence');
  await expect(ownFace).toHaveCount(0);
  await expect(sidebar(severus).getByRole('img', { name: 'Minerva Halleck: Viewing' })).toBeVisible();

  // A thread Minerva starts in her sidebar shows in Severus's list; he opens it in full.
  const text = `From the sidebar ${randomUUID()}`;
  await write(sidebar(minerva).locator('.cord-sidebar-composer cord-composer'), text);
  const listed = sidebar(severus).locator('cord-thread-list .cord-clickable-thread', { hasText: text });
  const threadId = await listed.getAttribute('data-cord-thread-id');
  // Named by the sidebar's threadName.
  await expect(
    cord(
      severus,
      `(sdk) => new Promise((resolve) => sdk.thread.observeThread(${JSON.stringify(threadId)}, ({ thread }) => thread && resolve(thread.name)))`,
    ),
  ).resolves.toBe('From the sidebar');
  await listed.locator('.cord-message-content').click();
  await expect(event(severus, 'sidebar', 'onThreadOpen')).toHaveText(`onThreadOpen ["${threadId}"]`);
  const opened = sidebar(severus).locator(`.cord-sidebar-thread cord-thread[thread-id="${threadId}"]`);
  await expect(opened.locator('.cord-message', { hasText: text })).toBeVisible();
  await write(opened, 'a reply in the sidebar');
  await expect(
    sidebar(minerva)
      .locator('cord-thread-list .cord-clickable-thread', { hasText: text })
      .locator('.cord-thread-replies'),
  ).toHaveText('1 unread');
  await sidebar(severus).getByRole('button', { name: 'All', exact: true }).click();
  await expect(event(severus, 'sidebar', 'onThreadClose')).toHaveText(`onThreadClose ["${threadId}"]`);

  // The inbox behind its button ("All updates"), and back.
  await sidebar(severus).getByRole('button', { name: 'All updates' }).click();
  await expect(sidebar(severus).locator('cord-inbox .cord-inbox-title')).toHaveText('Your Inbox');
  await sidebar(severus).locator('cord-inbox').getByRole('button', { name: 'Close' }).click();
  await expect(sidebar(severus).locator('cord-thread-list')).toBeVisible();

  // showPresence and showInbox; the close button; the floating launcher while closed.
  await toggle(severus, 'sidebar', 'showPresence');
  await expect(sidebar(severus).locator('.cord-sidebar-header .cord-facepile')).toHaveCount(0);
  await toggle(severus, 'sidebar', 'showInbox');
  await expect(sidebar(severus).getByRole('button', { name: 'All updates' })).toHaveCount(0);
  await sidebar(severus).getByRole('button', { name: 'Close' }).click();
  await expect(sidebar(severus)).toBeHidden();
  await expect(event(severus, 'sidebar', 'onClose')).toHaveText('onClose []');
  await expect(launcher(severus)).toHaveAttribute('aria-expanded', 'false');
  await toggle(severus, 'sidebar', 'showLauncher');
  const floating = sample(severus, 'sidebar').locator('.cord-sidebar-floating-launcher');
  await floating.getByRole('button', { name: 'Add comment' }).click();
  await expect(sidebar(severus)).toBeVisible();
  await expect(floating).toHaveCount(0);

  // Cord's startComposer(): open, with the new thread's composer focused.
  await launcher(severus).click();
  await expect(sidebar(severus)).toBeHidden();
  await severus.evaluate(() =>
    (document.querySelector('cord-sidebar') as unknown as { startComposer(): void }).startComposer(),
  );
  await expect(sidebar(severus).locator('.cord-sidebar-composer .cord-editor')).toBeFocused();
  problems.assertClean();
});

test('Inbox and InboxLauncher: the inbox with its placeholder and close request; the launcher opens it under itself', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const problems = watchForProblems(severus);
  const inbox = sample(severus, 'inbox').locator('cord-inbox.inbox-panel');
  // Earlier tests of the suite may have left him notifications: start from none unread.
  await cord(severus, '(sdk) => sdk.notification.markAllAsRead()');

  await expect(inbox).toHaveClass(/cord-component cord-v1 cord-component-inbox/);
  await expect(inbox.locator('.cord-inbox-title')).toHaveText('Your Inbox');
  await expect(inbox.locator('.cord-empty-state-title')).toHaveText('You’re all caught up');
  const closeRequests = events(severus, 'inbox').filter({ hasText: 'onCloseRequested' });
  await inbox.getByRole('button', { name: 'Close' }).click();
  await expect(closeRequests).toHaveText(['onCloseRequested []']);
  // The inbox does not hide itself: the page decides.
  await expect(inbox).toBeVisible();

  // Cord's settings page behind the gear: the viewer, and where the e-mails Cord would send are.
  const settingsButton = (panel: Locator) => panel.getByRole('button', { name: 'Collaboration settings' });
  const settings = inbox.getByRole('region', { name: 'Collaboration settings' });
  await settingsButton(inbox).click();
  await expect(settings.getByRole('img', { name: 'Severus Atreides' })).toBeVisible();
  await expect(settings.locator('.cord-inbox-settings-name')).toHaveText('Severus Atreides');
  await expect(settings.getByRole('link', { name: "local Cord's inspector" })).toHaveAttribute(
    'href',
    `${LOCAL_CORD_URL}/`,
  );
  await expect(settings).toContainText('Outbox');
  // Back to the inbox ("All updates"); closing the settings asks to close the inbox too.
  await settings.getByRole('button', { name: 'All updates' }).click();
  await expect(settings).toHaveCount(0);
  await expect(inbox.locator('.cord-inbox-title')).toBeVisible();
  await settingsButton(inbox).click();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toHaveCount(0);
  await expect(closeRequests).toHaveText(['onCloseRequested []', 'onCloseRequested []']);
  await toggle(severus, 'inbox', 'showCloseButton');
  await expect(inbox.getByRole('button', { name: 'Close' })).toHaveCount(0);
  await toggle(severus, 'inbox', 'showPlaceholder');
  await expect(inbox.locator('.cord-empty-state-title')).toHaveCount(0);
  await toggle(severus, 'inbox', 'showPlaceholder');

  // The launcher: its popup inbox opens under it, and closes with its close button or a click elsewhere.
  const button = sample(severus, 'inbox').locator('cord-inbox-launcher button.cord-inbox-launcher-button');
  const popup = sample(severus, 'inbox').locator('cord-inbox-launcher .cord-inbox-launcher-inbox-container');
  await expect(button).toHaveText('Inbox');
  await button.click();
  await expect(event(severus, 'inbox', 'InboxLauncher onClick')).toHaveText('InboxLauncher onClick []');
  await expect(popup.locator('.cord-empty-state-title')).toHaveText('You’re all caught up');
  await expect(settingsButton(popup)).toBeVisible();
  const below = (await popup.boundingBox())!.y - (await button.boundingBox())!.y;
  expect(below).toBeGreaterThan(0);
  await popup.getByRole('button', { name: 'Close' }).click();
  await expect(popup).toHaveCount(0);
  await button.click();
  await expect(popup).toBeVisible();
  await severus.locator('h1').click();
  await expect(popup).toHaveCount(0);
  // showInboxOnClick={false}: only the click.
  await toggle(severus, 'inbox', 'showInboxOnClick');
  await button.click();
  await expect(event(severus, 'inbox', 'InboxLauncher onClick')).toBeVisible();
  await expect(popup).toHaveCount(0);
  await toggle(severus, 'inbox', 'showInboxOnClick');

  // showSettings={false}: no gear, on the inbox or in the launcher's.
  await toggle(severus, 'inbox', 'showSettings');
  await expect(settingsButton(inbox)).toHaveCount(0);
  await button.click();
  await expect(popup.locator('.cord-inbox-title')).toBeVisible();
  await expect(settingsButton(popup)).toHaveCount(0);
  problems.assertClean();
});

test("Inbox: a reply to the viewer's thread as an entry, counted on the launcher, marked read", async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const badge = sample(severus, 'inbox').locator('cord-inbox-launcher .cord-badge');
  const inbox = sample(severus, 'inbox').locator('cord-inbox.inbox-panel');
  // Earlier tests of the suite may have left him notifications: start from none unread.
  await cord(severus, '(sdk) => sdk.notification.markAllAsRead()');
  await expect(badge).toHaveCount(0);

  const threadId = `inbox-${randomUUID()}`;
  const name = `Inbox ${randomUUID().slice(0, 8)}`;
  const send = (page: Page, text: string, create: boolean) =>
    cord(
      page,
      `(sdk) => sdk.thread.sendMessage(${JSON.stringify(threadId)}, { content: [{ type: 'p', children: [{ text: ${JSON.stringify(text)} }] }]${create ? `, createThread: { name: ${JSON.stringify(name)}, url: location.href, location: { page: 'components', section: 'inbox' } }` : ''} })`,
    );
  await send(severus, 'What do you think?', true);
  const reply = `Looks good ${randomUUID()}`;
  await send(minerva, reply, false);

  // Counted on the launchers; an unread entry with the notification and the thread, collapsed.
  await expect(badge).toHaveAttribute('data-cord-badge-count', '1');
  await expect(sample(severus, 'sidebar').locator('cord-sidebar-launcher .cord-badge')).toHaveAttribute(
    'data-cord-badge-count',
    '1',
  );
  // Cord's deprecated inbox-badge-style: a dot without the count, or no badge.
  const launcher = sample(severus, 'inbox').locator('cord-inbox-launcher');
  await launcher.evaluate((element) => element.setAttribute('inbox-badge-style', 'badge'));
  await expect(badge).not.toHaveAttribute('data-cord-badge-count');
  await launcher.evaluate((element) => element.setAttribute('inbox-badge-style', 'none'));
  await expect(badge).toHaveCount(0);
  await launcher.evaluate((element) => element.removeAttribute('inbox-badge-style'));
  await expect(badge).toHaveAttribute('data-cord-badge-count', '1');
  const entry = inbox.locator(`.cord-inbox-thread[data-cord-thread-id="${threadId}"]`);
  await expect(entry).toHaveClass(/cord-unseen/);
  await expect(entry.locator('.cord-inbox-thread-headline')).toHaveText(`Minerva Halleck replied on ${name}`);
  await expect(entry.locator('cord-thread .cord-collapsed-thread')).toContainText('What do you think?');
  await expect(inbox.locator('.cord-empty-state-title')).toHaveCount(0);

  // Marked read: under "Read", and the count goes.
  await entry.getByRole('button', { name: 'Mark as read' }).click();
  await expect(entry).not.toHaveClass(/cord-unseen/);
  await expect(badge).toHaveCount(0);
  await expect(inbox.locator('.cord-empty-state-title')).toHaveText('You’re all caught up');
  const section = inbox.locator('.cord-inbox-section', {
    has: severus.locator(`.cord-inbox-thread[data-cord-thread-id="${threadId}"]`),
  });
  await expect(section.locator('.cord-inbox-section-toggle')).toHaveText('Read');
  // A click opens the thread in full.
  await entry.locator('.cord-inbox-thread-body').click();
  await expect(entry.locator('cord-thread .cord-message', { hasText: reply })).toBeVisible();
  problems.assertClean();
});
