import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { GROUP, rest } from './restApi.ts';

// <cord-threaded-comments> on the guide's vanilla page, over threads written through Cord's
// REST API by another user: what the page shows from its first rendering on.

/** Severus on the vanilla page; his first visit makes him and the group. `clock`: the page's time is Playwright's. */
async function severusPage(browser: Browser, { clock = false } = {}): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (clock) await page.clock.install();
  await page.goto(`${WEB_URL}/vanilla.html?userIndex=0`);
  await expect(page.locator('cord-thread .cord-editor')).toBeEnabled();
  return page;
}

/** A thread by Minerva at `location`, its first message and then `replies`. */
async function minervaWrites(location: Record<string, string>, replies: number) {
  await rest('PUT', 'users/minervahalleck', { name: 'Minerva Halleck', addGroups: [GROUP] });
  const threadId = `comments-${randomUUID()}`;
  const created = await rest('POST', 'threads', {
    id: threadId,
    groupID: GROUP,
    name: 'Comments',
    url: WEB_URL,
    location,
  });
  expect(created.status).toBe(200);
  for (let message = 0; message <= replies; message++) {
    const sent = await rest('POST', `threads/${threadId}/messages`, {
      authorID: 'minervahalleck',
      content: [{ type: 'p', children: [{ text: message === 0 ? 'The first message' : `Reply ${message}` }] }],
    });
    expect(sent.status).toBe(200);
  }
}

/** Puts the element, replies expanded, at the top of the page; records every author name it shows. */
function addComments(page: Page, location: Record<string, string>) {
  return page.evaluate((where) => {
    const names: string[] = [];
    (window as unknown as { authorNames: string[] }).authorNames = names;
    const holder = document.createElement('div');
    holder.id = 'comments';
    new MutationObserver(() => {
      for (const name of holder.querySelectorAll('.cord-author-name')) names.push(name.textContent ?? '');
    }).observe(holder, { subtree: true, childList: true, characterData: true });
    holder.innerHTML = '<cord-threaded-comments show-replies="initiallyExpanded"></cord-threaded-comments>';
    holder.firstElementChild?.setAttribute('location', where);
    document.body.prepend(holder);
  }, JSON.stringify(location));
}

test('threaded comments name the authors from the first rendering, never by their ids', async ({ browser }) => {
  const location = { page: 'threaded-comments', test: randomUUID() };
  const page = await severusPage(browser);
  const problems = watchForProblems(page);
  // Severus's page has not met Minerva: her name comes with the threads and their messages.
  await minervaWrites(location, 1);
  await addComments(page, location);

  const thread = page.locator('#comments .cord-threaded-comments-thread');
  await expect(thread.locator('.cord-message')).toHaveCount(2);
  await expect(thread.locator('.cord-author-name')).toHaveText(['Minerva Halleck', 'Minerva Halleck']);
  const shown = await page.evaluate(() => (window as unknown as { authorNames: string[] }).authorNames);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((name) => name !== 'Minerva Halleck')).toEqual([]);
  problems.assertClean();
  await page.context().close();
});

test("a reply's emoji picker opens by its button, in the viewport, wherever the reply is", async ({ browser }) => {
  const location = { page: 'threaded-comments', test: randomUUID() };
  const page = await severusPage(browser);
  const problems = watchForProblems(page);
  await minervaWrites(location, 20);
  await addComments(page, location);

  // The last reply is far down the page (replies out of sight are not laid out until near).
  const reply = page.locator('#comments .cord-replies-container .cord-message', { hasText: 'Reply 20' });
  await reply.scrollIntoViewIfNeeded();
  await reply.hover();
  const button = reply.getByRole('button', { name: 'Add reaction' });
  await button.click();
  const picker = page.locator('#comments .cord-emoji-picker');
  await expect(picker).toBeVisible();
  const [at, from] = await Promise.all([picker.boundingBox(), button.boundingBox()]);
  const viewport = page.viewportSize();
  if (!at || !from || !viewport) throw new Error('not laid out');
  // Lined up with the button's right edge, or its left where that leaves no room; in the viewport.
  const lined = Math.min(Math.abs(at.x + at.width - (from.x + from.width)), Math.abs(at.x - from.x));
  expect(lined).toBeLessThanOrEqual(2);
  expect(at.y).toBeGreaterThanOrEqual(0);
  expect(at.y + at.height).toBeLessThanOrEqual(viewport.height);
  problems.assertClean();
  await page.context().close();
});

test('the times of the comments move on with the clock, to the minute', async ({ browser }) => {
  const location = { page: 'threaded-comments', test: randomUUID() };
  const page = await severusPage(browser, { clock: true });
  const problems = watchForProblems(page);
  await minervaWrites(location, 2);
  await addComments(page, location);

  const times = page.locator('#comments .cord-threaded-comments-thread .cord-timestamp');
  await expect(times).toHaveText(['just now', 'just now', 'just now']);
  await page.clock.fastForward(61_000);
  await expect(times).toHaveText(['1 min ago', '1 min ago', '1 min ago']);
  await page.clock.fastForward(60_000);
  await expect(times).toHaveText(['2 mins ago', '2 mins ago', '2 mins ago']);
  problems.assertClean();
  await page.context().close();
});
