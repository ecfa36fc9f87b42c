import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { cord, openThreads, shownThread, composer as tutorialComposer, message as tutorialMessage } from './pages.ts';
import { GROUP, rest } from './restApi.ts';

// The threads page: Cord's own hooks (thread.useThreads, user.useViewerData,
// user.useGroupMembers, presence.usePresence) and betaV2 components, from the unmodified
// @cord-sdk/react, against local Cord, between two users.

const listItem = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Thread list' }).getByRole('button', { name });
const betaMessage = (page: Page, text: string) => shownThread(page).locator('.cord-message', { hasText: text });

/** Types into betaV2's composer (a Slate editor) and sends with Enter. */
async function sendInBetaComposer(page: Page, text: string) {
  const editor = shownThread(page).locator('[data-slate-editor="true"]');
  await editor.focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(betaMessage(page, text)).toBeVisible();
}

async function startThread(page: Page, name: string) {
  await page.getByLabel('New thread name').fill(name);
  await page.getByRole('button', { name: 'Start thread' }).click();
  await expect(shownThread(page)).toBeVisible();
}

test('two users see each other, threads, messages, unread counts, edits, reactions and resolves live', async ({
  browser,
}) => {
  const severus = await openThreads(browser, 0);
  const minerva = await openThreads(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];

  // user.useViewerData, user.useGroupMembers and presence.usePresence.
  await expect(severus.locator('.people .viewer')).toHaveText('Severus Atreides in starpotterdunewars');
  for (const page of [severus, minerva]) {
    const members = page.getByRole('list', { name: 'Group members' });
    await expect(members.getByText('Severus Atreides')).toContainText('here now');
    await expect(members.getByText('Minerva Halleck')).toContainText('here now');
  }

  // A thread started by one user appears in the other's thread.useThreads, with an unread badge.
  const name = `Planning ${randomUUID().slice(0, 8)}`;
  await startThread(severus, name);
  const first = `First point ${randomUUID()}`;
  await sendInBetaComposer(severus, first);
  await expect(listItem(minerva, name)).toContainText('1 message');
  await expect(listItem(minerva, name).getByLabel('1 unread')).toBeVisible();

  // Opening it in betaV2.Thread marks it seen: the badge goes.
  await listItem(minerva, name).click();
  await expect(betaMessage(minerva, first)).toBeVisible();
  await expect(listItem(minerva, name).getByLabel('1 unread')).toHaveCount(0);

  // A reply shows in the other browser's betaV2.Thread at once.
  const reply = `Agreed ${randomUUID()}`;
  await sendInBetaComposer(minerva, reply);
  await expect(betaMessage(severus, reply)).toBeVisible();
  await expect(listItem(severus, name)).toContainText('2 messages');

  // An edit and a reaction through the JavaScript API reach the other page's component.
  const messageId = await betaMessage(severus, first).getAttribute('data-cord-message-id');
  const edited = `First point, revised ${randomUUID()}`;
  await cord(
    severus,
    `(sdk) => sdk.thread.updateMessage(${JSON.stringify(messageId)}, { content: [{ type: 'p', children: [{ text: ${JSON.stringify(edited)} }] }] })`,
  );
  await expect(betaMessage(minerva, edited)).toBeVisible();
  await cord(minerva, `(sdk) => sdk.thread.updateMessage(${JSON.stringify(messageId)}, { addReactions: ['🎉'] })`);
  await expect(betaMessage(severus, edited).locator('.cord-reactions-container')).toContainText('🎉');

  // Resolving shows in the list and in the thread, for both.
  const threadId = await shownThread(severus).getAttribute('data-cord-thread-id');
  await cord(severus, `(sdk) => sdk.thread.updateThread(${JSON.stringify(threadId)}, { resolved: true })`);
  for (const page of [severus, minerva]) {
    await expect(listItem(page, name)).toContainText('resolved');
    await expect(shownThread(page)).toContainText('Severus Atreides resolved this thread');
  }
  for (const watcher of problems) watcher.assertClean();
});

test('the thread list pages through 200 threads with fetchMore', async ({ browser }) => {
  const batch = randomUUID().slice(0, 8);
  for (let index = 0; index < 200; index++) {
    const answer = await rest('POST', 'threads', {
      id: `paging-${batch}-${index}`,
      groupID: GROUP,
      name: `Paging ${batch} ${index}`,
      url: WEB_URL,
      location: { page: 'paging' },
    });
    expect(answer.status).toBe(200);
  }
  const inGroup = ((await rest('GET', 'threads')).body.threads as Array<{ groupID: string }>).filter(
    (thread) => thread.groupID === GROUP,
  ).length;

  const page = await openThreads(browser, 2);
  const items = page.getByRole('list', { name: 'Thread list' }).getByRole('listitem');
  await expect(items).toHaveCount(10);
  const more = page.getByRole('button', { name: 'Load more threads' });
  while (await more.isVisible()) {
    const before = await items.count();
    await more.click();
    await expect(items).not.toHaveCount(before);
  }
  await expect(items).toHaveCount(inGroup);
  await expect(listItem(page, `Paging ${batch} 199`)).toBeVisible();
});

test('the tutorial page and the threads page show the same thread the same way', async ({ browser }) => {
  const tutorial = await (await browser.newContext()).newPage();
  await tutorial.goto(`${WEB_URL}/?userIndex=0`);
  await expect(tutorialComposer(tutorial)).toBeEnabled();
  const fromTutorial = `From the tutorial page ${randomUUID()}`;
  await tutorialComposer(tutorial).fill(fromTutorial);
  await tutorialComposer(tutorial).press('Enter');

  const threads = await openThreads(browser, 1, 'a-first-conversation');
  await expect(betaMessage(threads, fromTutorial)).toBeVisible();
  const fromThreads = `From the threads page ${randomUUID()}`;
  await sendInBetaComposer(threads, fromThreads);
  await expect(tutorialMessage(tutorial, fromThreads)).toBeVisible();
  await expect(tutorialMessage(tutorial, fromThreads).locator('.cord-author-name')).toHaveText('Minerva Halleck');
});

test("betaV2 components get Cord's look from local Cord's stylesheet", async ({ browser }) => {
  const page = await openThreads(browser, 0);
  await startThread(page, `Styled ${randomUUID().slice(0, 8)}`);
  await sendInBetaComposer(page, `Styled ${randomUUID()}`);
  const message = shownThread(page).locator('.cord-message').last();
  await expect(message).toHaveCSS('display', 'grid');
  // No profile picture: betaV2 marks the avatar `cord-error`; the letter shows, not a broken image.
  const avatar = message.locator('.cord-avatar-container');
  await expect(avatar).toHaveClass(/cord-error/);
  await expect(avatar.locator('.cord-avatar-image')).toBeHidden();
  await expect(avatar.locator('.cord-avatar-fallback')).toHaveText('S');
  await expect(avatar).toHaveCSS('width', '20px');
  await expect(shownThread(page).locator('.cord-composer')).toHaveCSS('border-top-style', 'solid');
  await expect(shownThread(page).locator('.cord-composer-attachment-input')).toBeHidden();
  await expect(message.locator('.cord-message-options-buttons')).toBeHidden();
  await message.hover();
  await expect(message.locator('.cord-message-options-buttons')).toBeVisible();
});
