import { randomUUID } from 'node:crypto';
import type { InspectorState } from '@cord-tutorial/local-cord/protocol';
import type { Page } from '@playwright/test';
import { expect, LOCAL_CORD_URL, test, watchForProblems } from './fixtures.ts';
import { chooseFromMenu, composer, cord, message, openThreadAs, send, showThread } from './pages.ts';

// What a thread shows between two people (Severus and Minerva, each in a browser of their
// own, on a thread of the test's own): unread and seen, typing, the thread's menu (with
// Share via email), deleting with undo, edits and who reacted.

test.afterEach(({ browser }) => Promise.all(browser.contexts().map((context) => context.close())));

const newThreadId = () => `thread-view-${randomUUID()}`;

/** Keeps the page's Cord thread counts for the thread's location in `window.counts`, as an app observing them would. */
async function observeCounts(page: Page, threadId: string) {
  await cord(
    page,
    `(sdk) => new Promise((resolve) => {
      sdk.thread.observeThreadCounts(
        (counts) => {
          window.counts = counts;
          resolve();
        },
        { filter: { location: { value: { page: ${JSON.stringify(threadId)} }, partialMatch: false } } },
      );
    })`,
  );
  return () => page.evaluate(() => (window as unknown as { counts: { unread: number; total: number } }).counts);
}

test('a New line above what the reader had not seen, Seen by under the last message, and counts that move as the other reads', async ({
  browser,
}) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  const problems = watchForProblems(severus);
  const first = `Before you came ${randomUUID()}`;
  await send(severus, first);

  // Minerva opens the thread: what she sees is marked seen, and Severus is told.
  const minerva = await openThreadAs(browser, 1, threadId);
  const counts = await observeCounts(minerva, threadId);
  await expect(message(minerva, first)).toBeVisible();
  const seenBy = severus.locator('cord-thread .cord-thread-seen-by-container');
  await expect(seenBy).toHaveText('Seen by Minerva Halleck');
  await expect.poll(async () => (await counts()).unread).toBe(0);
  // Nothing was new to her when she opened it; her own page names nobody but Severus's readers.
  await expect(minerva.locator('cord-thread .cord-unread-message-indicator')).toHaveCount(0);
  await expect(minerva.locator('cord-thread .cord-thread-seen-by-container')).toHaveCount(0);

  // She looks at another thread; Severus writes twice: her count of unread threads goes up.
  await showThread(minerva, newThreadId());
  const second = `While you were away ${randomUUID()}`;
  const third = `And another ${randomUUID()}`;
  await send(severus, second);
  await send(severus, third);
  await expect(seenBy).toHaveCount(0);
  await expect.poll(async () => (await counts()).unread).toBe(1);

  // Back on the thread: "New" above the first message she had not seen, and it stays there
  // after the thread is marked seen; Severus sees her under his last message.
  await showThread(minerva, threadId);
  const newLine = minerva.locator('cord-thread .cord-unread-message-indicator');
  await expect(newLine).toHaveText('New');
  await expect(minerva.locator('cord-thread .cord-unread-message-indicator + .cord-message')).toContainText(second);
  await expect.poll(async () => (await counts()).unread).toBe(0);
  await expect(seenBy).toHaveText('Seen by Minerva Halleck');
  await expect(severus.locator('cord-thread .cord-message-block > :last-child')).toContainText(third);
  await expect(newLine).toHaveText('New');
  problems.assertClean();
});

