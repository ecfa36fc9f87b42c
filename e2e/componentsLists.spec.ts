import { randomUUID } from 'node:crypto';
import { choose, closeAll, cord, event, openComponents, sample, section, toggle, write } from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';

// The Writing and Lists sections of the components page: Composer, ThreadList and
// ThreadedComments through @cord-sdk/react, between two users; and Cord's
// <cord-threaded-comments> element as a page without React would use it.

test.afterEach(({ browser }) => closeAll(browser));

test('Composer starts a thread per message, which the other user sees in the ThreadList, with its events', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const composer = sample(severus, 'composer').locator('cord-composer');

  await expect(composer.locator('.cord-composer')).toHaveClass(/cord-medium/);
  await expect(composer.locator('.cord-editor')).toHaveAttribute('placeholder', 'Add a comment...');
  const text = `A new thread from the Composer ${randomUUID()}`;
  await write(composer, text);
  await expect(event(severus, 'composer', 'onFocus')).toContainText('"threadId":"cord:');
  await expect(event(severus, 'composer', 'onSend')).toContainText('"messageId":');
  const sent = await event(severus, 'composer', 'onSend').textContent();
  const threadId = /"threadId":"(cord:[^"]+)"/.exec(sent ?? '')?.[1];
  expect(threadId).toBeDefined();

  // Live in the other browser's thread list, on top, as new to her.
  const listed = sample(minerva, 'thread-list').locator(`.cord-clickable-thread[data-cord-thread-id="${threadId}"]`);
  await expect(listed).toContainText(text);
  await expect(listed.locator('.cord-thread-footer-container')).toHaveText('New');
  await expect(sample(minerva, 'thread-list').locator('.cord-clickable-thread').first()).toHaveAttribute(
    'data-cord-thread-id',
    threadId!,
  );

  // The next message starts another thread.
  await write(composer, `Another thread ${randomUUID()}`);
  await expect(event(severus, 'composer', 'onSend')).not.toContainText(threadId!);

  // Replying to the demo thread (one with messages: "Reply..."), small, with a close button.
  await cord(
    severus,
    `(sdk) => sdk.thread.sendMessage('components-demo', { content: [{ type: 'p', children: [{ text: 'hi' }] }], createThread: { name: 'Demo', url: location.href, location: { page: 'components' } } })`,
  );
  await toggle(severus, 'composer', 'threadId: the demo thread');
  await choose(severus, 'composer', 'size', 'small');
  await toggle(severus, 'composer', 'showCloseButton');
  await expect(composer.locator('.cord-composer')).toHaveClass(/cord-small/);
  await expect(composer.locator('.cord-editor')).toHaveAttribute('placeholder', 'Reply...');
  await composer.locator('.cord-editor').click();
  await composer.locator('.cord-close-button').click();
  await expect(event(severus, 'composer', 'onClose')).toContainText('"threadId":"components-demo"');
  problems.assertClean();
});

test('ThreadList: live unread counts, click and hover events, resolved threads under a toggle', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const threadId = `list-${randomUUID()}`;
  const text = `Listed ${randomUUID()}`;
  const send = (message: string, create = false) =>
    cord(
      severus,
      `(sdk) => sdk.thread.sendMessage(${JSON.stringify(threadId)}, { content: [{ type: 'p', children: [{ text: ${JSON.stringify(message)} }] }]${create ? ", createThread: { name: 'Listed', url: location.href, location: { page: 'components' } }" : ''} })`,
    );
  // Written before Minerva looks: both messages are new to her (a comments section showing a
  // one-message thread would mark it seen, as Cord's does).
  await send(text, true);
  await send('a reply');
  const minerva = await openComponents(browser, 1);
  const listed = sample(minerva, 'thread-list').locator(`.cord-clickable-thread[data-cord-thread-id="${threadId}"]`);
  await expect(listed).toContainText(text);
  await expect(listed.locator('.cord-thread-replies')).toHaveText('2 unread');
  await expect(listed.locator('.cord-thread-footer-container')).toHaveClass(/cord-unseen/);
  // Live: Severus's next reply counts in at once.
  await send('another reply');
  await expect(listed.locator('.cord-thread-replies')).toHaveText('3 unread');

  await listed.locator('.cord-message-content').hover();
  await expect(event(minerva, 'thread-list', 'onThreadMouseEnter')).toContainText(threadId);
  await listed.locator('.cord-message-content').click();
  await expect(event(minerva, 'thread-list', 'onThreadClick')).toContainText(`["${threadId}"`);

  // Resolved by Severus: Minerva's list fires onThreadResolve and moves it under the toggle.
  await cord(severus, `(sdk) => sdk.thread.updateThread(${JSON.stringify(threadId)}, { resolved: true })`);
  await expect(event(minerva, 'thread-list', 'onThreadResolve')).toContainText(threadId);
  await expect(listed).toHaveCount(0);
  await section(minerva, 'thread-list').getByRole('button', { name: 'Show resolved threads' }).click();
  await expect(listed.locator('.cord-resolved-thread-header-container')).toContainText('Resolved');
  await listed.getByRole('button', { name: 'Reopen' }).click();
  await expect(event(severus, 'thread-list', 'onThreadReopen')).toContainText(threadId);
});

