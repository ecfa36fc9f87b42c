import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { choose, closeAll, cord, event, openComponents, sample, section, toggle, write } from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';

// The "On the page" sections of the components page: Pin, FloatingThreads,
// SelectionComments and LiveCursors through @cord-sdk/react (and Cord's elements where
// React has no component), between two users.

test.afterEach(({ browser }) => closeAll(browser));

/** The point a pin points at: its container's lower left corner. */
async function pinPoint(pin: Locator) {
  const box = (await pin.locator('.cord-pin-container').boundingBox())!;
  return { x: box.x, y: box.y + box.height };
}

/** Where a point is within an element's box, as fractions of its width and height. */
async function within(element: Locator, point: { x: number; y: number }) {
  const box = (await element.boundingBox())!;
  return { x: (point.x - box.x) / box.width, y: (point.y - box.y) / box.height };
}

test('Pin: a thread marker with its author, blue for unread, opening its thread, with Cord events', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const pin = (page: Page) => sample(page, 'pin').locator('cord-pin').first();

  // No thread yet: the viewer's own face, the read look, and null for the thread.
  await expect(pin(severus)).toHaveClass(/cord-component cord-v1 cord-component-pin/);
  await expect(pin(severus).locator('.cord-pin-container .cord-avatar-container')).toHaveAttribute(
    'title',
    'Severus Atreides',
  );
  await expect(pin(severus).locator('.cord-pin-container')).not.toHaveClass(/cord-unseen/);
  await expect(pin(severus)).toHaveCSS('position', 'relative');
  await pin(severus).locator('.cord-pin-container').click();
  await expect(event(severus, 'pin', 'onClick')).toHaveText('onClick [null]');

  // The page's child (the thread) is the pin's child, beside Cord's container.
  const thread = pin(severus).locator(':scope > cord-thread');
  await expect(thread.locator('.cord-editor')).toBeFocused();
  await expect(pin(severus).locator(':scope > .cord-pin-container')).toHaveCount(1);
  const text = `On the sun ${randomUUID()}`;
  await write(thread, text);

  // Minerva: Severus's face, blue while new to her; hover and click say which thread.
  const hers = pin(minerva).locator('.cord-pin-container');
  await expect(hers.locator('.cord-avatar-container')).toHaveAttribute('title', 'Severus Atreides');
  await expect(hers).toHaveClass(/cord-unseen/);
  await expect(hers.locator('.cord-annotation-pin')).toHaveCSS('fill', 'rgb(0, 121, 255)');
  await hers.hover();
  await expect(event(minerva, 'pin', 'onMouseEnter')).toContainText('"id":"components-pin-sun"');
  await hers.click();
  await expect(event(minerva, 'pin', 'onClick')).toContainText('"id":"components-pin-sun"');
  await expect(pin(minerva).locator('cord-thread .cord-message', { hasText: text })).toBeVisible();
  await minerva.mouse.move(0, 0);
  await expect(event(minerva, 'pin', 'onMouseLeave')).toContainText('"id":"components-pin-sun"');
  // Seen now: the read look again.
  await expect(hers).not.toHaveClass(/cord-unseen/);

  // Resolved by Severus: Minerva's pin fires onResolve with the resolved thread.
  await cord(severus, `(sdk) => sdk.thread.updateThread('components-pin-sun', { resolved: true })`);
  await expect(event(minerva, 'pin', 'onResolve')).toContainText('"resolved":true');
  problems.assertClean();
});

