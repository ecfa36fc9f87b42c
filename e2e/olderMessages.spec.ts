import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { openThreads, shownThread } from './pages.ts';
import { GROUP, rest } from './restApi.ts';

// A long thread opens on its newest messages only; scrolling up loads the older ones a page
// at a time, in <cord-thread> and in betaV2's Thread (both real, from the unmodified SDK).

const MESSAGES = 80;

/** A thread of MESSAGES messages, "Older N" numbered from 0, written over the REST API. */
async function longThread(): Promise<string> {
  const threadId = `long-${randomUUID()}`;
  // The author and the group exist before any page signs in, as a customer's server makes them.
  expect((await rest('PUT', 'users/minervahalleck', { name: 'Minerva Halleck' })).status).toBe(200);
  expect(
    (await rest('PUT', `groups/${GROUP}`, { name: 'Star Potter Dune Wars', members: ['minervahalleck'] })).status,
  ).toBe(200);
  for (let index = 0; index < MESSAGES; index++) {
    const answer = await rest('POST', `threads/${threadId}/messages`, {
      authorID: 'minervahalleck',
      content: [{ type: 'p', children: [{ text: `Older ${index} of ${threadId}` }] }],
      createThread: { groupID: GROUP, name: 'A long thread', url: WEB_URL, location: { page: 'long' } },
    });
    expect(answer.status).toBe(200);
  }
  return threadId;
}

/**
 * Scrolls the box up to its top, as a reader does (from a little lower each time), until
 * the first message shows: each time at the top loads one older page.
 */
async function scrollUpTo(box: Locator, first: Locator) {
  await expect(async () => {
    await box.evaluate(async (element) => {
      element.scrollTo({ top: 300 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      element.scrollTo({ top: 0 });
    });
    await expect(first).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

const messageNumbered = (scope: Locator | Page, index: number, threadId: string) =>
  scope.locator('.cord-message', { hasText: `Older ${index} of ${threadId}` });

test('<cord-thread> shows the newest messages of a long thread, and older ones as the reader scrolls up', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const threadId = await longThread();
  await page.goto(`${WEB_URL}/vanilla.html?userIndex=0`);
  await page.evaluate((id) => {
    const element = document.createElement('cord-thread');
    element.setAttribute('thread-id', id);
    element.id = 'long-thread';
    document.body.append(element);
  }, threadId);
  const thread = page.locator('#long-thread');

  await expect(messageNumbered(thread, MESSAGES - 1, threadId)).toBeVisible();
  await expect(messageNumbered(thread, 0, threadId)).toHaveCount(0);
  const shown = await thread.locator('.cord-message').count();
  expect(shown).toBeLessThan(MESSAGES);

  await scrollUpTo(thread.locator('.cord-scroll-container'), messageNumbered(thread, 0, threadId));
  await expect(thread.locator('.cord-message')).toHaveCount(MESSAGES);
  problems.assertClean();
});

test("betaV2's Thread loads older messages as the reader scrolls up", async ({ browser }) => {
  const threadId = await longThread();
  const page = await openThreads(browser, 1, threadId);
  const problems = watchForProblems(page);
  const thread = shownThread(page);

  await expect(messageNumbered(thread, MESSAGES - 1, threadId)).toBeVisible();
  await expect(messageNumbered(thread, 0, threadId)).toHaveCount(0);

  await scrollUpTo(thread.locator('.cord-scroll-container'), messageNumbered(thread, 0, threadId));
  await expect(thread.locator('.cord-message')).toHaveCount(MESSAGES);
  problems.assertClean();
});