test('a thread below the fold is read only once it is scrolled into view', async ({ browser }) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  await send(severus, `Hello ${randomUUID()}`);
  const minerva = await openThreadAs(browser, 1, threadId);
  const counts = await observeCounts(minerva, threadId);
  await expect.poll(async () => (await counts()).unread).toBe(0);
  // Her page grows above the thread, which leaves the screen.
  await minerva.locator('cord-thread').evaluate((thread) => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    thread.before(spacer);
    window.scrollTo(0, 0);
  });
  const text = `Below the fold ${randomUUID()}`;
  await send(severus, text);
  await expect(message(minerva, text)).toBeAttached();
  await expect.poll(async () => (await counts()).unread).toBe(1);
  // Longer than Cord's second before marking what is shown as seen: still unread.
  await minerva.waitForTimeout(2_000);
  expect((await counts()).unread).toBe(1);
  await expect(severus.locator('cord-thread .cord-thread-seen-by-container')).toHaveCount(0);

  await message(minerva, text).scrollIntoViewIfNeeded();
  await expect.poll(async () => (await counts()).unread).toBe(0);
  await expect(severus.locator('cord-thread .cord-thread-seen-by-container')).toHaveText('Seen by Minerva Halleck');
});

test("another user's typing shows while they type and goes a few seconds after they stop", async ({ browser }) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  await send(severus, `Anyone there? ${randomUUID()}`);
  const minerva = await openThreadAs(browser, 1, threadId);

  await composer(minerva).fill('I am writing a long answer');
  const typing = severus.locator('cord-thread .cord-typing-indicator-container');
  await expect(typing.locator('.cord-typing-indicators')).toHaveText('Minerva Halleck is typing…');
  await expect(typing.getByRole('img', { name: 'Minerva Halleck' })).toBeVisible();
  // The typist never sees themselves typing.
  await expect(minerva.locator('cord-thread .cord-typing-indicator-container')).toHaveCount(0);
  // She stops without sending: the indicator lapses (Cord's few seconds) without a message.
  await expect(typing).toHaveCount(0, { timeout: 10_000 });
  await expect(composer(minerva)).toHaveText('I am writing a long answer');
});

test("the thread's menu: subscribe, unsubscribe and share by e-mail, with Cord's toasts; resolve shows Cord's resolved state on the other page, and reopen comes back", async ({
  browser,
}) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  const text = `Please review ${randomUUID()}`;
  await send(severus, text);
  const minerva = await openThreadAs(browser, 1, threadId);
  const problems = watchForProblems(minerva);
  const firstOf = (page: Page) => page.locator('cord-thread .cord-message').first();
  const container = (page: Page) => page.locator('cord-thread .cord-thread');

  // Minerva has not written here: she does not follow the thread until she subscribes.
  await expect(container(minerva)).not.toHaveClass(/cord-subscribed/);
  await chooseFromMenu(firstOf(minerva), 'Subscribe');
  await expect(container(minerva)).toHaveClass(/cord-subscribed/);
  await expect(minerva.locator('cord-thread').getByRole('status')).toHaveText("You've subscribed to this thread");
  await chooseFromMenu(firstOf(minerva), 'Unsubscribe');
  await expect(container(minerva)).not.toHaveClass(/cord-subscribed/);
  await expect(minerva.locator('cord-thread').getByRole('status')).toHaveText("You've unsubscribed from this thread");

  // Share via email: the e-mail goes to local Cord's Outbox, where Cord would have sent it.
  await chooseFromMenu(firstOf(minerva), 'Share via email');
  const address = `reviewer-${randomUUID()}@example.com`;
  await minerva.getByRole('textbox', { name: 'Share via email' }).fill(address);
  await minerva.getByRole('button', { name: 'Share via email', exact: true }).click();
  await expect(minerva.locator('cord-thread').getByRole('status')).toHaveText(`Shared to ${address}`);
  const outbox = async () =>
    ((await (await minerva.request.get(`${LOCAL_CORD_URL}/inspector/state`)).json()) as InspectorState).outbox;
  await expect
    .poll(async () => (await outbox()).find((email) => email.to === address)?.subject)
    .toMatch(/^Minerva Halleck shared a thread with you/);
  // Severus, who wrote the first message, follows it all along.
  await expect(container(severus)).toHaveClass(/cord-subscribed/);

  // Minerva resolves it: on Severus's page it takes Cord's resolved state at once.
  await chooseFromMenu(firstOf(minerva), 'Resolve');
  const resolved = severus.locator('cord-thread .cord-resolved-thread-composer');
  await expect(container(severus)).toHaveClass(/cord-resolved/);
  await expect(resolved).toContainText('Resolved');
  await expect(severus.locator('cord-thread .cord-message.cord-action')).toContainText(
    'Minerva Halleck resolved this thread',
  );
  await expect(composer(severus)).toHaveCount(0);

  // Severus reopens it from there: Minerva's thread is open again, her composer back.
  await resolved.getByRole('button', { name: 'Reopen to reply' }).click();
  await expect(container(minerva)).not.toHaveClass(/cord-resolved/);
  await expect(minerva.locator('cord-thread .cord-resolved-thread-composer')).toHaveCount(0);
  await expect(composer(minerva)).toBeEnabled();
  await expect(minerva.locator('cord-thread .cord-message.cord-action').last()).toContainText(
    'Severus Atreides reopened this thread',
  );
  problems.assertClean();
});