test('FloatingThreads: a comment where one user clicks, a pin at the same spot for the other, with Cord events', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const floating = (page: Page) => sample(page, 'floating-threads').locator('cord-floating-threads');
  const paragraph = (page: Page) => sample(page, 'floating-threads').locator('#floating-document p').nth(1);

  await floating(severus).getByRole('button', { name: 'Add comment' }).click();
  await expect(event(severus, 'floating-threads', 'onStart')).toHaveText('onStart []');
  await expect(floating(severus).locator('.cord-annotation-prompt')).toContainText('Click to comment');
  // Pins are drawn over the page where their spot is: the test looks where it points.
  await paragraph(severus).scrollIntoViewIfNeeded();
  const box = (await paragraph(severus).boundingBox())!;
  const spot = { x: box.x + box.width * 0.3, y: box.y + box.height / 2 };
  await severus.mouse.click(spot.x, spot.y);

  // The new thread's composer opens at the spot, focused; sending creates it there.
  const draft = floating(severus).locator('.cord-floating-thread.cord-draft');
  await expect(draft.locator('.cord-editor')).toBeFocused();
  const text = `Floating ${randomUUID()}`;
  await draft.locator('.cord-editor').fill(text);
  await draft.locator('.cord-editor').press('Enter');
  await expect(event(severus, 'floating-threads', 'onFinish')).toContainText('onFinish ["cord:');
  const threadId = /\["([^"]+)"\]/.exec((await event(severus, 'floating-threads', 'onFinish').textContent())!)![1]!;
  const open = floating(severus).locator('.cord-floating-thread cord-thread');
  await expect(open.locator('.cord-message', { hasText: text })).toBeVisible();
  // The list at the same location highlights the open thread.
  const listed = (page: Page) =>
    sample(page, 'floating-threads').locator(`cord-thread-list [data-cord-thread-id="${threadId}"]`);
  await expect(listed(severus).locator('.cord-collapsed-thread')).toHaveClass(/cord-highlighted/);
  await severus.keyboard.press('Escape');
  await expect(open).toHaveCount(0);
  await expect(listed(severus).locator('.cord-collapsed-thread')).not.toHaveClass(/cord-highlighted/);

  // Minerva sees the pin at the same spot of the paragraph, and opens the thread from it.
  await paragraph(minerva).scrollIntoViewIfNeeded();
  const pin = floating(minerva).locator(`.cord-annotation-pointer-container[data-cord-thread-id="${threadId}"]`);
  await expect(pin.locator('.cord-avatar-container')).toHaveAttribute('title', 'Severus Atreides');
  const seen = await within(paragraph(minerva), await pinPoint(pin));
  const placed = await within(paragraph(severus), spot);
  expect(seen.x).toBeCloseTo(placed.x, 1);
  expect(seen.y).toBeCloseTo(placed.y, 1);
  await pin.locator('.cord-pin-container').click();
  await expect(floating(minerva).locator('.cord-floating-thread .cord-message', { hasText: text })).toBeVisible();
  // The pin follows the page as it scrolls.
  const before = await pinPoint(pin);
  await minerva.mouse.wheel(0, 120);
  await expect.poll(async () => (await pinPoint(pin)).y).toBeLessThan(before.y - 60);

  // From the page's code through React's ref: openThread() and createThread(); Escape cancels.
  await severus.evaluate(() => window.scrollTo(0, 0));
  await sample(severus, 'floating-threads').getByRole('button', { name: 'createThread()' }).click();
  await expect(floating(severus).locator('.cord-annotation-overlay')).toBeVisible();
  await severus.keyboard.press('Escape');
  await expect(event(severus, 'floating-threads', 'onCancel')).toHaveText('onCancel []');
  await expect(floating(severus).locator('.cord-annotation-overlay')).toHaveCount(0);
  await listed(severus).locator('.cord-message-content').click();
  await expect(open.locator('.cord-message', { hasText: text })).toBeVisible();

  // Its props: no label (icon only), disabled, no button.
  await choose(severus, 'floating-threads', 'buttonLabel', '');
  const button = floating(severus).locator('[data-cord-button="add-comment"]');
  await expect(button).toHaveAccessibleName('Add comment');
  await expect(button.locator('.cord-button-label')).toHaveCount(0);
  await toggle(severus, 'floating-threads', 'disabled');
  await expect(button).toBeDisabled();
  await toggle(severus, 'floating-threads', 'showButton');
  await expect(button).toHaveCount(0);
  problems.assertClean();
});

