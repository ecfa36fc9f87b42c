import { randomUUID } from 'node:crypto';
import {
  closeAll,
  cord,
  event,
  openComponents,
  sample,
  section,
  shownMessage,
  toggle,
  write,
} from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';

// The Messages sections of the components page: Thread, Message, MessageContent,
// Timestamp and Reactions through @cord-sdk/react's wrappers, between two users.

test.afterEach(({ browser }) => closeAll(browser));

test('Thread: lays out in its container, sends, and fires Cord events; its options work under React 19', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const thread = sample(severus, 'thread').locator('cord-thread');

  // Cord's thread class is positioned, so an app's overlays stack against it.
  await expect(thread).toHaveCSS('position', 'relative');
  await expect(thread.locator('.cord-thread')).toHaveCSS('position', 'relative');
  // React 19 rewrites `class` when className changes: the host keeps Cord's classes.
  await thread.evaluate((element) => element.setAttribute('class', 'app-class'));
  await expect(thread).toHaveClass(/app-class/);
  await expect(thread).toHaveClass(/cord-component cord-v1 cord-component-thread/);

  const text = `From the Thread section ${randomUUID()}`;
  await write(thread, text);
  await expect(shownMessage(minerva, 'thread', text)).toBeVisible();
  await expect(event(severus, 'thread', 'onSend')).toContainText('"threadId":"components-demo"');
  await expect(event(severus, 'thread', 'onThreadInfoChange')).toContainText('"messageCount":');

  // composerDisabled, composerExpanded, showHeader and its close button.
  await toggle(severus, 'thread', 'composerDisabled');
  await expect(thread.locator('.cord-editor')).toBeDisabled();
  await toggle(severus, 'thread', 'composerDisabled');
  await toggle(severus, 'thread', 'composerExpanded');
  await expect(thread.locator('.cord-composer')).toHaveClass(/cord-expanded/);
  await toggle(severus, 'thread', 'showHeader');
  await thread.locator('[data-cord-button="close-thread"]').click();
  await expect(event(severus, 'thread', 'onClose')).toContainText('"threadID":"components-demo"');

  // autofocus: the composer has focus when the thread mounts.
  await toggle(severus, 'thread', 'autofocus (on mount)');
  await expect(sample(severus, 'thread').locator('cord-thread .cord-editor')).toBeFocused();

  // collapsed: the first message and a footer, no composer.
  await toggle(severus, 'thread', 'collapsed');
  const collapsed = sample(severus, 'thread').locator('cord-thread .cord-collapsed-thread');
  await expect(collapsed.locator('.cord-thread-footer-container')).toBeVisible();
  await expect(sample(severus, 'thread').locator('cord-thread .cord-composer')).toHaveCount(0);
  await toggle(severus, 'thread', 'collapsed');

  // Minerva resolves it from the first message's menu: Severus's thread fires onResolved.
  const first = sample(minerva, 'thread').locator('cord-thread .cord-message').first();
  await first.hover();
  await first.getByRole('button', { name: 'Options' }).click();
  await first.getByRole('menuitem', { name: 'Resolve' }).click();
  await expect(event(severus, 'thread', 'onResolved')).toBeVisible();
  await expect(thread.locator('.cord-resolved-thread-composer')).toContainText('Resolved');
  await thread.getByRole('button', { name: 'Reopen to reply' }).click();
  await expect(thread.locator('.cord-resolved-thread-composer')).toHaveCount(0);
  problems.assertClean();
});

test('A collapsed Thread leaves its replies unread; opened, it marks them seen', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const threadId = `collapsed-${randomUUID()}`;
  const send = (page: typeof severus, text: string, createThread?: object) =>
    cord(
      page,
      `(sdk) => sdk.thread.sendMessage(${JSON.stringify(threadId)}, ${JSON.stringify({
        content: [{ type: 'p', children: [{ text }] }],
        createThread,
      })})`,
    );
  const unread = () =>
    cord<number>(
      severus,
      `(sdk) => new Promise((resolve) => {
        const ref = sdk.thread.observeThread(${JSON.stringify(threadId)}, (data) => {
          // The first answer may come before observeThread returns: unobserve after it.
          if (!data.loading && data.thread) setTimeout(() => { sdk.thread.unobserveThread(ref); resolve(data.thread.unread); });
        });
      })`,
    );
  await send(severus, 'The first message', {
    location: { page: 'collapsed' },
    url: 'http://localhost/',
    name: 'Collapsed',
  });
  await severus.evaluate((id) => {
    const element = document.createElement('cord-thread');
    element.id = 'collapsed-thread';
    element.setAttribute('thread-id', id);
    element.setAttribute('collapsed', 'true');
    document.body.prepend(element);
  }, threadId);
  await send(minerva, 'A reply Severus has not opened');
  const element = severus.locator('#collapsed-thread');
  await expect(element.locator('.cord-collapsed-thread')).toContainText('1 unread');
  // Longer than the second a shown thread waits before it counts as read.
  await severus.waitForTimeout(2_500);
  expect(await unread()).toBe(1);
  await expect(element.locator('.cord-collapsed-thread')).toContainText('1 unread');

  await element.evaluate((thread) => thread.setAttribute('collapsed', 'false'));
  await expect(element.locator('.cord-message', { hasText: 'A reply Severus has not opened' })).toBeVisible();
  await expect.poll(unread).toBe(0);
});

