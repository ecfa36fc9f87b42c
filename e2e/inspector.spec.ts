import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, LOCAL_CORD_URL, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { GROUP, rest } from './restApi.ts';

// Local Cord's inspector (its root page) and Cord's REST API, against the running stack:
// what a server writes through the API shows in the inspector and in the tutorial page,
// live; the reset asks first, then empties everything.

const TUTORIAL_THREAD = 'a-first-conversation';

async function postMessage(authorID: string, text: string) {
  const answer = await rest('POST', `threads/${TUTORIAL_THREAD}/messages`, {
    authorID,
    content: [{ type: 'p', children: [{ text }] }],
    createThread: { groupID: GROUP, name: 'Tutorial', url: WEB_URL, location: { page: 'create-an-auth-token' } },
  });
  expect(answer).toMatchObject({ status: 200, body: { success: true } });
}

const section = (page: Page, name: string) => page.getByRole('region', { name });

test('shows the users `pnpm seed` creates through the REST API and what the API writes, live', async ({
  page,
  stack,
}) => {
  const problems = watchForProblems(page);
  await page.goto(`${LOCAL_CORD_URL}/`);
  await expect(page.getByRole('heading', { name: 'Local Cord inspector' })).toBeVisible();

  const seeded = await promisify(execFile)('pnpm', ['seed'], { env: stack.env });
  expect(seeded.stdout).toContain('Seeded local Cord');
  await expect(section(page, 'Users')).toContainText('Hermione Organa');
  await expect(section(page, 'Groups')).toContainText(GROUP);

  const userId = `ida-${randomUUID()}`;
  await rest('PUT', `users/${userId}`, { name: 'Ida Inspector', email: 'ida@example.com' });
  await rest('POST', `groups/${GROUP}/members`, { add: [userId] });
  const users = section(page, 'Users');
  await expect(users.getByRole('row', { name: new RegExp(userId) })).toContainText('Ida Inspector');

  // Markup in a message is text, never markup, in the inspector.
  const text = `From the API <img src=x onerror="document.title='owned'"> ${randomUUID()}`;
  await postMessage(userId, text);
  const threads = section(page, 'Threads');
  await expect(threads.getByRole('listitem').filter({ hasText: text })).toContainText('Ida Inspector');
  await expect(threads.locator('img')).toHaveCount(0);

  await rest('PUT', `users/${userId}`, { name: 'Ida Renamed' });
  await expect(threads.getByRole('listitem').filter({ hasText: text })).toContainText('Ida Renamed');
  await expect(page).toHaveTitle('Local Cord inspector');
  problems.assertClean();
});

test('a message posted through the API appears in the open tutorial page; the inspector shows who is there', async ({
  page,
  context,
}) => {
  const tutorial = await context.newPage();
  const problems = [watchForProblems(page), watchForProblems(tutorial)];
  await tutorial.goto(`${WEB_URL}/?userIndex=0`);
  await expect(tutorial.locator('cord-thread .cord-composer-input')).toBeEnabled();
  await page.goto(`${LOCAL_CORD_URL}/`);

  const presence = section(page, 'Presence').getByRole('row', { name: /Severus Atreides/ });
  const present = presence.filter({ hasText: 'here now' });
  await expect(present).toContainText(GROUP);
  const signIn = section(page, 'Sign-ins')
    .getByRole('row', { name: /severusatreides/ })
    .first();
  await expect(signIn).toContainText('accepted');
  await expect(signIn).toContainText('"user_id": "severusatreides"');

  const text = `Hello from a server ${randomUUID()}`;
  await postMessage('minervahalleck', text);
  const received = tutorial.locator('cord-thread .cord-message', { hasText: text });
  await expect(received).toBeVisible();
  await expect(received.locator('.cord-author-name')).toHaveText('Minerva Halleck');
  for (const watcher of problems) watcher.assertClean();
  await tutorial.close();
});

test('the reset asks for confirmation, then empties every list', async ({ page }) => {
  const problems = watchForProblems(page);
  await rest('PUT', 'users/to-be-reset', { name: 'To Be Reset' });
  await page.goto(`${LOCAL_CORD_URL}/`);
  const users = section(page, 'Users');
  await expect(users).toContainText('To Be Reset');
  const reset = page.getByRole('button', { name: 'Reset local Cord…' });

  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm');
    expect(dialog.message()).toContain('deletes every user');
    void dialog.dismiss();
  });
  await reset.click();
  await expect(reset).toBeEnabled();
  expect((await rest('GET', 'users/to-be-reset')).status).toBe(200);

  page.once('dialog', (dialog) => void dialog.accept());
  await reset.click();
  await expect(users).toHaveText(/No users yet\./);
  await expect(section(page, 'Groups')).toContainText('No groups yet.');
  await expect(section(page, 'Threads')).toContainText('No threads yet.');
  await expect(section(page, 'Presence')).toContainText('Nobody is or was anywhere yet.');
  expect((await rest('GET', 'users/to-be-reset')).status).toBe(404);
  problems.assertClean();
});

test('the search box finds a user, a group or a thread by id or name', async ({ page }) => {
  const problems = watchForProblems(page);
  const userId = `sought-${randomUUID()}`;
  await rest('PUT', `users/${userId}`, { name: 'Sought After' });
  await page.goto(`${LOCAL_CORD_URL}/`);
  const users = section(page, 'Users');
  await expect(users.getByRole('row', { name: new RegExp(userId) })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search users, groups and threads' }).fill(userId);
  await expect(users.getByRole('row')).toHaveCount(2);
  await expect(users).toContainText(`1 user matching “${userId}”`);
  await expect(section(page, 'Groups')).toContainText('No groups match.');

  await page.getByRole('searchbox', { name: 'Search users, groups and threads' }).fill('');
  await expect(users.getByRole('row', { name: /Sought After/ })).toBeVisible();
  problems.assertClean();
});
