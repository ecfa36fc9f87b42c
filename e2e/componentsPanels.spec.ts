import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { closeAll, event, openComponents, sample, toggle, write } from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';

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

  // A thread Minerva starts in her sidebar shows in Severus's list; he opens it in full.
  const text = `From the sidebar ${randomUUID()}`;
  await write(sidebar(minerva).locator('.cord-sidebar-composer cord-composer'), text);
  const listed = sidebar(severus).locator('cord-thread-list .cord-clickable-thread', { hasText: text });
  const threadId = await listed.getAttribute('data-cord-thread-id');
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

  await expect(inbox).toHaveClass(/cord-component cord-v1 cord-component-inbox/);
  await expect(inbox.locator('.cord-inbox-title')).toHaveText('Your Inbox');
  await expect(inbox.locator('.cord-empty-state-title')).toHaveText('You’re all caught up');
  await inbox.getByRole('button', { name: 'Close' }).click();
  await expect(event(severus, 'inbox', 'onCloseRequested')).toHaveText('onCloseRequested []');
  // The inbox does not hide itself: the page decides.
  await expect(inbox).toBeVisible();
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
  problems.assertClean();
});