test('ThreadedComments: comments and replies between two users, resolved ones in their tab', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const comments = (page: typeof severus) => sample(page, 'threaded-comments');
  const comment = `A comment ${randomUUID()}`;
  await write(comments(severus).locator('cord-composer').last(), comment);
  await expect(event(severus, 'threaded-comments', 'onSend')).toBeVisible();

  const thread = (page: typeof severus) =>
    comments(page).locator('.cord-threaded-comments-thread', {
      has: page.locator('.cord-message', { hasText: comment }),
    });
  await expect(thread(minerva)).toBeVisible();

  // Minerva replies; Severus sees "1 new reply" and expands it.
  await thread(minerva).getByRole('button', { name: 'Reply' }).click();
  const reply = `A reply ${randomUUID()}`;
  await write(thread(minerva).locator('cord-composer'), reply);
  await expect(thread(severus).locator('.cord-expand-replies')).toContainText('1 new reply');
  await thread(severus).locator('.cord-expand-replies').first().click();
  await expect(thread(severus).locator('.cord-replies-container .cord-message', { hasText: reply })).toBeVisible();

  await thread(severus).locator('.cord-message', { hasText: comment }).locator('.cord-message-content').click();
  await expect(event(severus, 'threaded-comments', 'onMessageClick')).toContainText('"messageId"');

  // Resolved: gone from the open comments, in the Resolved tab.
  const threadId = await thread(severus).getAttribute('data-cord-thread-id');
  await cord(minerva, `(sdk) => sdk.thread.updateThread(${JSON.stringify(threadId)}, { resolved: true })`);
  await expect(thread(severus)).toHaveCount(0);
  await choose(severus, 'threaded-comments', 'displayResolved', 'tabbed');
  await comments(severus).getByRole('button', { name: 'Resolved' }).click();
  await expect(thread(severus)).toHaveClass(/cord-resolved/);
  await thread(severus).hover();
  await thread(severus).getByRole('button', { name: 'Reopen' }).click();
  await expect(event(severus, 'threaded-comments', 'onThreadReopen')).toContainText(threadId!);
  await expect(thread(minerva)).toBeVisible();
});

test('the <cord-threaded-comments> element, as a page without React writes it', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const location = { page: 'components', element: randomUUID() };
  const addElement = (page: typeof severus, extra = '') =>
    page.evaluate(
      ([where, attributes]) => {
        const holder = document.createElement('div');
        holder.id = 'raw-element';
        holder.innerHTML = `<cord-threaded-comments location='${where}' ${attributes}></cord-threaded-comments>`;
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        for (const name of ['messageclick', 'threadresolve', 'render']) {
          holder.addEventListener(`cord-threaded-comments:${name}`, (e) =>
            seen.push(`${name} ${JSON.stringify((e as CustomEvent).detail).slice(0, 80)}`),
          );
        }
        document.body.prepend(holder);
      },
      [JSON.stringify(location), extra] as const,
    );
  await addElement(severus, 'composer-position="top" display-resolved="sequentially"');
  await addElement(minerva, 'show-replies="initiallyExpanded"');
  const element = (page: typeof severus) => page.locator('#raw-element cord-threaded-comments');
  await expect(element(severus).locator('.cord-empty-state-placeholder-title')).toHaveText(
    'Be the first to add a comment',
  );

  const text = `From the element ${randomUUID()}`;
  await write(element(severus).locator('cord-composer'), text);
  const thread = (page: typeof severus) => element(page).locator('.cord-threaded-comments-thread', { hasText: text });
  await expect(thread(minerva)).toBeVisible();
  await expect(element(severus).locator('.cord-threaded-comments-thread-list').locator('cord-composer')).toHaveCount(0);

  await thread(minerva).getByRole('button', { name: 'Reply' }).click();
  await write(thread(minerva).locator('cord-composer'), 'a reply from the element');
  await expect(thread(severus).locator('.cord-expand-replies')).toContainText('1 new reply');
  await thread(severus).locator('.cord-message-content').first().click();
  await expect
    .poll(() => severus.evaluate(() => (window as unknown as { seen: string[] }).seen.join('\n')))
    .toContain('messageclick');

  // Resolved from the first message's menu: the element's threadresolve, then the "sequentially" section.
  const first = thread(severus).locator('.cord-message').first();
  await first.hover();
  await first.getByRole('button', { name: 'Options' }).click();
  await first.getByRole('menuitem', { name: 'Resolve' }).click();
  await expect
    .poll(() => severus.evaluate(() => (window as unknown as { seen: string[] }).seen.join('\n')))
    .toContain('threadresolve');
  const expand = element(severus).locator('.cord-threaded-comments-expand-resolved-button');
  await expect(expand).toHaveText(/Show resolved threads/);
  await expand.click();
  await expect(thread(severus)).toHaveClass(/cord-resolved/);
  problems.assertClean();
});
