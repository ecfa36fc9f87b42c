import { randomUUID } from 'node:crypto';
import { MAX_MESSAGE_LENGTH } from '@cord-tutorial/local-cord/protocol';
import { expect, LOCAL_CORD_URL, PORTS, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { composer, message, openAs, presenceOf, submit } from './pages.ts';

// Bad input and faults as a person at the page meets them: a message over the limit,
// local Cord crashing under two open browsers, the token server going away and back.

/** Open WebSocket connections local Cord counts. */
async function connections(): Promise<number> {
  const health = (await (await fetch(`${LOCAL_CORD_URL}/health`)).json()) as { connections: number };
  return health.connections;
}

test('a message over the limit shows an error in the composer and is never sent', async ({ page }) => {
  const problems = watchForProblems(page);
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => sent.push(String(payload))));
  await page.goto(`${WEB_URL}/?userIndex=0`);
  await expect(composer(page)).toBeEnabled();
  const alert = page.locator('cord-thread').getByRole('alert');
  const marker = `Too long ${randomUUID()} `;

  // Exactly at the limit is fine; typing one more character is not.
  await composer(page).fill(marker + 'x'.repeat(MAX_MESSAGE_LENGTH - marker.length));
  await expect(alert).toHaveCount(0);
  await composer(page).press('y');
  await expect(alert).toHaveText(
    `This message is too long: at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`,
  );

  // Neither Enter nor the send button sends it; the text stays for the writer to shorten.
  await composer(page).press('Enter');
  await page.locator('cord-thread .cord-send-button').click();
  await expect(alert).toBeVisible();
  await expect(composer(page)).toHaveText(new RegExp(`^${marker}x+y$`));
  await expect(message(page, marker)).toHaveCount(0);

  // Shortened, it goes: the error clears and the frame we watch for does show up.
  const short = `Short enough ${randomUUID()}`;
  await submit(page, short);
  await expect(alert).toHaveCount(0);
  await expect(message(page, short)).toBeVisible();
  await expect
    .poll(() => sent.filter((frame) => frame.includes('"message.send"') && frame.includes(short)).length)
    .toBe(1);
  expect(sent.filter((frame) => frame.includes(marker))).toEqual([]);

  await page.reload();
  await expect(message(page, short)).toHaveCount(1);
  await expect(message(page, marker)).toHaveCount(0);
  problems.assertClean();
});

test('two open browsers ride out a crash of local Cord: they reconnect, presence recovers, no message lost or doubled', async ({
  browser,
  stack,
}) => {
  const severus = await openAs(browser, 0);
  const minerva = await openAs(browser, 1);
  for (const page of [severus, minerva]) {
    await expect(presenceOf(page, /^Severus Atreides/)).toHaveClass(/cord-present/);
    await expect(presenceOf(page, /^Minerva Halleck/)).toHaveClass(/cord-present/);
  }
  const before = `Before the crash ${randomUUID()}`;
  await submit(severus, before);
  await expect(message(minerva, before)).toBeVisible();

  // SIGKILL, then a restart on the same database. Minerva writes while it is down.
  const connectedBefore = await connections();
  expect(connectedBefore).toBeGreaterThanOrEqual(2);
  const restarting = stack.restartLocalCord('SIGKILL');
  const during = `Written while local Cord was down ${randomUUID()}`;
  await submit(minerva, during);
  await restarting;

  // Both pages reconnect by themselves, without a reload.
  await expect.poll(connections, { timeout: 15_000 }).toBe(connectedBefore);
  const after = `After the restart ${randomUUID()}`;
  await submit(severus, after);
  for (const page of [severus, minerva]) {
    for (const text of [before, during, after]) {
      await expect(message(page, text)).toHaveCount(1, { timeout: 10_000 });
      await expect(message(page, text)).not.toHaveClass(/cord-pending/);
    }
  }

  // Presence is live again on both: a newcomer shows up on each page ...
  const hermione = await openAs(browser, 2);
  for (const page of [severus, minerva]) {
    await expect(presenceOf(page, /^Hermione Organa/)).toHaveClass(/cord-present/);
  }
  // ... and Minerva re-claimed her presence with the new server: leaving marks her absent at once.
  await minerva.context().close();
  for (const page of [severus, hermione]) {
    await expect(presenceOf(page, /^Minerva Halleck/)).toHaveClass(/cord-not-present/, { timeout: 5_000 });
    await expect(presenceOf(page, /^Severus Atreides/)).toHaveClass(/cord-present/);
  }

  // The store agrees: each message once, after a reload.
  await severus.reload();
  for (const text of [before, during, after]) await expect(message(severus, text)).toHaveCount(1);
  await severus.context().close();
  await hermione.context().close();
});

test('says when the token server is unreachable and recovers by itself when it is back', async ({ browser, stack }) => {
  await stack.stopTokenServer();
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = watchForProblems(page);
    let failedFetches = 0;
    page.on('requestfailed', (request) => {
      if (request.url().includes('/generate-cord-token')) failedFetches++;
    });
    await page.goto(`${WEB_URL}/?userIndex=2`);

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(
      `Could not reach the token server at http://localhost:${PORTS.tokenServer}/generate-cord-token?userIndex=2`,
    );
    // No token, no Cord: nothing to type into.
    await expect(page.locator('cord-thread .cord-composer-input:enabled')).toHaveCount(0);
    // It keeps trying (every 3 s) and keeps saying so.
    await expect.poll(() => failedFetches, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect(alert).toContainText('Could not reach the token server');

    await stack.startTokenServer();
    await expect(alert).toHaveCount(0, { timeout: 10_000 });
    await expect(composer(page)).toBeEnabled();
    await expect(presenceOf(page, 'Hermione Organa (you)')).toBeVisible();
    const text = `Back in business ${randomUUID()}`;
    await submit(page, text);
    await expect(message(page, text)).not.toHaveClass(/cord-pending/);
    // The refused fetches are the only console errors.
    problems.assertClean([/console error: Failed to load resource: net::ERR_CONNECTION_REFUSED/]);
    await page.context().close();
  } finally {
    await stack.startTokenServer();
  }
});

test("says when Cord's SDK script cannot load (local Cord not running), and works after a reload once it is", async ({
  page,
  stack,
}) => {
  await stack.stopService('cord');
  try {
    await page.goto(`${WEB_URL}/?userIndex=0`);
    await expect(page.getByRole('alert')).toContainText(
      `Cord's SDK script did not load from ${LOCAL_CORD_URL}/sdk/v1/sdk.latest.js`,
    );
  } finally {
    await stack.startService('cord');
  }
  await page.reload();
  await expect(composer(page)).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