test('Message shows the thread first message live, fires click and edit events, and enters edit mode', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  await write(sample(severus, 'thread').locator('cord-thread'), `Make sure the thread has a message ${randomUUID()}`);

  const message = sample(minerva, 'message').locator('cord-message .cord-message');
  await expect(message).toBeVisible();
  const messageId = await message.getAttribute('data-cord-message-id');
  expect(
    await sample(minerva, 'thread').locator('cord-thread .cord-message').first().getAttribute('data-cord-message-id'),
  ).toBe(messageId);
  await message.locator('.cord-message-content').click();
  await expect(event(minerva, 'message', 'onClick')).toContainText(`"messageId":"${messageId}"`);
  await expect(event(minerva, 'message', 'onMouseEnter')).toContainText('"threadId":"components-demo"');
  // The pointer over the message (not yet its time) has made the time's tooltip.
  await expect(message.locator('.cord-timestamp')).toHaveAttribute('title', /\d/);

  // The author (whoever wrote the first message) can edit it here; the change shows in the thread.
  const author = (await message.locator('.cord-author-name').textContent()) === 'Minerva Halleck' ? minerva : severus;
  await toggle(author, 'message', 'isEditing');
  const editor = sample(author, 'message').getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toBeVisible();
  await expect(event(author, 'message', 'onEditStart')).toContainText(`"messageId":"${messageId}"`);
  const edited = `Edited in the Message section ${randomUUID()}`;
  await editor.fill(edited);
  await editor.press('Enter');
  await expect(event(author, 'message', 'onEditEnd')).toBeVisible();
  for (const page of [severus, minerva]) {
    await expect(sample(page, 'thread').locator('cord-thread .cord-message').first()).toContainText(edited);
    await expect(sample(page, 'message').locator('.cord-message')).toContainText('(Edited)');
  }
});

test('MessageContent renders Cord content; Timestamp words times as Cord does', async ({ browser }) => {
  const page = await openComponents(browser, 0);
  const content = sample(page, 'message-content').locator('cord-message-content');
  await expect(content.locator('strong')).toHaveText('rich');
  await expect(content.locator('li')).toHaveText(['lists', 'and code']);
  await expect(content.locator('code')).toHaveText('code');
  await expect(content).not.toContainText('(Edited)');
  await toggle(page, 'message-content', 'edited');
  await expect(content).toContainText('(Edited)');

  const time = sample(page, 'timestamp').locator('cord-timestamp .cord-timestamp');
  await expect(time).toHaveText(/^[56] mins ago$/);
  // The full time is the tooltip, made when the pointer comes over the time (Cord's shows on hover).
  await time.hover();
  await expect(time).toHaveAttribute('title', /\d/);
  await section(page, 'timestamp').getByLabel('minutes ago').selectOption('90');
  await expect(time).toHaveText(/^1 hour ago$/);
  await section(page, 'timestamp').getByLabel('minutes ago').selectOption('0');
  await expect(time).toHaveText('just now');
  await toggle(page, 'timestamp', 'relative');
  await expect(time).toHaveText(/^\d{1,2}:\d\d (AM|PM)$/);
});

test('Reactions: a reaction added in one section shows in the others and in the other browser', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  await write(sample(severus, 'thread').locator('cord-thread'), `Something to react to ${randomUUID()}`);
  const reactions = sample(minerva, 'reactions').locator('cord-reactions');
  await expect(reactions.locator('.cord-add-reaction')).toBeEnabled();

  // An emoji nobody used on this message yet (tests share the demo thread).
  const used = await sample(minerva, 'thread')
    .locator('cord-thread .cord-message')
    .first()
    .locator('.cord-emoji')
    .allTextContents();
  await reactions.locator('.cord-add-reaction').click();
  const options = reactions.getByRole('menuitem');
  const all = await options.allTextContents();
  const fresh = all.map((emoji) => emoji.trim()).find((emoji) => !used.includes(emoji));
  expect(fresh).toBeDefined();
  await options.filter({ hasText: fresh! }).click();
  await expect(reactions.getByRole('button', { name: `${fresh} 1` })).toHaveAttribute('aria-pressed', 'true');
  await expect(sample(severus, 'thread').getByRole('button', { name: `${fresh} 1` })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(sample(severus, 'message').getByRole('button', { name: `${fresh} 1` })).toBeVisible();

  // Severus adds his: two; Minerva takes hers back: one, his.
  await sample(severus, 'reactions')
    .getByRole('button', { name: `${fresh} 1` })
    .click();
  await expect(reactions.getByRole('button', { name: `${fresh} 2` })).toBeVisible();
  await reactions.getByRole('button', { name: `${fresh} 2` }).click();
  await expect(sample(severus, 'reactions').getByRole('button', { name: `${fresh} 1` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await toggle(minerva, 'reactions', 'showReactionList');
  await expect(reactions.locator('.cord-pill')).toHaveCount(0);
  await expect(reactions.locator('.cord-add-reaction')).toBeVisible();
});