test('SelectionComments: a comment on selected words, pinned there for the other user', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const element = (page: Page) => sample(page, 'selection-comments').locator('cord-selection-comments');
  const words = 'a button appears by the selection';

  await element(severus).scrollIntoViewIfNeeded();
  await element(severus)
    .locator('p')
    .first()
    .evaluate((paragraph, selected) => {
      const text = paragraph.firstChild!;
      const start = text.textContent!.indexOf(selected);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + selected.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, words);
  const button = element(severus).getByRole('button', { name: 'Add comment' });
  await button.click();
  const draft = element(severus).locator('.cord-floating-thread.cord-draft');
  await expect(draft.locator('.cord-editor')).toBeFocused();
  const text = `About those words ${randomUUID()}`;
  await draft.locator('.cord-editor').fill(text);
  await draft.locator('.cord-editor').press('Enter');
  await expect(element(severus).locator('.cord-floating-thread .cord-message', { hasText: text })).toBeVisible();

  // Minerva: a pin by the words; its thread's first message carries them (Cord's annotation).
  await element(minerva).scrollIntoViewIfNeeded();
  const pin = element(minerva).locator('.cord-annotation-pointer-container');
  await expect(pin).toHaveCount(1);
  await pin.locator('.cord-pin-container').click();
  const opened = element(minerva).locator('.cord-floating-thread cord-thread');
  await expect(opened.locator('.cord-message', { hasText: text })).toBeVisible();
  const threadId = await opened.getAttribute('thread-id');
  const attachments = await cord<unknown[]>(
    minerva,
    `(sdk) => new Promise((resolve) => sdk.thread.observeThread(${JSON.stringify(threadId)}, (data) => data.thread && resolve(data.thread.firstMessage.attachments)))`,
  );
  expect(attachments).toEqual([expect.objectContaining({ type: 'annotation', textContent: words })]);

  // Another label, from its attribute; Cord's icon beside it.
  await choose(severus, 'selection-comments', 'button-label', 'Comment');
  await element(severus).locator('p').nth(1).selectText();
  const labelled = element(severus).getByRole('button', { name: 'Comment', exact: true });
  await expect(labelled).toBeVisible();
  await expect(labelled.locator('svg.cord-icon')).toHaveCount(1);

  // icon-url: the page's picture instead of Cord's icon; empty, no icon at all.
  await choose(severus, 'selection-comments', 'icon-url', 'star');
  await element(severus).locator('p').nth(1).selectText();
  await expect(labelled.locator('img.cord-icon')).toHaveAttribute('src', /^data:image\/svg\+xml,/);
  await expect(labelled.locator('svg.cord-icon')).toHaveCount(0);
  await choose(severus, 'selection-comments', 'icon-url', 'none');
  await element(severus).locator('p').nth(1).selectText();
  await expect(labelled).toHaveText('Comment');
  await expect(labelled.locator('.cord-icon')).toHaveCount(0);
  problems.assertClean();
});

