import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { closeAll } from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';
import { composer, message, openAs, openThreads, send, shownThread } from './pages.ts';
import { GROUP, rest } from './restApi.ts';

// The composer of <cord-thread> between two users in real browsers: formatting by Cord's
// shortcuts and markdown-like typing, an @-mention picked from the keyboard that reaches the
// other user's bell, and emoji in the composer and as reactions.

const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';
// Every page a test opens leaves with it: later specs count who is present.
test.afterEach(({ browser }) => closeAll(browser));

const bell = (page: Page) =>
  page.locator('cord-notification-list-launcher [data-cord-button="open-notification-list"]');

test('formatting typed with shortcuts and markdown shows formatted to the other user', async ({ browser }) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  const marker = randomUUID().slice(0, 8);
  const editor = composer(severus);
  await editor.click();
  const keys = severus.keyboard;
  await keys.type(`Plan ${marker}: `);
  await keys.press(`${MOD}+b`);
  await keys.type('bold');
  await keys.press(`${MOD}+b`);
  await keys.type(' then _italic_ and `code` and *starred* ');
  await keys.press('Shift+Enter');
  await keys.type('- first');
  await keys.press('Shift+Enter');
  await keys.type('second');
  await keys.press('Shift+Enter');
  await keys.press('Shift+Enter');
  await keys.type('> wise words');
  await keys.press('Shift+Enter');
  await keys.press('Backspace');
  await keys.type('see https://example.com/plan and javascript:alert(1)');
  await keys.press('Enter');

  const received = message(minerva, marker);
  const content = received.locator('.cord-message-content');
  await expect(content.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(content.locator('strong', { hasText: 'starred' })).toBeVisible();
  await expect(content.locator('em', { hasText: 'italic' })).toBeVisible();
  await expect(content.locator('code', { hasText: 'code' })).toBeVisible();
  await expect(content.locator('ul li')).toHaveText(['first', 'second']);
  await expect(content.locator('blockquote')).toHaveText('wise words');
  const link = content.getByRole('link', { name: 'https://example.com/plan' });
  await expect(link).toHaveAttribute('href', 'https://example.com/plan');
  await expect(link).toHaveAttribute('rel', 'noreferrer noopener');
  // The unsafe address stays text; no markup was typed into the message.
  await expect(content.getByRole('link')).toHaveCount(1);
  await expect(content).toContainText('javascript:alert(1)');
  await expect(content).not.toContainText('**');
  await expect(content).not.toContainText('_italic_');

  // Editing the message opens the same content in the same editor, and saving keeps it.
  const own = message(severus, marker);
  await own.hover();
  await own.getByRole('button', { name: 'Options' }).click();
  await severus.getByRole('menuitem', { name: 'Edit' }).click();
  const editing = own.locator('.cord-message-editor .cord-editor');
  await expect(editing.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(editing.locator('ul li')).toHaveCount(2);
  await editing.locator('li', { hasText: 'second' }).click();
  await keys.press('End');
  await keys.type(' (edited in place)');
  await keys.press('Enter');
  await expect(content.locator('ul li')).toHaveText(['first', 'second (edited in place)']);
  await expect(content.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(content.locator('blockquote')).toHaveText('wise words');
  for (const page of problems) page.assertClean();
});

test('an @-mention picked by keyboard shows as the name, rings the other user’s bell, and opens the thread', async ({
  browser,
}) => {
  const severus = await openAs(browser, 0);
  const minerva = await openThreads(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  await expect(bell(minerva)).toBeVisible();
  await minerva.evaluate(() =>
    (
      window as unknown as { CordSDK: { notification: { markAllAsRead(): Promise<void> } } }
    ).CordSDK.notification.markAllAsRead(),
  );
  await expect(bell(minerva)).not.toHaveAttribute('data-cord-badge-count');

  const marker = randomUUID().slice(0, 8);
  await composer(severus).click();
  await severus.keyboard.type(`Over to @Mi`);
  const list = severus.getByRole('listbox', { name: 'Mention someone' });
  await expect(list.locator('.cord-user-name')).toHaveText(['Minerva Halleck']);
  await severus.keyboard.type('ner');
  await expect(list.getByRole('option', { name: /Minerva Halleck/ })).toHaveAttribute('aria-selected', 'true');
  await severus.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await severus.keyboard.type(`for review ${marker}`);
  await severus.keyboard.press('Enter');

  const sent = message(severus, marker);
  await expect(sent.locator('.cord-user-mention[data-cord-user-id="minervahalleck"]')).toHaveText('@Minerva Halleck');
  const threadId = await severus.locator('cord-thread').getAttribute('thread-id');

  await expect(bell(minerva)).toHaveAttribute('data-cord-badge-count', '1');
  await bell(minerva).click();
  const notification = minerva.locator('cord-notification-list .cord-notification-container', { hasText: marker });
  await expect(notification).toContainText('Severus Atreides mentioned you');
  await notification.click();
  await expect(minerva).toHaveURL(new RegExp(`thread=${threadId}`));
  await expect(shownThread(minerva).locator('.cord-message', { hasText: marker })).toContainText('@Minerva Halleck');
  for (const page of problems) page.assertClean();
});

test('the @ list offers the thread’s group and nobody outside it, and Escape closes it', async ({ browser }) => {
  // Minstrel exists in the project, named like a member, but in another group only.
  await rest('PUT', 'users/minstrel-outsider', { name: 'Minstrel Outsider' });
  await rest('PUT', 'groups/outsiders', { name: 'Outsiders', members: ['minstrel-outsider'] });
  const members = await rest('GET', `groups/${GROUP}/members`);
  const memberIds = (members.body.users as Array<{ id: string }>).map((user) => user.id);
  const severus = await openAs(browser, 0);
  await composer(severus).click();
  await severus.keyboard.type('@');
  const list = severus.getByRole('listbox', { name: 'Mention someone' });
  await expect(list.getByRole('option')).toHaveCount(memberIds.length);
  const offered = await list
    .getByRole('option')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-cord-user-id')));
  expect(offered.sort()).toEqual(memberIds.sort());
  await severus.keyboard.type('Min');
  await expect(list.locator('.cord-user-name')).toHaveText(['Minerva Halleck']);
  await severus.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(composer(severus)).toBeFocused();
});

test('emoji go into the composer at the caret, and a reaction from the full picker shows live to the other user', async ({
  browser,
}) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  const problems = [watchForProblems(severus), watchForProblems(minerva)];
  const marker = randomUUID().slice(0, 8);
  await composer(severus).click();
  await severus.keyboard.type(`Hoot ${marker} `);
  await severus.getByRole('button', { name: 'Add emoji' }).click();
  const picker = severus.locator('cord-thread .cord-composer emoji-picker');
  await picker.getByRole('combobox', { name: 'Search' }).fill('owl');
  await picker.getByRole('option', { name: /owl/i }).first().click();
  await expect(picker).toHaveCount(0);
  await severus.keyboard.type(' done');
  await severus.keyboard.press('Enter');
  await expect(message(minerva, marker).locator('.cord-message-content')).toHaveText(`Hoot ${marker} 🦉 done`);

  const target = await send(minerva, `React to me ${marker}`);
  const theirs = message(severus, `React to me ${marker}`);
  await expect(theirs).toBeVisible();
  // The thread scrolling to a message that just arrived closes an open picker, as in Cord: open it once still.
  await expect(async () => {
    await theirs.hover();
    await theirs.getByRole('button', { name: 'Add reaction' }).click();
    await expect(severus.getByRole('dialog', { name: 'Add reaction' })).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const reactionPicker = severus.locator('.cord-emoji-picker emoji-picker');
  await reactionPicker.getByRole('combobox', { name: 'Search' }).fill('rocket');
  await reactionPicker
    .getByRole('option', { name: /rocket/i })
    .first()
    .click();
  await expect(target.locator('.cord-pill', { hasText: '🚀' })).toContainText('1');
  for (const page of problems) page.assertClean();
});