test('a deleted message leaves a tombstone with Undo for its author and goes for the other; Undo brings it back to both', async ({
  browser,
}) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  await send(severus, `Stays ${randomUUID()}`);
  const text = `Regret this ${randomUUID()}`;
  const sent = await send(severus, text);
  const minerva = await openThreadAs(browser, 1, threadId);
  await expect(message(minerva, text)).toBeVisible();

  await chooseFromMenu(sent, 'Delete');
  const tombstone = severus.locator('cord-thread .cord-message.cord-deleted');
  await expect(tombstone).toContainText('Severus Atreides deleted a message');
  await expect(message(minerva, text)).toHaveCount(0);

  await tombstone.getByRole('button', { name: 'Undo' }).click();
  await expect(tombstone).toHaveCount(0);
  await expect(message(severus, text).locator('.cord-message-content')).toHaveText(text);
  await expect(message(minerva, text).locator('.cord-message-content')).toHaveText(text);
});

test('an edit shows "(Edited)" on the other page, with the new text', async ({ browser }) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  const text = `First draft ${randomUUID()}`;
  const sent = await send(severus, text);
  const minerva = await openThreadAs(browser, 1, threadId);
  const received = minerva.locator(
    `cord-thread [data-cord-message-id="${await sent.getAttribute('data-cord-message-id')}"]`,
  );
  await expect(received).toContainText(text);
  await expect(received.getByText('(Edited)')).toHaveCount(0);

  await chooseFromMenu(sent, 'Edit');
  const editor = sent.getByRole('textbox', { name: 'Edit message' });
  await editor.fill(`${text}, second draft`);
  await editor.press('Enter');
  await expect(received.locator('.cord-message-content')).toContainText(`${text}, second draft`);
  await expect(received.getByText('(Edited)')).toBeVisible();
});

test('hovering a reaction tells who reacted', async ({ browser }) => {
  const threadId = newThreadId();
  const severus = await openThreadAs(browser, 0, threadId);
  const sent = await send(severus, `React to this ${randomUUID()}`);
  await sent.hover();
  await sent.getByRole('button', { name: 'Add reaction' }).click();
  await sent.getByRole('menuitem', { name: '👍' }).click();
  await expect(sent.getByRole('button', { name: '👍 1' })).toBeVisible();

  const minerva = await openThreadAs(browser, 1, threadId);
  const pill = minerva.locator('cord-thread .cord-pill', { hasText: '👍' });
  await expect(pill.getByRole('tooltip')).toBeHidden();
  await pill.hover();
  await expect(pill.getByRole('tooltip')).toHaveText('Severus Atreides reacted with 👍');
  await pill.click();

  const mine = sent.getByRole('button', { name: '👍 2' });
  await mine.hover();
  await expect(mine.getByRole('tooltip')).toHaveText('You, Minerva Halleck reacted with 👍');
  await minerva.mouse.move(0, 0);
  await expect(pill.getByRole('tooltip')).toBeHidden();
});