test("LiveCursors: each user sees the other's cursor with their name, from React's component and Cord's elements", async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);
  const title = (page: Page) => page.getByRole('heading', { name: "Cord's components on local Cord" });
  const cursorOf = (page: Page, name: string) => page.locator('.cord-live-cursors-cursor', { hasText: name });

  /** Minerva points at a spot of the page's title; Severus sees her cursor there. */
  async function pointAndSee(fraction: number) {
    const box = (await title(minerva).boundingBox())!;
    await minerva.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    const cursor = cursorOf(severus, 'Minerva Halleck');
    await expect(cursor).toBeVisible();
    const theirs = (await title(severus).boundingBox())!;
    await expect
      .poll(async () => ((await cursor.boundingBox())!.x + 2 - theirs.x) / theirs.width, { timeout: 3_000 })
      .toBeCloseTo(fraction, 1);
    return cursor;
  }

  // @cord-sdk/react's LiveCursors on both pages (pure React on Cord's presence API).
  const cursor = await pointAndSee(0.2);
  await expect(cursor).toHaveClass(/cord-color-palette-\d/);
  await expect(cursor.locator('.cord-live-cursors-name')).toHaveText('Minerva Halleck');
  await expect(cursorOf(severus, 'Severus Atreides')).toHaveCount(0);
  await pointAndSee(0.6);

  // Clicks show as a ring where they happen.
  await minerva.mouse.down();
  await expect(severus.locator('.cord-live-cursors-click')).toBeVisible();
  await minerva.mouse.up();

  // Severus on Cord's <cord-live-cursors>, Minerva still on React's: the same presence.
  await choose(severus, 'live-cursors', 'render with', 'cord-live-cursors');
  await expect(severus.locator('cord-live-cursors')).toHaveClass(/cord-component-live-cursors/);
  await pointAndSee(0.4);
  const mine = severus.locator('cord-live-cursors .cord-live-cursors-cursor', { hasText: 'Minerva Halleck' });
  await expect(mine.locator('.cord-live-cursors-icon')).toBeVisible();
  // And Minerva sees Severus's cursor, sent by the element.
  const heading = (await title(severus).boundingBox())!;
  await severus.mouse.move(heading.x + 10, heading.y + 5);
  await expect(cursorOf(minerva, 'Severus Atreides')).toBeVisible();
  // show-viewer-cursor: Severus sees his own too.
  await toggle(severus, 'live-cursors', 'showViewerCursor');
  await severus.mouse.move(heading.x + 30, heading.y + 5);
  await expect(cursorOf(severus, 'Severus Atreides')).toBeVisible();
  await toggle(severus, 'live-cursors', 'showViewerCursor');

  // show-cursors="false": Severus sees nobody's cursor, though Minerva moves; on again, hers is back.
  await toggle(severus, 'live-cursors', 'showCursors');
  await expect(cursorOf(severus, 'Minerva Halleck')).toHaveCount(0);
  const minervaTitle = (await title(minerva).boundingBox())!;
  await minerva.mouse.move(minervaTitle.x + 50, minervaTitle.y + 5);
  await expect(cursorOf(minerva, 'Severus Atreides')).toBeVisible();
  await expect(cursorOf(severus, 'Minerva Halleck')).toHaveCount(0);
  await toggle(severus, 'live-cursors', 'showCursors');
  await pointAndSee(0.3);

  // send-cursor="false": his cursor leaves Minerva's page and stays away as he moves; on again, it is back.
  await toggle(severus, 'live-cursors', 'sendCursor');
  await expect(cursorOf(minerva, 'Severus Atreides')).toHaveCount(0);
  await severus.mouse.move(heading.x + 40, heading.y + 5);
  await pointAndSee(0.7);
  await expect(cursorOf(minerva, 'Severus Atreides')).toHaveCount(0);
  await toggle(severus, 'live-cursors', 'sendCursor');
  await severus.mouse.move(heading.x + 60, heading.y + 5);
  await expect(cursorOf(minerva, 'Severus Atreides')).toBeVisible();

  // click-display-duration: a click's ring lasts Cord's second by default, longer when asked.
  const ring = severus.locator('cord-live-cursors .cord-live-cursors-click');
  await minerva.mouse.down();
  await minerva.mouse.up();
  await expect(ring).toBeVisible();
  await expect(ring).toHaveCount(0);
  await choose(severus, 'live-cursors', 'clickDisplayDuration', '10000');
  await pointAndSee(0.5);
  await minerva.mouse.down();
  await minerva.mouse.up();
  await expect(ring).toBeVisible();
  await severus.waitForTimeout(2_500);
  await expect(ring).toBeVisible();

  // The deprecated <cord-multiple-cursors>: its older look, a name on a colour of its four.
  await choose(severus, 'live-cursors', 'render with', 'cord-multiple-cursors');
  await pointAndSee(0.5);
  await expect(
    severus.locator('cord-multiple-cursors .cord-live-cursors-name', { hasText: 'Minerva Halleck' }),
  ).toHaveCSS('background-color', /rgb\((154, 106, 255|235, 87, 87)\)/);

  // Minerva leaves: her cursor goes.
  await minerva.context().close();
  await expect(cursorOf(severus, 'Minerva Halleck')).toHaveCount(0);
  problems.assertClean();
});

test('CordSDK.annotation: a point as an anchor to the element under it, found again after scrolling', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const target = section(severus, 'avatar').locator('h2');
  const box = (await target.boundingBox())!;
  const point = { x: box.x + box.width / 4, y: box.y + box.height / 2 };
  const anchor = await cord<string>(
    severus,
    `(sdk) => sdk.annotation.viewportCoordinatesToString(${JSON.stringify(point)})`,
  );
  expect(anchor).toContain('"path"');
  await severus.evaluate(() => window.scrollBy(0, 50));
  const after = await cord<{ x: number; y: number }>(
    severus,
    `(sdk) => sdk.annotation.stringToViewportCoordinates(${JSON.stringify(anchor)})`,
  );
  expect(after.x).toBeCloseTo(point.x, 0);
  expect(after.y).toBeCloseTo(point.y - 50, 0);
  // An anchor to an element no longer on the page gives null.
  await target.evaluate((element) => element.remove());
  await expect(
    cord(severus, `(sdk) => sdk.annotation.stringToViewportCoordinates(${JSON.stringify(anchor)})`),
  ).resolves.toBeNull();
});
