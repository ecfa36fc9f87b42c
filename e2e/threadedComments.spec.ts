import { randomUUID } from 'node:crypto';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { GROUP, rest } from './restApi.ts';

// <cord-threaded-comments> on the guide's vanilla page, over threads written through Cord's
// REST API by another user: what the page shows from its first rendering on.

test('threaded comments name the authors from the first rendering, never by their ids', async ({ browser }) => {
  const location = { page: 'threaded-comments', test: randomUUID() };
  const page = await (await browser.newContext()).newPage();
  const problems = watchForProblems(page);
  await page.goto(`${WEB_URL}/vanilla.html?userIndex=0`);
  await expect(page.locator('cord-thread .cord-editor')).toBeEnabled();
  // Severus's first visit makes him and the group; then Minerva writes, and his page, which
  // has not met her, gets her name with the threads and their messages.
  await rest('PUT', 'users/minervahalleck', { name: 'Minerva Halleck', addGroups: [GROUP] });
  const threadId = `named-${randomUUID()}`;
  const created = await rest('POST', 'threads', {
    id: threadId,
    groupID: GROUP,
    name: 'Named',
    url: WEB_URL,
    location,
  });
  expect(created.status).toBe(200);
  for (const text of ['The first message', 'A reply']) {
    const sent = await rest('POST', `threads/${threadId}/messages`, {
      authorID: 'minervahalleck',
      content: [{ type: 'p', children: [{ text }] }],
    });
    expect(sent.status).toBe(200);
  }

  await page.evaluate((where) => {
    const names: string[] = [];
    (window as unknown as { authorNames: string[] }).authorNames = names;
    const holder = document.createElement('div');
    holder.id = 'comments';
    // Every author name the element ever shows, as it shows it.
    new MutationObserver(() => {
      for (const name of holder.querySelectorAll('.cord-author-name')) names.push(name.textContent ?? '');
    }).observe(holder, { subtree: true, childList: true, characterData: true });
    holder.innerHTML = '<cord-threaded-comments show-replies="initiallyExpanded"></cord-threaded-comments>';
    holder.firstElementChild?.setAttribute('location', where);
    document.body.prepend(holder);
  }, JSON.stringify(location));

  const thread = page.locator('#comments .cord-threaded-comments-thread');
  await expect(thread.locator('.cord-message')).toHaveCount(2);
  await expect(thread.locator('.cord-author-name')).toHaveText(['Minerva Halleck', 'Minerva Halleck']);
  const shown = await page.evaluate(() => (window as unknown as { authorNames: string[] }).authorNames);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((name) => name !== 'Minerva Halleck')).toEqual([]);
  problems.assertClean();
  await page.context().close();
});
